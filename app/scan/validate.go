package scan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Validator checks files. It is safe for concurrent use.
type Validator struct {
	opts     Options
	mem      *memGate
	cacheKey string
}

// New returns a validator with o's settings (zero fields take defaults).
func New(o Options) *Validator {
	o = o.withDefaults()
	return &Validator{opts: o, mem: newMemGate(o.MemoryBudget), cacheKey: cacheKey(o)}
}

// Options returns the settings in effect.
func (v *Validator) Options() Options { return v.opts }

// Check validates one file. The error is non-nil only when ctx ends; every
// problem with the file itself is a finding in the result.
func (v *Validator) Check(ctx context.Context, path string) (Result, error) {
	r, err := v.check(ctx, path)
	r.File = path
	noteExtension(&r)
	return r, err
}

// claimedKinds are the types file extensions name.
var claimedKinds = map[string]Kind{
	".jpg": KindJPEG, ".jpeg": KindJPEG, ".jpe": KindJPEG, ".png": KindPNG, ".pdf": KindPDF,
	".tif": KindTIFF, ".tiff": KindTIFF, ".heic": KindHEIC, ".heif": KindHEIC, ".gif": KindGIF,
	".webp": KindWebP, ".bmp": KindBMP,
}

// noteExtension adds an information note when an accepted file's
// extension names another type than its content (a PNG named .jpg). The
// verdict still comes from the content; the note is made from the name
// each time, never cached with the content's result.
func noteExtension(r *Result) {
	if r.Kind != KindJPEG && r.Kind != KindPNG && r.Kind != KindPDF {
		return
	}
	ext := strings.ToLower(filepath.Ext(r.File))
	claimed, ok := claimedKinds[ext]
	if !ok || claimed == r.Kind || r.Has(CodeExtension) {
		return
	}
	r.add(Finding{Code: CodeExtension, Severity: SevInfo, Args: []string{ext, strings.ToUpper(string(r.Kind))}})
}

func (v *Validator) check(ctx context.Context, path string) (Result, error) {
	r := Result{Kind: KindUnknown}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		r.add(Finding{Code: CodeUnreadable, Severity: SevError})
		r.decide()
		return r, nil
	}
	r.Size = st.Size()
	kind, err := SniffFile(path)
	if err != nil {
		r.add(Finding{Code: CodeUnreadable, Severity: SevError})
		r.decide()
		return r, nil
	}
	r.Kind = kind
	if r.Size > v.opts.MaxBytes {
		r.add(Finding{Code: CodeTooLarge, Severity: SevError, Bytes: r.Size, Args: []string{mb(r.Size), mb(v.opts.MaxBytes)}})
		r.decide()
		return r, nil
	}
	// Images are read whole (they are decoded anyway), once the memory
	// budget has room for their bytes and their decoding as the header
	// promises it; other files are only hashed as a stream.
	var data []byte
	room := int64(-1)
	h := sha256.New()
	if kind == KindJPEG || kind == KindPNG {
		est := pictureDecodeBytes(path, kind)
		hold := r.Size + est
		room = est
		switch {
		case est == 0:
			// No header in the first megabyte: the file is held while it
			// is read, and decoding, if the full header allows it,
			// reserves its own share (holding none meanwhile, so that two
			// checks can never wait on each other).
			hold, room = min(r.Size, v.opts.MemoryBudget), -1
		case hold > v.opts.MemoryBudget:
			// Too big to decode at all: the check refuses it from the
			// header, holding only the file.
			hold = min(r.Size, v.opts.MemoryBudget)
			room = max(0, v.opts.MemoryBudget-hold)
		}
		if err := v.mem.acquire(ctx, hold); err != nil {
			return r, err
		}
		release := sync.OnceFunc(func() { v.mem.release(hold) })
		defer release()
		data, err = os.ReadFile(path)
		if room < 0 {
			release()
		}
		if err == nil {
			h.Write(data)
			r.Size = int64(len(data))
		}
	} else {
		err = hashFile(path, h)
	}
	if err != nil {
		r.add(Finding{Code: CodeUnreadable, Severity: SevError})
		r.decide()
		return r, nil
	}
	r.SHA256 = hex.EncodeToString(h.Sum(nil))
	if c, ok := v.cacheGet(r.SHA256); ok {
		c.Cached = true
		return c, nil
	}
	if err := v.inspect(ctx, path, data, room, &r); err != nil {
		return r, err
	}
	if r.Size > v.opts.WarnBytes {
		r.add(Finding{Code: CodeLargeFile, Severity: SevWarning, Bytes: r.Size, Args: []string{mb(r.Size), mb(v.opts.WarnBytes)}})
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	r.decide()
	if cacheable(r) {
		_ = v.cachePut(r)
	}
	return r, nil
}

