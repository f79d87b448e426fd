package scan

import (
	"image"
	"math"
	"math/bits"
	"sort"
)

// grey is a reduced luminance image used for the picture checks: analysis
// on a few hundred thousand pixels instead of tens of millions.
type grey struct {
	w, h int
	pix  []uint8
}

// analysisDPI is the resolution the checks look at: enough to tell text
// from blur, small enough to be cheap.
const analysisDPI = 100

// reduceFactor picks the box size that brings an image of the given
// effective dpi down to about analysisDPI.
func reduceFactor(w, h, dpi int) int {
	f := 1
	if dpi > 0 {
		f = dpi / analysisDPI
	}
	// Never analyse more than about 1.5 megapixels whatever the dpi says.
	for (w/max(f, 1))*(h/max(f, 1)) > 1_500_000 {
		f++
	}
	return max(f, 1)
}

// reduceGrey averages f×f blocks of img into a grey image. Transparent
// pixels count as white paper. Common decoder outputs take fast paths.
func reduceGrey(img image.Image, f int) *grey {
	b := img.Bounds()
	w, h := b.Dx()/f, b.Dy()/f
	if w < 1 || h < 1 {
		f = 1
		w, h = b.Dx(), b.Dy()
	}
	g := &grey{w: w, h: h, pix: make([]uint8, w*h)}
	acc := make([]uint32, w)
	area := uint32(f * f)
	buf := make([]uint8, b.Dx())
	for oy := 0; oy < h; oy++ {
		clear(acc)
		for dy := 0; dy < f; dy++ {
			y := b.Min.Y + oy*f + dy
			row := lumaPlaneRow(img, y)
			if row == nil {
				lumaRow(img, y, buf)
				row = buf
			}
			sumBoxes(acc, row[:w*f], f)
		}
		out := g.pix[oy*w : oy*w+w]
		for ox := range out {
			out[ox] = uint8(acc[ox] / area)
		}
	}
	return g
}

// lumaPlaneRow returns row y of img's luminance without copying when the
// image keeps one (YCbCr from JPEG, Gray), else nil.
func lumaPlaneRow(img image.Image, y int) []uint8 {
	switch m := img.(type) {
	case *image.YCbCr:
		off := (y - m.Rect.Min.Y) * m.YStride
		return m.Y[off : off+m.Rect.Dx()]
	case *image.Gray:
		off := m.PixOffset(m.Rect.Min.X, y)
		return m.Pix[off : off+m.Rect.Dx()]
	}
	return nil
}

// sumBoxes adds each run of f values of row to one element of acc
// (len(row) == f*len(acc)); the common factors get unrolled loops.
func sumBoxes(acc []uint32, row []uint8, f int) {
	switch f {
	case 1:
		for i := range acc {
			acc[i] += uint32(row[i])
		}
	case 2:
		for i := range acc {
			r := row[2*i : 2*i+2]
			acc[i] += uint32(r[0]) + uint32(r[1])
		}
	case 3:
		for i := range acc {
			r := row[3*i : 3*i+3]
			acc[i] += uint32(r[0]) + uint32(r[1]) + uint32(r[2])
		}
	case 4:
		for i := range acc {
			r := row[4*i : 4*i+4]
			acc[i] += uint32(r[0]) + uint32(r[1]) + uint32(r[2]) + uint32(r[3])
		}
	default:
		for i := range acc {
			s := uint32(0)
			for _, v := range row[f*i : f*i+f] {
				s += uint32(v)
			}
			acc[i] += s
		}
	}
}

