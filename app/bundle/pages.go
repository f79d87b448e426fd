package bundle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"sync/atomic"

	"dossier/app/jpegmeta"
	"dossier/app/orient"
	"dossier/app/pdfkit"
	"dossier/app/scan"
)

// A4 in points, and the margins kept free around a picture; the bottom one
// leaves room for the page number.
const (
	a4W, a4H     = 595.276, 841.89
	marginSide   = 14.17 // 5 mm
	marginBottom = 28.35 // 10 mm
)

// level is a resolution step of the budget: pictures above dpi on the page
// are downscaled to it, and the JPEG quality is chosen per picture.
type level struct {
	dpi int
}

// budgetLevels are the steps tried, in order, for a picture over budget.
var budgetLevels = []level{{dpi: 200}, {dpi: 150}}

// qualities are the JPEG qualities tried, best first.
var qualities = []int{88, 80, 72, 64, 56, 48, 40}

// qualityHint is the quality index the last squeezed picture settled on,
// where the search for the next one starts. As sizes fall with quality,
// only the speed of the search depends on it, not its result.
var qualityHint atomic.Int32

// pagePic is a picture ready to be placed on a page.
type pagePic struct {
	data   []byte
	dct    bool   // data is a JPEG (else raw samples for Flate)
	cs     string // PDF colour space
	w, h   int    // stored pixel size
	rotate int    // page /Rotate in degrees clockwise, for lossless orientation
	change Change
}

// dispSize is the picture's size as seen, after the page rotation.
func (p *pagePic) dispSize() (int, int) {
	if p.rotate == 90 || p.rotate == 270 {
		return p.h, p.w
	}
	return p.w, p.h
}

// fitScale returns the points per pixel for a picture of dw×dh seen upright on
// an A4 page turned to match it.
func fitScale(dw, dh int) float64 {
	pw, ph := a4W, a4H
	if dw > dh {
		pw, ph = a4H, a4W
	}
	bw, bh := pw-2*marginSide, ph-marginSide-marginBottom
	return math.Min(bw/float64(dw), bh/float64(dh))
}

// effectiveDPI is the resolution of a dw×dh picture fitted on A4.
func effectiveDPI(dw, dh int) float64 { return 72 / fitScale(dw, dh) }

// orientationOf combines a file's EXIF orientation and extra rotation into
// the orientation o to apply to the stored pixels, and the clockwise turn in
// it. Without mirroring (pure) turn is the page rotation that shows the
// picture upright, losslessly; with mirroring the pixels must be redrawn and
// turn is only the extra rotation, for the manifest.
func orientationOf(f Fixes) (o int, turn int, pure bool) {
	base := f.Orientation
	if base < 1 || base > 8 {
		base = 1
	}
	extra := ((f.Rotate % 360) + 360) % 360
	deg := map[int]int{1: 0, 3: 180, 6: 90, 8: 270}
	d, pure := deg[base]
	if !pure {
		return turnOrientation(base, extra), extra, false
	}
	total := (d + extra) % 360
	return orient.FromTurn(total), total, true
}

// turnOrientation is the orientation that does what o does and then turns
// the result deg degrees clockwise. It is found by trying all eight on a
// tiny plane, which keeps it exactly in step with orientPlane.
func turnOrientation(o, deg int) int {
	probe := plane{pix: []uint8{1, 2, 3, 4, 5, 6}, w: 3, h: 2}
	want := orientPlane(orientPlane(probe, o), orient.FromTurn(deg))
	for c := 1; c <= 8; c++ {
		got := orientPlane(probe, c)
		if got.w == want.w && bytes.Equal(got.pix, want.pix) {
			return c
		}
	}
	return o // unreachable: the eight orientations form a closed group
}

