package failure_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/bundle"
	"dossier/app/failure"
	"dossier/app/i18n"
	"dossier/app/store"
)

// failingWriter fails every write as a file on a full disk, a read-only
// medium or a folder the account may not write to fails: the way the OS
// reports it (tests run as root, so chmod cannot stage these).
type failingWriter struct {
	path  string
	errno syscall.Errno
}

func (w failingWriter) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: w.path, Err: w.errno}
}

// sqliteFull makes SQLite report a full database, as it does on a full disk:
// a database capped at a few pages is filled.
func sqliteFull(t *testing.T) error {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "full.db"))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec("PRAGMA max_page_count = 3; CREATE TABLE t (v BLOB)")
	require.NoError(t, err)
	for i := 0; i < 100; i++ {
		if _, err = db.Exec("INSERT INTO t VALUES (randomblob(4000))"); err != nil {
			return fmt.Errorf("save employee: %w", err)
		}
	}
	t.Fatal("SQLite never filled up")
	return nil
}

// notADatabase: a workspace whose dossier.db is something else.
func notADatabase(t *testing.T) error {
	dir := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, store.DBName), []byte(strings.Repeat("not a database ", 100)), 0o600))
	_, err := store.Open(context.Background(), dir, store.Options{})
	require.Error(t, err)
	return err
}

