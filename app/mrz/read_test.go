package mrz

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/scan"
	"dossier/app/scan/scantest"
)

// The fixtures are the ICAO specimen on a generated data page
// (scripts/mrzeval fixture), drawn in another outline of OCR-B than the
// templates: 150 dpi skewed 3°, and 200 dpi upside down.
const (
	fixture150    = "testdata/specimen-150dpi.jpg"
	fixtureUpside = "testdata/specimen-200dpi-upside-down.jpg"
)

func assertSpecimen(t *testing.T, sc *Scan) {
	t.Helper()
	require.True(t, sc.Found)
	res := sc.Result
	assert.Equal(t, []string{specimen1, specimen2}, res.Lines)
	assert.True(t, res.Valid, res.Problems)
	// Fields under a check digit are sure; the names, which have none,
	// may be flagged on a blurred low-resolution page.
	for _, f := range res.Fields {
		if f.Checked {
			assert.False(t, f.Uncertain, "%s: %+v", f.Name, f)
		}
	}
}

func TestReadFileSpecimen(t *testing.T) {
	for _, tc := range []struct {
		file string
		turn int
	}{{fixture150, 0}, {fixtureUpside, 180}} {
		sc, err := ReadFile(context.Background(), tc.file, today)
		require.NoError(t, err, tc.file)
		assertSpecimen(t, sc)
		assert.Equal(t, tc.turn, sc.Turn, tc.file)
		// The zone lies in the lower part of the page as the page reads.
		ys := 0.0
		for _, p := range sc.Zone {
			ys += p[1]
		}
		if tc.turn == 0 {
			assert.Greater(t, ys/4, float64(sc.Size[1])/2, tc.file)
		} else {
			assert.Less(t, ys/4, float64(sc.Size[1])/2, tc.file)
		}
		assertLineEnds(t, sc, tc.turn)
	}
}

// assertLineEnds: each line's first and last characters are 43 pitches
// apart (the pitch a little more than the cap height), in reading order
// (right to left on a page turned over), the second line under the first.
func assertLineEnds(t *testing.T, sc *Scan, turn int) {
	t.Helper()
	require.Len(t, sc.LineEnds, 2)
	require.Greater(t, sc.CapHeight, 4.0)
	for _, e := range sc.LineEnds {
		pitch := math.Hypot(e[1][0]-e[0][0], e[1][1]-e[0][1]) / 43
		assert.InDelta(t, 2.54/2.35, pitch/sc.CapHeight, 0.15, "pitch per cap height")
		if turn == 180 {
			assert.Greater(t, e[0][0], e[1][0])
		} else {
			assert.Less(t, e[0][0], e[1][0])
		}
	}
	down := sc.LineEnds[1][0][1] - sc.LineEnds[0][0][1]
	if turn == 180 {
		down = -down
	}
	assert.InDelta(t, 2*sc.CapHeight, down, sc.CapHeight, "the lines are about two cap heights apart")
}

// A page lying on its side (a photo without orientation data) is read too.
func TestReadImageQuarterTurns(t *testing.T) {
	img := loadFixture(t, fixture150)
	for _, deg := range []int{90, 270} {
		sc, err := ReadImage(context.Background(), scan.Turn(img, deg), today)
		require.NoError(t, err)
		assertSpecimen(t, sc)
	}
}

func TestReadImageNothingThere(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	noise := image.NewGray(image.Rect(0, 0, 900, 600))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(r.IntN(256))
	}
	blank := image.NewGray(image.Rect(0, 0, 900, 600))
	for i := range blank.Pix {
		blank.Pix[i] = 240
	}
	text, err := jpeg.Decode(bytes.NewReader(scantest.TextPage()))
	require.NoError(t, err)
	for name, img := range map[string]image.Image{"noise": noise, "blank": blank, "text": text, "tiny": image.NewGray(image.Rect(0, 0, 3, 3))} {
		sc, err := ReadImage(context.Background(), img, today)
		require.NoError(t, err, name)
		assert.False(t, sc.Found, name)
		assert.Nil(t, sc.Result, name)
	}
}