// preparePicture turns a JPEG or PNG source into a page picture. With no
// target (0) the picture keeps its pixels and, when no fix needs new pixels,
// its JPEG data byte for byte. With a target in bytes it is squeezed one step
// at a time until it fits: original data, then downscaled to each of levels
// in turn, at the best JPEG quality that fits. fits reports whether it
// does; when nothing fits the smallest attempt is returned.
func preparePicture(s *source, target int64, levels []level) (p *pagePic, fits bool, err error) {
	o, rot, pureRot := orientationOf(s.fixes)
	dw, dh := s.w, s.h
	if o >= 5 {
		dw, dh = s.h, s.w
	}
	dpi := effectiveDPI(dw, dh)
	pixelFix := s.fixes.FlattenAlpha || s.fixes.CMYKToRGB || s.fixes.To8Bit || (o > 1 && !pureRot)
	if s.kind == KindJPEG && (s.jpeg.Precision != 8 || s.jpeg.Components == 4) {
		pixelFix = true
	}

	// Pass the JPEG data through when nothing needs new pixels.
	if s.kind == KindJPEG && !pixelFix {
		data := s.data
		ch := Change{Rotated: rot}
		if s.fixes.StripMetadata {
			if data, err = jpegmeta.Strip(s.data); err != nil {
				return nil, false, err
			}
			ch.MetadataRemoved = true
		}
		if target <= 0 || int64(len(data)) <= target || len(levels) == 0 {
			cs := "DeviceRGB"
			if s.jpeg.Components == 1 {
				cs = "DeviceGray"
			}
			return &pagePic{data: data, dct: true, cs: cs, w: s.w, h: s.h, rotate: rot, change: ch},
				target <= 0 || int64(len(data)) <= target, nil
		}
	}
	cost := pictureCost(s.w, s.h)
	pictures.acquire(cost)
	defer pictures.release(cost)
	orig, err := decodeRaster(s.data)
	if err != nil {
		return nil, false, err
	}
	ch := Change{}
	if o > 1 {
		ch.Rotated = rot
		if !pureRot {
			ch.Orientation = s.fixes.Orientation
		}
	}
	ch.Flattened = s.fixes.FlattenAlpha
	ch.ConvertedCMYK = s.fixes.CMYKToRGB || (s.kind == KindJPEG && s.jpeg.Components == 4)
	ch.Converted16Bit = s.fixes.To8Bit
	ch.MetadataRemoved = s.kind == KindJPEG && s.jpeg.Metadata > 0
	cs := func(r *raster) string {
		if r.kind == rasterGray {
			return "DeviceGray"
		}
		return "DeviceRGB"
	}
	if target <= 0 || len(levels) == 0 {
		// A fix without a budget: same pixels, lossless for PNG, high
		// quality for JPEG.
		orig.orient(o)
		w, h := orig.size()
		if s.kind == KindPNG {
			raw, space := orig.rawSamples()
			return &pagePic{data: raw, cs: space, w: w, h: h, change: ch}, true, nil
		}
		enc, err := orig.encodeJPEG(qualities[0])
		if err != nil {
			return nil, false, err
		}
		ch.Recompressed = &Recompression{FromBytes: int64(len(s.data)), ToBytes: int64(len(enc)), Quality: qualities[0],
			FromPixels: [2]int{s.w, s.h}, ToPixels: [2]int{w, h}}
		return &pagePic{data: enc, dct: true, cs: cs(orig), w: w, h: h, change: ch}, true, nil
	}
	var best []byte
	var bestQ, bestDPI, bw, bh int
	for _, lv := range levels {
		r := &raster{kind: orig.kind, planes: append([]plane(nil), orig.planes...)}
		outDPI := int(math.Round(dpi))
		if dpi > float64(lv.dpi)*1.02 {
			scale := float64(lv.dpi) / dpi
			tw := max(1, int(math.Round(float64(s.w)*scale)))
			th := max(1, int(math.Round(float64(s.h)*scale)))
			r.resize(tw, th)
			outDPI = lv.dpi
		}
		r.orient(o)
		w, h := r.size()
		found, foundData, smallest, err := chooseQuality(r, target)
		if err != nil {
			return nil, false, err
		}
		if found >= 0 {
			best, bestQ, bestDPI, bw, bh, fits = foundData, qualities[found], outDPI, w, h, true
			break
		}
		if smallest == nil {
			if smallest, err = r.encodeJPEG(qualities[len(qualities)-1]); err != nil {
				return nil, false, err
			}
		}
		best, bestQ, bestDPI, bw, bh = smallest, qualities[len(qualities)-1], outDPI, w, h
	}
	ch.Recompressed = &Recompression{FromBytes: int64(len(s.data)), ToBytes: int64(len(best)), Quality: bestQ,
		FromPixels: [2]int{s.w, s.h}, ToPixels: [2]int{bw, bh}, DPI: bestDPI}
	return &pagePic{data: best, dct: true, cs: cs(orig), w: bw, h: bh, change: ch}, fits, nil
}

