// Package mrzcheck puts the passport reader (app/mrz) to work on stored
// employees and cases: it reads a passport scan once per file content
// (cached in the workspace), compares the zone with what the clerk typed,
// says where on the page each field lies, and proposes the form's values
// from the zone. It holds no GUI code; the window draws what it returns.
package mrzcheck

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"dossier/app/civil"
	"dossier/app/mrz"
	"dossier/app/store"
)

// Cache keeps readings between runs; the workspace's scan cache fits it
// (store.Workspace's CachedScan and CacheScan).
type Cache interface {
	CachedScan(ctx context.Context, sha, validator string) (string, bool, error)
	CacheScan(ctx context.Context, sha, validator, result string) error
}

// cacheKey names the reader's entries in the cache: a new reader version
// reads every file afresh.
const cacheKey = "mrz-" + mrz.ReaderVersion

// stored is a reading as cached: the scan and the reader's candidates, so
// that the zone can be decoded again against another day (a two-digit
// year's century, an expiry) without reading the picture again.
type stored struct {
	Scan    *mrz.Scan   `json:"scan,omitempty"`
	Reading mrz.Reading `json:"reading"`
	// Refused: the file has no picture the reader can take (ErrNotPicture,
	// ErrTooLarge): the error's text, kept so the file is not tried again.
	Refused string `json:"refused,omitempty"`
	// TooMuch: the page needed more work than the reader's budget
	// (mrz.ErrBudget). The budget is a count of steps, not a time, so the
	// same content always ends so and is not tried again either.
	TooMuch bool `json:"too_much,omitempty"`
}

// Reader reads passport scans, each file content once. It is safe for use
// by several goroutines; a file being read by one is waited for by the
// others.
type Reader struct {
	cache Cache
	mu    sync.Mutex
	mem   map[string]*entry
	// readFile is mrz.ReadFile; tests count the reads through it.
	readFile func(ctx context.Context, path string, today civil.Date) (*mrz.Scan, error)
}

type entry struct {
	done chan struct{}
	st   stored
	err  error
}

// NewReader returns a reader that keeps its readings in cache (nil: in
// memory only).
func NewReader(cache Cache) *Reader {
	return &Reader{cache: cache, mem: map[string]*entry{}, readFile: mrz.ReadFile}
}

// ErrRefused wraps the reader's refusal of a file (not a scanned picture, too
// large); errors.Is finds mrz.ErrNotPicture or mrz.ErrTooLarge in it only
// when the refusal was just made, so callers test for ErrRefused. A page
// that exhausted the reader's budget is refused too, and errors.Is finds
// mrz.ErrBudget in it always.
var ErrRefused = errors.New("the passport reader cannot take this file")

// Read returns the zone on the stored file at path whose content hash is
// sha, decoded as of today. A refused file gives an error wrapping
// ErrRefused; a page without a zone gives a Scan with Found false.
func (r *Reader) Read(ctx context.Context, path, sha string, today civil.Date) (*mrz.Scan, error) {
	r.mu.Lock()
	e, ok := r.mem[sha]
	if !ok {
		e = &entry{done: make(chan struct{})}
		r.mem[sha] = e
	}
	r.mu.Unlock()
	if ok {
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	} else {
		e.st, e.err = r.load(ctx, path, sha, today)
		if e.err != nil {
			// A cancelled or failed read is not remembered: the next
			// caller tries again.
			r.mu.Lock()
			delete(r.mem, sha)
			r.mu.Unlock()
		}
		close(e.done)
	}
	if e.err != nil {
		return nil, e.err
	}
	switch {
	case e.st.TooMuch:
		return nil, fmt.Errorf("%w: %w", ErrRefused, mrz.ErrBudget)
	case e.st.Refused != "":
		return nil, fmt.Errorf("%w: %s", ErrRefused, e.st.Refused)
	}
	sc := *e.st.Scan
	if sc.Found {
		// Decoded again as of today; the reading itself does not change.
		sc.Result = mrz.Decode(e.st.Reading, today)
		sc.Reading = e.st.Reading
	}
	return &sc, nil
}

// maxScanBytes: files larger than this are refused before they are hashed
// (the reader itself refuses them; a scan of one page is a few megabytes).
const maxScanBytes = 64 << 20

// ReadPath reads a file that is not (yet) in the workspace, such as a scan
// dropped on the window: its content is hashed to find or keep its reading.
func (r *Reader) ReadPath(ctx context.Context, path string, today civil.Date) (*mrz.Scan, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("read passport scan: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, "", fmt.Errorf("read passport scan: %w", err)
	}
	if !st.Mode().IsRegular() || st.Size() > maxScanBytes {
		return nil, "", fmt.Errorf("%w: %s", ErrRefused, mrz.ErrTooLarge)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, "", fmt.Errorf("read passport scan: %w", err)
	}
	sha := hex.EncodeToString(h.Sum(nil))
	sc, err := r.Read(ctx, path, sha, today)
	return sc, sha, err
}

// load takes a reading from the cache or makes (and caches) it.
func (r *Reader) load(ctx context.Context, path, sha string, today civil.Date) (stored, error) {
	if r.cache != nil {
		if js, ok, err := r.cache.CachedScan(ctx, sha, cacheKey); err == nil && ok {
			var st stored
			if json.Unmarshal([]byte(js), &st) == nil && (st.Scan != nil || st.Refused != "" || st.TooMuch) {
				return st, nil
			}
		}
	}
	sc, err := r.readFile(ctx, path, today)
	var st stored
	switch {
	case errors.Is(err, mrz.ErrNotPicture) || errors.Is(err, mrz.ErrTooLarge):
		st.Refused = err.Error()
	case errors.Is(err, mrz.ErrBudget):
		st.TooMuch = true
	case err != nil:
		return stored{}, fmt.Errorf("read passport zone: %w", err)
	default:
		st.Scan, st.Reading = sc, sc.Reading
	}
	if r.cache != nil {
		if js, err := json.Marshal(st); err == nil {
			// A cache that cannot be written costs a second reading later,
			// nothing more.
			_ = r.cache.CacheScan(ctx, sha, cacheKey, string(js))
		}
	}
	return st, nil
}

// FromEmployee is what the clerk typed for an employee, in the zone's terms.
func FromEmployee(e store.Employee) mrz.Typed {
	return mrz.Typed{NameLat: e.NameLat, PassportNo: e.PassportNo, Citizenship: e.Citizenship,
		BirthDate: e.BirthDate, Sex: e.Sex, PassportExpiry: e.PassportExpiry}
}

// FromMember is what the clerk typed for a family member.
func FromMember(m store.FamilyMember) mrz.Typed {
	return mrz.Typed{NameLat: m.NameLat, PassportNo: m.PassportNo, Citizenship: m.Citizenship,
		BirthDate: m.BirthDate, Sex: m.Sex, PassportExpiry: m.PassportExpiry}
}

// ToEmployee writes the zone's fields of t into e (the others are left).
func ToEmployee(e *store.Employee, t mrz.Typed) {
	e.NameLat, e.PassportNo, e.Citizenship = t.NameLat, t.PassportNo, t.Citizenship
	e.BirthDate, e.Sex, e.PassportExpiry = t.BirthDate, t.Sex, t.PassportExpiry
}
