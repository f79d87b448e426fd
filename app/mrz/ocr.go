package mrz

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
)

// Templates: the 37 MRZ characters in OCR-B, three stroke weights each,
// sampled into a cellW × cellH cell; made by internal/gentemplates from the
// glyphs scripts/mrz-glyphs.sh draws.
//
//go:generate go run ./internal/gentemplates -in ../../assets/ocrb/glyphs -out templates.bin
//go:embed templates.bin
var templatesBin []byte

// Cell geometry, shared with internal/gentemplates: the cap height spans
// the middle of the cell with capPad of it above and below, and the cell is
// boxWide cap heights wide, centred on the character.
const (
	cellW   = 16
	cellH   = 20
	capPad  = 0.2
	boxWide = 1.1
	// shiftX, shiftY: how far a character may sit off its predicted place,
	// in cell pixels.
	shiftX = 2
	shiftY = 1
)

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

type template struct {
	char byte
	v    [cellW * cellH]float32 // zero mean, unit norm
}

var templates, glyphHeight = loadTemplates(templatesBin)

func loadTemplates(b []byte) ([]template, map[byte]float64) {
	if len(b) < 8 || string(b[:4]) != "MRZ2" || b[4] != cellW || b[5] != cellH {
		panic("mrz: templates.bin does not match the cell geometry; run go generate ./app/mrz")
	}
	n, weights := int(b[6]), int(b[7])
	if n != len(alphabet) || len(b) != 8+n*weights*cellW*cellH+2*n {
		panic(fmt.Sprintf("mrz: templates.bin has %d characters × %d weights, %d bytes", n, weights, len(b)))
	}
	var out []template
	off := 8
	for i := 0; i < n; i++ {
		for w := 0; w < weights; w++ {
			t := template{char: alphabet[i]}
			var f [cellW * cellH]float64
			for k := range f {
				f[k] = float64(b[off+k]) // ink, 0–255
			}
			off += cellW * cellH
			normalise(f[:], t.v[:])
			out = append(out, t)
		}
	}
	// Heights, relative to the median letter's.
	raw := map[byte]float64{}
	var letters []float64
	for i := 0; i < n; i++ {
		h := float64(binary.LittleEndian.Uint16(b[off+2*i:]))
		raw[alphabet[i]] = h
		if alphabet[i] >= 'A' && alphabet[i] <= 'Z' {
			letters = append(letters, h)
		}
	}
	return out, groupHeights(raw, median(letters))
}

// groupHeights scales the glyphs' heights to the median letter's (ref) and
// evens them out within letters and within digits. There they differ by a
// few per cent (a round letter's overshoot, a flat one's threshold): less
// than a pixel of a scan's caps, which blur and binarisation wipe out. Only
// the step between letters and digits, Q's tail and the low filler are
// measurable: a round O must not pay for standing as high as a D.
func groupHeights(raw map[byte]float64, ref float64) map[byte]float64 {
	var digits []float64
	for c, h := range raw {
		raw[c] = h / ref
		if c >= '0' && c <= '9' {
			digits = append(digits, raw[c])
		}
	}
	digit := median(digits)
	for c := range raw {
		switch {
		case c >= 'A' && c <= 'Z' && c != 'Q':
			raw[c] = 1
		case c >= '0' && c <= '9':
			raw[c] = digit
		}
	}
	return raw
}

// Height cue: a character whose blob stands measurably taller or shorter
// than its glyph should pays for it. heightSigma is the measurement's
// spread (a pixel in 28); heightWeight and heightCap bound its say, so a
// blob swollen by a smudge cannot overrule the shapes.
const (
	heightSigma  = 0.04
	heightWeight = 0.5
	heightCap    = 3.0
)

