package cli

import (
	"dossier/app/store"
	"errors"
	"flag"
	"strings"
)

func init() {
	Register(&Command{
		Name: "backup", Order: 43,
		Summary: "cli.backup.summary", Help: "cli.backup.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			dir := fs.String("workspace", "", "workspace folder")
			out := fs.String("out", "", "the .zip file to write")
			return func(env *Env, args []string) error {
				if len(args) > 0 {
					return env.Usagef("cli.err.extra_args", strings.Join(args, " "))
				}
				if *out == "" {
					return env.Usagef("cli.backup.need_out")
				}
				w, err := openWorkspace(env, *dir, false)
				if err != nil {
					return err
				}
				defer w.Close()
				if err := w.Backup(env.Ctx, *out, nil); err != nil {
					if errors.Is(err, store.ErrInsideWorkspace) {
						return &InputError{Msg: store.Explain(env.Lang, err), Err: err}
					}
					return &InputError{Msg: env.P.T("cli.backup.failed", *out, store.Explain(env.Lang, err)), Err: err}
				}
				if env.JSON {
					return env.WriteJSON(map[string]any{"out": *out})
				}
				env.Printf("%s\n", env.P.T("cli.backup.done", *out))
				return nil
			}
		},
	})
}
