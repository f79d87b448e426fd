package bundle

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"dossier/app/civil"
	"dossier/app/pdfkit"
	"dossier/app/scan/scantest"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Integration tests of Build and Pack through app/pdfkit: everything is
// written, validated by pdfcpu's api and read back. They are the gate of a
// pdfcpu upgrade (docs/architecture.md): a new version that writes
// something other than what a package promises fails here.

// checkWritten validates a written PDF with pdfcpu's api, reads it back and
// checks what every file Dossier writes must hold: the page count the
// result gave, A4 pages, and pdfcpu named as the producer; and, when
// numbered (merged files, not uploads), "стр. i из n" on every page.
func checkWritten(t *testing.T, path string, pages int, numbered bool) *readDoc {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, api.Validate(bg, f, pdfkit.NewConfig(), nil), "api.Validate %s", path)
	d := readPDFFile(t, path)
	require.Equal(t, pages, d.PageCount, path)
	for i := 1; i <= pages; i++ {
		assert.True(t, isA4(pageShown(t, d, i)), "%s page %d is A4", path, i)
		if !numbered {
			continue
		}
		assert.Contains(t, pageText(t, d, i), "стр. "+strconv.Itoa(i)+" из "+strconv.Itoa(pages), "%s page %d number", path, i)
	}
	info, err := d.Info()
	require.NoError(t, err)
	assert.Contains(t, info["Producer"], "pdfcpu")
	return d
}

func jpegSize(t *testing.T, path string) (int, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	c, err := jpeg.DecodeConfig(bytes.NewReader(data))
	require.NoError(t, err)
	return c.Width, c.Height
}

func TestIntegrationBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test: the full run (make test without -short) runs it")
	}
	dir := t.TempDir()
	in, f := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	res, err := Build(bg, out, in, Options{Date: civil.MustParse("2026-11-25"), ProgramVersion: "test"})
	require.NoError(t, err)

	// The merged PDF: cover, 2 passport pages, the photo, 2 contract
	// pages, the diploma.
	merged := checkWritten(t, filepath.Join(out, res.Merged[0].Path), res.Merged[0].Pages, true)
	require.Equal(t, 7, merged.PageCount)
	var titles []string
	var starts []int
	for _, b := range bookmarks(t, merged) {
		titles = append(titles, b.Title)
		starts = append(starts, b.Page)
	}
	assert.Equal(t, []string{"Содержание", "Паспорт", "Фотография 3×4", "Трудовой договор", "Диплом: копия (необязательно)"}, titles)
	assert.Equal(t, []int{1, 2, 4, 5, 7}, starts)

	// Images keep their pixels: the scan byte for byte, the PNG at its size.
	scan := pageShown(t, merged, 2)
	require.Len(t, scan.images, 1)
	w, h := jpegSize(t, f.scan)
	assert.Equal(t, [2]int{w, h}, [2]int{scan.images[0].w, scan.images[0].h})
	data, err := os.ReadFile(f.scan)
	require.NoError(t, err)
	assert.Equal(t, data, scan.images[0].raw, "scan embedded as it is")
	assert.Equal(t, "DCTDecode", scan.images[0].filter)
	png := pageShown(t, merged, 4)
	require.Len(t, png.images, 1)
	assert.Equal(t, [2]int{300, 400}, [2]int{png.images[0].w, png.images[0].h})

	// Every upload file holds its document's pages, numbered from 1.
	for _, u := range res.Uploads {
		checkWritten(t, filepath.Join(out, u.Path), u.Pages, false)
	}
	require.Len(t, res.Uploads, 4)
}

