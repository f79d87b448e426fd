package bundle

import (
	"dossier/app/orient"
	"dossier/app/scan"

	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // PNG scans
)

// Limits for pictures decoded from untrusted files.
const (
	maxPixels     = scan.DefaultMaxPixels // validation's limit: what it accepts, the builder takes
	maxInputBytes = 200 << 20
)

// ErrTooLarge is returned for pictures beyond the decoding limits.
var ErrTooLarge = fmt.Errorf("picture too large")

// raster is a decoded picture held as 8-bit planes: one (gray) or three
// (Y, Cb, Cr or R, G, B). Planes may differ in size (chroma subsampling)
// until the first resample brings them to one size.
type raster struct {
	kind   rasterKind
	planes []plane
}

type rasterKind int

const (
	rasterGray rasterKind = iota
	rasterYCbCr
	rasterRGB
)

type plane struct {
	pix  []uint8
	w, h int
}

func (r *raster) size() (int, int) { return r.planes[0].w, r.planes[0].h }

// decodeRaster decodes JPEG or PNG data into planes: alpha is flattened onto
// white, CMYK converted to RGB, 16-bit samples reduced to 8. The header is
// checked against the pixel limit before anything large is allocated.
func decodeRaster(data []byte) (r *raster, err error) {
	return decodeRasterWithin(data, maxPixels)
}

// decodeRasterWithin is decodeRaster with a pixel limit of its own (the
// fuzz target keeps each run small with it).
func decodeRasterWithin(data []byte, limit int64) (r *raster, err error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: read picture header: %w", ErrPicture, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > limit {
		return nil, fmt.Errorf("%w: %d×%d", ErrTooLarge, cfg.Width, cfg.Height)
	}
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%w: decode picture: %v", ErrPicture, p)
		}
	}()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: decode picture: %w", ErrPicture, err)
	}
	return rasterFromImage(img), nil
}

func rasterFromImage(img image.Image) *raster {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.YCbCr:
		cw, ch := chromaSize(m.SubsampleRatio, w, h)
		return &raster{kind: rasterYCbCr, planes: []plane{
			copyPlane(m.Y, m.YStride, w, h),
			copyPlane(m.Cb, m.CStride, cw, ch),
			copyPlane(m.Cr, m.CStride, cw, ch),
		}}
	case *image.Gray:
		return &raster{kind: rasterGray, planes: []plane{copyPlane(m.Pix, m.Stride, w, h)}}
	case *image.Gray16:
		p := plane{pix: make([]uint8, w*h), w: w, h: h}
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				p.pix[y*w+x] = row[2*x] // high byte
			}
		}
		return &raster{kind: rasterGray, planes: []plane{p}}
	case *image.CMYK:
		rp, gp, bp := newPlane(w, h), newPlane(w, h), newPlane(w, h)
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				c, mg, yl, k := row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]
				rr, gg, bb := color.CMYKToRGB(c, mg, yl, k)
				i := y*w + x
				rp.pix[i], gp.pix[i], bp.pix[i] = rr, gg, bb
			}
		}
		return &raster{kind: rasterRGB, planes: []plane{rp, gp, bp}}
	case *image.NRGBA:
		rp, gp, bp := newPlane(w, h), newPlane(w, h), newPlane(w, h)
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				a := uint32(row[4*x+3])
				i := y*w + x
				rp.pix[i] = overWhite(uint32(row[4*x]), a)
				gp.pix[i] = overWhite(uint32(row[4*x+1]), a)
				bp.pix[i] = overWhite(uint32(row[4*x+2]), a)
			}
		}
		return &raster{kind: rasterRGB, planes: []plane{rp, gp, bp}}
	}
	// Everything else (paletted, RGBA, 16-bit colour): the general path,
	// alpha-premultiplied colours composited onto white.
	rp, gp, bp := newPlane(w, h), newPlane(w, h), newPlane(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			cr, cg, cb, ca := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			white := 0xFFFF - ca
			i := y*w + x
			rp.pix[i] = uint8((cr + white) >> 8)
			gp.pix[i] = uint8((cg + white) >> 8)
			bp.pix[i] = uint8((cb + white) >> 8)
		}
	}
	return &raster{kind: rasterRGB, planes: []plane{rp, gp, bp}}
}