// lockedWorkspace: the workspace is open in another Dossier.
func lockedWorkspace(t *testing.T) error {
	dir := filepath.Join(t.TempDir(), "ws")
	w, err := store.Open(context.Background(), dir, store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	_, err = store.Open(context.Background(), dir, store.Options{})
	require.Error(t, err)
	return err
}

// sqliteError is an error of SQLite's shape (modernc.org/sqlite's *Error
// has unexported fields) for the codes a test cannot provoke for real.
type sqliteError struct {
	msg  string
	code int
}

func (e *sqliteError) Error() string { return e.msg }
func (e *sqliteError) Code() int     { return e.code }

func TestEveryFailureInTheClerksLanguage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "schedule.xlsx")
	write := func(errno syscall.Errno) error {
		_, err := io.Copy(failingWriter{path: out, errno: errno}, strings.NewReader("rows"))
		return fmt.Errorf("schedule: write %s: %w", out, err)
	}
	for _, tc := range []struct {
		name  string
		err   func(t *testing.T) error
		class failure.Class
		key   string   // catalogue key the message must start with (default: the class's)
		raw   []string // library text that must not reach the clerk
	}{
		{"full disk", func(*testing.T) error { return write(syscall.ENOSPC) }, failure.DiskFull, "",
			[]string{"no space left on device", "schedule:"}},
		{"full disk (/dev/full)", func(t *testing.T) error {
			err := os.WriteFile("/dev/full", []byte("x"), 0o600)
			if err == nil || errors.Is(err, fs.ErrNotExist) {
				t.Skip("no /dev/full here")
			}
			return fmt.Errorf("backup: %w", err)
		}, failure.DiskFull, "", []string{"no space left on device"}},
		{"quota exceeded", func(*testing.T) error { return write(syscall.EDQUOT) }, failure.DiskFull, "", []string{"quota"}},
		{"database or disk is full", sqliteFull, failure.DiskFull, "", []string{"database or disk is full", "(13)"}},
		{"read-only folder", func(*testing.T) error { return write(syscall.EROFS) }, failure.ReadOnly, "",
			[]string{"read-only file system"}},
		{"permission denied", func(*testing.T) error { return write(syscall.EACCES) }, failure.Permission, "",
			[]string{"permission denied"}},
		{"operation not permitted", func(*testing.T) error { return write(syscall.EPERM) }, failure.Permission, "",
			[]string{"operation not permitted"}},
		{"disk I/O error", func(*testing.T) error {
			return fmt.Errorf("save case: %w", &sqliteError{"disk I/O error (4874)", 4874})
		}, failure.DiskIO, "", []string{"disk I/O error", "4874"}},
		{"I/O error", func(*testing.T) error { return write(syscall.EIO) }, failure.DiskIO, "", []string{"input/output error"}},
		{"database busy", func(*testing.T) error {
			return fmt.Errorf("commit: %w", &sqliteError{"database is locked (5)", 5})
		}, failure.DBBusy, "", []string{"database is locked", "(5)"}},
		{"not a database", notADatabase, failure.DBDamaged, "", []string{"file is not a database", "(26)"}},
		{"locked workspace", lockedWorkspace, failure.Unknown, "store.locked", []string{store.ErrLocked.Error()}},
		{"file ends early", func(*testing.T) error { return fmt.Errorf("read roster: %w", io.ErrUnexpectedEOF) },
			failure.Truncated, "", []string{"unexpected EOF"}},
		{"EOF", func(*testing.T) error { return fmt.Errorf("zip: %w", io.EOF) }, failure.Truncated, "", []string{"EOF"}},
		{"missing file", func(t *testing.T) error {
			_, err := os.Open(filepath.Join(dir, "gone.pdf"))
			return err
		}, failure.NotFound, "", []string{"no such file"}},
		{"path through a file", func(t *testing.T) error {
			f := filepath.Join(dir, "plain")
			require.NoError(t, os.WriteFile(f, nil, 0o600))
			_, err := os.Create(filepath.Join(f, "x.xlsx"))
			return err
		}, failure.NotFolder, "", []string{"not a directory"}},
		{"name too long", func(t *testing.T) error {
			_, err := os.Create(filepath.Join(dir, strings.Repeat("я", 200)+".pdf"))
			return err
		}, failure.NameTooLong, "", []string{"file name too long"}},
		{"cancelled", func(*testing.T) error { return fmt.Errorf("build: %w", context.Canceled) },
			failure.Cancelled, "", []string{"context canceled"}},
		{"folder in the way", func(*testing.T) error {
			return fmt.Errorf("build: %w", &bundle.ForeignError{Dir: "out", Names: []string{"thesis.docx"}, Err: bundle.ErrNotPackage})
		}, failure.Unknown, "bundle.err.not_package", []string{bundle.ErrNotPackage.Error()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err(t)
			require.Error(t, err)
			if tc.key == "" {
				assert.Equal(t, tc.class, failure.Classify(err), "%v", err)
			}
			assert.True(t, failure.Known(err))
			key := tc.key
			if key == "" {
				key = "failure." + string(tc.class)
			}
			for _, lang := range i18n.Langs {
				msg := failure.Message(lang, err)
				want := i18n.T(lang, key)
				if i := strings.Index(want, "%"); i >= 0 {
					want = want[:i] // the text up to its first argument
				}
				assert.True(t, strings.HasPrefix(msg, want), "%s: %q is not the catalogue's %q", lang, msg, key)
				assert.NotContains(t, msg, err.Error())
				for _, r := range tc.raw {
					assert.NotContains(t, msg, r, lang)
				}
			}
		})
	}
}

func TestMessageNamesThePlace(t *testing.T) {
	err := fmt.Errorf("backup: %w", &fs.PathError{Op: "write", Path: "/media/usb/backup.zip", Err: syscall.EROFS})
	assert.Contains(t, failure.Message(i18n.RU, err), "/media/usb/backup.zip")
	// A temporary file's name means nothing to the clerk: its folder does.
	tmp := filepath.Join("media", "usb", ".dossier-backup-123.zip")
	err = fmt.Errorf("backup: %w", &fs.PathError{Op: "write", Path: tmp, Err: syscall.ENOSPC})
	msg := failure.Message(i18n.EN, err)
	assert.NotContains(t, msg, ".dossier-backup-")
	assert.Contains(t, msg, filepath.Join("media", "usb"))
}

// TestUnknownKeepsTheDetail: an error of no known class still gets a
// sentence in the clerk's language, with the detail for whoever helps.
func TestUnknownKeepsTheDetail(t *testing.T) {
	err := errors.New("pdfcpu: something unforeseen")
	assert.False(t, failure.Known(err))
	for _, lang := range i18n.Langs {
		msg := failure.Message(lang, err)
		assert.Equal(t, i18n.T(lang, "failure.unknown", err.Error()), msg)
	}
}
