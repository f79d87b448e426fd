package scan

import (
	"bytes"
	"context"
	"testing"

	"dossier/app/scan/scantest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A colour PNG the package builder could not redraw within the memory
// budget is refused by validation, before anything is decoded, with the
// largest size that fits; a grey one of the same size costs a fraction and
// passes.
func TestPictureTooBigToBuildIsRefused(t *testing.T) {
	dir := t.TempDir()
	var colour, grey bytes.Buffer
	require.NoError(t, scantest.PNGBomb(&colour, 1500, 2000, 6))
	require.NoError(t, scantest.PNGBomb(&grey, 1500, 2000, 0))
	v := testValidator(t, Options{NoCache: true, MemoryBudget: 24 << 20})
	r, err := v.Check(context.Background(), writeFile(t, dir, "colour.png", colour.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, Reject, r.Verdict)
	assert.Contains(t, r.Codes(), CodeTooManyPixels)
	r, err = v.Check(context.Background(), writeFile(t, dir, "grey.png", grey.Bytes()))
	require.NoError(t, err)
	assert.NotContains(t, r.Codes(), CodeTooManyPixels)
}

// Previews use validation's limits: no thumbnail of a JPEG validation
// refuses as a CPU bomb.
func TestThumbnailRefusesScanBomb(t *testing.T) {
	dir := t.TempDir()
	_, err := Thumbnail(writeFile(t, dir, "bomb.jpg", scantest.ProgressiveJPEG(64, 64, 100)), 100)
	assert.ErrorIs(t, err, ErrNoThumbnail)
	img, err := Thumbnail(writeFile(t, dir, "fine.jpg", scantest.ProgressiveJPEG(64, 64, 3)), 100)
	require.NoError(t, err)
	assert.Equal(t, 64, img.Bounds().Dx())
}

// The worker reports a page whose size is not a finite number instead of
// failing to write its report ("json: unsupported value: +Inf").
func TestWorkerReportsInfinitePageBox(t *testing.T) {
	p := writeFile(t, t.TempDir(), "inf.pdf", scantest.BoxPDF("/MediaBox [-1e308 -1e308 1e308 1e308]", "", false))
	r, err := testValidator(t, Options{NoCache: true}).Check(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, []string{CodePageBox}, r.Codes())
}

// A picture of a few pixels is far below any resolution, not "not
// measured" (its dpi used to round to 0 and skip the check).
func TestTinyPictureIsTooLowResolution(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{1, 3} {
		var b bytes.Buffer
		require.NoError(t, scantest.PNGBomb(&b, n, n, 0))
		r, err := testValidator(t, Options{NoCache: true}).Check(context.Background(), writeFile(t, dir, "tiny.png", b.Bytes()))
		require.NoError(t, err)
		assert.Equal(t, Reject, r.Verdict, "%d×%d", n, n)
		assert.Contains(t, r.Codes(), CodeDPITooLow, "%d×%d", n, n)
	}
}

// A PNG named .jpg is judged as a PNG, with a note that the name says
// otherwise; a file named right gets no note.
func TestExtensionNamesAnotherType(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	require.NoError(t, scantest.PNGBomb(&b, 1654, 2339, 0))
	v := testValidator(t, Options{})
	for _, tc := range []struct {
		name string
		note bool
	}{{"scan.jpg", true}, {"scan.png", false}, {"scan", false}, {"again.JPEG", true}} {
		r, err := v.Check(context.Background(), writeFile(t, dir, tc.name, b.Bytes()))
		require.NoError(t, err)
		assert.Equal(t, KindPNG, r.Kind)
		assert.Equal(t, tc.note, r.Has(CodeExtension), tc.name)
	}
}

// A PDF preview measures the streams first, as validation does: a content
// bomb has no thumbnail (and costs no memory).
func TestThumbnailRefusesContentBomb(t *testing.T) {
	p := writeFile(t, t.TempDir(), "bomb.pdf", scantest.ContentBombPDF(80<<20))
	_, err := Thumbnail(p, 100)
	assert.ErrorIs(t, err, ErrNoThumbnail)
}