func overWhite(c, a uint32) uint8 { return uint8((c*a + 255*(255-a) + 127) / 255) }

func newPlane(w, h int) plane { return plane{pix: make([]uint8, w*h), w: w, h: h} }

// copyPlane returns the w×h samples of src as a plane, sharing src when its
// rows are already packed (the decoder's usual layout).
func copyPlane(src []uint8, stride, w, h int) plane {
	if stride == w && len(src) >= w*h {
		return plane{pix: src[: w*h : w*h], w: w, h: h}
	}
	p := newPlane(w, h)
	for y := 0; y < h; y++ {
		copy(p.pix[y*w:(y+1)*w], src[y*stride:y*stride+w])
	}
	return p
}

func chromaSize(r image.YCbCrSubsampleRatio, w, h int) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

// resize brings every plane to tw×th with a box filter (each output sample
// the mean of the source area it covers): sharp enough for text, no ringing,
// and it upsamples subsampled chroma on the way.
//
// A YCbCr raster keeps its chroma at half size in both directions (4:2:0,
// what the JPEG encoder writes anyway), so chroma is never blown up to full
// size only to be reduced again.
func (r *raster) resize(tw, th int) {
	for i, p := range r.planes {
		w, h := tw, th
		if r.kind == rasterYCbCr && i > 0 {
			w, h = (tw+1)/2, (th+1)/2
		}
		if p.w != w || p.h != h {
			r.planes[i] = boxResize(p, w, h)
		}
	}
}

// normalize brings the planes to the raster's own size (after decoding,
// chroma may be subsampled in another way).
func (r *raster) normalize() {
	w, h := r.size()
	r.resize(w, h)
}

func boxResize(p plane, tw, th int) plane {
	// Halve by 2×2 means while the picture is at least twice the target:
	// cheap, and what a box filter would compute anyway.
	for p.w >= 2*tw && p.h >= 2*th && p.w >= 2 && p.h >= 2 {
		p = halve(p)
	}
	// Horizontal pass: p.w×p.h → tw×p.h.
	tmp := p
	if p.w != tw {
		tmp = newPlane(tw, p.h)
		x0s, x1s := spans(p.w, tw)
		recip := reciprocals(x0s, x1s)
		for y := 0; y < p.h; y++ {
			src := p.pix[y*p.w : (y+1)*p.w]
			dst := tmp.pix[y*tw : (y+1)*tw]
			for x := range dst {
				sum := uint32(0)
				for _, v := range src[x0s[x]:x1s[x]] {
					sum += uint32(v)
				}
				dst[x] = uint8((sum*recip[x] + 1<<15) >> 16)
			}
		}
	}
	if tmp.h == th {
		return tmp
	}
	// Vertical pass: tw×p.h → tw×th.
	out := newPlane(tw, th)
	y0s, y1s := spans(tmp.h, th)
	recip := reciprocals(y0s, y1s)
	acc := make([]uint32, tw)
	for y := 0; y < th; y++ {
		clear(acc)
		for sy := y0s[y]; sy < y1s[y]; sy++ {
			row := tmp.pix[sy*tw : (sy+1)*tw]
			for x, v := range row {
				acc[x] += uint32(v)
			}
		}
		r := recip[y]
		dst := out.pix[y*tw : (y+1)*tw]
		for x := range dst {
			dst[x] = uint8((acc[x]*r + 1<<15) >> 16)
		}
	}
	return out
}

// halve averages 2×2 blocks (an odd last row or column is dropped).
func halve(p plane) plane {
	w, h := p.w/2, p.h/2
	out := newPlane(w, h)
	for y := 0; y < h; y++ {
		a := p.pix[2*y*p.w : 2*y*p.w+2*w]
		b := p.pix[(2*y+1)*p.w : (2*y+1)*p.w+2*w]
		dst := out.pix[y*w : (y+1)*w]
		for x := range dst {
			dst[x] = uint8((uint32(a[2*x]) + uint32(a[2*x+1]) + uint32(b[2*x]) + uint32(b[2*x+1]) + 2) >> 2)
		}
	}
	return out
}

// reciprocals returns 65536/n for each span length n, for division by
// multiplication.
func reciprocals(a, b []int) []uint32 {
	r := make([]uint32, len(a))
	for i := range a {
		r[i] = uint32(65536 / (b[i] - a[i]))
	}
	return r
}

