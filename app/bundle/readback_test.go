package bundle

import (
	"bytes"
	"os"
	"testing"

	"dossier/app/pdfkit"

	"github.com/stretchr/testify/require"
)

// Helpers that read a written PDF back the way a viewer would (through
// pdfkit.ReadBack, after pdfcpu's validation): page sizes as shown
// (rotation applied), images, bookmarks, and text through the fonts'
// ToUnicode maps — the same path copy-and-paste and search take.

type readDoc struct {
	*pdfkit.ReadBack
	PageCount int
	path      string
}

func readPDFFile(t *testing.T, path string) *readDoc {
	t.Helper()
	rb, err := pdfkit.ReadBackFile(bg, path)
	require.NoError(t, err, "pdfcpu validation of %s", path)
	return &readDoc{ReadBack: rb, PageCount: rb.PageCount(), path: path}
}

type shownPage struct {
	w, h   float64 // as seen, after /Rotate
	rotate int
	images []imageInfo
}

type imageInfo struct {
	w, h   int
	filter string
	bytes  int
	raw    []byte
}

func pageShown(t *testing.T, d *readDoc, nr int) shownPage {
	t.Helper()
	p, err := d.Page(nr)
	require.NoError(t, err)
	sp := shownPage{w: p.W, h: p.H, rotate: p.Rotate}
	for _, im := range p.Images {
		sp.images = append(sp.images, imageInfo{w: im.W, h: im.H, filter: im.Filter, bytes: len(im.Raw), raw: im.Raw})
	}
	return sp
}

func isA4(p shownPage) bool {
	near := func(a, b float64) bool { return a > b-1 && a < b+1 }
	return (near(p.w, a4W) && near(p.h, a4H)) || (near(p.w, a4H) && near(p.h, a4W))
}

func bookmarks(t *testing.T, d *readDoc) []pdfkit.Bookmark {
	t.Helper()
	bms, err := d.Bookmarks()
	require.NoError(t, err)
	return bms
}

// pageText returns the text drawn on page nr, including form XObjects (the
// page-number stamps), decoded through ToUnicode.
func pageText(t *testing.T, d *readDoc, nr int) string {
	t.Helper()
	s, err := d.Text(nr)
	require.NoError(t, err)
	return s
}

// openDoc reads a written PDF as the builder reads its inputs.
func openDoc(t *testing.T, path string) *pdfkit.Doc {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	doc, err := pdfkit.Read(bg, bytes.NewReader(data), pdfkit.Limits{})
	require.NoError(t, err)
	require.NoError(t, doc.Validate(bg))
	return doc
}

// encryptFile writes src protected with AES-256 to dst.
func encryptFile(t *testing.T, src, dst, userPW, ownerPW string) {
	t.Helper()
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	enc, err := pdfkit.Encrypt(bg, data, userPW, ownerPW, false)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dst, enc, 0o644))
}
