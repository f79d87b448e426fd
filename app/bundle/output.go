package bundle

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"dossier/app/atomicfile"
	"dossier/app/i18n"
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
// (no manifest of Dossier's, or files in it that are nobody's to replace);
// Dossier refuses to replace it. The error is a *ForeignError naming what is
// in the way.
var ErrNotPackage = errors.New("output folder exists and is not a Dossier package")

// ErrNameTaken: a file the clerk put into the package folder has the name of a
// file the new package writes; the previous package stays as it was.
var ErrNameTaken = errors.New("a file in the package folder has the name of a package file")

// ForeignError names what stands in the way of replacing a folder: files
// Dossier did not make (Err is ErrNotPackage) or a clerk's file whose name
// the new package needs (Err is ErrNameTaken). Names are relative to Dir.
type ForeignError struct {
	Dir   string
	Names []string
	Err   error
}

func (e *ForeignError) Error() string {
	return fmt.Sprintf("output %s: %v: %s", e.Dir, e.Err, strings.Join(e.Names, ", "))
}
func (e *ForeignError) Unwrap() error { return e.Err }

// Message says what is in the way and what to do, in lang.
func (e *ForeignError) Message(lang i18n.Lang) string {
	key := "bundle.err.not_package"
	if errors.Is(e.Err, ErrNameTaken) {
		key = "bundle.err.name_taken"
	}
	return i18n.T(lang, key, e.Dir, strings.Join(e.Names, ", "))
}

// maxNamed bounds the names an error lists: a folder of thousands of files
// needs only a few named to be recognised.
const maxNamed = 5

func foreign(dir string, names []string, err error) *ForeignError {
	if len(names) > maxNamed {
		names = append(names[:maxNamed:maxNamed], fmt.Sprintf("… (+%d)", len(names)-maxNamed))
	}
	return &ForeignError{Dir: dir, Names: names, Err: err}
}

// isNumbered reports whether name is prefix followed by digits only: the
// names os.MkdirTemp and os.CreateTemp give. Leftovers are recognised by this
// exact shape, so a clerk's "out.old-version" is never taken for Dossier's.
func isNumbered(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isFileLeftover reports whether name is a temporary file writeFileAtomic
// leaves when killed: "." + the file's name + ".tmp-" + digits.
func isFileLeftover(name string) bool {
	if !strings.HasPrefix(name, ".") {
		return false
	}
	i := strings.LastIndex(name, tmpInfix)
	return i > 0 && isNumbered(name[i:], tmpInfix)
}

// recoverOut restores a previous package left aside by an interrupted swap
// and removes the leftovers of interrupted builds. Only folders named as
// Dossier names them (DIR.tmp-N, DIR.old-N) are touched, and a clerk's file
// in a package set aside is carried into DIR before the old folder goes.
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
		case !e.IsDir():
		case isNumbered(n, base+oldInfix):
			olds = append(olds, filepath.Join(parent, n))
		case isNumbered(n, base+tmpInfix):
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
	for _, p := range olds {
		// A package set aside may still hold a clerk's file the new one
		// lacks (the clerk added it meanwhile): it is kept, or the old
		// folder stays.
		clerk, err := clerkFiles(p)
		if err != nil {
			continue
		}
		if err := carryOver(p, dir, clerk, true); err != nil {
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("output: remove leftover %s: %w", p, err)
		}
	}
	for _, p := range tmps {
		// A staging folder holds only what the builder wrote.
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("output: remove leftover %s: %w", p, err)
		}
	}
	return nil
}

// checkOut refuses to replace a folder that holds something Dossier did not
// make, unless it is a Dossier package: then the files the clerk added to it
// are kept (see clerkFiles and carryOver).
func checkOut(dir string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !st.IsDir() {
		return foreign(dir, []string{filepath.Base(dir)}, ErrNotPackage)
	}
	_, err = clerkFiles(dir)
	return err
}

// ownFiles reads dir's manifest.json and returns the files it lists
// (slash-separated, relative to dir), manifest.json included. ok is false
// when there is no manifest or it is not one Dossier wrote: not JSON of the
// manifest's shape, an unknown schema, or no merged PDF.
func ownFiles(dir string) (own map[string]bool, ok bool) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil || len(data) > 64<<20 {
		return nil, false
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, false
	}
	if m.Schema < 1 || m.Schema > ManifestVersion || m.Merged.Path == "" {
		return nil, false
	}
	own = map[string]bool{"manifest.json": true}
	add := func(p string) {
		p = filepath.ToSlash(filepath.Clean(filepath.FromSlash(p)))
		if filepath.IsLocal(p) {
			own[p] = true
		}
	}
	add(m.Merged.Path)
	for _, d := range m.Documents {
		for _, u := range d.Upload {
			add(u.Path)
		}
	}
	return own, true
}

