// Package store is the workspace: a folder the user chooses holding
// dossier.db (SQLite: employers, employees, family members, cases, settings
// and the history of what was done) and files/ (every attached file stored
// once under its SHA-256), together with the services the CLI and the GUI
// call to change it: add and edit with validation, open a case, attach files,
// back up.
//
// Every change is one transaction. Only one Dossier may hold a workspace at a
// time (an OS lock on dossier.lock); a workspace written by a newer version is
// refused without being touched.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite: no C toolchain for Windows and macOS builds

	"dossier/app/leftover"
)

// File and folder names inside a workspace.
const (
	DBName   = "dossier.db"
	FilesDir = "files"
	LockName = "dossier.lock"
	// TempDirName holds the workspace's temporary data (a backup's database
	// snapshot, rows an export spills, excelize's scratch files): private
	// to the user like the rest, and emptied of a killed run's leftovers
	// each time the workspace opens.
	TempDirName = "tmp"
)

// Sentinel errors callers branch on.
var (
	// ErrLocked: another Dossier has the workspace open.
	ErrLocked = errors.New("workspace is open in another Dossier")
	// ErrTooNew: the workspace was written by a newer Dossier.
	ErrTooNew = errors.New("workspace was made by a newer version of Dossier")
	// ErrNotFound: no record with that id.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the record did not pass validation (see *ValidationError).
	ErrInvalid = errors.New("invalid data")
	// ErrFolderNotEmpty: a new workspace was asked for in a folder that
	// already holds other files. Dossier never turns such a folder (a home
	// folder, Documents) into a workspace.
	ErrFolderNotEmpty = errors.New("the folder is not empty and is not a Dossier workspace")
	// ErrInsideWorkspace: an output file would land inside the workspace
	// folder, where it could overwrite the database or the stored files.
	ErrInsideWorkspace = errors.New("output inside the workspace folder")
)

var errLockHeld = errors.New("lock held")

// LockedError says which process holds the workspace, when it can tell.
type LockedError struct {
	Dir string
	PID int // 0 when unknown
}

func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("%s: %v (process %d)", e.Dir, ErrLocked, e.PID)
	}
	return fmt.Sprintf("%s: %v", e.Dir, ErrLocked)
}
func (e *LockedError) Unwrap() error { return ErrLocked }

// TooNewError carries the versions for the message.
type TooNewError struct{ Have, Want int }

func (e *TooNewError) Error() string {
	return fmt.Sprintf("%v (schema %d, this build knows up to %d)", ErrTooNew, e.Have, e.Want)
}
func (e *TooNewError) Unwrap() error { return ErrTooNew }

// Workspace is an open workspace. Its methods are safe for concurrent use.
type Workspace struct {
	dir  string
	db   *sql.DB
	lock *os.File
	// now is the clock for timestamps; tests replace it.
	now func() time.Time
}

// Dir is the workspace folder.
func (w *Workspace) Dir() string { return w.dir }

// TempDir is the workspace's private folder for temporary data; pass it to
// whatever would otherwise write personal data into the system's temp folder
// (schedule.WriteOptions.TmpDir, excelize's Options.TmpDir).
func (w *Workspace) TempDir() string { return filepath.Join(w.dir, TempDirName) }

// sweepLeftovers removes what killed runs left in the workspace: half-stored
// files in files/ and temporary data in tmp/. The workspace's lock is held,
// so no other Dossier is writing them; only Dossier's own names are taken.
func (w *Workspace) sweepLeftovers() {
	leftover.Sweep(filepath.Join(w.dir, FilesDir), incomingPrefix, "")
	leftover.Sweep(w.dir, ".rules-", ".tmp") // a rules update being installed (rules.InstallInWorkspace)
	tmp := w.TempDir()
	for _, prefix := range []string{backupSnapshotPrefix, leftover.SpillPrefix, leftover.ExcelizePrefix} {
		leftover.Sweep(tmp, prefix, "")
	}
}

