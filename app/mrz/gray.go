package mrz

import (
	"image"
	"image/color"
	"math"
)

// grayImg is an 8-bit grey picture, 0 black to 255 white.
type grayImg struct {
	w, h int
	pix  []uint8
}

func newGray(w, h int) *grayImg { return &grayImg{w: w, h: h, pix: make([]uint8, w*h)} }

// toGray converts a picture to grey, averaging boxes of pixels when its
// longer side is above maxSide, so that thin strokes survive the reduction.
func toGray(img image.Image, maxSide int) *grayImg {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if m, ok := img.(*image.Gray); ok && max(w, h) <= maxSide && m.Stride == w && len(m.Pix) == w*h {
		// Already what the reader works on (scan.Grey's output): shared,
		// not copied; the reader only reads it.
		return &grayImg{w: w, h: h, pix: m.Pix}
	}
	f := 1
	for max(w, h)/f > maxSide {
		f++
	}
	g := newGray(max(1, w/f), max(1, h/f))
	sum := make([]uint32, g.w)
	for gy := 0; gy < g.h; gy++ {
		for i := range sum {
			sum[i] = 0
		}
		for yy := 0; yy < f; yy++ {
			y := b.Min.Y + gy*f + yy
			rowGray(img, b.Min.X, y, g.w*f, func(x int, v uint8) { sum[x/f] += uint32(v) })
		}
		for gx := 0; gx < g.w; gx++ {
			g.pix[gy*g.w+gx] = uint8(sum[gx] / uint32(f*f))
		}
	}
	return g
}

// rowGray calls fn with the grey value of the first n pixels of row y,
// reading the common concrete types directly.
func rowGray(img image.Image, x0, y, n int, fn func(x int, v uint8)) {
	switch m := img.(type) {
	case *image.RGBA:
		off := m.PixOffset(x0, y)
		for x := 0; x < n; x++ {
			p := m.Pix[off+4*x : off+4*x+3]
			fn(x, uint8((299*uint32(p[0])+587*uint32(p[1])+114*uint32(p[2]))/1000))
		}
	case *image.Gray:
		off := m.PixOffset(x0, y)
		for x := 0; x < n; x++ {
			fn(x, m.Pix[off+x])
		}
	case *image.YCbCr:
		for x := 0; x < n; x++ {
			fn(x, m.Y[m.YOffset(x0+x, y)])
		}
	default:
		for x := 0; x < n; x++ {
			fn(x, color.GrayModel.Convert(img.At(x0+x, y)).(color.Gray).Y)
		}
	}
}

// at samples bilinearly; outside the picture is white.
func (g *grayImg) at(x, y float64) float64 {
	x -= 0.5
	y -= 0.5
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	ix, iy := int(x0), int(y0)
	p := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= g.w || y >= g.h {
			return 255
		}
		return float64(g.pix[y*g.w+x])
	}
	return (p(ix, iy)*(1-fx)+p(ix+1, iy)*fx)*(1-fy) + (p(ix, iy+1)*(1-fx)+p(ix+1, iy+1)*fx)*fy
}

// binarize marks pixels darker than their neighbourhood (a square of side
// 2r+1): ink. Uneven light moves the neighbourhood's mean with it.
func binarize(g *grayImg, r int) []bool {
	w, h := g.w, g.h
	integral := make([]uint32, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var row uint32
		for x := 0; x < w; x++ {
			row += uint32(g.pix[y*w+x])
			integral[(y+1)*(w+1)+x+1] = integral[y*(w+1)+x+1] + row
		}
	}
	ink := make([]bool, w*h)
	for y := 0; y < h; y++ {
		y0, y1 := max(0, y-r), min(h, y+r+1)
		for x := 0; x < w; x++ {
			x0, x1 := max(0, x-r), min(w, x+r+1)
			s := integral[y1*(w+1)+x1] - integral[y0*(w+1)+x1] - integral[y1*(w+1)+x0] + integral[y0*(w+1)+x0]
			n := uint32((y1 - y0) * (x1 - x0))
			mean := float64(s) / float64(n)
			v := float64(g.pix[y*w+x])
			ink[y*w+x] = v < mean*0.88 && v < mean-12
		}
	}
	return ink
}

// blob is a connected group of ink pixels.
type blob struct {
	x0, y0, x1, y1 int // bounding box, x1 and y1 exclusive
	n              int // pixels
}

func (b blob) w() int        { return b.x1 - b.x0 }
func (b blob) h() int        { return b.y1 - b.y0 }
func (b blob) cx() float64   { return float64(b.x0+b.x1) / 2 }
func (b blob) cy() float64   { return float64(b.y0+b.y1) / 2 }
func (b blob) size() int     { return max(b.w(), b.h()) }
func (b blob) thinSide() int { return min(b.w(), b.h()) }
func (b blob) fill() float64 { return float64(b.n) / float64(b.w()*b.h()) }

// blobs finds the 8-connected groups of ink, by runs per row joined with a
// union-find, so memory stays proportional to the runs, not the pixels.
func blobs(ink []bool, w, h int) []blob {
	type run struct{ y, x0, x1, id int }
	parent := []int{}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var prev, cur, all []run
	for y := 0; y < h; y++ {
		cur = cur[:0]
		j := 0 // first run of the previous row that may touch the next run
		for x := 0; x < w; {
			if !ink[y*w+x] {
				x++
				continue
			}
			s := x
			for x < w && ink[y*w+x] {
				x++
			}
			id := len(parent)
			parent = append(parent, id)
			r := run{y, s, x, id}
			for j < len(prev) && prev[j].x1 < s {
				j++
			}
			// Runs touch when they overlap or meet at a corner.
			for k := j; k < len(prev) && prev[k].x0 <= x; k++ {
				a, b := find(prev[k].id), find(id)
				if a != b {
					parent[b] = a
				}
			}
			cur = append(cur, r)
		}
		all = append(all, cur...)
		prev = append(prev[:0], cur...)
	}
	idx := map[int]int{}
	var out []blob
	for _, r := range all {
		root := find(r.id)
		i, ok := idx[root]
		if !ok {
			i = len(out)
			idx[root] = i
			out = append(out, blob{x0: r.x0, y0: r.y, x1: r.x1, y1: r.y + 1})
		}
		b := &out[i]
		b.x0, b.x1 = min(b.x0, r.x0), max(b.x1, r.x1)
		b.y1 = max(b.y1, r.y+1)
		b.n += r.x1 - r.x0
	}
	return out
}
