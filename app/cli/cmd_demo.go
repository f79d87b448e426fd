package cli

import (
	"errors"
	"flag"
	"strings"

	"dossier/app/demo"
	"dossier/app/store"
)

func init() {
	Register(&Command{
		Name: "demo", Order: 41,
		Summary: "cli.demo.summary", Help: "cli.demo.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			dir := fs.String("workspace", "", "workspace folder")
			n := fs.Int("employees", 0, "roster size")
			return func(env *Env, args []string) error {
				if len(args) > 0 {
					return env.Usagef("cli.err.extra_args", strings.Join(args, " "))
				}
				if *n < 0 || *n > 1_000_000 {
					return env.Usagef("cli.demo.bad_count", *n)
				}
				w, err := openWorkspace(env, *dir, true)
				if err != nil {
					return err
				}
				defer w.Close()
				err = demo.Fill(env.Ctx, w, demo.Options{Employees: *n, Today: env.Today, Scans: true})
				if errors.Is(err, demo.ErrNotEmpty) {
					return &InputError{Msg: env.P.T("cli.demo.not_empty", *dir), Err: err}
				}
				if err != nil {
					return err
				}
				es, err := w.Employees(env.Ctx, store.EmployeeFilter{})
				if err != nil {
					return err
				}
				if env.JSON {
					return env.WriteJSON(map[string]any{"workspace": w.Dir(), "employees": len(es)})
				}
				env.Printf("%s\n", env.P.T("cli.demo.done", w.Dir(), len(es)))
				return nil
			}
		},
	})
}
