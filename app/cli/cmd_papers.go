package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"dossier/app/papers"
)

// The papers command writes the papers the employer produces for a case:
// the letter, the owners' consent drafts, the originals and the egov values,
// as .docx and PDF, in the language of --lang (ru or kk).
func init() {
	Register(&Command{
		Name: "papers", Args: "CASE.json --out DIR", Order: 14,
		Summary: "cli.papers.summary", Help: "cli.papers.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			out := fs.String("out", "", "folder for the papers")
			letterhead := fs.String("letterhead", "", "the company's letterhead .docx with {placeholders}")
			return func(env *Env, args []string) error {
				if *out == "" {
					return env.Usagef("cli.papers.err.no_out")
				}
				lang := string(env.Lang)
				if lang != "ru" && lang != "kk" {
					return env.Usagef("cli.papers.err.lang", lang)
				}
				set, c, err := loadCase(env, args)
				if err != nil {
					return err
				}
				lib, err := papers.LoadLibrary()
				if err != nil {
					return err
				}
				opts := papers.Options{
					Lang: lang, Date: env.Today,
					EAEU:  func(country string) bool { return set.InGroup("eaeu", country) },
					Rules: set,
				}
				ps, err := lib.Build(c, opts)
				if err != nil {
					return papersError(env, "", err)
				}
				papers.NameSources(ps, set.NameSources)
				var letter []byte
				if *letterhead != "" {
					data, err := readLetterhead(*letterhead)
					if err != nil {
						return &InputError{Msg: env.P.T("cli.err.read_file", *letterhead, err), Err: err}
					}
					letter, err = lib.FillLetterhead(data, c, opts)
					if err != nil {
						return papersError(env, *letterhead, err)
					}
				}
				if err := setupBundle(); err != nil { // the PDFs' fonts
					return err
				}
				written, err := papers.Write(*out, ps, letter)
				if err != nil {
					return err
				}
				if env.JSON {
					return env.WriteJSON(written)
				}
				for _, w := range written {
					env.Printf("%s\n", w.Path)
				}
				env.Printf("%s\n", env.P.T("cli.papers.done", len(ps)))
				return nil
			}
		},
	})
}

// papersError turns a refusal into the clerk's message: the fields to fill,
// or what is wrong with the letterhead.
func papersError(env *Env, letterhead string, err error) error {
	var me *papers.MissingError
	if errors.As(err, &me) {
		return &InputError{Msg: me.Message(env.Lang), Err: err}
	}
	var le *papers.LetterheadError
	if errors.As(err, &le) {
		return &InputError{Msg: letterhead + ": " + le.Message(env.Lang), Err: err}
	}
	return err
}

// readLetterhead reads a letterhead template, bounded: it comes from outside.
func readLetterhead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxLetterheadFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxLetterheadFile {
		return nil, fmt.Errorf("larger than %d MB", maxLetterheadFile>>20)
	}
	return data, nil
}

// maxLetterheadFile matches the papers package's own limit.
const maxLetterheadFile = 20 << 20
