package scan

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// This file generates the test corpus: text-like document pages, drawn
// from a seed so every run makes the same bytes.

// rng is a small xorshift generator: fast, seedable, deterministic.
type rng struct{ s uint64 }

func newRNG(seed int64) *rng { return &rng{s: uint64(seed)*0x9E3779B97F4A7C15 | 1} }
func (r *rng) next() uint64 {
	r.s ^= r.s << 13
	r.s ^= r.s >> 7
	r.s ^= r.s << 17
	return r.s
}
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// textPage draws a w×h page at dpi: paper with noise of the given
// amplitude, and lines of letter-like strokes about 11 pt high.
func textPage(w, h, dpi int, seed int64, noise int) *image.Gray {
	r := newRNG(seed)
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		v := 236
		if noise > 0 {
			v += r.intn(2*noise+1) - noise
		}
		g.Pix[i] = uint8(v)
	}
	scale := float64(dpi) / 300
	xh := max(int(20*scale), 3)    // letter height
	lw := max(int(12*scale), 2)    // letter width
	st := max(int(3*scale+0.5), 1) // stroke width
	lineH := max(int(48*scale), 6) // line pitch
	margin := int(150 * scale)
	rect := func(x0, y0, x1, y1 int) {
		for y := max(y0, 0); y < min(y1, h); y++ {
			row := g.Pix[y*g.Stride:]
			for x := max(x0, 0); x < min(x1, w); x++ {
				row[x] = uint8(25 + r.intn(30))
			}
		}
	}
	for y := margin; y+xh < h-margin; y += lineH {
		if r.intn(9) == 0 {
			continue // paragraph break
		}
		x := margin
		end := w - margin - r.intn(max(w/4, 1))
		for x < end {
			n := 2 + r.intn(8)
			for k := 0; k < n && x+lw < w-margin; k++ {
				// A letter: one or two stems and a bar.
				rect(x, y, x+st, y+xh)
				if r.intn(2) == 0 {
					rect(x+lw-st, y, x+lw, y+xh)
				}
				by := y + r.intn(xh-st+1)
				rect(x, by, x+lw, by+st)
				if r.intn(4) == 0 {
					rect(x, y-xh/2, x+st, y) // ascender
				}
				x += lw + max(st, lw/4)
			}
			x += lw
		}
	}
	return g
}

// boxBlur blurs g in place with three passes of a (2r+1) box: close to a
// Gaussian of sigma ≈ r.
func boxBlur(g *image.Gray, r int) {
	if r <= 0 {
		return
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	tmp := make([]uint8, len(g.Pix))
	for pass := 0; pass < 3; pass++ {
		for y := 0; y < h; y++ {
			row := g.Pix[y*g.Stride : y*g.Stride+w]
			s := 0
			for x := -r; x <= r; x++ {
				s += int(row[min(max(x, 0), w-1)])
			}
			for x := 0; x < w; x++ {
				tmp[y*w+x] = uint8(s / (2*r + 1))
				s += int(row[min(x+r+1, w-1)]) - int(row[max(x-r, 0)])
			}
		}
		for x := 0; x < w; x++ {
			s := 0
			for y := -r; y <= r; y++ {
				s += int(tmp[min(max(y, 0), h-1)*w+x])
			}
			for y := 0; y < h; y++ {
				g.Pix[y*g.Stride+x] = uint8(s / (2*r + 1))
				s += int(tmp[min(y+r+1, h-1)*w+x]) - int(tmp[max(y-r, 0)*w+x])
			}
		}
	}
}

// colourScan turns a grey page into a slightly tinted colour image, like a
// colour scan of white paper.
func colourScan(g *image.Gray) *image.YCbCr {
	b := g.Bounds()
	y := image.NewYCbCr(b, image.YCbCrSubsampleRatio420)
	for row := 0; row < b.Dy(); row++ {
		copy(y.Y[row*y.YStride:row*y.YStride+b.Dx()], g.Pix[row*g.Stride:])
	}
	for i := range y.Cb {
		y.Cb[i] = 126
		y.Cr[i] = 130
	}
	return y
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// a4px is the pixel size of an A4 page at dpi.
func a4px(dpi int) (int, int) {
	return int(a4Short*float64(dpi) + 0.5), int(a4Long*float64(dpi) + 0.5)
}