// Contains reports whether path lies inside the workspace folder. Exports
// and backups must not: writing there could replace dossier.db itself.
func (w *Workspace) Contains(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return true // when in doubt, refuse
	}
	root, err := filepath.Abs(w.dir)
	if err != nil {
		return true
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(real, filepath.Base(abs))
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	rel, err := filepath.Rel(root, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Options tune Open.
type Options struct {
	// Create makes the folder when it does not exist, or makes a workspace
	// in an existing empty one. A folder holding other files (and no
	// dossier.db) is refused with ErrFolderNotEmpty. Without Create a
	// missing folder is an error, so a typo in --workspace does not silently
	// start an empty workspace.
	Create bool
}

// Open opens (and with opts.Create, creates) the workspace in dir, takes its
// lock and brings the schema up to date. A folder on a network drive is
// refused (*NetworkError, see volume.go) before anything is written.
func Open(ctx context.Context, dir string, opts Options) (*Workspace, error) {
	dir = filepath.Clean(dir)
	if err := checkLocal(dir); err != nil {
		return nil, err
	}
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return nil, fmt.Errorf("open workspace %s: not a folder", dir)
	case errors.Is(err, os.ErrNotExist) && opts.Create:
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create workspace: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, DBName)); err != nil {
		if !opts.Create {
			return nil, fmt.Errorf("open workspace %s: %w", dir, err)
		}
		if err := CheckNewWorkspaceDir(dir); err != nil {
			return nil, err
		}
	}
	if err := checkClaim(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, FilesDir), 0o700); err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	lock, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	w := &Workspace{dir: dir, lock: lock, now: time.Now}
	w.sweepLeftovers()
	if err := os.MkdirAll(w.TempDir(), 0o700); err != nil {
		w.releaseLock()
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	if err := w.openDB(ctx); err != nil {
		w.releaseLock()
		return nil, err
	}
	return w, nil
}

// workspaceNames are the entries a workspace itself makes; a folder with
// only these (and the litter file managers leave) counts as empty, so a
// creation that stopped half-way can be tried again.
var workspaceNames = map[string]bool{
	DBName: true, DBName + "-wal": true, DBName + "-shm": true, DBName + "-journal": true,
	FilesDir: true, LockName: true, TempDirName: true, ".DS_Store": true, "Thumbs.db": true, "desktop.ini": true,
}

// CheckNewWorkspaceDir reports whether a new workspace may be made in dir:
// it must not exist yet, or be an empty folder. A folder with other files
// gives ErrFolderNotEmpty.
func CheckNewWorkspaceDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("new workspace %s: %w", dir, err)
	}
	for _, e := range entries {
		if !workspaceNames[e.Name()] {
			return fmt.Errorf("new workspace %s: %w", dir, ErrFolderNotEmpty)
		}
	}
	return nil
}

func acquireLock(dir string) (*os.File, error) {
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open workspace lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		pid := 0
		if b, rerr := os.ReadFile(path); rerr == nil {
			pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		}
		f.Close()
		if errors.Is(err, errLockHeld) {
			return nil, &LockedError{Dir: dir, PID: pid}
		}
		return nil, fmt.Errorf("lock workspace: %w", err)
	}
	// The pid is only a hint for the message a second Dossier shows.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}

func (w *Workspace) releaseLock() {
	if w.lock == nil {
		return
	}
	_ = w.lock.Truncate(0)
	_ = unlockFile(w.lock)
	_ = w.lock.Close()
	w.lock = nil
}

// dsn builds the connection string. Every pooled connection gets the same
// settings: WAL, enforced foreign keys, a busy timeout instead of instant
// SQLITE_BUSY, full fsync on commit, and IMMEDIATE transactions so that two
// writers queue up instead of failing on lock upgrade.
func dsn(path string) string {
	return path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
}

func (w *Workspace) openDB(ctx context.Context) error {
	path := filepath.Join(w.dir, DBName)
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	} else {
		return fmt.Errorf("open database: %w", err)
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	db.SetMaxOpenConns(4)
	w.db = db
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		db.Close()
		return fmt.Errorf("open database %s: %w", path, err)
	}
	if version > len(migrations) {
		db.Close()
		return &TooNewError{Have: version, Want: len(migrations)}
	}
	if err := migrate(ctx, db, version, len(migrations)); err != nil {
		db.Close()
		return err
	}
	return nil
}

// migrate applies migrations from version from up to version to, each in its
// own transaction together with the new user_version: a crash leaves the
// workspace at the last complete version.
func migrate(ctx context.Context, db *sql.DB, from, to int) error {
	for v := from; v < to; v++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate to %d: %w", v+1, err)
		}
		// Another process could have migrated between our read and our lock.
		var cur int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to %d: %w", v+1, err)
		}
		if cur > v {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to %d: %w", v+1, err)
		}
	}
	return nil
}

