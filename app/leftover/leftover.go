// Package leftover makes the temporary files Dossier writes beside an
// output (a backup's zip, a schedule's workbook, before each is renamed into
// place) and removes the ones a killed run left behind.
//
// A temporary file is named prefix + digits + suffix, the shape os.CreateTemp
// gives, and only that exact shape is ever removed, so a clerk's
// ".schedule-final.xlsx" is never taken for Dossier's. A live run holds an
// OS lock on its file (Unix) or keeps it open, which Windows will not let
// another process delete: Sweep removes a file only when no running Dossier
// is writing it, so two exports into one folder do not delete each other's
// work.
package leftover

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Names of temporary files in a workspace's private folder, shared by the
// packages that write them and the workspace that sweeps them.
const (
	// SpillPrefix: rows an export keeps on disk while it writes (schedule).
	SpillPrefix = "dossier-rows-"
	// ExcelizePrefix: excelize's own scratch files (Options.TmpDir).
	ExcelizePrefix = "excelize-"
)

// Create makes a new temporary file prefix+digits+suffix in dir and takes
// its lock; closing the file releases it.
func Create(dir, prefix, suffix string) (*os.File, error) {
	f, err := os.CreateTemp(dir, prefix+"*"+suffix)
	if err != nil {
		return nil, err
	}
	// Without the lock the file still works; only a sweep by another run
	// could then take it, and the rename would report that.
	_ = lock(f)
	return f, nil
}

// Matches reports whether name is prefix + digits + suffix.
func Matches(name, prefix, suffix string) bool {
	mid, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return false
	}
	mid, ok = strings.CutSuffix(mid, suffix)
	if !ok || mid == "" {
		return false
	}
	for _, r := range mid {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Sweep removes from dir the files named prefix+digits+suffix that no
// running process holds, and folders of that name (earlier versions of
// Dossier staged folders there without a lock). It returns how many it
// removed; a folder it cannot read is no error: there is nothing to clean.
func Sweep(dir, prefix, suffix string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !Matches(e.Name(), prefix, suffix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		switch {
		case e.Type().IsRegular():
			if removeUnheld(p) == nil {
				n++
			}
		case e.IsDir():
			if os.RemoveAll(p) == nil {
				n++
			}
		}
	}
	return n
}

// errHeld: another process holds the file.
var errHeld = errors.New("in use")
