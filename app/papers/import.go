package papers

import (
	"context"
	"path/filepath"

	"dossier/app/store"
)

// ImportLetterhead reads the .docx at path, checks it as a letterhead
// (CheckLetterhead) and only then keeps it in the workspace as the
// company's letterhead for the letter in lang, replacing the one it had.
// A refused file is a *LetterheadError and nothing is kept; the clerk's
// own file is only read.
func ImportLetterhead(ctx context.Context, ws *store.Workspace, employerID int64, lang, path string) (store.Letterhead, error) {
	data, err := ReadLetterhead(path)
	if err != nil {
		return store.Letterhead{}, err
	}
	if _, err := CheckLetterhead(data); err != nil {
		return store.Letterhead{}, err
	}
	return ws.SetLetterhead(ctx, employerID, lang, filepath.Base(path), data)
}
