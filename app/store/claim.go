package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/app/i18n"
)

// A workspace is made in a folder the clerk chooses, which may already hold
// their own things. Dossier adds its names beside them but never takes over
// one that is someone else's: a dossier.db of another program (SQLite would
// have it converted to Dossier's schema), a "files" or "tmp" folder with
// content, a dossier.lock that is not a pid. Such a folder is refused before
// anything is written, naming what is in the way.

// ErrNotWorkspace: the folder holds, under a workspace's names, something
// Dossier did not make.
var ErrNotWorkspace = errors.New("folder holds files of another program under a workspace's names")

// NotWorkspaceError names the folder and what is in the way.
type NotWorkspaceError struct {
	Dir   string
	Names []string
}

func (e *NotWorkspaceError) Error() string {
	return fmt.Sprintf("%s: %v: %s", e.Dir, ErrNotWorkspace, strings.Join(e.Names, ", "))
}
func (e *NotWorkspaceError) Unwrap() error { return ErrNotWorkspace }

// Message says it in the clerk's language.
func (e *NotWorkspaceError) Message(lang i18n.Lang) string {
	return i18n.T(lang, "store.not_workspace", e.Dir, strings.Join(e.Names, ", "))
}

// sqliteHeader is the start of every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkClaim refuses dir when a name a workspace uses holds someone else's
// data. An existing dossier.db is Dossier's when it is not SQLite at all
// (SQLite then refuses it without writing, and the clerk is told it is
// damaged), when it is empty, or when it has a schema version; a SQLite
// database of another program has version 0 and pages of its own. Without
// a dossier.db, the other names must be absent or what a killed creation
// leaves: empty files/ and tmp/ folders, a dossier.lock holding a pid.
func checkClaim(dir string) error {
	var inWay []string
	db := filepath.Join(dir, DBName)
	if f, err := os.Open(db); err == nil {
		hdr := make([]byte, 100)
		n, _ := io.ReadFull(f, hdr)
		f.Close()
		if n == len(hdr) && string(hdr[:16]) == sqliteHeader {
			pages := binary.BigEndian.Uint32(hdr[28:32])
			version := binary.BigEndian.Uint32(hdr[60:64])
			if version == 0 && pages > 1 {
				inWay = append(inWay, DBName)
			}
		}
	} else if errors.Is(err, os.ErrNotExist) {
		for _, name := range []string{FilesDir, TempDirName} {
			if entries, err := os.ReadDir(filepath.Join(dir, name)); err == nil && len(entries) > 0 {
				inWay = append(inWay, name)
			} else if st, err := os.Lstat(filepath.Join(dir, name)); err == nil && !st.IsDir() {
				inWay = append(inWay, name)
			}
		}
		for _, name := range []string{DBName + "-wal", DBName + "-shm"} {
			if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
				inWay = append(inWay, name)
			}
		}
		if !isLockFile(filepath.Join(dir, LockName)) {
			inWay = append(inWay, LockName)
		}
	}
	if len(inWay) > 0 {
		return &NotWorkspaceError{Dir: dir, Names: inWay}
	}
	return nil
}

// isLockFile reports whether path is absent or a lock file as Dossier
// writes it: a pid and a line feed, or nothing.
func isLockFile(path string) bool {
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return true
	}
	if err != nil || !st.Mode().IsRegular() || st.Size() > 32 {
		return false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return strings.Trim(string(data), "0123456789\r\n ") == ""
}
