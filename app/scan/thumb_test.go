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
