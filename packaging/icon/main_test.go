package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The committed master must be what this program draws; a few levels of
// difference are allowed for floating point on other processors.
func TestCommittedIconIsCurrent(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "assets", "icon.png"))
	require.NoError(t, err)
	defer f.Close()
	committed, err := png.Decode(f)
	require.NoError(t, err)
	require.Equal(t, image.Rect(0, 0, MasterSize, MasterSize), committed.Bounds())

	drawn := Render(MasterSize)
	worst := 0
	for y := 0; y < MasterSize; y++ {
		for x := 0; x < MasterSize; x++ {
			r1, g1, b1, a1 := committed.At(x, y).RGBA()
			r2, g2, b2, a2 := drawn.At(x, y).RGBA()
			for _, d := range []int{diff(r1, r2), diff(g1, g2), diff(b1, b2), diff(a1, a2)} {
				worst = max(worst, d)
			}
		}
	}
	assert.LessOrEqual(t, worst, 2, "assets/icon.png is stale: run go run ./packaging/icon -png assets/icon.png")
}

func diff(a, b uint32) int {
	d := int(a>>8) - int(b>>8)
	if d < 0 {
		return -d
	}
	return d
}

func TestRenderShape(t *testing.T) {
	for _, size := range []int{16, 24, 32, 48, 256, MasterSize} {
		img := Render(size)
		n := size - 1
		// Corners are transparent: the icon is a shape, not a square tile.
		for _, p := range []image.Point{{0, 0}, {n, 0}, {0, n}} {
			assert.Zero(t, img.NRGBAAt(p.X, p.Y).A, "size %d corner %v", size, p)
		}
		// The folder body is opaque and blue; the seal is gold.
		body := img.NRGBAAt(size/4, size*3/4)
		assert.Equal(t, uint8(255), body.A, "size %d body", size)
		assert.Greater(t, body.B, body.R, "size %d body should be blue: %v", size, body)
		seal := img.NRGBAAt(size*73/100, size*72/100)
		assert.Greater(t, seal.R, seal.B, "size %d seal should be gold: %v", size, seal)
		// Some pixels are partly covered: edges are anti-aliased.
		partial := 0
		for i := 3; i < len(img.Pix); i += 4 {
			if a := img.Pix[i]; a > 0 && a < 255 {
				partial++
			}
		}
		assert.Positive(t, partial, "size %d has no anti-aliased edge", size)
	}
}

func TestEncodeICO(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, EncodeICO(&buf, IcoSizes))
	data := buf.Bytes()
	le := binary.LittleEndian
	require.GreaterOrEqual(t, len(data), 6)
	assert.Equal(t, uint16(0), le.Uint16(data[0:]))
	assert.Equal(t, uint16(1), le.Uint16(data[2:]))
	count := int(le.Uint16(data[4:]))
	require.Equal(t, len(IcoSizes), count)
	for i, want := range IcoSizes {
		d := data[6+16*i:]
		w := int(d[0])
		if w == 0 {
			w = 256
		}
		assert.Equal(t, want, w, "entry %d width", i)
		size, off := int(le.Uint32(d[8:])), int(le.Uint32(d[12:]))
		require.LessOrEqual(t, off+size, len(data), "entry %d out of bounds", i)
		img := data[off : off+size]
		if want == 256 {
			dec, err := png.Decode(bytes.NewReader(img))
			require.NoError(t, err)
			assert.Equal(t, 256, dec.Bounds().Dx())
			continue
		}
		assert.Equal(t, uint32(40), le.Uint32(img[0:]), "entry %d header size", i)
		assert.Equal(t, uint32(want), le.Uint32(img[4:]))
		assert.Equal(t, uint32(2*want), le.Uint32(img[8:]))
		assert.Equal(t, uint16(32), le.Uint16(img[14:]))
		maskStride := ((want + 31) / 32) * 4
		assert.Equal(t, 40+want*want*4+maskStride*want, size, "entry %d size", i)
	}

	assert.Error(t, EncodeICO(&bytes.Buffer{}, []int{512}))
}
