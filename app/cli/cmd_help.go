package cli

import (
	"flag"
	"fmt"
	"strings"

	"dossier/app/buildinfo"
	"dossier/app/i18n"
)

func init() {
	Register(&Command{
		Name:    "help",
		Args:    "[COMMAND]",
		Summary: "cli.help.summary",
		Order:   900,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				if len(args) == 0 {
					writeOverview(env)
					return nil
				}
				cmd := lookup(args[0])
				if cmd == nil {
					return env.Usagef("cli.err.unknown_command", args[0])
				}
				writeCommandHelp(env, cmd)
				return nil
			}
		},
	})
	Register(&Command{
		Name:    "version",
		Summary: "cli.version.summary",
		Order:   910,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				if len(args) > 0 {
					return env.Usagef("cli.err.extra_args", strings.Join(args, " "))
				}
				set, err := env.Rules()
				if err != nil {
					return err
				}
				if env.JSON {
					return env.WriteJSON(map[string]any{
						"name":          buildinfo.Name,
						"version":       buildinfo.Version,
						"build":         buildinfo.Build,
						"commit":        buildinfo.Commit,
						"rules_version": set.Version(),
						"rules":         set.Sections(),
					})
				}
				commit := buildinfo.Commit
				if commit == "" {
					commit = "-"
				}
				env.Printf("%s %s (build %d, commit %s)\n", buildinfo.Name, buildinfo.Version, buildinfo.Build, commit)
				env.Printf("%s\n", env.P.T("cli.version.rules", set.Version(), set.Describe()))
				return nil
			}
		},
	})
}

func writeOverview(env *Env) {
	p := env.P
	fmt.Fprintf(env.Stdout, "%s %s — %s\n\n", buildinfo.Name, buildinfo.Version, p.T("cli.tagline"))
	fmt.Fprintf(env.Stdout, "%s\n", p.T("cli.usage.overview"))
	fmt.Fprintf(env.Stdout, "\n%s\n", p.T("cli.commands"))
	for _, c := range commands() {
		fmt.Fprintf(env.Stdout, "  %-10s %s\n", c.Name, p.T(c.Summary))
	}
	fmt.Fprintf(env.Stdout, "\n%s\n", p.T("cli.global_flags"))
	fmt.Fprintf(env.Stdout, "%s\n", p.T("cli.global_flags.list"))
	fmt.Fprintf(env.Stdout, "\n%s\n", p.T("cli.exit_codes"))
}

func writeCommandHelp(env *Env, cmd *Command) {
	p := env.P
	fmt.Fprintf(env.Stdout, "%s: dossier %s [%s] %s\n\n%s\n", p.T("cli.usage"), cmd.Name, p.T("cli.options"), argsOf(env, cmd), p.T(cmd.Summary))
	if cmd.Help != "" {
		fmt.Fprintf(env.Stdout, "\n%s\n", p.T(cmd.Help))
	}
	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	cmd.Setup(fs)
	var own []string
	fs.VisitAll(func(f *flag.Flag) {
		own = append(own, fmt.Sprintf("  --%-14s %s", f.Name, flagUsage(env, cmd, f)))
	})
	if len(own) > 0 {
		fmt.Fprintf(env.Stdout, "\n%s\n%s\n", p.T("cli.options"), strings.Join(own, "\n"))
	}
	fmt.Fprintf(env.Stdout, "\n%s\n%s\n", p.T("cli.global_flags"), p.T("cli.global_flags.list"))
}

// argsOf is the command's synopsis in the reader's language when the
// catalogue has "cli.<command>.args" (НОМЕР, not NUMBER, in a Russian usage
// line), else as declared.
func argsOf(env *Env, cmd *Command) string {
	if key := "cli." + cmd.Name + ".args"; i18n.Has(key) {
		return env.P.T(key)
	}
	return cmd.Args
}

// flagUsage shows a flag's description from the catalogue when a key
// "cli.<command>.flag.<name>" exists, else the text given at declaration.
func flagUsage(env *Env, cmd *Command, f *flag.Flag) string {
	key := "cli." + cmd.Name + ".flag." + f.Name
	if i18n.Has(key) {
		return env.P.T(key)
	}
	return f.Usage
}
