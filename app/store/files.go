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
	"time"

	"dossier/app/atomicfile"
)

// MaxFileSize is the largest file the workspace accepts: far above any scan,
// low enough that a wrong drop (a video, a disk image) is refused.
const MaxFileSize = 256 << 20

// ErrTooLarge is returned for a file over MaxFileSize.
var ErrTooLarge = errors.New("file too large")

// FilePath returns where the file with this SHA-256 (hex) is stored.
func (w *Workspace) FilePath(sha string) string {
	if len(sha) < 2 {
		return filepath.Join(w.dir, FilesDir, sha)
	}
	return filepath.Join(w.dir, FilesDir, sha[:2], sha)
}

// PutFile copies r into the workspace under its SHA-256 and returns the hash
// and size. The same content is stored once. The copy is synced to disk
// before it is renamed into place, so a stored name always has its content.
func (w *Workspace) PutFile(ctx context.Context, r io.Reader) (sha string, size int64, err error) {
	tmp, err := atomicfile.Create(filepath.Join(w.dir, FilesDir), atomicfile.Options{Prefix: incomingPrefix})
	if err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	defer tmp.Discard() // nothing left to do after Commit
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), &ctxReader{ctx: ctx, r: io.LimitReader(r, MaxFileSize+1)})
	if err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	if n > MaxFileSize {
		return "", 0, fmt.Errorf("store file: %w (over %d MiB)", ErrTooLarge, MaxFileSize>>20)
	}
	sha = hex.EncodeToString(h.Sum(nil))
	dst := w.FilePath(sha)
	if _, err := os.Stat(dst); err == nil {
		return sha, n, nil // the same content is stored already
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	// Synced, renamed, and its folder synced: a stored name always has
	// its content.
	if err := tmp.Commit(dst); err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	return sha, n, nil
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// CaseFile is a stored file attached to one checklist item of a case.
type CaseFile struct {
	ID       int64  `json:"id"`
	CaseID   int64  `json:"case_id"`
	ItemID   string `json:"item_id"` // checklist item id from the rules
	SHA256   string `json:"sha256"`
	Name     string `json:"name"` // the name the file had when it was added
	Size     int64  `json:"size"`
	Position int    `json:"position"` // 0, 1, 2, … within the item
	// Rotation is how far the clerk turned the file clockwise for the
	// package: 0, 90, 180 or 270 degrees, on top of any fix scan validation
	// plans (a sideways phone photo).
	Rotation int       `json:"rotation"`
	Added    time.Time `json:"added"`
}

// AttachFile stores the content of r and attaches it to item itemID of the
// case, after the files already there.
func (w *Workspace) AttachFile(ctx context.Context, caseID int64, itemID, name string, r io.Reader) (CaseFile, error) {
	sha, size, err := w.PutFile(ctx, r)
	if err != nil {
		return CaseFile{}, fmt.Errorf("attach %s: %w", name, err)
	}
	cf := CaseFile{CaseID: caseID, ItemID: itemID, SHA256: sha, Name: name, Size: size}
	err = w.Update(ctx, func(tx *Tx) error {
		// One of Dossier's own unsigned drafts never stands in for the
		// signed paper, whichever way it comes back.
		if d, ok, err := draftOf(ctx, tx.tx, sha); err != nil {
			return fmt.Errorf("attach %s: %w", name, err)
		} else if ok {
			return &DraftError{Name: name, Draft: d}
		}
		now := w.stamp()
		if _, err := tx.tx.ExecContext(ctx, "INSERT INTO files(sha256, size, added) VALUES (?,?,?) ON CONFLICT DO NOTHING",
			sha, size, now); err != nil {
			return fmt.Errorf("attach %s: %w", name, err)
		}
		if err := tx.tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position)+1, 0) FROM case_files WHERE case_id = ? AND item_id = ?",
			caseID, itemID).Scan(&cf.Position); err != nil {
			return fmt.Errorf("attach %s: %w", name, err)
		}
		res, err := tx.tx.ExecContext(ctx, "INSERT INTO case_files(case_id, item_id, sha256, name, position, added) VALUES (?,?,?,?,?,?)",
			caseID, itemID, sha, name, cf.Position, now)
		if err != nil {
			return fmt.Errorf("attach %s: %w", name, err)
		}
		cf.ID, _ = res.LastInsertId()
		cf.Added, _ = time.Parse(time.RFC3339, now)
		return tx.logAction(ctx, "attach", "case", caseID, itemID+": "+name+" "+sha)
	})
	if errors.Is(err, ErrDraft) {
		w.dropUnreferenced(ctx, sha)
	}
	return cf, err
}

