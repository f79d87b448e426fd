package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier/app/i18n"
	"dossier/app/kz"
)

// The papers Dossier writes (the employer's letter, the owners' consent
// drafts, the originals list, the egov values) are unsigned drafts: the
// clerk prints, signs and stamps them and attaches the scan. The workspace
// keeps the SHA-256 of every .docx and PDF it wrote, so that attaching one
// of them, by whatever way it comes back (a drop, the file picker, a folder,
// the papers dialog, the command line), is refused in AttachFile, the one
// door every intake passes.

// Draft is one file of a paper Dossier wrote.
type Draft struct {
	SHA256 string
	// CaseID is the case the paper was written for; 0 when the case has
	// since been removed.
	CaseID  int64
	Paper   string // letter, consent-N, originals, egov
	File    string // the file's name as written, e.g. ходатайство.ru.pdf
	Written time.Time
}

// DraftFile names a written paper file to record.
type DraftFile struct {
	Paper string
	Path  string
}

// ErrDraft is matched by errors.Is on *DraftError: a file refused because
// it is one of Dossier's own unsigned drafts.
var ErrDraft = errors.New("unsigned draft written by Dossier")

// DraftError refuses to attach a draft Dossier wrote.
type DraftError struct {
	Name  string // the name the clerk gave the file
	Draft Draft
}

func (e *DraftError) Error() string        { return e.Message(i18n.EN) }
func (e *DraftError) Is(target error) bool { return target == ErrDraft }

// PaperKind is the paper without its owner's number: consent-2 → consent.
func PaperKind(paper string) string {
	kind, _, _ := strings.Cut(paper, "-")
	return kind
}

// Message says what the file is and what to do instead, in lang: a paper
// to sign comes back as the scan of the signed and stamped sheet; a working
// sheet (the originals, the egov values) is not part of the package at all.
func (e *DraftError) Message(lang i18n.Lang) string {
	kind := PaperKind(e.Draft.Paper)
	what := i18n.T(lang, "store.draft.paper.other")
	if key := "store.draft.paper." + kind; i18n.Has(key) {
		what = i18n.T(lang, key)
	}
	name := e.Name
	if e.Draft.File != "" && e.Draft.File != e.Name {
		name += " = " + e.Draft.File // renamed since: say what it was written as
	}
	when := e.Draft.Written.In(kz.Location()).Format("02.01.2006") // the clerk's day
	forCase := ""
	if e.Draft.CaseID > 0 {
		forCase = i18n.T(lang, "store.draft.for_case", e.Draft.CaseID)
	}
	key := "store.draft.sign"
	if kind == "originals" || kind == "egov" {
		key = "store.draft.sheet"
	}
	return i18n.T(lang, key, name, what, when, forCase)
}

// RecordDrafts remembers the files of papers written for a case (caseID 0:
// none), by content: a file written again with the same bytes keeps one
// record, the newest.
func (w *Workspace) RecordDrafts(ctx context.Context, caseID int64, files []DraftFile) error {
	var ds []Draft
	for _, f := range files {
		sum, err := hashFile(f.Path)
		if err != nil {
			return fmt.Errorf("record papers: %w", err)
		}
		ds = append(ds, Draft{SHA256: sum, CaseID: caseID, Paper: f.Paper, File: filepath.Base(f.Path)})
	}
	if len(ds) == 0 {
		return nil
	}
	return w.Update(ctx, func(tx *Tx) error {
		now := w.stamp()
		var c any
		if caseID > 0 {
			c = caseID
		}
		for _, d := range ds {
			_, err := tx.tx.ExecContext(ctx, `INSERT INTO paper_drafts(sha256, case_id, paper, file, written) VALUES (?,?,?,?,?)
				ON CONFLICT(sha256) DO UPDATE SET case_id = excluded.case_id, paper = excluded.paper, file = excluded.file, written = excluded.written`,
				d.SHA256, c, d.Paper, d.File, now)
			if err != nil {
				return fmt.Errorf("record papers: %w", err)
			}
		}
		return tx.logAction(ctx, "papers", "case", caseID, fmt.Sprintf("%d files", len(ds)))
	})
}

// DraftOf returns the draft recorded with this SHA-256 (hex), if any.
func (w *Workspace) DraftOf(ctx context.Context, sha string) (Draft, bool, error) {
	return draftOf(ctx, w.db, sha)
}

// DraftOfFile returns the draft recorded with the content of the file at
// path, if any: a caller can say so before it copies the file anywhere.
func (w *Workspace) DraftOfFile(ctx context.Context, path string) (Draft, bool, error) {
	sum, err := hashFile(path)
	if err != nil {
		return Draft{}, false, fmt.Errorf("papers written: %w", err)
	}
	return w.DraftOf(ctx, sum)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func draftOf(ctx context.Context, q queryRower, sha string) (Draft, bool, error) {
	d := Draft{SHA256: sha}
	var caseID sql.NullInt64
	var written string
	err := q.QueryRowContext(ctx, "SELECT case_id, paper, file, written FROM paper_drafts WHERE sha256 = ?", sha).
		Scan(&caseID, &d.Paper, &d.File, &written)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("papers written: %w", err)
	}
	d.CaseID = caseID.Int64
	d.Written, _ = time.Parse(time.RFC3339, written)
	return d, true, nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// dropUnreferenced removes a stored file no attachment refers to: the copy
// PutFile made of a draft that was then refused.
func (w *Workspace) dropUnreferenced(ctx context.Context, sha string) {
	var n int
	if err := w.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM files WHERE sha256 = ?", sha).Scan(&n); err == nil && n == 0 {
		_ = os.Remove(w.FilePath(sha))
	}
}
