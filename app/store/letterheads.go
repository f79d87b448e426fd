package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// A company's letterhead is the .docx its employer's letter is printed on,
// one per language of the letter (ru, kk). Its bytes live in the database,
// not in files/: the file and the record of it change in one transaction,
// so a kill at any moment leaves the old letterhead or the new one, never
// a record without its file; the workspace backup (VACUUM INTO) carries it;
// and removing it removes Dossier's copy for good, with no content shared
// with a case's files to keep. A letterhead is checked (app/papers) before
// it is given to the store: the store keeps bytes, bounded.

// MaxLetterheadSize bounds a stored letterhead (app/papers refuses larger
// ones with a message first).
const MaxLetterheadSize = 20 << 20

// ErrNoLetterhead: the company has no letterhead in that language.
var ErrNoLetterhead = errors.New("the company has no letterhead")

// Letterhead is a company's letterhead for the letter in one language.
type Letterhead struct {
	EmployerID int64     `json:"employer_id"`
	Lang       string    `json:"lang"` // ru or kk
	Name       string    `json:"name"` // the file's name when it was imported
	SHA256     string    `json:"sha256"`
	Size       int64     `json:"size"`
	Imported   time.Time `json:"imported"`
	Data       []byte    `json:"-"` // the .docx; only from Letterhead and CaseLetterhead
}

// LetterheadLangs are the languages a letterhead can be kept for: those of
// the letter.
var LetterheadLangs = []string{"ru", "kk"}

func validLetterheadLang(lang string) bool { return lang == "ru" || lang == "kk" }

// SetLetterhead keeps data as the company's letterhead in lang, replacing
// the one it had. name is the file's name, shown to the clerk.
func (w *Workspace) SetLetterhead(ctx context.Context, employerID int64, lang, name string, data []byte) (Letterhead, error) {
	switch {
	case !validLetterheadLang(lang):
		return Letterhead{}, fmt.Errorf("letterhead: language %q: only ru and kk", lang)
	case len(data) == 0:
		return Letterhead{}, errors.New("letterhead: empty file")
	case len(data) > MaxLetterheadSize:
		return Letterhead{}, fmt.Errorf("letterhead: %w (over %d MiB)", ErrTooLarge, MaxLetterheadSize>>20)
	}
	sum := sha256.Sum256(data)
	lh := Letterhead{EmployerID: employerID, Lang: lang, Name: name, SHA256: hex.EncodeToString(sum[:]),
		Size: int64(len(data)), Data: data}
	err := w.Update(ctx, func(tx *Tx) error {
		er, err := tx.Employer(ctx, employerID)
		if err != nil {
			return fmt.Errorf("letterhead: %w", err)
		}
		now := w.stamp()
		lh.Imported, _ = time.Parse(time.RFC3339, now)
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO employer_letterheads(employer_id, lang, name, sha256, size, imported, data)
			VALUES (?,?,?,?,?,?,?) ON CONFLICT(employer_id, lang) DO UPDATE SET name = excluded.name, sha256 = excluded.sha256,
			size = excluded.size, imported = excluded.imported, data = excluded.data`,
			employerID, lang, name, lh.SHA256, lh.Size, now, data); err != nil {
			return fmt.Errorf("letterhead: %w", err)
		}
		return tx.logAction(ctx, "letterhead", "employer", employerID, fmt.Sprintf("%s: %s: %s %s", er.Name, lang, name, lh.SHA256))
	})
	if err != nil {
		return Letterhead{}, err
	}
	return lh, nil
}

// RemoveLetterhead removes the company's letterhead in lang: the letter is
// then written in Dossier's own layout. Removing none is no error.
func (w *Workspace) RemoveLetterhead(ctx context.Context, employerID int64, lang string) error {
	return w.Update(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, "DELETE FROM employer_letterheads WHERE employer_id = ? AND lang = ?", employerID, lang)
		if err != nil {
			return fmt.Errorf("remove letterhead: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.logAction(ctx, "remove letterhead", "employer", employerID, lang)
	})
}

// Letterhead returns the company's letterhead in lang with its bytes, or
// an error matching ErrNoLetterhead.
func (w *Workspace) Letterhead(ctx context.Context, employerID int64, lang string) (Letterhead, error) {
	lh := Letterhead{EmployerID: employerID, Lang: lang}
	var imported string
	err := w.db.QueryRowContext(ctx, `SELECT name, sha256, size, imported, data FROM employer_letterheads
		WHERE employer_id = ? AND lang = ?`, employerID, lang).Scan(&lh.Name, &lh.SHA256, &lh.Size, &imported, &lh.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return lh, fmt.Errorf("company %d, %s: %w", employerID, lang, ErrNoLetterhead)
	}
	if err != nil {
		return lh, fmt.Errorf("letterhead: %w", err)
	}
	lh.Imported, _ = time.Parse(time.RFC3339, imported)
	return lh, nil
}

// CaseLetterhead returns the letterhead in lang of the company that employs
// the case's employee: what the case's letter is printed on. An error
// matching ErrNoLetterhead means the letter uses Dossier's own layout (the
// company has none in lang, or the employee has no company).
func (w *Workspace) CaseLetterhead(ctx context.Context, caseID int64, lang string) (Letterhead, error) {
	var employerID sql.NullInt64
	err := w.db.QueryRowContext(ctx, `SELECT e.employer_id FROM cases c JOIN employees e ON e.id = c.employee_id
		WHERE c.id = ?`, caseID).Scan(&employerID)
	if errors.Is(err, sql.ErrNoRows) {
		return Letterhead{}, fmt.Errorf("case %d: %w", caseID, ErrNotFound)
	}
	if err != nil {
		return Letterhead{}, fmt.Errorf("letterhead of case %d: %w", caseID, err)
	}
	if !employerID.Valid {
		return Letterhead{}, fmt.Errorf("case %d: no company: %w", caseID, ErrNoLetterhead)
	}
	return w.Letterhead(ctx, employerID.Int64, lang)
}

// Letterheads lists every company's letterheads without their bytes, by
// company and language: what the Companies screen shows.
func (w *Workspace) Letterheads(ctx context.Context) (map[int64][]Letterhead, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT employer_id, lang, name, sha256, size, imported FROM employer_letterheads
		ORDER BY employer_id, CASE lang WHEN 'ru' THEN 0 ELSE 1 END`)
	if err != nil {
		return nil, fmt.Errorf("letterheads: %w", err)
	}
	defer rows.Close()
	out := map[int64][]Letterhead{}
	for rows.Next() {
		var lh Letterhead
		var imported string
		if err := rows.Scan(&lh.EmployerID, &lh.Lang, &lh.Name, &lh.SHA256, &lh.Size, &imported); err != nil {
			return nil, fmt.Errorf("letterheads: %w", err)
		}
		lh.Imported, _ = time.Parse(time.RFC3339, imported)
		out[lh.EmployerID] = append(out[lh.EmployerID], lh)
	}
	return out, rows.Err()
}

// EmployerLetterhead is the .docx of the company's letterhead for the
// letter in lang (ru or kk), or nil with no error when it has none: the
// letter then uses Dossier's own layout. The bytes are to be checked and
// filled by app/papers (FillLetterhead), as when it was imported.
func (w *Workspace) EmployerLetterhead(ctx context.Context, employerID int64, lang string) ([]byte, error) {
	lh, err := w.Letterhead(ctx, employerID, lang)
	if errors.Is(err, ErrNoLetterhead) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return lh.Data, nil
}