// AttachPath attaches the file at path (see AttachFile).
func (w *Workspace) AttachPath(ctx context.Context, caseID int64, itemID, path string) (CaseFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return CaseFile{}, fmt.Errorf("attach: %w", err)
	}
	defer f.Close()
	return w.AttachFile(ctx, caseID, itemID, filepath.Base(path), f)
}

// DetachFile removes an attachment; the stored content stays for other uses.
// The files after it in its item move up, so positions stay dense.
func (w *Workspace) DetachFile(ctx context.Context, caseFileID int64) error {
	return w.Update(ctx, func(tx *Tx) error {
		cf, err := tx.caseFile(ctx, caseFileID)
		if err != nil {
			return fmt.Errorf("detach: %w", err)
		}
		if _, err := tx.tx.ExecContext(ctx, "DELETE FROM case_files WHERE id = ?", caseFileID); err != nil {
			return fmt.Errorf("detach: %w", err)
		}
		if _, err := tx.tx.ExecContext(ctx, "UPDATE case_files SET position = position - 1 WHERE case_id = ? AND item_id = ? AND position > ?",
			cf.CaseID, cf.ItemID, cf.Position); err != nil {
			return fmt.Errorf("detach: %w", err)
		}
		return tx.logAction(ctx, "detach", "case_file", caseFileID, "")
	})
}

