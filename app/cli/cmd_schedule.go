package cli

import (
	"errors"
	"flag"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"dossier/app/clocks"
	"dossier/app/schedule"
	"dossier/app/store"
)

func init() {
	Register(&Command{
		Name: "schedule", Order: 42,
		Summary: "cli.schedule.summary", Help: "cli.schedule.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			dir := fs.String("workspace", "", "workspace folder")
			out := fs.String("out", "", "the .xlsx file to write")
			from := DateFlag(fs, "from", "first day (YYYY-MM-DD)")
			to := DateFlag(fs, "to", "last day (YYYY-MM-DD)")
			bin := fs.String("employer", "", "BIN of one employer")
			return func(env *Env, args []string) error {
				if len(args) > 0 {
					return env.Usagef("cli.err.extra_args", strings.Join(args, " "))
				}
				if *out == "" {
					return env.Usagef("cli.schedule.need_out")
				}
				opts := schedule.Options{From: *from, To: *to, Today: env.Today, EmployerBIN: strings.TrimSpace(*bin)}
				if opts.From.IsZero() {
					opts.From = env.Today
				}
				if opts.To.IsZero() {
					opts.To = opts.From.AddDays(90)
				}
				if opts.To.Before(opts.From) {
					return env.Usagef("cli.schedule.bad_range", opts.From.DMY(), opts.To.DMY())
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
				opts.Calendar = set.Calendar()
				opts.EAEU = func(c string) bool { return set.InGroup("eaeu", c) }
				if w.Contains(*out) {
					return &InputError{Msg: store.Explain(env.Lang, store.ErrInsideWorkspace), Err: store.ErrInsideWorkspace}
				}
				if opts.EmployerBIN != "" {
					if _, err := w.EmployerByBIN(env.Ctx, opts.EmployerBIN); errors.Is(err, store.ErrNotFound) {
						return &InputError{Msg: env.P.T("cli.import.no_employer", opts.EmployerBIN), Err: err}
					} else if err != nil {
						return err
					}
				}
				lead, err := w.Setting(env.Ctx, store.SettingRenewalLead, "")
				if err != nil {
					return err
				}
				if n, err := strconv.Atoi(lead); err == nil && n > 0 {
					opts.LeadDays = n
				}
				clockItems, err := clocks.Collect(env.Ctx, w, set, opts.EmployerBIN, env.Today, opts.To, env.Lang)
				if err != nil {
					return err
				}
				defer tuneMemory()()
				sum, err := schedule.WriteFile(env.Ctx, w, *out, schedule.WriteOptions{Options: opts, Lang: env.Lang, TmpDir: w.TempDir(),
					Clocks: clockItems})
				if err != nil {
					return &InputError{Msg: env.P.T("cli.schedule.write_failed", *out, store.Explain(env.Lang, err)), Err: err}
				}
				if env.JSON {
					return env.WriteJSON(map[string]any{"out": *out, "from": opts.From, "to": opts.To, "summary": sum})
				}
				env.Printf("%s\n", env.P.T("cli.schedule.done", opts.From.DMY(), opts.To.DMY(), sum.Rows, sum.Overdue, *out))
				return nil
			}
		},
	})
}

// tuneMemory keeps a large export within about 100 MiB and a small one free
// of garbage-collection pauses: the heap may grow to 5× the live data, but the
// collector works harder past 56 MiB. (The live data of 100,000 rows is about
// 35 MiB, 16-20 of it excelize's stream buffer; at 48 MiB the collector ran a
// hundred times and doubled the export's CPU time.) Settings from GOGC and
// GOMEMLIMIT win.
// It returns a function that restores the previous settings.
func tuneMemory() func() {
	prevLimit, prevPercent := int64(-1), -1
	if os.Getenv("GOMEMLIMIT") == "" {
		prevLimit = debug.SetMemoryLimit(56 << 20)
	}
	if os.Getenv("GOGC") == "" {
		prevPercent = debug.SetGCPercent(400)
	}
	return func() {
		if prevLimit >= 0 {
			debug.SetMemoryLimit(prevLimit)
		}
		if prevPercent >= 0 {
			debug.SetGCPercent(prevPercent)
		}
	}
}
