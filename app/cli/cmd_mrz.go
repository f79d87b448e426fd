package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"dossier/app/mrz"
	"dossier/app/scan"
)

// The mrz command reads the machine-readable zone of a passport or ID card,
// from its text or from scans of the data page, and says what each field
// holds and whether the check digits confirm it. A zone whose check digits
// fail, or a scan without a readable zone, is a problem (exit 1); a file
// that cannot be read at all is exit 2.
func init() {
	Register(&Command{
		Name:    "mrz",
		Args:    "FILE… | --text LINE1 LINE2 [LINE3]",
		Summary: "cli.mrz.summary",
		Help:    "cli.mrz.help",
		Order:   120,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			text := fs.Bool("text", false, "the arguments are the zone's lines")
			return func(env *Env, args []string) error {
				if !*text {
					return mrzFiles(env, args)
				}
				if len(args) == 0 {
					return env.Usagef("cli.mrz.err.no_lines")
				}
				reading, err := mrz.FromText(args...)
				if err != nil {
					return env.Usagef("cli.mrz.err.shape", lineLengths(args))
				}
				doc := mrzDocument{Source: "text", Found: true}
				doc.fill(env, mrz.Decode(reading, env.Today))
				if env.JSON {
					if err := env.WriteJSON(doc); err != nil {
						return err
					}
				} else {
					writeMRZ(env, doc)
				}
				if !doc.Valid {
					return ErrProblems
				}
				return nil
			}
		},
	})
}

// mrzDocument is one zone as the command reports it (JSON and text).
type mrzDocument struct {
	Source string `json:"source"`
	Found  bool   `json:"found"`
	// Error says why a file could not be read; Turn and Zone where on the
	// page the zone was (files only).
	Error string         `json:"error,omitempty"`
	Turn  *int           `json:"turn,omitempty"`
	Zone  *[4][2]float64 `json:"zone,omitempty"`
	*mrz.Result
	Problems []mrzProblem `json:"problems"`
}

// mrzFiles reads the zone on each scan, one after another (a page takes
// well under a second and its decoded picture is the largest thing held).
func mrzFiles(env *Env, paths []string) error {
	if len(paths) == 0 {
		return env.Usagef("cli.mrz.err.no_input")
	}
	var docs []mrzDocument
	unreadable, problems := false, false
	for _, path := range paths {
		doc := mrzDocument{Source: path, Problems: []mrzProblem{}}
		sc, err := mrz.ReadFile(env.Ctx, path, env.Today)
		switch {
		case err != nil:
			unreadable = true
			doc.Error = mrzFileError(env, path, err)
		case !sc.Found:
			problems = true
		default:
			doc.Found = true
			doc.Turn, doc.Zone = &sc.Turn, &sc.Zone
			doc.fill(env, sc.Result)
			if !sc.Result.Valid || sc.Result.Uncertain() {
				problems = true
			}
		}
		docs = append(docs, doc)
		if !env.JSON {
			writeMRZFile(env, doc)
		}
	}
	if env.JSON {
		if err := env.WriteJSON(docs); err != nil {
			return err
		}
	}
	switch {
	case unreadable:
		return &InputError{Msg: env.P.T("cli.mrz.err.some_unreadable")}
	case problems:
		return ErrProblems
	}
	return nil
}

func mrzFileError(env *Env, path string, err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return env.P.T("cli.mrz.err.missing", path)
	case errors.Is(err, mrz.ErrNotPicture):
		if k, kerr := scan.SniffFile(path); kerr == nil && k == scan.KindPDF {
			return env.P.T("cli.mrz.err.pdf_not_scan", path)
		}
		return env.P.T("cli.mrz.err.not_picture", path)
	case errors.Is(err, mrz.ErrTooLarge):
		return env.P.T("cli.mrz.err.too_large", path)
	case errors.Is(err, mrz.ErrBudget):
		return env.P.T("cli.mrz.err.too_much", path)
	}
	return env.P.T("cli.mrz.err.unreadable", path, err)
}

func writeMRZFile(env *Env, d mrzDocument) {
	switch {
	case d.Error != "":
		fmt.Fprintln(env.Stdout, d.Error)
	case !d.Found:
		fmt.Fprintln(env.Stdout, env.P.T("cli.mrz.not_found", d.Source))
	default:
		fmt.Fprintln(env.Stdout, d.Source+":")
		writeMRZ(env, d)
	}
}

type mrzProblem struct {
	mrz.Problem
	Message string `json:"message"`
}

func (d *mrzDocument) fill(env *Env, res *mrz.Result) {
	d.Result = res
	d.Problems = []mrzProblem{}
	for _, p := range res.Problems {
		d.Problems = append(d.Problems, mrzProblem{Problem: p, Message: p.Message(env.Lang)})
	}
}

func lineLengths(args []string) string {
	var n []string
	for _, a := range strings.Split(strings.Join(args, "\n"), "\n") {
		n = append(n, fmt.Sprint(utf8.RuneCountInString(strings.ReplaceAll(strings.TrimSpace(a), " ", ""))))
	}
	return strings.Join(n, ", ")
}

func writeMRZ(env *Env, d mrzDocument) {
	p := env.P
	res := d.Result
	header := "cli.mrz.valid"
	if !res.Valid {
		header = "cli.mrz.invalid"
	}
	fmt.Fprintln(env.Stdout, p.T(header, string(res.Format)))
	width := 0
	for _, f := range res.Fields {
		width = max(width, utf8.RuneCountInString(mrz.FieldName(env.Lang, f.Name)))
	}
	for _, f := range res.Fields {
		name := mrz.FieldName(env.Lang, f.Name)
		value := f.Value
		if f.Name == mrz.FBirthDate && !res.BirthDate.IsZero() {
			value = res.BirthDate.DMY()
		}
		if f.Name == mrz.FExpiryDate && !res.ExpiryDate.IsZero() {
			value = res.ExpiryDate.DMY()
		}
		if f.Name == mrz.FIssuingState || f.Name == mrz.FNationality {
			if c, ok := mrz.LookupCountry(f.Value); ok {
				value += " (" + c.Name + ")"
			}
		}
		if value == "" {
			value = "—"
		}
		note := "cli.mrz.no_check"
		switch {
		case f.Checked && f.Confirmed:
			note = "cli.mrz.check_ok"
		case f.Checked:
			note = "cli.mrz.check_bad"
		}
		line := fmt.Sprintf("  %s%s  %s", name, strings.Repeat(" ", width-utf8.RuneCountInString(name)), value)
		fmt.Fprintf(env.Stdout, "%s   [%s", line, p.T(note))
		if f.Uncertain {
			fmt.Fprintf(env.Stdout, "; %s", p.T("cli.mrz.uncertain"))
		}
		fmt.Fprintln(env.Stdout, "]")
	}
	if len(d.Problems) > 0 {
		fmt.Fprintln(env.Stdout, p.T("cli.mrz.problems"))
		for _, pr := range d.Problems {
			fmt.Fprintln(env.Stdout, "  - "+pr.Message)
		}
	}
	fmt.Fprintln(env.Stdout, p.T("cli.mrz.limits"))
}
