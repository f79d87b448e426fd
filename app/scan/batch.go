package scan

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// ErrNotFound is returned by CollectFiles for a path that does not exist.
var ErrNotFound = errors.New("no such file or folder")

// CollectFiles expands paths into files, in the order given; a folder
// contributes its files recursively in name order. Hidden files and the
// litter operating systems and office programs leave in folders
// (Thumbs.db, desktop.ini, ~$ lock files) are skipped inside folders but
// not when named directly.
func CollectFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, &fs.PathError{Op: "collect", Path: p, Err: ErrNotFound}
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable subfolder: skip it, keep going
			}
			name := d.Name()
			if path != p && litter(name) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular():
				files = append(files, path)
			case d.Type()&fs.ModeSymlink != 0:
				// A link to a file counts; links to folders are not followed.
				if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
					files = append(files, path)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

func litter(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") ||
		l == "thumbs.db" || l == "desktop.ini" || l == "__macosx"
}

// Progress is reported after each file: Done of Total finished, File the
// one just finished.
type Progress struct {
	Done, Total int
	File        string
	// Name is what the clerk calls File (see CheckAllNamed).
	Name string
}

// CheckAll validates files in parallel (Options.Workers at a time) and
// returns the results in input order, with duplicates across the batch
// marked. progress (optional) is called from one goroutine at a time. When
// ctx ends, CheckAll stops starting files and returns ctx's error with the
// results so far (unfinished ones have an empty Verdict).
func (v *Validator) CheckAll(ctx context.Context, files []string, progress func(Progress)) ([]Result, error) {
	return v.CheckAllKnown(ctx, files, nil, progress)
}

// CheckAllKnown is CheckAll for files whose content hashes are known and
// cannot have changed (hashes[i] for files[i]; "" where unknown), such as a
// workspace's content-addressed files: a cached result is then taken without
// reading the file, so checking a large case again costs next to nothing.
func (v *Validator) CheckAllKnown(ctx context.Context, files, hashes []string, progress func(Progress)) ([]Result, error) {
	return v.CheckAllNamed(ctx, files, hashes, nil, progress)
}

// CheckAllNamed is CheckAllKnown for files the clerk knows by other names
// than the paths read (a workspace keeps its copies under their hashes):
// names[i] ("" or missing: the path's base name) is what a duplicate note
// pointing at file i and the progress report call it.
func (v *Validator) CheckAllNamed(ctx context.Context, files, hashes, names []string, progress func(Progress)) ([]Result, error) {
	name := func(i int) string {
		if i < len(names) && names[i] != "" {
			return names[i]
		}
		return filepath.Base(files[i])
	}
	results := make([]Result, len(files))
	jobs := make(chan int)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for w := 0; w < min(v.opts.Workers, max(len(files), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r, ok := Result{}, false
				// A stat, not a read: a stored file that has gone missing
				// must show as unreadable now, not fail the build later.
				if i < len(hashes) && hashes[i] != "" && regularFile(files[i]) {
					if r, ok = v.cacheGet(hashes[i]); ok {
						r.File, r.Cached = files[i], true
						noteExtension(&r)
					}
				}
				if !ok {
					var err error
					if r, err = v.Check(ctx, files[i]); err != nil {
						continue
					}
				}
				results[i] = r
				mu.Lock()
				done++
				if progress != nil {
					progress(Progress{Done: done, Total: len(files), File: files[i], Name: name(i)})
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return results, err
	}
	markDuplicates(results, name)
	return results, nil
}

// nearHashDistance is how many of the 64 hash bits two pages may differ in
// and still count as the same picture.
const nearHashDistance = 3

// maxNearPages bounds the pairwise page comparison.
const maxNearPages = 3000

// markDuplicates adds a warning to each file whose content equals an
// earlier file's, and a note to each page that looks like an earlier page;
// name(i) is what the clerk calls file i.
func markDuplicates(rs []Result, name func(int) string) {
	first := map[string]int{}
	type pageRef struct{ file, page int }
	var seen []pageRef
	for i := range rs {
		r := &rs[i]
		if r.Verdict == "" {
			continue
		}
		if r.SHA256 != "" {
			if j, ok := first[r.SHA256]; ok {
				r.add(Finding{Code: CodeDuplicate, Severity: SevWarning, Args: []string{name(j)}})
				r.decide()
				continue
			}
			first[r.SHA256] = i
		}
		for _, pi := range r.PageInfo {
			if !pi.Measured || pi.Hash == 0 || len(seen) >= maxNearPages || blankPage(r, pi.Page) {
				continue
			}
			for _, s := range seen {
				o := rs[s.file].PageInfo[s.page]
				if nearDuplicate(o, pi) {
					r.add(Finding{Code: CodeNearDuplicate, Severity: SevInfo, Page: pi.Page,
						Args: []string{name(s.file), itoa(o.Page)}})
					break
				}
			}
			seen = append(seen, pageRef{i, indexOfPage(r.PageInfo, pi.Page)})
		}
	}
}

// nearDuplicate: two pages look like one page scanned twice. The 64-bit
// hash alone called different typed pages of one contract alike (a few
// lines over white paper hash nearly the same at 9×8 cells); the finer
// Likeness decides when both pages have one.
func nearDuplicate(a, b PageInfo) bool {
	if a.Likeness != nil || b.Likeness != nil {
		return a.Likeness != nil && b.Likeness != nil && alike(*a.Likeness, *b.Likeness)
	}
	return hammingDistance(a.Hash, b.Hash) <= nearHashDistance
}

func indexOfPage(ps []PageInfo, page int) int {
	for i, p := range ps {
		if p.Page == page {
			return i
		}
	}
	return 0
}

// blankPage reports a page already reported blank: blank pages all look
// alike and are not worth a duplicate note.
func blankPage(r *Result, page int) bool {
	for _, f := range r.Findings {
		if f.Code == CodeBlank && (f.Page == page || f.Page == 0) {
			return true
		}
	}
	return false
}

func regularFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
