package bundle

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The output folder is replaced as a whole: the new package is written to
// DIR.tmp-* beside DIR, synced, then swapped in (DIR moved to DIR.old-*, the
// new folder renamed to DIR, the old one removed). Whatever moment a crash or
// kill strikes, DIR holds a complete package, or — only between the two
// renames — DIR is absent and DIR.old-* holds the previous one; the next run
// puts that back before anything else (recoverOut).

const (
	tmpInfix = ".tmp-"
	oldInfix = ".old-"
)

// ErrNotPackage: --out names an existing folder that is not a Dossier package
// (no manifest.json); Dossier refuses to replace it.
var ErrNotPackage = errors.New("output folder exists and is not a Dossier package")

// recoverOut restores a previous package left aside by an interrupted swap
// and removes the leftovers of interrupted builds.
func recoverOut(dir string) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("output: read %s: %w", parent, err)
	}
	_, statErr := os.Stat(dir)
	missing := errors.Is(statErr, os.ErrNotExist)
	var olds, tmps []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasPrefix(n, base+oldInfix):
			olds = append(olds, filepath.Join(parent, n))
		case strings.HasPrefix(n, base+tmpInfix):
			tmps = append(tmps, filepath.Join(parent, n))
		}
	}
	if missing && len(olds) > 0 {
		// The swap stopped between its renames: the old package comes back.
		if err := os.Rename(olds[len(olds)-1], dir); err != nil {
			return fmt.Errorf("output: restore previous package: %w", err)
		}
		olds = olds[:len(olds)-1]
	}
	for _, p := range append(olds, tmps...) {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("output: remove leftover %s: %w", p, err)
		}
	}
	return nil
}

// checkOut refuses to replace a folder that holds something else.
func checkOut(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("output %s: %w", dir, ErrNotPackage)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		return fmt.Errorf("output %s: %w", dir, ErrNotPackage)
	}
	return nil
}

// newStaging creates the folder the next package is written to.
func newStaging(dir string) (string, error) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, base+tmpInfix)
	if err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	return tmp, nil
}

// swapIn replaces dir with the finished staging folder tmp.
func swapIn(tmp, dir string) error {
	if err := syncDir(tmp); err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	var old string
	if _, err := os.Stat(dir); err == nil {
		f, err := os.CreateTemp(parent, base+oldInfix)
		if err != nil {
			return fmt.Errorf("output: %w", err)
		}
		old = f.Name()
		f.Close()
		if err := os.Remove(old); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("output: move previous package aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return fmt.Errorf("output: move new package in: %w", err)
	}
	_ = syncDir(parent)
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output: remove previous package: %w", err)
		}
	}
	return nil
}

// syncDir flushes a folder's entries to disk (a no-op where folders cannot
// be opened for sync, as on Windows).
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("output: sync %s: %w", dir, err)
	}
	defer f.Close()
	_ = f.Sync()
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, synced and renamed over path.
func writeFileAtomic(path string, write func(f *os.File) error) error {
	return writeFileAtomicLater(path, write, nil)
}

// writeFileAtomicLater is writeFileAtomic with the final fsync handed to
// later (when not nil), which must then be waited for before the file is
// relied on: in a package, before the staging folder is swapped in.
func writeFileAtomicLater(path string, write func(f *os.File) error, later *flusher) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+tmpInfix)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if later == nil {
		if err = f.Sync(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if later != nil {
		later.sync(path)
	}
	return nil
}

// flusher makes finished files durable in the background. An fsync mostly
// waits for the disk, and a package has a file per document: synced one
// after another on the writing goroutine, they cost as much time as the
// writing. Here they overlap the writing of the next files, a few at once.
type flusher struct {
	wg   sync.WaitGroup
	sem  chan struct{}
	mu   sync.Mutex
	errs []error
}

func newFlusher() *flusher { return &flusher{sem: make(chan struct{}, 4)} }

// sync queues path for an fsync. The file is opened for writing because
// Windows flushes only through a handle that may write.
func (fl *flusher) sync(path string) {
	fl.wg.Add(1)
	go func() {
		defer fl.wg.Done()
		fl.sem <- struct{}{}
		defer func() { <-fl.sem }()
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err == nil {
			err = f.Sync()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fl.mu.Lock()
			fl.errs = append(fl.errs, fmt.Errorf("sync %s: %w", path, err))
			fl.mu.Unlock()
		}
	}()
}

// wait returns when every queued file is on disk, with the failures.
func (fl *flusher) wait() error {
	fl.wg.Wait()
	fl.mu.Lock()
	defer fl.mu.Unlock()
	return errors.Join(fl.errs...)
}

// cleanFileLeftovers removes temporary files an interrupted writeFileAtomic
// left next to path.
func cleanFileLeftovers(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+tmpInfix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
