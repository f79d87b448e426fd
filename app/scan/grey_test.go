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

// Grey reduces by whole boxes, applies the EXIF orientation and a PDF
// page's /Rotate, and refuses what Thumbnail refuses.
func TestGrey(t *testing.T) {
	dir := t.TempDir()
	img := cornerPicture(400, 200)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o600))
		return p
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	g, err := Grey(write("page.png", b.Bytes()), 150)
	require.NoError(t, err)
	// 400 / 3 = 133: the smallest whole box that fits 150.
	assert.Equal(t, image.Rect(0, 0, 133, 66), g.Rect)
	assert.Less(t, g.GrayAt(5, 5).Y, uint8(20), "the dark corner stays top-left")
	assert.Greater(t, g.GrayAt(120, 60).Y, uint8(235))

	b.Reset()
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}))
	plain := b.Bytes()
	// Orientation 6: shown turned 90° clockwise, so the dark corner is at
	// the top right of a tall picture.
	g, err = Grey(write("photo.jpg", withSegments(plain, exifAPP1(6, false))), 400)
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 200, 400), g.Rect)
	assert.Less(t, g.GrayAt(190, 10).Y, uint8(40))
	assert.Greater(t, g.GrayAt(10, 10).Y, uint8(215))

	// A scanned PDF page turned by /Rotate 90 reads as the page shows it.
	b.Reset()
	require.NoError(t, jpeg.Encode(&b, cornerPicture(420, 594), &jpeg.Options{Quality: 95})) // A4-shaped
	turned := rotatedPDF(t, pdfOfImages(t, b.Bytes()), 90)
	g, err = Grey(write("scan.pdf", turned), 600)
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 594, 420), g.Rect)
	assert.Less(t, g.GrayAt(590, 5).Y, uint8(40))
	assert.Greater(t, g.GrayAt(5, 5).Y, uint8(215))

	for name, data := range map[string][]byte{
		"text.pdf":  textPDF(),
		"empty.jpg": {},
		"bomb.png":  pngHeader(60000, 60000),
	} {
		_, err := Grey(write(name, data), 100)
		assert.ErrorIs(t, err, ErrNoThumbnail, name)
	}
}

// cornerPicture is white with a black top-left corner a quarter of each side.
func cornerPicture(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(255)
			if x < w/4 && y < h/4 {
				v = 0
			}
			img.SetGray(x, y, color.Gray{v})
		}
	}
	return img
}
