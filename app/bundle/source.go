package bundle

import (
	"dossier/app/display"

	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
)

// Kind is a file type recognised by content.
type Kind string

const (
	KindJPEG Kind = "jpeg"
	KindPNG  Kind = "png"
	KindPDF  Kind = "pdf"
)

// ErrUnsupported is returned for files that are neither JPEG, PNG nor PDF.
var ErrUnsupported = errors.New("unsupported file type")

// sniff identifies data by its first bytes, never by the file name.
func sniff(b []byte) (Kind, error) {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return KindJPEG, nil
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return KindPNG, nil
	}
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	if bytes.Contains(head, []byte("%PDF-")) {
		return KindPDF, nil
	}
	return "", ErrUnsupported
}

// source is one input file read into memory with what the builder learned
// about it.
type source struct {
	file  File
	name  string
	data  []byte
	kind  Kind
	sha   string
	fixes Fixes
	// For pictures: stored pixel size, and JPEG header details.
	w, h int
	jpeg jpegInfo
}

// loadSource reads a file, checks its size, hashes it and identifies it.
// When the caller gave no fixes, inspect decides them (inspect.go).
func loadSource(f File) (*source, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Path, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat %s: %w", f.Path, err)
	}
	if st.Size() > maxInputBytes {
		return nil, fmt.Errorf("%s: %w (%d bytes)", f.Path, ErrTooLarge, st.Size())
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(fh, data); err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	// The name goes into bookmarks, the manifest and messages: made safe
	// to show (a name that is not UTF-8 used to abort the build).
	s := &source{file: f, name: display.Name(f.Name), data: data}
	if s.name == "" {
		s.name = display.Name(filepath.Base(f.Path))
	}
	if f.Stored && f.SHA256 != "" {
		s.sha = f.SHA256
	} else {
		sum := sha256.Sum256(data)
		s.sha = hex.EncodeToString(sum[:])
		if f.SHA256 != "" && f.SHA256 != s.sha {
			return nil, fmt.Errorf("%s: %w", f.Path, ErrChanged)
		}
	}
	if s.kind, err = sniff(data); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	switch s.kind {
	case KindJPEG:
		if s.jpeg, err = parseJPEG(data); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		s.w, s.h = s.jpeg.Width, s.jpeg.Height
	case KindPNG:
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: read PNG header: %w", f.Path, err)
		}
		s.w, s.h = cfg.Width, cfg.Height
	}
	if s.kind != KindPDF && (s.w <= 0 || s.h <= 0 || int64(s.w)*int64(s.h) > maxPixels) {
		return nil, fmt.Errorf("%s: %w: %d×%d", f.Path, ErrTooLarge, s.w, s.h)
	}
	if f.Fixes == nil {
		// judge gives every file its verdict before loading.
		return nil, fmt.Errorf("%s: %w", f.Path, errNoVerdict)
	}
	s.fixes = *f.Fixes
	return s, nil
}

// errNoVerdict: a file reached loading without scan validation's verdict.
var errNoVerdict = errors.New("file was not validated")

func baseName(p string) string { return filepath.Base(p) }

// ErrChanged means a file's content no longer matches the hash the caller
// recorded for it (it was edited after validation).
var ErrChanged = errors.New("file changed since it was checked")