// lumaRow writes the luminance of row y of img into dst (len = width).
func lumaRow(img image.Image, y int, dst []uint8) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.YCbCr:
		off := (y - m.Rect.Min.Y) * m.YStride
		copy(dst, m.Y[off:off+len(dst)])
	case *image.Gray:
		off := m.PixOffset(b.Min.X, y)
		copy(dst, m.Pix[off:off+len(dst)])
	case *image.Gray16:
		off := m.PixOffset(b.Min.X, y)
		for x := range dst {
			dst[x] = m.Pix[off+2*x]
		}
	case *image.RGBA:
		off := m.PixOffset(b.Min.X, y)
		for x := range dst {
			p := m.Pix[off+4*x : off+4*x+4]
			// Premultiplied: add the white showing through.
			v := luma8(p[0], p[1], p[2]) + 255 - uint32(p[3])
			dst[x] = uint8(min(v, 255))
		}
	case *image.NRGBA:
		off := m.PixOffset(b.Min.X, y)
		for x := range dst {
			p := m.Pix[off+4*x : off+4*x+4]
			a := uint32(p[3])
			dst[x] = uint8((luma8(p[0], p[1], p[2])*a + 255*(255-a)) / 255)
		}
	case *image.CMYK:
		off := m.PixOffset(b.Min.X, y)
		for x := range dst {
			p := m.Pix[off+4*x : off+4*x+4]
			k := 255 - uint32(p[3])
			r := (255 - uint32(p[0])) * k / 255
			gg := (255 - uint32(p[1])) * k / 255
			bb := (255 - uint32(p[2])) * k / 255
			dst[x] = uint8(luma8(uint8(r), uint8(gg), uint8(bb)))
		}
	default:
		for x := range dst {
			r, gg, bb, a := img.At(b.Min.X+x, y).RGBA()
			l := (299*r + 587*gg + 114*bb) / 1000 // premultiplied, 16-bit
			v := (l + (0xFFFF - a)) >> 8
			dst[x] = uint8(min(v, 255))
		}
	}
}

func luma8(r, g, b uint8) uint32 {
	return (299*uint32(r) + 587*uint32(g) + 114*uint32(b) + 500) / 1000
}

// picture holds the checks' measurements of one reduced image.
type picture struct {
	mean, contrast float64
	// ink is the share of pixels clearly darker than the paper.
	ink float64
	// spread is the distance in grey levels between the 2nd and the 98th
	// percentile of luminance: how far the darkest marks stand out from
	// the background, whatever the overall brightness.
	spread int
	// sharpness is a high percentile of the Laplacian variance over the
	// tiles that hold something; NaN when there are too few such tiles.
	sharpness float64
	hash      uint64
	likeness  Likeness
}

const (
	tileSize         = 24
	tileMinContrast  = 14.0 // grey levels of standard deviation
	inkMargin        = 60   // grey levels below the paper
	minContentTiles  = 6
	sharpPercentile  = 0.90
	blankInkShare    = 0.0004
	blankMaxContrast = 4.0
)

func measure(g *grey) picture {
	var p picture
	n := len(g.pix)
	if n == 0 {
		return picture{sharpness: math.NaN()}
	}
	var hist [256]int
	var sum, sum2 float64
	for _, v := range g.pix {
		hist[v]++
		f := float64(v)
		sum += f
		sum2 += f * f
	}
	p.mean = sum / float64(n)
	p.contrast = math.Sqrt(math.Max(0, sum2/float64(n)-p.mean*p.mean))
	// Paper: the 80th percentile of luminance (most of a document is paper).
	paper, acc := 0, 0
	for v := 0; v < 256; v++ {
		acc += hist[v]
		if acc*10 >= n*8 {
			paper = v
			break
		}
	}
	lo, hi := -1, -1
	acc = 0
	for v := 0; v < 256; v++ {
		acc += hist[v]
		if lo < 0 && acc*50 >= n {
			lo = v
		}
		if hi < 0 && acc*50 >= n*49 {
			hi = v
		}
	}
	p.spread = hi - lo
	dark := 0
	for v := 0; v < paper-inkMargin && v < 256; v++ {
		dark += hist[v]
	}
	p.ink = float64(dark) / float64(n)
	p.sharpness = tileSharpness(g)
	p.hash = dhash(g)
	p.likeness = likeness(g, paper)
	return p
}

