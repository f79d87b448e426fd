package casework

import (
	"context"
	"fmt"
	"sync"

	"dossier/app/civil"
	"dossier/app/papers"
	"dossier/app/rules"
	"dossier/app/store"
)

// The papers of a stored case (the employer's letter, the owners' consent
// drafts, the originals, the egov values) are made here, once for the
// window's "Prepare papers" and the command line: the same data, the same
// library, the same record of what was written.

var (
	papersOnce sync.Once
	papersLib  *papers.Library
	papersErr  error
)

// PapersLibrary loads and checks the shipped paper templates once.
func PapersLibrary() (*papers.Library, error) {
	papersOnce.Do(func() { papersLib, papersErr = papers.LoadLibrary() })
	return papersLib, papersErr
}

// PapersCase reads a stored case as its papers need it: the company, the
// employee, the case and its owners. over, when not nil, is the case as
// the editor holds it: its procedure and housing choices (which may still
// be saving) replace the stored ones.
func PapersCase(ctx context.Context, ws *store.Workspace, caseID int64, over *rules.Case) (rules.Case, error) {
	c, err := ws.RulesCase(ctx, caseID)
	if err != nil {
		return c, fmt.Errorf("papers of case %d: %w", caseID, err)
	}
	if over != nil {
		c.Purpose, c.Kind, c.Channel, c.FilingDate = over.Purpose, over.Kind, over.Channel, over.FilingDate
		c.Housing.OwnedByApplicant, c.Housing.Consent = over.Housing.OwnedByApplicant, over.Housing.Consent
	}
	if c.Housing.OwnedByApplicant {
		c.Housing.OwnerList = nil
	}
	return c, nil
}

// PapersOptions are the options the papers of a case are filled with: the
// language (ru or kk), the letter's date, the rules' EAEU group (the
// letter's term is official for EAEU labour) and the rules themselves (the
// originals list is the case's checklist).
func PapersOptions(set *rules.Set, lang string, date civil.Date) papers.Options {
	return papers.Options{Lang: lang, Date: date,
		EAEU:  func(country string) bool { return set != nil && set.InGroup("eaeu", country) },
		Rules: set}
}

// BuildPapers fills every paper the case calls for in lang, its notes
// naming the rules' sources by title. A case lacking data gets a
// *papers.MissingError and no paper.
func BuildPapers(set *rules.Set, c rules.Case, lang string, date civil.Date) ([]papers.Paper, error) {
	lib, err := PapersLibrary()
	if err != nil {
		return nil, err
	}
	ps, err := lib.Build(c, PapersOptions(set, lang, date))
	if err != nil {
		return nil, err
	}
	if set != nil {
		papers.NameSources(ps, set.NameSources) // a title the clerk knows, not the rules' key
	}
	return ps, nil
}

// WritePapers writes the papers into dir (see papers.WriteWithProgress)
// and records every .docx and PDF in the workspace for case caseID, so
// that none of these unsigned drafts can be attached back as the signed
// paper. A record that fails is an error: the files are written, but the
// clerk must know the guard is not in place.
func WritePapers(ctx context.Context, ws *store.Workspace, caseID int64, dir string, ps []papers.Paper,
	letterhead []byte, progress func(done, total int)) ([]papers.Written, error) {
	written, err := papers.WriteWithProgress(dir, ps, letterhead, progress)
	var drafts []store.DraftFile
	keys := map[string]string{}
	for _, p := range ps {
		keys[p.File+"."+p.Lang] = p.Key
	}
	for _, w := range written {
		if key, ok := keys[papers.FileStem(w.Path)]; ok {
			drafts = append(drafts, store.DraftFile{Paper: key, Path: w.Path})
		}
	}
	if rerr := ws.RecordDrafts(ctx, caseID, drafts); rerr != nil {
		return written, fmt.Errorf("papers of case %d: %w", caseID, rerr)
	}
	return written, err
}
