package cli

import (
	"errors"
	"flag"
	"strings"

	"dossier/app/clocks"
	"dossier/app/store"
)

// dueWindows are the --within choices, in calendar days from today.
var dueWindows = map[string]int{"week": clocks.UrgentDays, "month": clocks.SoonDays}

func init() {
	Register(&Command{
		Name: "due", Order: 44,
		Summary: "cli.due.summary", Help: "cli.due.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			dir := fs.String("workspace", "", "workspace folder")
			bin := fs.String("company", "", "BIN of one company")
			within := fs.String("within", "", "week or month (default: everything)")
			return func(env *Env, args []string) error {
				if len(args) > 0 {
					return env.Usagef("cli.err.extra_args", strings.Join(args, " "))
				}
				days, limited := dueWindows[*within]
				if *within != "" && !limited {
					return env.Usagef("cli.due.bad_within", *within)
				}
				w, err := openWorkspace(env, *dir, false)
				if err != nil {
					return err
				}
				defer w.Close()
				set, err := env.RulesIn(w.Dir())
				if err != nil {
					return err
				}
				company := strings.Join(strings.Fields(*bin), "")
				if company != "" {
					if _, err := w.EmployerByBIN(env.Ctx, company); errors.Is(err, store.ErrNotFound) {
						return &InputError{Msg: env.P.T("cli.import.no_employer", company), Err: err}
					} else if err != nil {
						return err
					}
				}
				cos, err := clocks.Load(env.Ctx, w, set, company, env.Today, env.Lang)
				if err != nil {
					return err
				}
				type companyDue struct {
					BIN   string        `json:"bin"`
					Name  string        `json:"name"`
					Items []clocks.Item `json:"items"`
				}
				var out []companyDue
				for _, co := range cos {
					items := clocks.Compute(co, set, env.Today, env.Lang)
					if limited {
						items = clocks.Within(items, env.Today, days)
					}
					if items == nil {
						items = []clocks.Item{}
					}
					out = append(out, companyDue{BIN: co.Employer.BIN, Name: co.Employer.Name, Items: items})
				}
				if env.JSON {
					if out == nil {
						out = []companyDue{}
					}
					return env.WriteJSON(map[string]any{"today": env.Today, "within": *within, "companies": out})
				}
				total := 0
				for _, co := range out {
					name := co.Name
					if name == "" {
						name = env.P.T("cli.due.no_company")
					}
					if co.BIN != "" {
						name += " (" + co.BIN + ")"
					}
					env.Printf("%s\n", name)
					if len(co.Items) == 0 {
						env.Printf("  %s\n", env.P.T("cli.due.nothing"))
					}
					for _, it := range co.Items {
						who := it.Person
						if who == "" {
							who = env.P.T("cli.due.company_itself")
						}
						env.Printf("  %s  %-14s %s — %s [%s, %s]\n", it.Due.DMY(), clocks.SeverityName(it.Severity, env.Lang),
							who, it.Title, sourceName(it.Source, it.SourceTitle, it.SourceDate), env.P.T("cli.confidence."+string(it.Confidence)))
						for _, r := range it.Remarks {
							env.Printf("      ! %s\n", r)
						}
					}
					total += len(co.Items)
				}
				env.Printf("%s\n", env.P.T("cli.due.total", total))
				return nil
			}
		},
	})
}