// tileSharpness measures focus: the variance of the Laplacian in tiles
// that hold contrast (text, lines, photos), taking a high percentile so a
// page with a little text is judged by its text, not its margins.
func tileSharpness(g *grey) float64 {
	var vals []float64
	for ty := 1; ty+tileSize < g.h; ty += tileSize {
		for tx := 1; tx+tileSize < g.w; tx += tileSize {
			var s, s2, ls, ls2 float64
			for y := ty; y < ty+tileSize; y++ {
				row := g.pix[y*g.w:]
				up := g.pix[(y-1)*g.w:]
				down := g.pix[(y+1)*g.w:]
				for x := tx; x < tx+tileSize; x++ {
					c := float64(row[x])
					s += c
					s2 += c * c
					l := 4*c - float64(row[x-1]) - float64(row[x+1]) - float64(up[x]) - float64(down[x])
					ls += l
					ls2 += l * l
				}
			}
			const k = tileSize * tileSize
			m := s / k
			if math.Sqrt(math.Max(0, s2/k-m*m)) < tileMinContrast {
				continue
			}
			lm := ls / k
			vals = append(vals, ls2/k-lm*lm)
		}
	}
	if len(vals) < minContentTiles {
		return math.NaN()
	}
	sort.Float64s(vals)
	return vals[int(float64(len(vals)-1)*sharpPercentile)]
}

// dhash is a 64-bit difference hash: the image shrunk to 9×8 cells, one
// bit per horizontal neighbour pair. Near-identical pages differ in few bits.
func dhash(g *grey) uint64 {
	if g.w < 9 || g.h < 8 {
		return 0
	}
	var cells [8][9]float64
	for cy := 0; cy < 8; cy++ {
		y0, y1 := cy*g.h/8, (cy+1)*g.h/8
		for cx := 0; cx < 9; cx++ {
			x0, x1 := cx*g.w/9, (cx+1)*g.w/9
			var s float64
			for y := y0; y < y1; y++ {
				for _, v := range g.pix[y*g.w+x0 : y*g.w+x1] {
					s += float64(v)
				}
			}
			cells[cy][cx] = s / float64(max(1, (y1-y0)*(x1-x0)))
		}
	}
	var h uint64
	for cy := 0; cy < 8; cy++ {
		for cx := 0; cx < 8; cx++ {
			h <<= 1
			if cells[cy][cx] > cells[cy][cx+1] {
				h |= 1
			}
		}
	}
	return h
}

func hammingDistance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Likeness is a finer page signature than the 64-bit hash: a difference
// hash on a 17×16 grid (256 bits, words 0–3) and which of those bits stand
// on a real edge (words 4–7): cells differing by at least likenessEdge grey
// levels. Paper differs from paper by noise only, so white space carries no
// vote; two typed pages of one contract, alike at 9×8 cells (a few lines of
// text over white), differ in the lines themselves at this grid.
type Likeness [8]uint64

// likenessEdge is the least difference of neighbouring cells' mean grey
// levels that counts as an edge.
const likenessEdge = 1.5

func likeness(g *grey, paper int) (l Likeness) {
	const cols, rows = 17, 16
	// The grid covers what is printed, not the sheet: a page scanned again
	// lies a few millimetres elsewhere on the glass, and its ink's box moves
	// with it.
	bx0, by0, bx1, by1 := inkBox(g, paper)
	if bx1-bx0 < cols || by1-by0 < rows {
		return l
	}
	var cells [rows][cols]float64
	for cy := 0; cy < rows; cy++ {
		y0, y1 := by0+cy*(by1-by0)/rows, by0+(cy+1)*(by1-by0)/rows
		for cx := 0; cx < cols; cx++ {
			x0, x1 := bx0+cx*(bx1-bx0)/cols, bx0+(cx+1)*(bx1-bx0)/cols
			var s float64
			for y := y0; y < y1; y++ {
				for _, v := range g.pix[y*g.w+x0 : y*g.w+x1] {
					s += float64(v)
				}
			}
			cells[cy][cx] = s / float64(max(1, (y1-y0)*(x1-x0)))
		}
	}
	bit := 0
	for cy := 0; cy < rows; cy++ {
		for cx := 0; cx < cols-1; cx++ {
			d := cells[cy][cx] - cells[cy][cx+1]
			if d > 0 {
				l[bit/64] |= 1 << (bit % 64)
			}
			if math.Abs(d) >= likenessEdge {
				l[4+bit/64] |= 1 << (bit % 64)
			}
			bit++
		}
	}
	return l
}