// With the zone's second line covered, what is left (the names line and
// the page's other text) must not pass for a zone.
func TestReadImageHalfAZone(t *testing.T) {
	img := loadFixture(t, fixture150)
	sc, err := ReadImage(context.Background(), img, today)
	require.NoError(t, err)
	require.True(t, sc.Found)
	b := img.Bounds()
	covered := image.NewGray(b)
	z := sc.Zone
	cut := int((z[0][1]+z[3][1])/2) + 2
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if y >= cut {
				covered.SetGray(x, y, color.Gray{Y: 235})
			} else {
				covered.Set(x, y, img.At(x, y))
			}
		}
	}
	sc, err = ReadImage(context.Background(), covered, today)
	require.NoError(t, err)
	assert.False(t, sc.Found)
}

func TestReadFilePDF(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(fixture150)
	require.NoError(t, err)
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	require.NoError(t, err)
	w, h := float64(cfg.Width)*72/150, float64(cfg.Height)*72/150
	content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q", w, h)
	scanned := scantest.HandPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>", w, h),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", cfg.Width, cfg.Height, len(data), data),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	)
	pdf := filepath.Join(dir, "scan.pdf")
	require.NoError(t, os.WriteFile(pdf, scanned, 0o600))
	sc, err := ReadFile(context.Background(), pdf, today)
	require.NoError(t, err)
	assertSpecimen(t, sc)

	typed := filepath.Join(dir, "typed.pdf")
	require.NoError(t, os.WriteFile(typed, scantest.TypedPDF(), 0o600))
	_, err = ReadFile(context.Background(), typed, today)
	assert.ErrorIs(t, err, ErrNotPicture, "a PDF page that needs rendering is refused by name")

	other := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(other, []byte(strings.Repeat("P<UTO", 100)), 0o600))
	_, err = ReadFile(context.Background(), other, today)
	assert.ErrorIs(t, err, ErrNotPicture)

	_, err = ReadFile(context.Background(), filepath.Join(dir, "missing.jpg"), today)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestReadImageCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadImage(ctx, loadFixture(t, fixture150), today)
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, ErrBudget)
}

// The budget is a count of steps: a page takes the same number every time,
// reads with exactly that many and gives ErrBudget with one fewer, on any
// machine under any load.
func TestReadImageBudget(t *testing.T) {
	img := loadFixture(t, fixture150)
	sc, err := ReadImage(context.Background(), img, today)
	require.NoError(t, err)
	assertSpecimen(t, sc)
	require.Positive(t, sc.Work)
	assert.Less(t, sc.Work, int64(workBudget)/4, "the budget leaves room for harder pages than the specimen")
	again, err := readImage(context.Background(), img, today, sc.Work)
	require.NoError(t, err)
	assert.Equal(t, sc.Work, again.Work)
	assertSpecimen(t, again)
	for range 2 {
		short, err := readImage(context.Background(), img, today, sc.Work-1)
		assert.ErrorIs(t, err, ErrBudget)
		assert.Nil(t, short)
	}
}

// A picture far larger than any scan the reader is given is refused on its
// size alone, before any of it is read.
func TestReadImageHugePicture(t *testing.T) {
	huge := &image.Uniform{C: color.Gray{Y: 240}}
	_, err := ReadImage(context.Background(), hugeImage{huge, image.Rect(0, 0, 200_000, 200_000)}, today)
	assert.ErrorIs(t, err, ErrBudget)
}

// hugeImage is a uniform picture of any size that takes no memory.
type hugeImage struct {
	*image.Uniform
	r image.Rectangle
}

func (h hugeImage) Bounds() image.Rectangle { return h.r }

func loadFixture(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := jpeg.Decode(f)
	require.NoError(t, err)
	return img
}
