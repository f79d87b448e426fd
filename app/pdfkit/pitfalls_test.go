package pdfkit

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pdfcpu behaviours Dossier is built around (docs/architecture.md,
// "pdfcpu"), measured on every run: a pdfcpu upgrade that changes one of
// them fails here, and the page that relies on it must be looked at again.

func a4ScanJPEG(t *testing.T) []byte {
	t.Helper()
	m := image.NewGray(image.Rect(0, 0, 2480, 3508)) // A4 at 300 dpi
	for i := range m.Pix {
		m.Pix[i] = 230
	}
	m.SetGray(10, 10, color.Gray{Y: 0})
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, m, &jpeg.Options{Quality: 50}))
	return buf.Bytes()
}

func firstPage(t *testing.T, pdf []byte) ShownPage {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	rb, err := ReadBackFile(bg, path)
	require.NoError(t, err)
	p, err := rb.Page(1)
	require.NoError(t, err)
	return p
}

// pdfcpu's default import makes the page as large as the picture in
// points (a 300-dpi A4 scan becomes 87 × 124 cm); with "form:A4"
// the page is A4 and the JPEG is embedded byte for byte.
func TestPitfallImageImportNeedsA4(t *testing.T) {
	scan := a4ScanJPEG(t)
	pdf, err := ImagesToPDF(bg, []io.Reader{bytes.NewReader(scan)}, "")
	require.NoError(t, err)
	p := firstPage(t, pdf)
	assert.InDelta(t, 2480, p.W, 1, "page as wide as the picture in points")
	assert.InDelta(t, 3508, p.H, 1)

	pdf, err = ImagesToPDF(bg, []io.Reader{bytes.NewReader(scan)}, "form:A4, pos:c, sc:1.0 rel")
	require.NoError(t, err)
	p = firstPage(t, pdf)
	assert.InDelta(t, 595.28, p.W, 1)
	assert.InDelta(t, 841.89, p.H, 1)
	require.Len(t, p.Images, 1)
	assert.Equal(t, scan, p.Images[0].Raw, "JPEG embedded as it is")
}

// pdfcpu takes a truncated JPEG without a word: scans are decoded in full
// by validation (app/scan) before they reach a PDF.
func TestPitfallTruncatedJPEGAccepted(t *testing.T) {
	scan := a4ScanJPEG(t)
	_, err := ImagesToPDF(bg, []io.Reader{bytes.NewReader(scan[:len(scan)/2])}, "form:A4, pos:c, sc:1.0 rel")
	assert.NoError(t, err)
}

// A PDF protected by an owner password only opens, reports its
// encryption, and is decrypted by ReadValidated before it is merged.
func TestPitfallOwnerPasswordNeedsDecrypting(t *testing.T) {
	plain, err := ImagesToPDF(bg, []io.Reader{bytes.NewReader(a4ScanJPEG(t))}, "form:A4, pos:c, sc:1.0 rel")
	require.NoError(t, err)
	owner, err := Encrypt(bg, plain, "", "owner", false)
	require.NoError(t, err)
	d, err := Read(bg, bytes.NewReader(owner), Limits{})
	require.NoError(t, err, "opens without a password")
	assert.True(t, d.Encrypted())
	d, decrypted, err := ReadValidated(bg, owner, Limits{})
	require.NoError(t, err)
	assert.True(t, decrypted)
	assert.False(t, d.Encrypted())
	b, err := NewBuilder()
	require.NoError(t, err)
	require.NoError(t, b.AddPDF(d))
	assert.Equal(t, 1, b.PageCount())

	user, err := Encrypt(bg, plain, "user", "owner", false)
	require.NoError(t, err)
	_, _, err = ReadValidated(bg, user, Limits{})
	assert.ErrorIs(t, err, ErrPassword)
}