// inkBox is the box [x0,x1)×[y0,y1) of the rows and columns that hold ink
// (pixels well below the paper's grey); specks and scanner noise, a few
// pixels in a row, are not enough.
func inkBox(g *grey, paper int) (x0, y0, x1, y1 int) {
	limit := uint8(max(0, paper-inkMargin))
	rows, cols := make([]int, g.h), make([]int, g.w)
	for y := 0; y < g.h; y++ {
		for x, v := range g.pix[y*g.w : (y+1)*g.w] {
			if v < limit {
				rows[y]++
				cols[x]++
			}
		}
	}
	first := func(counts []int, need int, from, step int) int {
		for i := from; i >= 0 && i < len(counts); i += step {
			if counts[i] >= need {
				return i
			}
		}
		return -1
	}
	needRow, needCol := max(2, g.w/200), max(2, g.h/200)
	y0, x0 = first(rows, needRow, 0, 1), first(cols, needCol, 0, 1)
	if y0 < 0 || x0 < 0 {
		return 0, 0, 0, 0
	}
	y1, x1 = first(rows, needRow, g.h-1, -1)+1, first(cols, needCol, g.w-1, -1)+1
	return x0, y0, x1, y1
}

// likenessMinEdges is how many edges two pages need between them before
// they can be called alike: nearly empty pages look alike and say nothing.
const likenessMinEdges = 24

// likenessMaxDiffer is the share of those edges that may disagree.
const likenessMaxDiffer = 0.15

// alike compares two signatures: edges both pages have must point the same
// way; an edge only one page has counts half (a faint edge may fall either
// side of likenessEdge in a rescan).
func alike(a, b Likeness) bool {
	var union, differ float64
	for i := 0; i < 4; i++ {
		ma, mb := a[4+i], b[4+i]
		union += float64(bits.OnesCount64(ma | mb))
		differ += float64(bits.OnesCount64((a[i]^b[i])&ma&mb)) + 0.5*float64(bits.OnesCount64(ma^mb))
	}
	return union >= likenessMinEdges && differ <= likenessMaxDiffer*union
}

// a4 is the A4 size in inches.
const a4Short, a4Long = 8.27, 11.69

// dpiOnA4 is the resolution an image of w×h pixels has when fitted onto an
// A4 page in the matching orientation.
func dpiOnA4(w, h int) int {
	s, l := min(w, h), max(w, h)
	// At least 1: a picture of a few pixels must not round to "not
	// measured" and skip the resolution check.
	return max(1, int(math.Min(float64(s)/a4Short, float64(l)/a4Long)+0.5))
}

// effectiveDPI decides an image's resolution: the density the file
// declares when it is believable (a real scanner setting for a document no
// bigger than A4), else the resolution it has when fitted onto A4.
func effectiveDPI(w, h, declared int) int {
	fit := dpiOnA4(w, h)
	if declared >= 100 && declared <= 1200 {
		s, l := float64(min(w, h))/float64(declared), float64(max(w, h))/float64(declared)
		if s <= a4Short*1.05 && l <= a4Long*1.05 && s >= 1 {
			return declared
		}
	}
	return fit
}

// defaultBlurThreshold is the sharpness below which a page is called
// blurry; calibrated on generated text pages (see analyze_test.go).
const defaultBlurThreshold = 60
