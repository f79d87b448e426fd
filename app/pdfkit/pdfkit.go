// Package pdfkit is Dossier's one adapter to pdfcpu. It is the only package
// that imports pdfcpu below its api package (pdfcpu, model, types, font,
// filter, …); every other package calls pdfkit, or at most pdfcpu's api
// package for a self-contained call in a test (imports_test.go holds that
// line). A pdfcpu upgrade therefore changes this package and nothing else,
// and the integration tests of Build and Pack (app/bundle/pdfkit_test.go)
// say whether the upgrade is safe.
//
// Where pdfcpu's api does the work it is called (reading, validating,
// decrypting, watermarks for page numbers, writing); what stays below the
// api is named in each file with the reason: the api works on whole files
// (an io.ReadSeeker in, an io.Writer out), and a package of a hundred
// megabytes would be serialised and parsed once per step.
//
// pdfcpu 0.16 takes a context.Context in nearly every call: pdfkit passes
// the caller's where its own function takes one (reading, validating,
// writing), and context.Background() for the short steps on a document
// already in memory.
//
// It is split into files by concern — limits and errors (this file), setup
// and fonts, reading and inspecting, active content, building, writing —
// but is one adapter: the types of pdfcpu never leave it.
package pdfkit

import (
	"errors"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Read limits for an untrusted PDF. A scanned or typed document needs far
// less than pdfcpu's defaults; a file that needs more is a bomb, not a
// document.
const (
	// MaxDecodeBytes bounds one stream once unpacked: a page's content or
	// one image. A 300-dpi A4 colour page stored raw is 26 MB.
	MaxDecodeBytes = 64 << 20
	// MaxDecodeTotal bounds all the streams of one file together once
	// unpacked: a 300-page typed document is a few megabytes of content.
	MaxDecodeTotal = 512 << 20
	// MaxPageSide is the PDF format's own page size limit (14,400 units, 5 m).
	MaxPageSide = 14400
	// DefaultMaxImagePixels is the image size limit when Limits gives none.
	DefaultMaxImagePixels = 50_000_000
)

// Limits are the per-caller parts of the read limits.
type Limits struct {
	// MaxImagePixels: images whose header promises more are refused.
	MaxImagePixels int64
}

// ErrDecodeLimit is pdfcpu's sentinel for a stream that unpacks beyond the
// limit (a decompression bomb); errors of pdfkit wrap it.
var ErrDecodeLimit = filter.ErrDecodeLimitExceeded

// ErrPDFBomb is returned for a PDF whose streams unpack to more than the
// read limits allow. It matches IsDecodeLimit.
var ErrPDFBomb = fmt.Errorf("pdf streams unpack beyond the limit: %w", ErrDecodeLimit)

// ErrPassword is returned for a PDF that opens only with a password, or
// with a certificate-based protection: only an unprotected copy helps.
var ErrPassword = errors.New("pdf is protected by a password")

// ErrDamaged wraps what pdfcpu says about a file it cannot take, a panic
// included.
var ErrDamaged = errors.New("pdf is damaged")

// IsDecodeLimit reports an error caused by a stream that unpacks to more
// than the read limits allow.
func IsDecodeLimit(err error) bool { return errors.Is(err, ErrDecodeLimit) }

// readConfig is a fresh pdfcpu configuration for reading an untrusted PDF
// (pdfcpu changes the one it is given, so every read needs its own), with
// resource limits lowered to what a document can reasonably need. The
// validator, its worker, thumbnails and the package builder all read PDFs
// with it.
func readConfig(l Limits) *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Offline = true
	px := l.MaxImagePixels
	if px <= 0 {
		px = DefaultMaxImagePixels
	}
	conf.Limits = model.ResourceLimits{
		MaxStreamBytes:       100 << 20,
		MaxDecodeBytes:       MaxDecodeBytes,
		MaxImagePixels:       px,
		MaxImageBytes:        MaxDecodeBytes,
		MaxObjectCount:       200_000,
		MaxObjectStreamCount: 50_000,
		MaxObjectStreamFirst: 1 << 20,
		MaxXRefEntries:       500_000,
		MaxRecursionDepth:    64,
	}
	conf.CreateBookmarks = false
	conf.OptimizeBeforeWriting = false
	return conf
}

// writeConfig is a fresh configuration for a document Dossier makes.
func writeConfig() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.Offline = true
	conf.CreateBookmarks = false
	conf.ValidationMode = model.ValidationRelaxed
	conf.OptimizeBeforeWriting = false
	return conf
}

// classify turns pdfcpu's read errors into pdfkit's sentinels.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pdfcpu.ErrWrongPassword), errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature):
		return fmt.Errorf("%w: %w", ErrPassword, err)
	case IsDecodeLimit(err):
		return err
	}
	return fmt.Errorf("%w: %w", ErrDamaged, err)
}

// guard turns a panic inside pdfcpu into an error: pdfcpu's own recovery
// catches only its own panics, and the files are untrusted.
func guard(what string, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w: %s: %v", ErrDamaged, what, p)
	}
}
