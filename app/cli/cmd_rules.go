package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"dossier/app/rules"
)

// maxRulesFile bounds what `rules check` reads: the built-in file is under
// 100 KB; anything near this is not a rules file.
const maxRulesFile = 8 << 20

func init() {
	Register(&Command{
		Name: "rules", Args: "check FILE | changes", Order: 32,
		Summary: "cli.rules.summary", Help: "cli.rules.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				if len(args) == 0 {
					return env.Usagef("cli.err.need_args", env.P.T("cli.rules.args"))
				}
				switch args[0] {
				case "check":
					if len(args) < 2 {
						return env.Usagef("cli.err.need_args", strings.Fields(env.P.T("cli.rules.args"))[1])
					}
					if len(args) > 2 {
						return env.Usagef("cli.err.extra_args", strings.Join(args[2:], " "))
					}
					return rulesCheck(env, args[1])
				case "changes":
					if len(args) > 1 {
						return env.Usagef("cli.err.extra_args", strings.Join(args[1:], " "))
					}
					return rulesChanges(env)
				}
				return env.Usagef("cli.rules.bad_sub", args[0])
			}
		},
	})
}

// rulesCheck examines a rules file against the built-in rules. Exit 1 when
// it has errors (it would be refused), 0 when it is usable (warnings are
// printed), 2 when it cannot be read at all.
func rulesCheck(env *Env, path string) error {
	data, err := readRulesFile(path)
	if err != nil {
		return &InputError{Msg: env.P.T("cli.err.read_file", path, err), Err: err}
	}
	base, err := rules.Embedded()
	if err != nil {
		return err
	}
	rep := rules.Check(data, base).In(env.Lang)
	if env.JSON {
		if err := env.WriteJSON(struct {
			File  string `json:"file"`
			Valid bool   `json:"valid"`
			rules.CheckReport
		}{path, !rep.HasErrors(), rep}); err != nil {
			return err
		}
	} else {
		printRulesCheck(env, path, rep)
	}
	if rep.HasErrors() {
		return ErrProblems
	}
	return nil
}

func printRulesCheck(env *Env, path string, rep rules.CheckReport) {
	p := env.P
	env.Printf("%s\n", p.T("cli.rules.checking", path))
	for _, sc := range rep.Sections {
		key := "cli.rules.section_ignored"
		if sc.WouldReplace {
			key = "cli.rules.section_replaces"
		}
		env.Printf("  %s\n", p.T(key, sc.Name, sc.Version, sc.BuiltinVersion))
	}
	if len(rep.Findings) > 0 {
		env.Printf("\n")
	}
	for _, f := range rep.Findings {
		where := ""
		if f.Where != "" {
			where = f.Where + ": "
		}
		env.Printf("  %s %s%s\n", p.T("cli.severity."+string(f.Severity)), where, f.Message)
	}
	if !rep.HasErrors() {
		printChanges(env, rep.Changes)
	}
	env.Printf("\n%s\n", p.T(map[bool]string{true: "cli.rules.invalid", false: "cli.rules.valid"}[rep.HasErrors()]))
}

func printChanges(env *Env, ch rules.Changes) {
	p := env.P
	if len(ch.Entries) == 0 {
		env.Printf("\n%s\n", p.T("cli.rules.no_changes", ch.FromVersion, ch.ToVersion))
		return
	}
	env.Printf("\n%s\n", p.T("cli.rules.changes", ch.FromVersion, ch.ToVersion))
	for _, e := range ch.Entries {
		env.Printf("  • %s\n", e.Message(env.Lang))
	}
}

// rulesChanges prints what the rules in force change: against the built-in
// rules when --rules gives a newer file, else against the previous release.
func rulesChanges(env *Env) error {
	set, err := env.Rules()
	if err != nil {
		return err
	}
	ch, err := rules.ChangesInForce(set)
	if err != nil {
		return err
	}
	ch = ch.In(env.Lang)
	if env.JSON {
		return env.WriteJSON(ch)
	}
	env.Printf("%s\n", env.P.T("cli.rules_version", set.Version()))
	printChanges(env, ch)
	return nil
}

func readRulesFile(path string) ([]byte, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxRulesFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxRulesFile {
		return nil, fmt.Errorf("larger than %d bytes", maxRulesFile)
	}
	return data, nil
}