// spans maps each of dst output positions to a non-empty source range.
func spans(src, dst int) ([]int, []int) {
	a, b := make([]int, dst), make([]int, dst)
	for i := 0; i < dst; i++ {
		s := i * src / dst
		e := (i + 1) * src / dst
		if e <= s {
			e = s + 1
		}
		if e > src {
			e = src
			if s >= e {
				s = e - 1
			}
		}
		a[i], b[i] = s, e
	}
	return a, b
}

// orient applies an EXIF orientation (2–8) to every plane.
func (r *raster) orient(o int) {
	if o <= 1 || o > 8 {
		return
	}
	for i, p := range r.planes {
		r.planes[i] = orientPlane(p, o)
	}
}

func orientPlane(p plane, o int) plane {
	nw, nh := orient.Size(o, p.w, p.h)
	out := newPlane(nw, nh)
	for y := 0; y < nh; y++ {
		dst := out.pix[y*nw : (y+1)*nw]
		for x := range dst {
			sx, sy := orient.Source(o, p.w, p.h, x, y)
			dst[x] = p.pix[sy*p.w+sx]
		}
	}
	return out
}

// crop returns the w×h region at (x, y) of a raster whose planes have one
// size, as a new raster.
func (r *raster) crop(x, y, w, h int) *raster {
	r.normalize()
	out := &raster{kind: r.kind}
	for i, p := range r.planes {
		px, py, pw, ph := x, y, w, h
		if r.kind == rasterYCbCr && i > 0 {
			px, py, pw, ph = x/2, y/2, (w+1)/2, (h+1)/2
		}
		c := newPlane(pw, ph)
		for row := 0; row < ph; row++ {
			copy(c.pix[row*pw:(row+1)*pw], p.pix[(py+row)*p.w+px:(py+row)*p.w+px+pw])
		}
		out.planes = append(out.planes, c)
	}
	return out
}

// image returns the planes as an image the JPEG encoder has a fast path for.
// The planes must be normalized.
func (r *raster) image() image.Image {
	w, h := r.size()
	rect := image.Rect(0, 0, w, h)
	switch r.kind {
	case rasterGray:
		return &image.Gray{Pix: r.planes[0].pix, Stride: w, Rect: rect}
	case rasterYCbCr:
		return &image.YCbCr{Y: r.planes[0].pix, Cb: r.planes[1].pix, Cr: r.planes[2].pix,
			YStride: w, CStride: r.planes[1].w, SubsampleRatio: image.YCbCrSubsampleRatio420, Rect: rect}
	}
	m := image.NewRGBA(rect)
	rp, gp, bp := r.planes[0].pix, r.planes[1].pix, r.planes[2].pix
	for i := 0; i < w*h; i++ {
		m.Pix[4*i], m.Pix[4*i+1], m.Pix[4*i+2], m.Pix[4*i+3] = rp[i], gp[i], bp[i], 0xFF
	}
	return m
}

// encodeJPEG writes the raster as a baseline JPEG of the given quality.
func (r *raster) encodeJPEG(quality int) ([]byte, error) {
	r.normalize()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, r.image(), &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("encode JPEG: %w", err)
	}
	return buf.Bytes(), nil
}

// rawSamples returns the samples interleaved (gray or RGB) for a Flate image
// stream, and the PDF colour space name.
func (r *raster) rawSamples() ([]byte, string) {
	r.normalize()
	w, h := r.size()
	if r.kind == rasterGray {
		return r.planes[0].pix, "DeviceGray"
	}
	if r.kind == rasterYCbCr {
		m := r.image().(*image.YCbCr)
		out := make([]byte, 3*w*h)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				i, c := y*w+x, m.COffset(x, y)
				out[3*i], out[3*i+1], out[3*i+2] = color.YCbCrToRGB(m.Y[i], m.Cb[c], m.Cr[c])
			}
		}
		return out, "DeviceRGB"
	}
	out := make([]byte, 3*w*h)
	rp, gp, bp := r.planes[0].pix, r.planes[1].pix, r.planes[2].pix
	for i := 0; i < w*h; i++ {
		out[3*i], out[3*i+1], out[3*i+2] = rp[i], gp[i], bp[i]
	}
	return out, "DeviceRGB"
}