// withHeight adds the height cue to the scores: ratio is the character's
// blob height over the letters' (0: unknown).
func withHeight(s []scored, ratio float64) []Candidate {
	out := make([]Candidate, len(s))
	low := math.Inf(1)
	for i, c := range s {
		cost := nccScale * (1 - c.ncc)
		if ratio > 0 { // glyphHeight counts Q's tail, as its blob does
			z := (ratio - glyphHeight[c.char]) / heightSigma
			cost += math.Min(heightCap, heightWeight*z*z)
		}
		out[i] = Candidate{Char: c.char, Cost: cost}
		low = math.Min(low, cost)
	}
	for i := range out {
		out[i].Cost -= low - nccScale*(1-s[0].ncc) // keep the best's cost on the shape scale
		if out[i].Cost < 0 {
			out[i].Cost = 0
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cost < out[j].Cost })
	return out
}

// normalise writes f with its mean taken out and scaled to unit length.
func normalise(f []float64, out []float32) {
	mean := 0.0
	for _, v := range f {
		mean += v
	}
	mean /= float64(len(f))
	norm := 0.0
	for _, v := range f {
		norm += (v - mean) * (v - mean)
	}
	norm = math.Sqrt(norm)
	if norm == 0 {
		norm = 1
	}
	for i, v := range f {
		out[i] = float32((v - mean) / norm)
	}
}

// window is a character's neighbourhood sampled from the page: ink 0–255,
// cellW+2·shiftX wide and cellH+2·shiftY high.
type window [(cellH + 2*shiftY) * (cellW + 2*shiftX)]float64

const winW = cellW + 2*shiftX

// classifySteps is the work of classifying one character (see workBudget):
// every template at the predicted place, then the ten best characters'
// templates at every other shift, each as many steps as it has cells.
var classifySteps = (len(templates) + 10*len(templates)/len(alphabet)*((2*shiftX+1)*(2*shiftY+1)-1)) * cellW * cellH

// classify matches a window against the templates and returns the best
// correlation for each character, best first. Every template is tried at
// the predicted place; the ten best characters are then tried at every
// shift (a third of the work of trying them all everywhere, and the right
// character is never far down the first list).
func classify(win *window) []scored {
	best := map[byte]float64{}
	var sub [cellW * cellH]float64
	var subN [cellW * cellH]float32
	at := func(dx, dy int) {
		for y := 0; y < cellH; y++ {
			copy(sub[y*cellW:(y+1)*cellW], win[(y+dy)*winW+dx:(y+dy)*winW+dx+cellW])
		}
		normalise(sub[:], subN[:])
	}
	match := func(keep map[byte]bool) {
		for ti := range templates {
			t := &templates[ti]
			if keep != nil && !keep[t.char] {
				continue
			}
			var dot float32
			for k := range subN {
				dot += subN[k] * t.v[k]
			}
			if s, ok := best[t.char]; !ok || float64(dot) > s {
				best[t.char] = float64(dot)
			}
		}
	}
	at(shiftX, shiftY)
	match(nil)
	keep := map[byte]bool{}
	for _, s := range sortScores(best)[:10] {
		keep[s.char] = true
	}
	for dy := 0; dy <= 2*shiftY; dy++ {
		for dx := 0; dx <= 2*shiftX; dx++ {
			if dx == shiftX && dy == shiftY {
				continue
			}
			at(dx, dy)
			match(keep)
		}
	}
	return sortScores(best)
}

func sortScores(best map[byte]float64) []scored {
	out := make([]scored, 0, len(best))
	for c, s := range best {
		out = append(out, scored{c, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ncc != out[j].ncc {
			return out[i].ncc > out[j].ncc
		}
		return out[i].char < out[j].char
	})
	return out
}

type scored struct {
	char byte
	ncc  float64
}

// nccScale turns a correlation into a cost: a character whose correlation is
// 0.1 below another's is about e^(nccScale/10) times less likely.
const nccScale = 25.0

// blankWindow reports a window with no ink to speak of: no character there.
func blankWindow(win *window) bool {
	lo, hi := 255.0, 0.0
	for _, v := range win {
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	return hi-lo < 40
}

var _ = binary.LittleEndian