// chooseQuality finds the best of qualities whose encoding of r fits target
// bytes. It returns the index found (-1 if none) with its data, and the
// encoding at the lowest quality when it had to make one. Large pictures
// are first tried on a central crop of a quarter of their area — JPEG size
// grows with area for the same content — so that usually one full-size
// encoding is enough.
func chooseQuality(r *raster, target int64) (found int, data, smallest []byte, err error) {
	search := func(rr *raster, limit int64, lo, hi int) (int, []byte, []byte, error) {
		sizes := map[int][]byte{}
		enc := func(i int) ([]byte, error) {
			if b, ok := sizes[i]; ok {
				return b, nil
			}
			b, err := rr.encodeJPEG(qualities[i])
			sizes[i] = b
			return b, err
		}
		last := len(qualities) - 1
		smallest := func() []byte { return sizes[last] }
		// Pages of one document are alike: walk from the quality the last
		// picture settled on, one step at a time.
		if h := int(qualityHint.Load()); h >= lo && h <= hi {
			b, err := enc(h)
			if err != nil {
				return -1, nil, nil, err
			}
			if int64(len(b)) <= limit {
				for h > lo {
					up, err := enc(h - 1)
					if err != nil {
						return -1, nil, nil, err
					}
					if int64(len(up)) > limit {
						break
					}
					h, b = h-1, up
				}
				return h, b, nil, nil
			}
			lo = h + 1
		}
		// Otherwise a binary search; sizes fall with quality.
		found := -1
		var data []byte
		for lo <= hi {
			mid := (lo + hi) / 2
			b, err := enc(mid)
			if err != nil {
				return -1, nil, nil, err
			}
			if int64(len(b)) <= limit {
				found, data = mid, b
				hi = mid - 1
			} else {
				lo = mid + 1
			}
		}
		return found, data, smallest(), nil
	}
	w, h := r.size()
	if w*h < 1_000_000 {
		return search(r, target, 0, len(qualities)-1)
	}
	guess, _, _, err := search(r.crop(w/4, h/4, w/2, h/2), target*95/400, 0, len(qualities)-1)
	if err != nil {
		return -1, nil, nil, err
	}
	if guess < 0 {
		guess = len(qualities) - 1
	}
	qualityHint.Store(int32(guess))
	// Full size from the guess downwards until it fits.
	for q := guess; q < len(qualities); q++ {
		enc, err := r.encodeJPEG(qualities[q])
		if err != nil {
			return -1, nil, nil, err
		}
		if int64(len(enc)) <= target {
			return q, enc, nil, nil
		}
		if q == len(qualities)-1 {
			smallest = enc
		}
	}
	return -1, nil, smallest, nil
}

// newDocBuilder starts an empty document.
func newDocBuilder() (*pdfkit.Builder, error) { return pdfkit.NewBuilder() }

// addPicture places p on a new A4 page of b, fitted within the margins,
// centred, the page turned landscape for landscape pictures.
func addPicture(b *pdfkit.Builder, p *pagePic) error {
	img := pdfkit.Image{Data: p.data, JPEG: p.dct, Gray: p.cs == "DeviceGray", Width: p.w, Height: p.h}
	return b.AddImagePage(img, picturePage(p))
}

