package scan

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

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

	for name, data := range map[string][]byte{
		"doc.pdf":   []byte("%PDF-1.4\n%%EOF"),
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
