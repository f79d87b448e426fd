package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"dossier/app/casework"
	"dossier/app/papers"
	"dossier/app/rules"
	"dossier/app/store"
)

// The papers command writes the papers the employer produces for a case:
// the letter, the owners' consent drafts, the originals and the egov values,
// as .docx and PDF, in the language of --lang (ru or kk). The case is a
// CASE.json, or a case stored in a workspace (--workspace DIR --case N):
// then the papers are filled from the stored company, employee, case and
// owners exactly as the window's "Prepare papers" fills them, go onto the
// company's letterhead when the workspace has one, and are recorded as
// drafts so that none of them can be attached back as the signed paper.
func init() {
	Register(&Command{
		Name: "papers", Args: "CASE.json --out DIR | --workspace DIR --case N --out DIR", Order: 14,
		Summary: "cli.papers.summary", Help: "cli.papers.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			var o papersFlags
			fs.StringVar(&o.out, "out", "", "folder for the papers")
			fs.StringVar(&o.letterhead, "letterhead", "", "the company's letterhead .docx with {placeholders}")
			fs.StringVar(&o.workspace, "workspace", "", "workspace folder (with --case)")
			fs.Int64Var(&o.caseID, "case", 0, "number of a case stored in the workspace")
			return func(env *Env, args []string) error { return runPapers(env, args, o) }
		},
	})
}

type papersFlags struct {
	out, letterhead, workspace string
	caseID                     int64
}

// paperJob is what both ways of naming a case give: the case filled for
// the papers, its rules, and for a stored case where to record the drafts
// and which letterhead to use.
type paperJob struct {
	set        *rules.Set
	c          rules.Case
	ws         *store.Workspace // nil for a CASE.json
	caseID     int64
	letterhead []byte // the company's, from the workspace; --letterhead wins
	// letterheadName is the stored letterhead's file name, for a message.
	letterheadName string
}

func runPapers(env *Env, args []string, o papersFlags) error {
	if o.out == "" {
		return env.Usagef("cli.papers.err.no_out")
	}
	lang := string(env.Lang)
	if lang != "ru" && lang != "kk" {
		return env.Usagef("cli.papers.err.lang", lang)
	}
	var job paperJob
	var err error
	if o.workspace != "" || o.caseID != 0 {
		job, err = storedPaperJob(env, args, o, lang)
		if job.ws != nil {
			defer job.ws.Close()
		}
	} else {
		job.set, job.c, err = loadCase(env, args)
	}
	if err != nil {
		return err
	}
	ps, err := casework.BuildPapers(job.set, job.c, lang, env.Today)
	if err != nil {
		return papersError(env, "", job.ws != nil, err)
	}
	letter, err := letterheadFor(env, job, ps, o.letterhead, lang)
	if err != nil {
		return err
	}
	if err := setupBundle(); err != nil { // the PDFs' fonts
		return err
	}
	var written []papers.Written
	if job.ws != nil {
		written, err = casework.WritePapers(env.Ctx, job.ws, job.caseID, o.out, ps, letter, nil)
	} else {
		written, err = papers.Write(o.out, ps, letter)
	}
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

// storedPaperJob opens the workspace and reads case --case from it, as the
// window reads it for "Prepare papers".
func storedPaperJob(env *Env, args []string, o papersFlags, lang string) (paperJob, error) {
	var job paperJob
	if len(args) > 0 {
		return job, env.Usagef("cli.papers.err.both", strings.Join(args, " "))
	}
	ws, err := openWorkspace(env, o.workspace, false)
	if err != nil {
		return job, err
	}
	job.ws, job.caseID = ws, o.caseID
	if o.caseID <= 0 {
		return job, env.Usagef("cli.papers.err.no_case", caseList(env, ws))
	}
	if job.set, err = env.RulesIn(ws.Dir()); err != nil {
		return job, err
	}
	job.c, err = casework.PapersCase(env.Ctx, ws, o.caseID, nil)
	if errors.Is(err, store.ErrNotFound) {
		return job, env.Usagef("cli.papers.err.unknown_case", o.caseID, o.workspace, caseList(env, ws))
	}
	if err != nil {
		return job, &InputError{Msg: store.Explain(env.Lang, err), Err: err}
	}
	job.letterhead, job.letterheadName, err = storedLetterhead(env, ws, o.caseID, lang)
	return job, err
}

// storedLetterhead is the company's letterhead in lang as the workspace
// keeps it (imported in the window under Companies), or nil: the letter
// then keeps Dossier's layout.
func storedLetterhead(env *Env, ws *store.Workspace, caseID int64, lang string) ([]byte, string, error) {
	lh, err := ws.CaseLetterhead(env.Ctx, caseID, lang)
	if errors.Is(err, store.ErrNoLetterhead) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", &InputError{Msg: store.Explain(env.Lang, err), Err: err}
	}
	return lh.Data, lh.Name, nil
}

