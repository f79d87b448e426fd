package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"

	"dossier/app/pdfkit"
)

// WorkerCommandName is the hidden subcommand of the dossier binary that
// checks one PDF in a separate process.
const WorkerCommandName = "scan-worker"

// WorkerCommand builds the command that runs the PDF worker on path. The
// worker reads its Options as JSON on stdin and writes its report as JSON
// on stdout (see RunWorker). Returning nil means no worker is available.
type WorkerCommand func(ctx context.Context, path string) *exec.Cmd

// SelfWorker runs the worker in this same executable through the hidden
// scan-worker subcommand. In a Go test binary it returns nil, because a
// test binary has no such subcommand (tests set up their own, see
// TestMain in this package).
func SelfWorker(ctx context.Context, path string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	base := strings.TrimSuffix(strings.ToLower(filepath.Base(exe)), ".exe")
	if strings.HasSuffix(base, ".test") {
		return nil
	}
	return exec.CommandContext(ctx, exe, WorkerCommandName, "--", path)
}

// errNoWorker means the worker process could not be started at all.
var errNoWorker = errors.New("scan worker unavailable")

// maxReportBytes bounds what the parent reads from a worker.
const maxReportBytes = 8 << 20

// pdfInWorker runs inspectPDF in a worker process with a time limit; the
// worker limits its own memory. It returns errNoWorker (wrapped) when no
// worker could start, the context's error on cancel or timeout, and an
// error describing the failure when the worker died.
func (v *Validator) pdfInWorker(ctx context.Context, path string) (pdfReport, error) {
	var rep pdfReport
	if v.opts.Worker == nil {
		return rep, errNoWorker
	}
	wctx, cancel := context.WithTimeout(ctx, v.opts.PDFTimeout)
	defer cancel()
	cmd := v.opts.Worker(wctx, path)
	if cmd == nil {
		return rep, errNoWorker
	}
	opts, err := json.Marshal(v.opts)
	if err != nil {
		return rep, fmt.Errorf("worker options: %w", err)
	}
	// The worker's memory cap counts against the budget while it runs, so
	// that PDF workers and picture checks together stay within it.
	if err := v.mem.acquire(ctx, v.opts.WorkerMemory); err != nil {
		return rep, err
	}
	defer v.mem.release(v.opts.WorkerMemory)
	cmd.Stdin = bytes.NewReader(opts)
	var out, errOut limitedBuffer
	out.limit, errOut.limit = maxReportBytes, 64<<10
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		return rep, fmt.Errorf("%w: %v", errNoWorker, err)
	}
	err = cmd.Wait()
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	if wctx.Err() != nil {
		return rep, context.DeadlineExceeded
	}
	if err != nil {
		return rep, fmt.Errorf("scan worker: %w: %s", err, strings.TrimSpace(errOut.String()))
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return rep, fmt.Errorf("scan worker output: %w", err)
	}
	return rep, nil
}

// RunWorker is the worker process's entry point: args holds the PDF path,
// stdin the Options as JSON. It limits the process's memory, inspects the
// file and writes the report to stdout. The exit status is 0 when a report
// was written.
func RunWorker(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("scan worker: want one PDF path")
	}
	var opts Options
	if err := json.NewDecoder(io.LimitReader(stdin, 1<<20)).Decode(&opts); err != nil {
		return fmt.Errorf("scan worker: options: %w", err)
	}
	// The worker only reads: it needs no pdfcpu configuration folder (user
	// fonts live there), so it never creates one.
	pdfkit.DisableConfigDir()
	opts.Worker = nil
	opts.CacheDir = ""
	opts.NoCache = true
	// Half the worker's cap may hold a page picture being decoded; the rest
	// is pdfcpu's reading and the runtime.
	opts.MemoryBudget = max(opts.WorkerMemory/2, 1<<20)
	v := New(opts)
	limitMemory(opts.WorkerMemory)
	rep, err := v.inspectPDF(ctx, args[0])
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(rep)
}

// limitMemory caps the worker: a soft Go heap limit everywhere (which makes
// the collector work harder as the heap nears it), and a hard data-segment
// limit where the system offers one (see rlimit_*.go).
func limitMemory(n int64) {
	if n <= 0 {
		return
	}
	debug.SetMemoryLimit(n * 3 / 4)
	hardLimit(n)
}

// limitedBuffer keeps at most limit bytes and silently drops the rest.
type limitedBuffer struct {
	bytes.Buffer
	limit int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.limit - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