func TestIntegrationPack(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test: the full run (make test without -short) runs it")
	}
	dir := t.TempDir()
	scan := writeFile(t, dir, "scan.jpg", encodeJPEG(t, scanImage(1240, 1754, 5, 20), 80))
	photo := writeFile(t, dir, "photo.jpg", withOrientation(encodeJPEG(t, scanImage(1600, 1200, 6, 10), 80), 6))
	pdf := samplePDF(t, dir, 3)
	out := filepath.Join(dir, "packed.pdf")
	res, err := Pack(bg, out, []File{{Path: scan}, {Path: photo}, {Path: pdf}}, Options{})
	require.NoError(t, err)
	require.Len(t, res.Merged, 1)
	d := checkWritten(t, out, 5, true)
	bms := bookmarks(t, d)
	require.Len(t, bms, 3)
	assert.Equal(t, []string{"scan.jpg", "photo.jpg", "sample.pdf"}, []string{bms[0].Title, bms[1].Title, bms[2].Title})
	assert.Equal(t, []int{1, 2, 3}, []int{bms[0].Page, bms[1].Page, bms[2].Page})
	// The photo (EXIF 6) is shown portrait, its JPEG kept as stored
	// (1600×1200): turned through the page (the page-number stamp folds
	// /Rotate into the page's geometry).
	p := pageShown(t, d, 2)
	require.Len(t, p.images, 1)
	assert.Equal(t, [2]int{1600, 1200}, [2]int{p.images[0].w, p.images[0].h})
	assert.Less(t, p.w, p.h)

	// Split to fit a budget: every part stands on its own.
	small := filepath.Join(dir, "small.pdf")
	res, err = Pack(bg, small, []File{{Path: scan}, {Path: pdf}, {Path: photo}}, Options{MaxFileBytes: 150_000})
	require.NoError(t, err)
	require.Greater(t, len(res.Merged), 1)
	total := 0
	for _, m := range res.Merged {
		checkWritten(t, m.Path, m.Pages, true)
		total += m.Pages
	}
	assert.Equal(t, 5, total)
}

// trickyPDF is a PDF whose content stream, image stream and annotation
// strings hold what looks like the volatile values of a PDF and like
// references: a date, a font subset tag, "12 0 R".
func trickyPDF() (pdf []byte, content, samples string) {
	content = "BT /F1 14 Tf 72 760 Td (D:20260101000000+05'00') Tj ET\n% /ABCDEF+Helvetica 12 0 R\nq 19 0 0 1 72 600 cm /Im1 Do Q"
	samples = "(D:20260101000000Z)" // 19 gray pixels
	pdf = scantest.HandPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 7 0 R >> >> /Contents 5 0 R /Annots [6 0 R] >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Annot /Subtype /Text /Rect [72 700 92 720] /Contents (see 12 0 R and 3 0 R) /T (Note 12 0 R) >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 19 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream", len(samples), samples),
	)
	return pdf, content, samples
}

// Reproducible output changes values through pdfcpu's object model only:
// strings that read like references, and streams that hold a date or a
// subset tag, come out as they went in; and two runs give the same bytes.
func TestReproducibleKeepsStringsAndStreams(t *testing.T) {
	dir := t.TempDir()
	pdf, content, samples := trickyPDF()
	in := writeFile(t, dir, "scan 12 0 R.pdf", pdf)
	opt := Options{Reproducible: true, Date: civil.MustParse("2026-11-25")}
	var outs [][]byte
	for _, name := range []string{"a.pdf", "b.pdf"} {
		out := filepath.Join(dir, name)
		_, err := Pack(bg, out, []File{{Path: in}}, opt)
		require.NoError(t, err)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		outs = append(outs, data)
	}
	assert.True(t, bytes.Equal(outs[0], outs[1]), "two reproducible runs differ")

	d := checkWritten(t, filepath.Join(dir, "a.pdf"), 1, true)
	bms := bookmarks(t, d)
	require.Len(t, bms, 1)
	assert.Equal(t, "scan 12 0 R.pdf", bms[0].Title)
	raw := outs[0]
	has := func(s, msg string) { assert.True(t, bytes.Contains(raw, []byte(s)), "%s: %q not in the file", msg, s) }
	has("(see 12 0 R and 3 0 R)", "a string is not a reference")
	has("(Note 12 0 R)", "a string is not a reference")
	has(content, "the content stream's bytes are kept")
	has("stream\n"+samples+"\nendstream", "the image's samples are kept")
	page, err := d.Content(1)
	require.NoError(t, err)
	assert.Contains(t, string(page), "(D:20260101000000+05'00')")
	assert.Contains(t, string(page), "/ABCDEF+Helvetica 12 0 R")
	// The values pdfcpu takes from the clock and a random source are fixed.
	info, err := d.Info()
	require.NoError(t, err)
	assert.Equal(t, pdfkit.FixedDate, info["CreationDate"])
	assert.Equal(t, pdfkit.FixedDate, info["ModDate"])
	has("/BaseFont/DOSSAA+DejaVuSans", "the subset tag is fixed")

	// Pack may replace its own reproducible output (pdfcpu's name stands
	// near the start of such a file, not at its end).
	assert.True(t, IsPackOutput(filepath.Join(dir, "a.pdf")))
	_, err = Pack(bg, filepath.Join(dir, "a.pdf"), []File{{Path: in}}, opt)
	require.NoError(t, err)
}
