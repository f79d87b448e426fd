package scan

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"dossier/app/pdfkit"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestThumbnail(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for x := 0; x < 200; x++ {
		for y := 0; y < 200; y++ {
			img.Set(x, y, color.RGBA{255, 0, 0, 255}) // left half red
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	pngPath := filepath.Join(dir, "скан.png")
	require.NoError(t, os.WriteFile(pngPath, b.Bytes(), 0o600))
	th, err := Thumbnail(pngPath, 100)
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 100, 50), th.Bounds())

	b.Reset()
	require.NoError(t, jpeg.Encode(&b, img, nil))
	jpgPath := filepath.Join(dir, "photo.jpg")
	require.NoError(t, os.WriteFile(jpgPath, b.Bytes(), 0o600))
	th, err = Thumbnail(jpgPath, 100)
	require.NoError(t, err)
	assert.Equal(t, 100, th.Bounds().Dx())

	// Orientation 6 (turn 90° clockwise) makes a wide picture tall.
	r := upright(image.NewRGBA(image.Rect(0, 0, 4, 2)), 90, false)
	assert.Equal(t, image.Rect(0, 0, 2, 4), r.Bounds())

	// A scanned PDF page shows its picture, turned as the page's /Rotate
	// turns it; a made document (text only) has none.
	b.Reset()
	require.NoError(t, jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 420, 594)), nil)) // A4-shaped
	scanPDF := pdfOfImages(t, b.Bytes())
	for name, c := range map[string]struct {
		pdf  []byte
		tall bool
	}{
		"scan.pdf":        {scanPDF, true},
		"scan turned.pdf": {rotatedPDF(t, scanPDF, 90), false},
	} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, c.pdf, 0o600))
		th, err := Thumbnail(p, 100)
		require.NoError(t, err, name)
		assert.Equal(t, 100, max(th.Bounds().Dx(), th.Bounds().Dy()), name)
		assert.Equal(t, c.tall, th.Bounds().Dy() > th.Bounds().Dx(), name)
	}

	for name, data := range map[string][]byte{
		"doc.pdf":   []byte("%PDF-1.4\n%%EOF"),
		"text.pdf":  textPDF(),
		"empty.jpg": {},
		"bomb.png":  pngHeader(60000, 60000),
	} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o600))
		_, err := Thumbnail(p, 100)
		assert.ErrorIs(t, err, ErrNoThumbnail, name)
	}
}

// pngHeader is a PNG signature and IHDR promising w×h pixels, nothing more.
func pngHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	b = append(b, byte(w>>24), byte(w>>16), byte(w>>8), byte(w), byte(h>>24), byte(h>>16), byte(h>>8), byte(h), 8, 2, 0, 0, 0, 0, 0, 0, 0)
	return b
}

func TestTurn(t *testing.T) {
	// A 3×2 picture whose pixels are numbered by their grey level, placed
	// away from the origin:  1 2 3
	//                        4 5 6
	src := image.NewGray(image.Rect(10, 20, 13, 22))
	for i, v := range []uint8{1, 2, 3, 4, 5, 6} {
		src.SetGray(10+i%3, 20+i/3, color.Gray{Y: v})
	}
	tests := []struct {
		deg  int
		rows [][]uint8
	}{
		{0, [][]uint8{{1, 2, 3}, {4, 5, 6}}},
		{90, [][]uint8{{4, 1}, {5, 2}, {6, 3}}},
		{180, [][]uint8{{6, 5, 4}, {3, 2, 1}}},
		{270, [][]uint8{{3, 6}, {2, 5}, {1, 4}}},
		{360, [][]uint8{{1, 2, 3}, {4, 5, 6}}},
		{-90, [][]uint8{{3, 6}, {2, 5}, {1, 4}}},
		{450, [][]uint8{{4, 1}, {5, 2}, {6, 3}}},
	}
	for _, tt := range tests {
		got := Turn(src, tt.deg)
		b := got.Bounds()
		require.Equal(t, len(tt.rows), b.Dy(), "%d°: height", tt.deg)
		require.Equal(t, len(tt.rows[0]), b.Dx(), "%d°: width", tt.deg)
		for y, row := range tt.rows {
			for x, want := range row {
				g := color.GrayModel.Convert(got.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
				assert.Equal(t, want, g.Y, "%d°: pixel (%d,%d)", tt.deg, x, y)
			}
		}
	}
	assert.Same(t, src, Turn(src, 0).(*image.Gray), "nothing to turn: the same picture")

	// upright turns, then mirrors: EXIF orientations 5 and 7 come out as
	// the transpose and the transverse (bundle's orientPlane agrees).
	rgba := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i, v := range []uint8{1, 2, 3, 4, 5, 6} {
		rgba.Set(i%3, i/3, color.Gray{Y: v})
	}
	for o, want := range map[int][]uint8{5: {1, 4, 2, 5, 3, 6}, 7: {6, 3, 5, 2, 4, 1}, 2: {3, 2, 1, 6, 5, 4}} {
		rot, mirror := orientationPlan(o)
		u := upright(rgba, rot, mirror)
		var got []uint8
		b := u.Bounds()
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				got = append(got, color.GrayModel.Convert(u.At(x, y)).(color.Gray).Y)
			}
		}
		assert.Equal(t, want, got, "orientation %d", o)
	}
}

// rotatedPDF turns every page of pdf by deg through its /Rotate.
func rotatedPDF(t *testing.T, pdf []byte, deg int) []byte {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, api.Rotate(context.Background(), bytes.NewReader(pdf), &out, deg, nil, pdfkit.NewConfig()))
	return out.Bytes()
}

func TestPaperName(t *testing.T) {
	cases := []struct {
		w, h     float64
		name     string
		wMM, hMM int
	}{
		{595, 842, "A4", 210, 297},
		{842, 595, "A4", 297, 210},
		{612, 792, "Letter", 216, 279},
		{2480, 3508, "", 875, 1238},
		{420, 595, "A5", 148, 210},
		{600, 600, "", 212, 212},
	}
	for _, c := range cases {
		name, w, h := PaperName(c.w, c.h)
		assert.Equal(t, c.name, name, "%v×%v", c.w, c.h)
		assert.Equal(t, [2]int{c.wMM, c.hMM}, [2]int{w, h}, "%v×%v", c.w, c.h)
	}
}
