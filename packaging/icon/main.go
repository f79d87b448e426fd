// Command icon draws Dossier's application icon: a blue document folder with
// a white sheet in it and a gold "checked" seal, on a transparent background.
//
// The icon is drawn from shapes (signed distance functions with analytic
// anti-aliasing), not scaled down from a big bitmap, so every size is sharp:
// small sizes snap the folder's edges to whole pixels and leave out details
// that would only blur (the text lines on the sheet, the tick in the seal).
//
//	go run ./packaging/icon -png assets/icon.png            # the 1024×1024 master
//	go run ./packaging/icon -ico build/windows/dossier.ico  # Windows icon, 16…256 px
//
// assets/icon.png is committed; a test checks it still matches this program.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dossier/app/atomicfile"
)

// MasterSize is the side of the PNG that FyneApp.toml points to.
const MasterSize = 1024

// IcoSizes are the images in the Windows .ico, smallest first.
var IcoSizes = []int{16, 20, 24, 32, 40, 48, 64, 128, 256}

func main() {
	pngPath := flag.String("png", "", "write the master PNG (1024×1024) here")
	icoPath := flag.String("ico", "", "write a multi-size Windows .ico here")
	size := flag.Int("size", MasterSize, "side of the PNG in pixels")
	icoSizes := flag.String("ico-sizes", "", "comma-separated sizes for the .ico (default: 16…256)")
	flag.Parse()
	sizes := IcoSizes
	if *icoSizes != "" {
		sizes = nil
		for _, f := range strings.Split(*icoSizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				fmt.Fprintln(os.Stderr, "icon: bad -ico-sizes:", err)
				os.Exit(2)
			}
			sizes = append(sizes, n)
		}
	}
	if *pngPath == "" && *icoPath == "" {
		fmt.Fprintln(os.Stderr, "icon: nothing to do; give -png FILE and/or -ico FILE")
		os.Exit(2)
	}
	if *pngPath != "" {
		if err := writeAtomic(*pngPath, func(w io.Writer) error { return png.Encode(w, Render(*size)) }); err != nil {
			fmt.Fprintln(os.Stderr, "icon:", err)
			os.Exit(1)
		}
	}
	if *icoPath != "" {
		if err := writeAtomic(*icoPath, func(w io.Writer) error { return EncodeICO(w, sizes) }); err != nil {
			fmt.Fprintln(os.Stderr, "icon:", err)
			os.Exit(1)
		}
	}
}

