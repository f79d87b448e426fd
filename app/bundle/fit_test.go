package bundle

import (
	"bytes"
	"path/filepath"
	"testing"

	"dossier/app/pdfkit"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A PDF whose pages have an odd size (a scan saved at one point per pixel:
// 2480 × 3508 pt, almost a metre tall) comes out on A4, portrait or
// landscape as it was seen, its picture passed through unchanged, and the
// manifest says which pages were fitted. A page of ordinary paper is left
// as it is.
func TestOddPDFPagesFitOnA4(t *testing.T) {
	dir := t.TempDir()
	jpg := encodeJPEG(t, scanImage(2480/4, 3508/4, 7, 0), 70)
	img := writeFile(t, dir, "scan.jpg", jpg)
	huge := filepath.Join(dir, "huge.pdf")
	imp, err := api.Import("dim:2480 3508, pos:c, sc:1.0 rel", 0) // points, like a scanner that knows no paper
	require.NoError(t, err)
	require.NoError(t, api.ImportImagesFile(bg, []string{img}, huge, imp, pdfkit.NewConfig()))
	turned := filepath.Join(dir, "huge turned.pdf")
	require.NoError(t, api.RotateFile(bg, huge, turned, 90, nil, pdfkit.NewConfig()))
	plain := samplePDF(t, dir, 1)

	out := filepath.Join(dir, "out.pdf")
	res, err := Pack(bg, out, []File{{Path: huge}, {Path: turned}, {Path: plain}}, Options{MaxFileBytes: 100e6})
	require.NoError(t, err)
	ctx := readPDFFile(t, out)
	require.Equal(t, 3, ctx.PageCount)

	portrait, landscape, paper := pageShown(t, ctx, 1), pageShown(t, ctx, 2), pageShown(t, ctx, 3)
	assert.True(t, isA4(portrait) && portrait.h > portrait.w, "portrait A4: %+v", portrait)
	assert.True(t, isA4(landscape) && landscape.w > landscape.h, "turned page on landscape A4: %+v", landscape)
	assert.True(t, isA4(paper))
	for _, p := range []shownPage{portrait, landscape} {
		require.Len(t, p.images, 1)
		assert.Equal(t, "DCTDecode", p.images[0].filter)
		assert.True(t, bytes.Equal(jpg, p.images[0].raw), "the scan is passed through, not redrawn")
	}

	docs := res.Manifest.Documents
	require.Len(t, docs, 3)
	assert.Equal(t, []int{1}, docs[0].Inputs[0].Change.FittedToA4)
	assert.Equal(t, []int{1}, docs[1].Inputs[0].Change.FittedToA4)
	assert.Empty(t, docs[2].Inputs[0].Change.FittedToA4, "ordinary paper is left alone")
}
