// Package atomicfile writes files so that their names never hold half of
// one: the content goes to a temporary file beside the target, is synced
// to disk, and only then renamed over the target, and the folder is synced
// so the rename itself survives a power cut. A run killed midway leaves at
// most a temporary file, named so its owner's sweep (app/leftover) knows it.
//
// It is the one place Dossier does temp-file-then-rename; the checks that a
// file about to be replaced is one Dossier made stay with the callers, who
// know what their files look like.
package atomicfile

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dossier/app/leftover"
)

// Options shape one write; the zero value suits most files.
type Options struct {
	// Prefix and Suffix name the temporary file Prefix+digits+Suffix in the
	// target's folder. Write's default is "." + the target's name + ".tmp-";
	// Create's is ".tmp-".
	Prefix, Suffix string
	// Perm is the finished file's permission; 0 keeps the temporary file's
	// 0600, private to the user.
	Perm fs.FileMode
	// NoSync skips both fsyncs, for a cache whose lost entry costs only
	// its recomputation (a torn entry must be detectable on reading).
	NoSync bool
	// Later, when set, takes the file's fsync off the writing goroutine
	// (see Flusher); the caller waits for it and syncs the folder itself.
	Later *Flusher
}

// File is a temporary file on its way to a name: write to it, then Commit
// it to its path, or Discard it.
type File struct {
	*os.File
	opts Options
	done bool
}

// Create makes a temporary file in dir, for content whose final name is
// known only once it is written (a file stored under its hash).
func Create(dir string, o Options) (*File, error) {
	if o.Prefix == "" && o.Suffix == "" {
		o.Prefix = ".tmp-"
	}
	f, err := leftover.Create(dir, o.Prefix, o.Suffix)
	if err != nil {
		return nil, err
	}
	return &File{File: f, opts: o}, nil
}

// Commit syncs the file, closes it, gives it its permission and renames it
// over path (same folder as the temporary file), then syncs the folder. On
// failure the temporary file is removed and path is as it was.
func (f *File) Commit(path string) (err error) {
	if f.done {
		return fmt.Errorf("commit %s: %w", filepath.Base(path), os.ErrClosed)
	}
	f.done = true
	name := f.Name()
	defer func() {
		if err != nil {
			os.Remove(name)
		}
	}()
	if !f.opts.NoSync && f.opts.Later == nil {
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	if f.opts.Perm != 0 {
		if err := os.Chmod(name, f.opts.Perm); err != nil {
			return err
		}
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	switch {
	case f.opts.Later != nil:
		f.opts.Later.Sync(path)
	case !f.opts.NoSync:
		// The file is in place; a folder that cannot be synced does not
		// undo that.
		_ = SyncDir(filepath.Dir(path))
	}
	return nil
}

// Discard closes and removes the temporary file; after Commit it does
// nothing, so it can be deferred.
func (f *File) Discard() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

// Write writes path through a temporary file that fill fills. An error
// from fill, or from any step, leaves path as it was and no temporary file.
func Write(path string, o Options, fill func(f *os.File) error) error {
	if o.Prefix == "" && o.Suffix == "" {
		o.Prefix = "." + filepath.Base(path) + ".tmp-"
	}
	f, err := Create(filepath.Dir(path), o)
	if err != nil {
		return err
	}
	defer f.Discard()
	if err := fill(f.File); err != nil {
		return err
	}
	return f.Commit(path)
}

// WriteBytes writes b to path as Write does.
func WriteBytes(path string, b []byte, o Options) error {
	return Write(path, o, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// SyncDir flushes a folder's entries (a rename into it) to disk. A folder
// that cannot be opened is an error; one that cannot be synced (Windows
// refuses) is not: the rename is then as durable as the system makes it.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	_ = d.Sync()
	return d.Close()
}