// caseList names the workspace's cases (number, employee, filing date) for
// a clerk who gave no --case or a wrong one; "" when there are none.
func caseList(env *Env, ws *store.Workspace) string {
	cs, err := ws.CasesByState(env.Ctx)
	if err != nil || len(cs) == 0 {
		return ""
	}
	lines := []string{"", env.P.T("cli.papers.cases")}
	for _, c := range cs {
		name := ""
		if e, err := ws.Employee(env.Ctx, c.EmployeeID); err == nil {
			name = e.NameCyr
			if name == "" {
				name = e.NameLat
			}
		}
		line := fmt.Sprintf("  %d  %s", c.ID, name)
		if !c.FilingDate.IsZero() {
			line += "  " + c.FilingDate.DMY()
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// letterheadFor fills the letter into a letterhead: the --letterhead file,
// or else the company's from the workspace; nil means Dossier's layout.
func letterheadFor(env *Env, job paperJob, ps []papers.Paper, path, lang string) ([]byte, error) {
	data, from := job.letterhead, env.P.T("cli.papers.company_letterhead", job.letterheadName)
	if path != "" {
		var err error
		if data, err = papers.ReadLetterhead(path); err != nil {
			var le *papers.LetterheadError
			if errors.As(err, &le) { // too large: the same words as the window's
				return nil, papersError(env, path, job.ws != nil, err)
			}
			return nil, &InputError{Msg: env.P.T("cli.err.read_file", path, err), Err: err}
		}
		from = path
	}
	if data == nil || !hasLetter(ps) {
		return nil, nil
	}
	lib, err := casework.PapersLibrary()
	if err != nil {
		return nil, err
	}
	letter, err := lib.FillLetterhead(data, job.c, casework.PapersOptions(job.set, lang, env.Today))
	if err != nil {
		return nil, papersError(env, from, job.ws != nil, err)
	}
	return letter, nil
}

// hasLetter: a letterhead is for the employer's letter; the case may call
// for none (a family member's case).
func hasLetter(ps []papers.Paper) bool {
	for _, p := range ps {
		if p.Name == "letter" {
			return true
		}
	}
	return false
}

// papersError turns a refusal into the clerk's message: the fields to fill,
// or what is wrong with the letterhead. For a stored case the fields are
// named as the window names them (what and where: "Company: director's
// name"); for a CASE.json by their path in the file.
func papersError(env *Env, letterhead string, stored bool, err error) error {
	var me *papers.MissingError
	if errors.As(err, &me) {
		if !stored {
			return &InputError{Msg: me.Message(env.Lang), Err: err}
		}
		lines := []string{env.P.T("cli.papers.fill")}
		for _, m := range me.Fields {
			lines = append(lines, "  • "+m.Label(env.Lang))
		}
		return &InputError{Msg: strings.Join(lines, "\n"), Err: err}
	}
	var le *papers.LetterheadError
	if errors.As(err, &le) {
		return &InputError{Msg: letterhead + ": " + le.Message(env.Lang), Err: err}
	}
	return err
}
