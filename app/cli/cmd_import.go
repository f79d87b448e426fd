package cli

import (
	"errors"
	"flag"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"dossier/app/roster"
	"dossier/app/store"
)

func init() {
	Register(&Command{
		Name: "import", Args: "FILE", Order: 40,
		Summary: "cli.import.summary", Help: "cli.import.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			dir := fs.String("workspace", "", "workspace folder")
			sheet := fs.String("sheet", "", "sheet of an .xlsx file")
			encoding := fs.String("encoding", "", "CSV encoding: utf-8, utf-16 or windows-1251")
			delimiter := fs.String("delimiter", "", "CSV separator: ; , tab |")
			employer := fs.String("employer", "", "BIN of the employer for rows that name none")
			partial := fs.Bool("partial", false, "write the good rows even when some lines could not be read")
			dryRun := fs.Bool("dry-run", false, "show what the import would do and write nothing")
			return func(env *Env, args []string) error {
				if len(args) == 0 {
					return env.Usagef("cli.err.need_args", "FILE")
				}
				if len(args) > 1 {
					return env.Usagef("cli.err.extra_args", strings.Join(args[1:], " "))
				}
				delim, ok := parseDelimiter(*delimiter)
				if !ok {
					return env.Usagef("cli.import.bad_delimiter", *delimiter)
				}
				switch strings.ToLower(*encoding) {
				case "", "utf-8", "utf8", "utf-16", "utf16", "windows-1251", "cp1251", "1251":
				default:
					return env.Usagef("cli.import.bad_encoding", *encoding)
				}
				// An import holds a whole roster in memory; collecting garbage
				// twice as often keeps a 50,000-row import near 100 MiB instead
				// of 140 (measured; docs/benchmarks.md) for about 3 % more CPU.
				defer debug.SetGCPercent(debug.SetGCPercent(50))
				tables, err := roster.ReadFile(args[0], roster.ReadOptions{Sheet: *sheet, Encoding: *encoding, Delimiter: delim})
				if err != nil {
					return &InputError{Msg: env.P.T("cli.import.unreadable", args[0], roster.Explain(env.Lang, err)), Err: err}
				}
				w, err := openWorkspace(env, *dir, true)
				if err != nil {
					return err
				}
				defer w.Close()
				res, err := roster.Import(env.Ctx, w, tables, roster.Options{
					EmployerBIN: *employer, Today: env.Today, Partial: *partial, DryRun: *dryRun,
				})
				switch {
				case errors.Is(err, roster.ErrNoHeader):
					return &InputError{Msg: env.P.T("cli.import.no_header", args[0]), Err: err}
				case errors.Is(err, store.ErrNotFound) && *employer != "":
					return &InputError{Msg: env.P.T("cli.import.no_employer", *employer), Err: err}
				case err != nil:
					return err
				}
				if env.JSON {
					if err := env.WriteJSON(res); err != nil {
						return err
					}
				} else {
					printImport(env, args[0], res, *dryRun)
				}
				if len(res.Skipped) > 0 || len(res.Unaccounted) > 0 {
					return ErrProblems
				}
				return nil
			}
		},
	})
}

func parseDelimiter(s string) (rune, bool) {
	switch strings.ToLower(s) {
	case "":
		return 0, true
	case ";", "semicolon":
		return ';', true
	case ",", "comma":
		return ',', true
	case "tab", "\\t", "\t":
		return '\t', true
	case "|", "pipe":
		return '|', true
	}
	return 0, false
}

func printImport(env *Env, file string, res roster.Result, dryRun bool) {
	p := env.P
	where := res.Sheet
	if where == "" {
		where = res.Encoding
	}
	lines := make([]string, len(res.HeaderLines))
	for i, l := range res.HeaderLines {
		lines[i] = strconv.Itoa(l)
	}
	env.Printf("%s\n", p.T("cli.import.header", file, where, strings.Join(lines, "–")))
	if res.Written {
		env.Printf("%s\n", p.T("cli.import.result", res.Added, res.Updated, len(res.Skipped)))
	} else {
		env.Printf("%s\n", p.T("cli.import.result_unwritten", res.Added, res.Updated, len(res.Skipped)))
	}
	for _, s := range res.Skipped {
		env.Printf("  %s\n", p.T("cli.import.skipped_line", s.Line, s.Text(env.Lang)))
	}
	for _, u := range res.Unaccounted {
		if u.EndLine > u.Line {
			env.Printf("  %s\n", p.T("cli.import.unread_lines", u.Line, u.EndLine, u.Text(env.Lang)))
		} else {
			env.Printf("  %s\n", p.T("cli.import.skipped_line", u.Line, u.Text(env.Lang)))
		}
	}
	if ig := res.Ignored; ig.Rows > 0 {
		env.Printf("  %s\n", ig.Text(env.Lang))
	}
	switch {
	case res.Written:
	case len(res.Unaccounted) > 0 && !dryRun:
		env.Printf("%s\n", p.T("cli.import.not_written", len(res.Unaccounted)))
	default:
		env.Printf("%s\n", p.T("cli.import.dry_run"))
	}
}

// openWorkspace opens the --workspace folder for the import, demo, schedule
// and backup commands, turning the errors people meet (another Dossier has
// it open, it was made by a newer version, it does not exist) into messages
// in their language.
func openWorkspace(env *Env, dir string, create bool) (*store.Workspace, error) {
	if dir == "" {
		return nil, env.Usagef("cli.workspace.needed")
	}
	w, err := store.Open(env.Ctx, dir, store.Options{Create: create})
	switch {
	case err == nil:
		return w, nil
	case errors.Is(err, store.ErrLocked), errors.Is(err, store.ErrTooNew), errors.Is(err, store.ErrNetworkVolume),
		errors.Is(err, store.ErrFolderNotEmpty):
		return nil, &InputError{Msg: store.Explain(env.Lang, err), Err: err}
	case errors.Is(err, os.ErrNotExist):
		return nil, &InputError{Msg: env.P.T("cli.workspace.missing", dir), Err: err}
	}
	return nil, &InputError{Msg: env.P.T("cli.workspace.cannot_open", dir, store.Explain(env.Lang, err)), Err: err}
}
