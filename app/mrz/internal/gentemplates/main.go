// Command gentemplates turns the OCR-B glyph images that scripts/mrz-glyphs.sh
// draws (assets/ocrb/glyphs, 164 × 260 each, pen at x=10 on baseline y=200,
// cap height 140) into the scan reader's templates: for each of the 37 MRZ
// characters, three stroke weights (thinner, as drawn, bolder), each sharp
// and blurred twice, sampled into
// the reader's cell (app/mrz: cellW × cellH, the cap height centred with a
// fifth of it above and below). Run by go generate in app/mrz.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
)

// Cell geometry; it must agree with app/mrz/ocr.go.
const (
	cellW   = 16
	cellH   = 20
	capPad  = 0.2 // of the cap height, above the caps and below the baseline
	boxWide = 1.1 // the cell's width in cap heights, centred on the advance
)

// The glyph images' geometry (scripts/mrz-glyphs.sh).
const (
	penX     = 10.0
	baseline = 200.0
	capH     = 140.0
	advance  = 143.0
)

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

func main() {
	in := flag.String("in", "../../assets/ocrb/glyphs", "folder of glyph PNGs")
	out := flag.String("out", "templates.bin", "output file")
	flag.Parse()
	var buf bytes.Buffer
	// Header: magic, cell size, characters, weights.
	buf.WriteString("MRZ2")
	buf.Write([]byte{cellW, cellH, byte(len(alphabet)), 9})
	var heights []byte
	for _, c := range alphabet {
		name := string(c)
		if c == '<' {
			name = "filler"
		}
		g, err := load(filepath.Join(*in, name+".png"))
		if err != nil {
			log.Fatal(err)
		}
		// Stroke radius 5 px of 140 is about the spread between a light
		// and a heavy print of OCR-B.
		weights := [][]float64{morph(g, 5, false), g.pix, morph(g, 5, true)}
		for _, w := range weights {
			buf.Write(sample(g.w, g.h, w))
		}
		// The same, as a soft scan shows them: blurred by about two thirds
		// of a cell pixel, and as a blurred photo does, by a cell pixel
		// and more (where a round O and a D otherwise look most alike).
		for _, sigma := range []float64{7, 12} {
			for _, w := range weights {
				buf.Write(sample(g.w, g.h, blur(g.w, g.h, w, sigma)))
			}
		}
		heights = binary.LittleEndian.AppendUint16(heights, uint16(inkHeight(g)))
	}
	// Then each character's ink height in pixels of the glyph images (cap
	// height 140): OCR-B's digits stand about 8 % taller than its letters,
	// which the reader uses to tell 0 from O.
	buf.Write(heights)
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d bytes\n", *out, buf.Len())
}

type glyph struct {
	w, h int
	pix  []float64 // ink 0–1
}

func load(path string) (glyph, error) {
	f, err := os.Open(path)
	if err != nil {
		return glyph{}, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return glyph{}, fmt.Errorf("%s: %w", path, err)
	}
	b := img.Bounds()
	g := glyph{w: b.Dx(), h: b.Dy(), pix: make([]float64, b.Dx()*b.Dy())}
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			r, _, _, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			g.pix[y*g.w+x] = 1 - float64(r)/0xffff
		}
	}
	return g, nil
}

// inkHeight is the height of the rows holding ink.
func inkHeight(g glyph) int {
	top, bot := -1, -1
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			if g.pix[y*g.w+x] >= 0.5 {
				if top < 0 {
					top = y
				}
				bot = y
				break
			}
		}
	}
	return bot - top + 1
}

// blur is a Gaussian blur of the given sigma, in glyph pixels.
func blur(w, h int, pix []float64, sigma float64) []float64 {
	r := int(3 * sigma)
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	tmp := make([]float64, len(pix))
	out := make([]float64, len(pix))
	at := func(p []float64, x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		return p[y*w+x]
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 0.0
			for i, kv := range k {
				v += kv * at(pix, x+i-r, y)
			}
			tmp[y*w+x] = v
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 0.0
			for i, kv := range k {
				v += kv * at(tmp, x, y+i-r)
			}
			out[y*w+x] = v
		}
	}
	return out
}

// morph thickens (grow) or thins the strokes by a disc of radius r.
func morph(g glyph, r int, grow bool) []float64 {
	out := make([]float64, len(g.pix))
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			v := g.pix[y*g.w+x]
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					if dx*dx+dy*dy > r*r {
						continue
					}
					xx, yy := x+dx, y+dy
					n := 0.0
					if xx >= 0 && yy >= 0 && xx < g.w && yy < g.h {
						n = g.pix[yy*g.w+xx]
					}
					if grow && n > v || !grow && n < v {
						v = n
					}
				}
			}
			out[y*g.w+x] = v
		}
	}
	return out
}

// sample averages the glyph's ink over each cell pixel's area.
func sample(w, h int, pix []float64) []byte {
	x0 := penX + advance/2 - boxWide*capH/2
	y0 := baseline - capH - capPad*capH
	sx := boxWide * capH / cellW
	sy := (1 + 2*capPad) * capH / cellH
	out := make([]byte, cellW*cellH)
	for cy := 0; cy < cellH; cy++ {
		for cx := 0; cx < cellW; cx++ {
			sum, n := 0.0, 0.0
			for y := int(y0 + float64(cy)*sy); y < int(y0+float64(cy+1)*sy); y++ {
				for x := int(x0 + float64(cx)*sx); x < int(x0+float64(cx+1)*sx); x++ {
					if x >= 0 && y >= 0 && x < w && y < h {
						sum += pix[y*w+x]
					}
					n++
				}
			}
			out[cy*cellW+cx] = byte(255*sum/n + 0.5)
		}
	}
	return out
}
