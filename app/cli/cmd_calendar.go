package cli

import (
	"flag"

	"dossier/app/kz"
	"strconv"
	"strings"
)

func init() {
	Register(&Command{
		Name: "calendar", Args: "YEAR", Order: 30,
		Summary: "cli.calendar.summary", Help: "cli.calendar.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				if len(args) != 1 {
					if len(args) == 0 {
						return env.Usagef("cli.err.need_args", env.P.T("cli.calendar.args"))
					}
					return env.Usagef("cli.err.extra_args", strings.Join(args[1:], " "))
				}
				year, err := strconv.Atoi(args[0])
				if err != nil || year < 1992 || year > 2100 {
					return env.Usagef("cli.calendar.bad_year", args[0])
				}
				set, err := env.Rules()
				if err != nil {
					return err
				}
				cal := set.Calendar()
				info := cal.WithMessages(cal.Year(year), env.Lang)
				if env.JSON {
					return env.WriteJSON(info)
				}
				p := env.P
				env.Printf("%s\n", p.T("cli.calendar.title", year))
				if info.Coverage == kz.Derived {
					env.Printf("%s\n", p.T("cli.calendar.derived"))
				}
				// What the year's calendar does not know is said before the
				// dates, so nobody reads the list without the reservation.
				for _, n := range info.Notes {
					mark := "  "
					if n.Warning() {
						mark = "! "
					}
					env.Printf("%s%s\n", mark, n.Message)
				}
				env.Printf("\n%s\n", p.T("cli.calendar.days_off"))
				for _, d := range info.Details {
					why := p.T("cli.calendar.reason.transfer")
					if d.Reason != "transfer" {
						why = p.T("cli.calendar.reason."+d.Reason, cal.HolidayName(d.Holiday, env.Lang))
					}
					env.Printf("  %s %-3s %s\n", d.Date.DMY(), p.T("cli.weekday."+strconv.Itoa(int(d.Date.Weekday()))), why)
				}
				if len(info.WorkingWeekends) > 0 {
					env.Printf("\n%s\n", p.T("cli.calendar.working_weekends"))
					for _, d := range info.WorkingWeekends {
						env.Printf("  %s %s\n", d.DMY(), p.T("cli.weekday."+strconv.Itoa(int(d.Weekday()))))
					}
				}
				return nil
			}
		},
	})
}