// caseFile reads one attachment (without its size) inside the transaction.
func (t *Tx) caseFile(ctx context.Context, id int64) (CaseFile, error) {
	cf := CaseFile{ID: id}
	err := t.tx.QueryRowContext(ctx, "SELECT case_id, item_id, sha256, name, position, rotation FROM case_files WHERE id = ?", id).
		Scan(&cf.CaseID, &cf.ItemID, &cf.SHA256, &cf.Name, &cf.Position, &cf.Rotation)
	if errors.Is(err, sql.ErrNoRows) {
		return cf, fmt.Errorf("case file %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return cf, fmt.Errorf("case file %d: %w", id, err)
	}
	return cf, nil
}

// MoveCaseFile puts an attached file at position to (counted from 0) among
// the files of its checklist item; the others keep their order around it. A
// position past either end means that end. The package takes an item's files
// in this order.
func (w *Workspace) MoveCaseFile(ctx context.Context, caseFileID int64, to int) error {
	return w.moveCaseFile(ctx, caseFileID, func(int) int { return to })
}

// MoveCaseFileBy moves an attached file by delta places within its item:
// -1 is one up, +1 one down (see MoveCaseFile).
func (w *Workspace) MoveCaseFileBy(ctx context.Context, caseFileID int64, delta int) error {
	return w.moveCaseFile(ctx, caseFileID, func(cur int) int { return cur + delta })
}

// moveCaseFile renumbers the item's files 0, 1, 2, … with the file at
// target(its current index), all in one transaction. Nothing is written
// (nor logged) when the file stays where it is.
func (w *Workspace) moveCaseFile(ctx context.Context, caseFileID int64, target func(cur int) int) error {
	return w.Update(ctx, func(tx *Tx) error {
		cf, err := tx.caseFile(ctx, caseFileID)
		if err != nil {
			return fmt.Errorf("move: %w", err)
		}
		rows, err := tx.tx.QueryContext(ctx, "SELECT id, position FROM case_files WHERE case_id = ? AND item_id = ? ORDER BY position, id",
			cf.CaseID, cf.ItemID)
		if err != nil {
			return fmt.Errorf("move: %w", err)
		}
		type slot struct {
			id  int64
			pos int
		}
		var order []slot
		cur := -1
		for rows.Next() {
			var s slot
			if err := rows.Scan(&s.id, &s.pos); err != nil {
				rows.Close()
				return fmt.Errorf("move: %w", err)
			}
			if s.id == caseFileID {
				cur = len(order)
			}
			order = append(order, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("move: %w", err)
		}
		if cur < 0 {
			return fmt.Errorf("move %d: %w", caseFileID, ErrNotFound)
		}
		to := min(max(target(cur), 0), len(order)-1)
		moved := order[cur]
		order = append(order[:cur], order[cur+1:]...)
		order = append(order[:to], append([]slot{moved}, order[to:]...)...)
		changed := false
		for i, s := range order {
			if s.pos == i {
				continue
			}
			changed = true
			if _, err := tx.tx.ExecContext(ctx, "UPDATE case_files SET position = ? WHERE id = ?", i, s.id); err != nil {
				return fmt.Errorf("move: %w", err)
			}
		}
		if !changed {
			return nil
		}
		return tx.logAction(ctx, "move", "case_file", caseFileID, fmt.Sprintf("%s: %s %d→%d", cf.ItemID, cf.Name, cur+1, to+1))
	})
}

// SetCaseFileRotation sets how far an attached file is turned clockwise in
// the package: 0, 90, 180 or 270 degrees.
func (w *Workspace) SetCaseFileRotation(ctx context.Context, caseFileID int64, deg int) error {
	if deg != 0 && deg != 90 && deg != 180 && deg != 270 {
		return &ValidationError{Problems: []Problem{{Field: "rotation", Key: "store.err.rotation", Args: []any{deg}}}}
	}
	return w.Update(ctx, func(tx *Tx) error {
		_, err := tx.setRotation(ctx, caseFileID, func(int) int { return deg })
		return err
	})
}

// RotateCaseFile turns an attached file a further deg degrees clockwise (a
// multiple of 90; negative turns anticlockwise) and returns its rotation now.
func (w *Workspace) RotateCaseFile(ctx context.Context, caseFileID int64, deg int) (int, error) {
	if deg%90 != 0 {
		return 0, &ValidationError{Problems: []Problem{{Field: "rotation", Key: "store.err.rotation", Args: []any{deg}}}}
	}
	var now int
	err := w.Update(ctx, func(tx *Tx) error {
		var err error
		now, err = tx.setRotation(ctx, caseFileID, func(cur int) int { return ((cur+deg)%360 + 360) % 360 })
		return err
	})
	return now, err
}

// setRotation stores rotation(current) and records it in the history.
func (t *Tx) setRotation(ctx context.Context, caseFileID int64, rotation func(cur int) int) (int, error) {
	cf, err := t.caseFile(ctx, caseFileID)
	if err != nil {
		return 0, fmt.Errorf("rotate: %w", err)
	}
	deg := rotation(cf.Rotation)
	if deg == cf.Rotation {
		return deg, nil
	}
	if _, err := t.tx.ExecContext(ctx, "UPDATE case_files SET rotation = ? WHERE id = ?", deg, caseFileID); err != nil {
		return 0, fmt.Errorf("rotate: %w", err)
	}
	return deg, t.logAction(ctx, "rotate", "case_file", caseFileID, fmt.Sprintf("%s: %s %d°", cf.ItemID, cf.Name, deg))
}

// CaseFiles lists the files of a case by item and position.
func (w *Workspace) CaseFiles(ctx context.Context, caseID int64) ([]CaseFile, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT cf.id, cf.case_id, cf.item_id, cf.sha256, cf.name, f.size, cf.position, cf.rotation, cf.added
		FROM case_files cf JOIN files f ON f.sha256 = cf.sha256 WHERE cf.case_id = ? ORDER BY cf.item_id, cf.position, cf.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("case files: %w", err)
	}
	defer rows.Close()
	var out []CaseFile
	for rows.Next() {
		var cf CaseFile
		var added string
		if err := rows.Scan(&cf.ID, &cf.CaseID, &cf.ItemID, &cf.SHA256, &cf.Name, &cf.Size, &cf.Position, &cf.Rotation, &added); err != nil {
			return nil, fmt.Errorf("case files: %w", err)
		}
		cf.Added, _ = time.Parse(time.RFC3339, added)
		out = append(out, cf)
	}
	return out, rows.Err()
}

// CachedScan returns the stored result of validator for a file, if any. Scan
// validation is pure in the content, so a result keyed by hash and validator
// version stays true until the validator changes.
func (w *Workspace) CachedScan(ctx context.Context, sha, validator string) (result string, ok bool, err error) {
	err = w.db.QueryRowContext(ctx, "SELECT result FROM scan_cache WHERE sha256 = ? AND validator = ?", sha, validator).Scan(&result)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("scan cache: %w", err)
	}
	return result, true, nil
}

// CacheScan stores a validation result (JSON as the validator produces it).
func (w *Workspace) CacheScan(ctx context.Context, sha, validator, result string) error {
	return w.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO scan_cache(sha256, validator, result, checked) VALUES (?,?,?,?)
			ON CONFLICT(sha256, validator) DO UPDATE SET result = excluded.result, checked = excluded.checked`,
			sha, validator, result, w.stamp())
		if err != nil {
			return fmt.Errorf("scan cache: %w", err)
		}
		return nil
	})
}

// incomingPrefix names a file being stored: written, synced, then renamed to
// its hash. One left by a killed run is removed when the workspace opens.
const incomingPrefix = ".incoming-"
