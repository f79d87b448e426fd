package scan

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// The cache keeps one JSON file per (content hash, validator version):
// <dir>/v<Version>/<first two hex digits>/<sha256>.json. A changed file has
// another hash, a changed validator another version, so entries never need
// invalidating; old version folders can simply be deleted.

func (v *Validator) cachePath(sha string) string {
	if v.opts.NoCache || v.opts.CacheDir == "" || len(sha) < 2 {
		return ""
	}
	return filepath.Join(v.opts.CacheDir, "v"+strconv.Itoa(Version), sha[:2], sha+".json")
}

// cacheGet returns the cached result for the content hash, if any. A
// damaged entry counts as a miss.
func (v *Validator) cacheGet(sha string) (Result, bool) {
	p := v.cachePath(sha)
	if p == "" {
		return Result{}, false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return Result{}, false
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil || r.SHA256 != sha {
		return Result{}, false
	}
	return r, true
}

// cachePut stores r atomically (temp file in the same folder, then rename).
// Failing to cache is not an error for the caller: the result stands.
func (v *Validator) cachePut(r Result) error {
	p := v.cachePath(r.SHA256)
	if p == "" {
		return nil
	}
	r.File = ""
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return writeAtomic(p, b)
}

func writeAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	name := tmp.Name()
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