// pictureDecodeBytes estimates from a picture file's first bytes what
// decoding it will take (0 when the header is not there: the check then
// refuses the file from its header).
func pictureDecodeBytes(path string, kind Kind) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, 1<<20))
	switch kind {
	case KindJPEG:
		info, _ := readJPEGInfo(head)
		return info.DecodeBytes
	case KindPNG:
		info, _ := readPNGInfo(head)
		return info.decodeBytes()
	}
	return 0
}

// cacheable leaves out results that depend on the moment rather than the
// file (a check stopped by its time limit may pass on a quieter machine).
func cacheable(r Result) bool {
	return !r.Has(CodeCheckTimeout) && !r.Has(CodeInProcess)
}

func hashFile(path string, h io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(h, f)
	return err
}

// inspect dispatches on the kind and fills r.
func (v *Validator) inspect(ctx context.Context, path string, data []byte, room int64, r *Result) error {
	switch r.Kind {
	case KindJPEG, KindPNG:
		var c imageCheck
		if r.Kind == KindJPEG {
			c = v.checkJPEG(ctx, data, 0, [2]float64{}, room)
		} else {
			c = v.checkPNG(ctx, data, 0, [2]float64{}, room)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		r.Pages = 1
		r.PageInfo = []PageInfo{c.info}
		r.Findings = append(r.Findings, c.findings...)
		r.Plan.StripMetadata = c.meta
		if c.plan.Page = 1; !c.plan.IsZero() {
			r.Plan.Pages = []PagePlan{c.plan}
		}
		return nil
	case KindPDF:
		return v.checkPDF(ctx, path, r)
	case KindEmpty:
		r.add(Finding{Code: CodeEmpty, Severity: SevError})
	case KindHEIC, KindAVIF:
		r.add(Finding{Code: CodeHEIC, Severity: SevError})
	case KindTIFF:
		r.add(Finding{Code: CodeTIFF, Severity: SevError})
	default:
		r.add(Finding{Code: CodeUnsupported, Severity: SevError, Args: []string{string(r.Kind)}})
	}
	return nil
}

// checkPDF runs the PDF inspection in a worker process, falling back to
// this process (with a finding that says so) when no worker can start.
func (v *Validator) checkPDF(ctx context.Context, path string, r *Result) error {
	rep, err := v.pdfInWorker(ctx, path)
	switch {
	case err == nil:
	case errors.Is(err, errNoWorker):
		if v.opts.Worker != nil {
			r.add(Finding{Code: CodeInProcess, Severity: SevInfo})
		}
		rep, err = v.pdfInProcess(ctx, path)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			r.add(Finding{Code: CodeCheckTimeout, Severity: SevError})
			return nil
		}
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, context.DeadlineExceeded):
		r.add(Finding{Code: CodeCheckTimeout, Severity: SevError})
		return nil
	default:
		r.add(Finding{Code: CodeCheckFailed, Severity: SevError})
		return nil
	}
	r.Pages = rep.Pages
	r.PageInfo = rep.PageInfo
	r.Findings = append(r.Findings, rep.Findings...)
	r.Plan.Decrypt = rep.Decrypt
	r.Plan.Pages = rep.Plans
	return nil
}

// pdfInProcess runs inspectPDF in this process with the time limit. The
// PDF reader does not watch the context everywhere, so the inspection runs
// in its own goroutine and is abandoned (left to finish or hang on its own)
// when time is up: a hanging file costs a goroutine, not the program.
func (v *Validator) pdfInProcess(ctx context.Context, path string) (pdfReport, error) {
	tctx, cancel := context.WithTimeout(ctx, v.opts.PDFTimeout)
	defer cancel()
	type outcome struct {
		rep pdfReport
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		rep, err := v.inspectPDF(tctx, path)
		done <- outcome{rep, err}
	}()
	select {
	case o := <-done:
		return o.rep, o.err
	case <-tctx.Done():
		return pdfReport{}, tctx.Err()
	}
}

// contextError returns err when it is a context's cancellation or deadline.
func contextError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// memGate is a weighted semaphore over bytes of decoded pixels.
type memGate struct {
	mu    sync.Mutex
	cond  *sync.Cond
	free  int64
	total int64
}

func newMemGate(n int64) *memGate {
	g := &memGate{free: n, total: n}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *memGate) acquire(ctx context.Context, n int64) error {
	if n > g.total {
		return fmt.Errorf("memory gate: %d bytes over the budget of %d", n, g.total)
	}
	stop := context.AfterFunc(ctx, func() {
		g.mu.Lock()
		g.cond.Broadcast()
		g.mu.Unlock()
	})
	defer stop()
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.free < n {
		if err := ctx.Err(); err != nil {
			return err
		}
		g.cond.Wait()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	g.free -= n
	return nil
}

func (g *memGate) release(n int64) {
	g.mu.Lock()
	g.free += n
	g.cond.Broadcast()
	g.mu.Unlock()
}