// picturePage is the geometry of p's page, in the page's own (unrotated)
// space: the MediaBox fits the stored picture; /Rotate then shows it upright.
func picturePage(p *pagePic) pdfkit.ImagePage {
	dw, dh := p.dispSize()
	s := fitScale(dw, dh)
	pw, ph := a4W, a4H
	if dw > dh {
		pw, ph = a4H, a4W
	}
	// Box the picture occupies in the seen (rotated) frame.
	iw, ih := float64(dw)*s, float64(dh)*s
	bx := marginSide + (pw-2*marginSide-iw)/2
	by := marginBottom + (ph-marginSide-marginBottom-ih)/2
	// Map the seen frame back to the unrotated MediaBox.
	pg := pdfkit.ImagePage{W: pw, H: ph, Rotate: p.rotate, X: bx, Y: by, ImgW: iw, ImgH: ih}
	switch p.rotate {
	case 180:
		// seen (x,y) = (mw-x', mh-y'); the picture box maps to the opposite corner.
		pg.X, pg.Y = pw-bx-iw, ph-by-ih
	case 90:
		// Page shown turned 90° clockwise: the MediaBox is ph×pw;
		// seen (x', y') = (y, mw-x).
		pg.W, pg.H = ph, pw
		pg.ImgW, pg.ImgH = ih, iw
		pg.X, pg.Y = ph-by-ih, bx
	case 270:
		// seen (x', y') = (mh-y, x).
		pg.W, pg.H = ph, pw
		pg.ImgW, pg.ImgH = ih, iw
		pg.X, pg.Y = by, pw-bx-iw
	}
	return pg
}

// readPDF opens a PDF source with validation's read limits, decrypting it
// when only an owner password protects it, and makes it what validation
// promised: streams within the limits, active content removed, pages of an
// odd size fitted onto A4. pdfkit runs pdfcpu behind a recover: the file is
// untrusted.
func readPDF(s *source) (doc *pdfkit.Doc, ch pdfChange, err error) {
	doc, ch.decrypted, err = pdfkit.ReadValidated(context.Background(), s.data, readLimits())
	switch {
	case errors.Is(err, pdfkit.ErrPassword):
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrEncrypted, err)
	case err != nil:
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if err := doc.CheckStreams(); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if ch.removed, err = doc.StripActiveContent(false); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if err := doc.NormalizeRotation(); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if err := turnPages(doc, s); err != nil {
		return nil, ch, err
	}
	if ch.fitted, err = fitOddPages(doc); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: fit to A4: %w", s.name, ErrDamaged, err)
	}
	return doc, ch, nil
}

// pdfChange is what reading a PDF for the package did to it.
type pdfChange struct {
	decrypted bool
	fitted    []int    // pages scaled onto A4
	removed   []string // kinds of active content removed (scan.Active*)
}

// fitOddPages scales the pages of an odd size (scan.OddPageSize: a scan
// stored at one point per pixel is a metre tall) onto A4, portrait or
// landscape as the page is, centred with its proportions kept. Pages of
// any paper size are left alone.
func fitOddPages(doc *pdfkit.Doc) ([]int, error) {
	pbs, err := doc.PageBoxes()
	if err != nil {
		return nil, err
	}
	var pages []int
	for i, pb := range pbs {
		w, h, ok := scan.PageSize(pb)
		if !ok {
			// Validation refuses such a page; a file here has one only if
			// it was changed behind validation's back.
			return nil, fmt.Errorf("page %d: %w", i+1, errPageBox)
		}
		if scan.OddPageSize(w, h) {
			pages = append(pages, i+1)
		}
	}
	if err := doc.FitToA4(pages); err != nil {
		return nil, err
	}
	return pages, nil
}

// errPageBox: a page without a usable size (see scan.PageSize).
var errPageBox = errors.New("page has no usable size")

// turnPages applies the file's Rotate to a PDF: every page's /Rotate grows
// by it (inherited values included), so text and vectors stay as they are.
func turnPages(doc *pdfkit.Doc, s *source) error {
	deg := ((s.fixes.Rotate % 360) + 360) % 360
	if deg == 0 {
		return nil
	}
	if deg%90 != 0 {
		return fmt.Errorf("%s: rotation %d is not a quarter turn", s.name, s.fixes.Rotate)
	}
	if err := doc.Rotate(deg); err != nil {
		return fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	return nil
}

// docPart is one file prepared for the pages: a picture, a PDF, or some
// pages of a PDF (a PDF split to fit the budget).
type docPart struct {
	src    *source
	pic    *pagePic
	pdf    *pdfkit.Doc
	pages  int
	change Change
	// sel, when set, are the PDF's pages this part holds (1-based), and est
	// their estimated share of the file's bytes.
	sel []int
	est int64
}
