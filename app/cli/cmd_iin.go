package cli

import (
	"flag"
	"fmt"
	"strings"
	"unicode"

	"dossier/app/kz"
)

// The iin and bin commands check one identifier each and say what it encodes.
// A wrong check digit or length is a problem (exit 1); an odd date or code
// inside a number with the right check digit is only a warning (exit 0).
func init() {
	Register(&Command{
		Name:    "iin",
		Args:    "NUMBER",
		Summary: "cli.iin.summary",
		Help:    "cli.iin.help",
		Order:   100,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				number, err := oneNumber(env, "iin", args)
				if err != nil {
					return err
				}
				info := kz.ParseIIN(number, env.Today).In(env.Lang)
				if env.JSON {
					if err := env.WriteJSON(info); err != nil {
						return err
					}
				} else {
					writeIIN(env, info)
				}
				if !info.Valid {
					return ErrProblems
				}
				return nil
			}
		},
	})
	Register(&Command{
		Name:    "bin",
		Args:    "NUMBER",
		Summary: "cli.bin.summary",
		Help:    "cli.bin.help",
		Order:   110,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				number, err := oneNumber(env, "bin", args)
				if err != nil {
					return err
				}
				info := kz.ParseBIN(number, env.Today).In(env.Lang)
				if env.JSON {
					if err := env.WriteJSON(info); err != nil {
						return err
					}
				} else {
					writeBIN(env, info)
				}
				if !info.Valid {
					return ErrProblems
				}
				return nil
			}
		},
	})
}

// oneNumber insists on exactly one argument. Several arguments are most often
// one number typed with spaces and no quotes, so the message shows how to
// quote it.
func oneNumber(env *Env, cmd string, args []string) (string, error) {
	switch len(args) {
	case 0:
		return "", env.Usagef("cli.id.err.no_number", cmd)
	case 1:
		return args[0], nil
	}
	return "", env.Usagef("cli.id.err.many", cmd, len(args), strings.Join(args, " "))
}

func writeIIN(env *Env, info kz.IINInfo) {
	p := env.P
	header := "cli.iin.valid"
	if !info.Valid {
		header = "cli.iin.invalid"
	}
	fmt.Fprintln(env.Stdout, p.T(header, shownNumber(info.Number)))
	if !info.BirthDate.IsZero() {
		fmt.Fprintln(env.Stdout, "  "+p.T("cli.iin.birth_date", info.BirthDate.DMY()))
	}
	if info.Sex != kz.SexUnknown {
		fmt.Fprintln(env.Stdout, "  "+p.T("cli.iin.sex", info.Sex.Text(env.Lang)))
	}
	if info.Century != 0 {
		fmt.Fprintln(env.Stdout, "  "+p.T("cli.iin.century", info.Century, info.Century+99))
	}
	writeProblems(env, info.Errors, info.Warnings)
	if kz.Has(info.Warnings, kz.CodeLooksLikeBIN) {
		fmt.Fprintln(env.Stdout, p.T("cli.iin.try_bin", info.Number))
	}
}

func writeBIN(env *Env, info kz.BINInfo) {
	p := env.P
	header := "cli.bin.valid"
	if !info.Valid {
		header = "cli.bin.invalid"
	}
	fmt.Fprintln(env.Stdout, p.T(header, shownNumber(info.Number)))
	if !info.Registered.IsZero() {
		fmt.Fprintln(env.Stdout, "  "+p.T("cli.bin.registered", info.Registered.MY()))
	}
	if info.EntityType != kz.EntityUnknown {
		fmt.Fprintln(env.Stdout, "  "+p.T("cli.bin.entity_type", info.EntityType.Text(env.Lang)))
	}
	if info.Division != kz.DivisionUnknown {
		fmt.Fprintln(env.Stdout, "  "+p.T("cli.bin.division", info.Division.Text(env.Lang)))
	}
	writeProblems(env, info.Errors, info.Warnings)
	if kz.Has(info.Warnings, kz.CodeLooksLikeIIN) {
		fmt.Fprintln(env.Stdout, p.T("cli.bin.try_iin", info.Number))
	}
}

func writeProblems(env *Env, errs, warns []kz.Problem) {
	for _, group := range []struct {
		title string
		ps    []kz.Problem
	}{{"cli.id.errors", errs}, {"cli.id.warnings", warns}} {
		if len(group.ps) == 0 {
			continue
		}
		fmt.Fprintln(env.Stdout, env.P.T(group.title))
		for _, pr := range group.ps {
			fmt.Fprintln(env.Stdout, "  - "+pr.Message)
		}
	}
}

// shownNumber is the number as the header quotes it: a dash when nothing
// but separators was given; text that is not a number is cut to a line and
// stripped of control characters, so that whatever was passed cannot upset
// the terminal.
func shownNumber(n string) string {
	if n == "" {
		return "—"
	}
	const max = 40
	var b strings.Builder
	count := 0
	for _, r := range strings.ToValidUTF8(n, "\uFFFD") {
		if count == max {
			b.WriteRune('…')
			break
		}
		if !unicode.IsPrint(r) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
		count++
	}
	return b.String()
}
