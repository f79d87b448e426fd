package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"dossier/app/atomicfile"
)

// The cache keeps one JSON file per (content hash, validator version,
// thresholds): <dir>/<CacheKey>/<first two hex digits>/<sha256>.json. A
// changed file has another hash, a changed validator another version, a
// changed threshold (the clerk's target DPI) another fingerprint, so entries
// never need invalidating; old folders can simply be deleted.

// CacheKey names the validator's verdicts: its version and a fingerprint of
// the options that change findings, "v1-3fa9c2d07b1e". Results stored under
// one key hold for every validator with the same key; a workspace cache of
// results (store.CachedScan) should be keyed by it too.
func (v *Validator) CacheKey() string { return v.cacheKey }

// cacheKey computes CacheKey for o (with its defaults applied). Resource
// limits that only decide whether a check finishes (workers, time limit)
// are left out: results stopped by them are not cached at all.
func cacheKey(o Options) string {
	judged := struct {
		MaxBytes, WarnBytes, MaxPixels, MemoryBudget, WorkerMemory int64
		MaxPages, MinDPI, WarnDPI                                  int
		BlurThreshold                                              float64
	}{o.MaxBytes, o.WarnBytes, o.MaxPixels, o.MemoryBudget, o.WorkerMemory,
		o.MaxPages, o.MinDPI, o.WarnDPI, o.BlurThreshold}
	b, err := json.Marshal(judged)
	if err != nil {
		panic(err) // a struct of numbers always marshals
	}
	sum := sha256.Sum256(b)
	return "v" + strconv.Itoa(Version) + "-" + hex.EncodeToString(sum[:6])
}

func (v *Validator) cachePath(sha string) string {
	if v.opts.NoCache || v.opts.CacheDir == "" || len(sha) < 2 {
		return ""
	}
	return filepath.Join(v.opts.CacheDir, v.cacheKey, sha[:2], sha+".json")
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
	// Not synced: a lost entry costs only a new check, and a torn one is
	// refused on reading (bad JSON or another hash).
	if err := atomicfile.WriteBytes(p, b, atomicfile.Options{NoSync: true}); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