// clerkFiles lists what in the package folder dir is not Dossier's: neither
// listed by its manifest nor a leftover of an interrupted write. A folder
// that holds no listed file is one entry. When dir has files but no manifest
// of Dossier's, nothing in it may be replaced: the error names what is there.
func clerkFiles(dir string) ([]string, error) {
	own, ok := ownFiles(dir)
	// Folders that hold listed files ("upload") are Dossier's; the rest of
	// their content is looked at one by one.
	ownDirs := map[string]bool{}
	for p := range own {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			ownDirs[d] = true
		}
	}
	var clerk []string
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Errorf("output: %w", err)
		}
		for _, e := range entries {
			p := path.Join(rel, e.Name())
			switch {
			case isFileLeftover(e.Name()) && !e.IsDir():
			case own[p] && e.Type().IsRegular():
			case ownDirs[p] && e.IsDir():
				if err := walk(p); err != nil {
					return err
				}
			case rel == "." && e.Name() == "upload" && e.IsDir() && ok:
				// An upload folder of a package with no upload files.
				if err := walk(p); err != nil {
					return err
				}
			default:
				clerk = append(clerk, p)
			}
		}
		return nil
	}
	if err := walk("."); err != nil {
		return nil, err
	}
	if !ok && len(clerk) > 0 {
		return nil, foreign(dir, clerk, ErrNotPackage)
	}
	return clerk, nil
}

// carryOver puts the clerk's entries (relative to from) into to at the same
// place: a hard link where the file system allows one, a copy otherwise, so
// from keeps its own until it is removed as a whole and no moment exists in
// which the file lives nowhere. A name already taken in to is refused
// (ErrNameTaken), unless skipTaken: then it is taken to be the same file,
// carried over before (a package set aside after its swap).
func carryOver(from, to string, clerk []string, skipTaken bool) error {
	var taken, free []string
	for _, rel := range clerk {
		if _, err := os.Lstat(filepath.Join(to, filepath.FromSlash(rel))); err == nil {
			taken = append(taken, rel)
		} else {
			free = append(free, rel)
		}
	}
	if len(taken) > 0 && !skipTaken {
		return foreign(to, taken, ErrNameTaken)
	}
	for _, rel := range free {
		src, dst := filepath.Join(from, filepath.FromSlash(rel)), filepath.Join(to, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("output: keep %s: %w", rel, err)
		}
		if err := linkOrCopy(src, dst); err != nil {
			return fmt.Errorf("output: keep %s: %w", rel, err)
		}
	}
	return nil
}

// linkOrCopy makes dst the same content as src: folders recursively,
// symbolic links as links, files by hard link or, failing that, by copy.
func linkOrCopy(src, dst string) error {
	st, err := os.Lstat(src)
	if err != nil {
		return err
	}
	switch {
	case st.IsDir():
		if err := os.Mkdir(dst, st.Mode().Perm()|0o700); err != nil {
			return err
		}
		entries, err := os.ReadDir(src)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := linkOrCopy(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
				return err
			}
		}
		return nil
	case st.Mode()&os.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case st.Mode().IsRegular():
		if os.Link(src, dst) == nil {
			return nil
		}
		return copyFile(src, dst, st)
	}
	return fmt.Errorf("%s: not a file or folder", src)
}

func copyFile(src, dst string, st os.FileInfo) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err = io.Copy(out, in); err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return err
	}
	_ = os.Chtimes(dst, st.ModTime(), st.ModTime())
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

// swapIn replaces dir with the finished staging folder tmp. The files a
// clerk added to the previous package are carried into tmp first, so they
// are in the new package the moment it appears.
func swapIn(tmp, dir string) error {
	if _, err := os.Lstat(dir); err == nil {
		// Looked at afresh: the clerk may have added a file while we built.
		clerk, err := clerkFiles(dir)
		if err != nil {
			return err
		}
		if err := carryOver(dir, tmp, clerk, false); err != nil {
			return err
		}
	}
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
// be synced, as on Windows).
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("output: sync %s: %w", dir, err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, synced and renamed over path.
func writeFileAtomic(path string, write func(f *os.File) error) error {
	return writeFileAtomicLater(path, write, nil)
}

// writeFileAtomicLater is writeFileAtomic with the final fsync handed to
// later (when not nil), which must then be waited for before the file is
// relied on: in a package, before the staging folder is swapped in. The
// temporary file is "." + the file's name + tmpInfix + digits, the shape
// cleanFileLeftovers removes.
func writeFileAtomicLater(path string, write func(f *os.File) error, later *flusher) error {
	o := atomicfile.Options{Prefix: "." + filepath.Base(path) + tmpInfix}
	if later != nil {
		o.Later = later.Flusher
	}
	if err := atomicfile.Write(path, o, write); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// flusher makes a package's files durable in the background, a few at once
// (atomicfile.Flusher), while the next files are written.
type flusher struct{ *atomicfile.Flusher }

func newFlusher() *flusher { return &flusher{atomicfile.NewFlusher()} }

// wait returns when every queued file is on disk, with the failures.
func (fl *flusher) wait() error { return fl.Wait() }

// cleanFileLeftovers removes temporary files an interrupted writeFileAtomic
// left next to path.
func cleanFileLeftovers(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && isNumbered(e.Name(), "."+base+tmpInfix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