// Version returns the schema version of the open workspace.
func (w *Workspace) Version(ctx context.Context) (int, error) {
	var v int
	err := w.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// IntegrityCheck runs SQLite's integrity_check and returns its verdict
// ("ok" when the database is sound).
func (w *Workspace) IntegrityCheck(ctx context.Context) (string, error) {
	rows, err := w.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return "", fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", fmt.Errorf("integrity check: %w", err)
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// Close checkpoints the write-ahead log into the database file, closes it and
// releases the lock. After Close the folder can be copied as it is.
func (w *Workspace) Close() error {
	if w.db == nil {
		return nil
	}
	_, cerr := w.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	err := w.db.Close()
	w.db = nil
	w.releaseLock()
	if err != nil {
		return fmt.Errorf("close workspace: %w", err)
	}
	if cerr != nil {
		return fmt.Errorf("close workspace: checkpoint: %w", cerr)
	}
	return nil
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is one transaction over the workspace: everything done through it is
// committed together or not at all. Import uses it to make a roster one unit.
type Tx struct {
	w  *Workspace
	tx *sql.Tx
	// stmts are the statements prepared in this transaction, by query: a
	// bulk write (an import of 50,000 rows) spent most of its time having
	// SQLite parse the same INSERT again for every row.
	stmts map[string]*sql.Stmt
}

// prepared returns query prepared once in this transaction; the statements
// close with it.
func (t *Tx) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

// Update runs fn in one transaction, committing when it returns nil and
// rolling back otherwise (also on panic).
func (w *Workspace) Update(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = sqlTx.Rollback()
		}
	}()
	if err := fn(&Tx{w: w, tx: sqlTx}); err != nil {
		// A cancelled context makes database/sql close the transaction's
		// statements under the running code, which then fails with
		// "statement is closed": the cancellation is the cause to report.
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			return fmt.Errorf("%w (%v)", cerr, err)
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	committed = true
	return nil
}

func (w *Workspace) stamp() string { return w.now().UTC().Format(time.RFC3339) }

// logAction appends to the history inside the caller's transaction.
func (t *Tx) logAction(ctx context.Context, action, entity string, id int64, detail string) error {
	st, err := t.prepared(ctx, "INSERT INTO history(at, action, entity, entity_id, detail) VALUES (?,?,?,?,?)")
	if err == nil {
		_, err = st.ExecContext(ctx, t.w.stamp(), action, entity, id, detail)
	}
	if err != nil {
		return fmt.Errorf("record history: %w", err)
	}
	return nil
}

// Log appends a line to the workspace history inside the transaction, for
// work done through several calls (an import) that should read as one event.
func (t *Tx) Log(ctx context.Context, action, entity string, id int64, detail string) error {
	return t.logAction(ctx, action, entity, id, detail)
}

// Event is one line of the workspace history.
type Event struct {
	At       time.Time
	Action   string // add, update, delete, attach, detach, import, …
	Entity   string // employer, employee, family, case, file, settings
	EntityID int64
	Detail   string
}

// History returns the latest limit events, newest first.
func (w *Workspace) History(ctx context.Context, limit int) ([]Event, error) {
	rows, err := w.db.QueryContext(ctx,
		"SELECT at, action, entity, entity_id, detail FROM history ORDER BY id DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at string
		if err := rows.Scan(&at, &e.Action, &e.Entity, &e.EntityID, &e.Detail); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		e.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Setting returns the value stored under key, or def when there is none.
func (w *Workspace) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := w.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores value under key.
func (w *Workspace) SetSetting(ctx context.Context, key, value string) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.SetSetting(ctx, key, value) })
}

// SetSetting stores value under key inside the transaction.
func (t *Tx) SetSetting(ctx context.Context, key, value string) error {
	if _, err := t.tx.ExecContext(ctx,
		"INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		key, value); err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return t.logAction(ctx, "update", "settings", 0, key)
}

// Settings keys used by Dossier.
const (
	// SettingRenewalLead is the number of working days before an expiry when
	// renewal should start (the schedule's "start by" column).
	SettingRenewalLead = "schedule.renewal_working_days"
	// SettingLanguage is the interface language (ru, kk, en).
	SettingLanguage = "ui.language"
	// SettingTargetDPI is the resolution scans should have: pages below it
	// get the low-resolution warning (see scan.ParseTargetDPI).
	SettingTargetDPI = "scan.target_dpi"
)