// writeAtomic writes through a temporary file in the target folder and renames
// it into place, so a failed run never leaves half an icon behind.
func writeAtomic(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fill := func(f *os.File) error { return write(f) }
	if err := atomicfile.Write(path, atomicfile.Options{Prefix: ".icon-", Perm: 0o644}, fill); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Colours: the folder takes the sky blue of Kazakhstan's flag, the seal its gold.
var (
	folderBack  = rgb(0x0A, 0x5F, 0x86)
	folderTop   = rgb(0x2C, 0xB8, 0xE6)
	folderFront = rgb(0x12, 0x8F, 0xC8)
	folderEdge  = rgb(0x08, 0x4C, 0x6E)
	paper       = rgb(0xFF, 0xFF, 0xFF)
	paperShade  = rgb(0xD5, 0xE3, 0xEA)
	ink         = rgb(0x9A, 0xB4, 0xC2)
	gold        = rgb(0xF7, 0xBA, 0x12)
	goldDark    = rgb(0xC9, 0x8A, 0x00)
	tick        = rgb(0x5A, 0x3A, 0x00)
)

type fcolor struct{ r, g, b float64 }

func rgb(r, g, b uint8) fcolor {
	return fcolor{float64(r) / 255, float64(g) / 255, float64(b) / 255}
}

func (c fcolor) mix(d fcolor, t float64) fcolor {
	return fcolor{c.r + (d.r-c.r)*t, c.g + (d.g-c.g)*t, c.b + (d.b-c.b)*t}
}

// layer is one shape: a signed distance (negative inside, in icon units where
// the icon spans 0…1) and its paint at a point.
type layer struct {
	dist  func(x, y float64) float64
	paint func(x, y float64) fcolor
}

func solid(c fcolor) func(x, y float64) fcolor { return func(float64, float64) fcolor { return c } }

// canvas carries the size-dependent choices: snapping and level of detail.
type canvas struct {
	size int
}

// snap rounds an edge to the pixel grid at small sizes, where a half-covered
// pixel along a straight edge reads as blur.
func (cv canvas) snap(v float64) float64 {
	if cv.size > 64 {
		return v
	}
	n := float64(cv.size)
	return math.Round(v*n) / n
}

// minWidth keeps strokes at least about one pixel wide.
func (cv canvas) minWidth(w float64) float64 {
	return math.Max(w, 1.1/float64(cv.size))
}

func (cv canvas) layers() []layer {
	s := cv.snap
	var ls []layer

	// Back of the folder with its tab on the left.
	bx0, bx1, by0, by1 := s(0.07), s(0.93), s(0.22), s(0.88)
	tx0, tx1, ty0 := s(0.07), s(0.40), s(0.12)
	back := func(x, y float64) float64 {
		body := roundBox(x, y, bx0, by0, bx1, by1, 0.07)
		tab := roundBox(x, y, tx0, ty0, tx1, by0+0.10, 0.05)
		return math.Min(body, tab)
	}
	ls = append(ls, layer{back, solid(folderBack)})

	// The sheet standing in the folder, right of the tab, with a thin outline
	// so that it keeps its shape on a white background.
	px0, px1, py0, py1 := s(0.25), s(0.83), s(0.06), s(0.74)
	border := math.Max(0.014, 1.0/float64(cv.size))
	ls = append(ls, layer{
		func(x, y float64) float64 {
			return roundBox(x, y, px0-border, py0-border, px1+border, py1, 0.035+border)
		},
		solid(folderEdge),
	})
	ls = append(ls, layer{
		func(x, y float64) float64 { return roundBox(x, y, px0, py0, px1, py1, 0.035) },
		func(x, y float64) fcolor { return paper.mix(paperShade, clamp((y-py0)/(py1-py0))*0.6) },
	})
	if cv.size >= 40 {
		// Lines of text: a heading and three lines.
		rows := []struct{ y, x1, w float64 }{
			{0.145, 0.56, 0.045},
			{0.225, 0.74, 0.030},
			{0.285, 0.74, 0.030},
			{0.345, 0.64, 0.030},
		}
		for _, r := range rows {
			r := r
			ls = append(ls, layer{
				func(x, y float64) float64 { return capsule(x, y, 0.34, r.y, r.x1, r.y, cv.minWidth(r.w)/2) },
				solid(ink),
			})
		}
	}

	// Front flap of the folder: a lighter panel with a sheen at the top edge.
	fx0, fx1, fy0, fy1 := s(0.07), s(0.93), s(0.40), s(0.88)
	front := func(x, y float64) float64 { return roundBox(x, y, fx0, fy0, fx1, fy1, 0.07) }
	ls = append(ls, layer{front, solid(folderEdge)})
	edge := math.Max(0.012, 1.0/float64(cv.size))
	if cv.size < 32 {
		edge = 0
	}
	ls = append(ls, layer{
		func(x, y float64) float64 { return roundBox(x, y, fx0, fy0+edge, fx1, fy1, 0.07) },
		func(x, y float64) fcolor { return folderTop.mix(folderFront, clamp((y-fy0)/0.22)) },
	})

	// The seal: a gold disc with a darker ring and, when there is room, a tick.
	cx, cy, r := 0.735, 0.715, 0.185
	if cv.size <= 24 {
		cx, cy, r = 0.72, 0.70, 0.21
	}
	ring := math.Max(0.03, 1.4/float64(cv.size))
	ls = append(ls, layer{
		func(x, y float64) float64 { return circle(x, y, cx, cy, r+ring) },
		solid(rgb(0xFF, 0xFF, 0xFF)),
	})
	ls = append(ls, layer{
		func(x, y float64) float64 { return circle(x, y, cx, cy, r) },
		func(x, y float64) fcolor { return gold.mix(goldDark, clamp((y-(cy-r))/(2*r))) },
	})
	if cv.size >= 32 {
		w := cv.minWidth(0.042) / 2
		ls = append(ls, layer{
			func(x, y float64) float64 {
				a := capsule(x, y, cx-0.085, cy+0.005, cx-0.025, cy+0.07, w)
				b := capsule(x, y, cx-0.025, cy+0.07, cx+0.09, cy-0.065, w)
				return math.Min(a, b)
			},
			solid(tick),
		})
	}
	return ls
}

// Render draws the icon at size×size pixels.
func Render(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	ls := canvas{size: size}.layers()
	px := 1 / float64(size)
	for j := 0; j < size; j++ {
		for i := 0; i < size; i++ {
			x, y := (float64(i)+0.5)*px, (float64(j)+0.5)*px
			// Premultiplied "over" compositing, back to front.
			var r, g, b, a float64
			for _, l := range ls {
				cov := coverage(l.dist(x, y), px)
				if cov <= 0 {
					continue
				}
				c := l.paint(x, y)
				r = c.r*cov + r*(1-cov)
				g = c.g*cov + g*(1-cov)
				b = c.b*cov + b*(1-cov)
				a = cov + a*(1-cov)
			}
			if a <= 0 {
				continue
			}
			img.SetNRGBA(i, j, color.NRGBA{
				R: to8(r / a), G: to8(g / a), B: to8(b / a), A: to8(a),
			})
		}
	}
	return img
}

// coverage turns a signed distance into the share of the pixel inside the shape.
func coverage(d, px float64) float64 { return clamp(0.5 - d/px) }

func clamp(v float64) float64 { return math.Max(0, math.Min(1, v)) }

func to8(v float64) uint8 { return uint8(math.Round(clamp(v) * 255)) }

func roundBox(x, y, x0, y0, x1, y1, r float64) float64 {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := (x1-x0)/2, (y1-y0)/2
	r = math.Min(r, math.Min(hx, hy))
	qx := math.Abs(x-cx) - hx + r
	qy := math.Abs(y-cy) - hy + r
	outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	inside := math.Min(math.Max(qx, qy), 0)
	return outside + inside - r
}

func circle(x, y, cx, cy, r float64) float64 { return math.Hypot(x-cx, y-cy) - r }

// capsule is the distance to a segment from (ax,ay) to (bx,by), thickened by r.
func capsule(x, y, ax, ay, bx, by, r float64) float64 {
	pax, pay := x-ax, y-ay
	bax, bay := bx-ax, by-ay
	h := clamp((pax*bax + pay*bay) / (bax*bax + bay*bay))
	return math.Hypot(pax-bax*h, pay-bay*h) - r
}

// EncodeICO writes a Windows icon holding the icon at each size: 32-bit DIBs
// below 256 px (understood by every Windows tool, NSIS included) and PNG at 256.
func EncodeICO(w io.Writer, sizes []int) error {
	type entry struct {
		size int
		data []byte
	}
	entries := make([]entry, 0, len(sizes))
	for _, s := range sizes {
		if s < 1 || s > 256 {
			return fmt.Errorf("ico: size %d out of range 1…256", s)
		}
		img := Render(s)
		var data []byte
		if s == 256 {
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return fmt.Errorf("ico: %w", err)
			}
			data = buf.Bytes()
		} else {
			data = dib(img)
		}
		entries = append(entries, entry{s, data})
	}

	var buf bytes.Buffer
	le := binary.LittleEndian
	hdr := make([]byte, 6)
	le.PutUint16(hdr[2:], 1) // type: icon
	le.PutUint16(hdr[4:], uint16(len(entries)))
	buf.Write(hdr)
	offset := 6 + 16*len(entries)
	for _, e := range entries {
		d := make([]byte, 16)
		d[0] = byte(e.size % 256) // 0 means 256
		d[1] = byte(e.size % 256)
		le.PutUint16(d[4:], 1)  // colour planes
		le.PutUint16(d[6:], 32) // bits per pixel
		le.PutUint32(d[8:], uint32(len(e.data)))
		le.PutUint32(d[12:], uint32(offset))
		buf.Write(d)
		offset += len(e.data)
	}
	for _, e := range entries {
		buf.Write(e.data)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// dib encodes img as an icon bitmap: a BITMAPINFOHEADER of double height, BGRA
// rows bottom-up, then an all-clear AND mask (the alpha channel does the work).
func dib(img *image.NRGBA) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	maskStride := ((w + 31) / 32) * 4
	out := make([]byte, 40, 40+w*h*4+maskStride*h)
	le := binary.LittleEndian
	le.PutUint32(out[0:], 40)
	le.PutUint32(out[4:], uint32(w))
	le.PutUint32(out[8:], uint32(2*h))
	le.PutUint16(out[12:], 1)
	le.PutUint16(out[14:], 32)
	le.PutUint32(out[20:], uint32(w*h*4+maskStride*h))
	for y := h - 1; y >= 0; y-- {
		for x := 0; x < w; x++ {
			c := img.NRGBAAt(x, y)
			out = append(out, c.B, c.G, c.R, c.A)
		}
	}
	out = append(out, make([]byte, maskStride*h)...)
	return out
}
