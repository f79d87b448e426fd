package cli

import (
	"errors"
	"flag"

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
				ps, err := lib.Build(c, papers.Options{
					Lang: lang, Date: env.Today,
					EAEU: func(country string) bool { return set.InGroup("eaeu", country) },
				})
				if err != nil {
					var me *papers.MissingError
					if errors.As(err, &me) {
						return &InputError{Msg: me.Message(env.Lang), Err: err}
					}
					return err
				}
				if err := setupBundle(); err != nil { // the PDFs' fonts
					return err
				}
				written, err := papers.Write(*out, ps)
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
