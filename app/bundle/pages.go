package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sync/atomic"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"dossier/app/jpegmeta"
	"dossier/app/orient"
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

// docBuilder assembles pages into one pdfcpu context.
type docBuilder struct {
	ctx       *model.Context
	pagesRef  *types.IndirectRef
	pagesDict types.Dict
}

func newDocBuilder() (*docBuilder, error) {
	ctx, err := pdfcpu.CreateContextWithXRefTable(newConf(), types.PaperSize["A4"])
	if err != nil {
		return nil, fmt.Errorf("create PDF: %w", err)
	}
	ensureMergeable(ctx)
	ref, err := ctx.Pages()
	if err != nil {
		return nil, fmt.Errorf("create PDF: page tree: %w", err)
	}
	d, err := ctx.DereferenceDict(*ref)
	if err != nil {
		return nil, fmt.Errorf("create PDF: page tree: %w", err)
	}
	return &docBuilder{ctx: ctx, pagesRef: ref, pagesDict: d}, nil
}

// ensureMergeable gives a context made in memory (not read from a file)
// what pdfcpu's merge and write statistics expect of a read one.
func ensureMergeable(ctx *model.Context) {
	if ctx.Read == nil {
		ctx.Read = &model.ReadContext{ObjectStreams: types.IntSet{}, XRefStreams: types.IntSet{}}
	}
	if ctx.Optimize == nil {
		ctx.Optimize = &model.OptimizationContext{
			FontObjects: map[int]*model.FontObject{}, FormFontObjects: map[int]*model.FontObject{},
			Fonts: map[string][]int{}, DuplicateFonts: map[int]types.Dict{}, DuplicateFontObjs: types.IntSet{},
			ImageObjects: map[int]*model.ImageObject{}, ImageObjectHashes: map[[32]byte][]int{},
			DuplicateImages: map[int]*model.DuplicateImageObject{}, DuplicateImageObjs: types.IntSet{},
			DuplicateInfoObjects: types.IntSet{}, ContentStreamCache: map[int]*types.StreamDict{},
			FormStreamCache: map[int]*types.StreamDict{}, FormResourceCache: map[int]types.IntSet{}, Cache: map[int]bool{},
		}
	}
}

// addPicture places p on a new A4 page, fitted within the margins, centred,
// the page turned landscape for landscape pictures.
func (b *docBuilder) addPicture(p *pagePic) error {
	xt := b.ctx.XRefTable
	var sd *types.StreamDict
	var err error
	if p.dct {
		sd, err = model.CreateDCTImageStreamDict(xt, p.data, p.w, p.h, 8, p.cs)
	} else {
		sd, err = model.CreateFlateImageStreamDict(xt, p.data, nil, p.w, p.h, 8, p.cs)
	}
	if err != nil {
		return fmt.Errorf("image stream: %w", err)
	}
	imgRef, err := xt.IndRefForNewObject(*sd)
	if err != nil {
		return err
	}
	// Geometry in the page's own (unrotated) space: MediaBox fits the stored
	// picture; /Rotate then shows it upright.
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
	mw, mh := pw, ph
	var cm string
	switch p.rotate {
	case 0:
		cm = fmt.Sprintf("%.4f 0 0 %.4f %.4f %.4f cm", iw, ih, bx, by)
	case 180:
		// seen (x,y) = (mw-x', mh-y'); the picture box maps to the opposite corner.
		cm = fmt.Sprintf("%.4f 0 0 %.4f %.4f %.4f cm", iw, ih, mw-bx-iw, mh-by-ih)
	case 90:
		// Page shown turned 90° clockwise: the MediaBox is ph×pw.
		mw, mh = ph, pw
		// seen (x', y') = (y, mw-x).
		cm = fmt.Sprintf("%.4f 0 0 %.4f %.4f %.4f cm", ih, iw, mw-by-ih, bx)
	case 270:
		mw, mh = ph, pw
		// seen (x', y') = (mh-y, x).
		cm = fmt.Sprintf("%.4f 0 0 %.4f %.4f %.4f cm", ih, iw, by, mh-bx-iw)
	}
	// The content stream is a few dozen bytes: stored without a filter
	// (a Flate writer per page would cost far more memory than it saves).
	csd := &types.StreamDict{Dict: types.NewDict(), Content: []byte(fmt.Sprintf("q %s /Im0 Do Q", cm))}
	if err := csd.Encode(); err != nil {
		return err
	}
	contentRef, err := xt.IndRefForNewObject(*csd)
	if err != nil {
		return err
	}
	page := types.Dict(map[string]types.Object{
		"Type":     types.Name("Page"),
		"Parent":   *b.pagesRef,
		"MediaBox": types.RectForDim(mw, mh).Array(),
		"Resources": types.Dict(map[string]types.Object{
			"XObject": types.Dict(map[string]types.Object{"Im0": *imgRef}),
		}),
		"Contents": *contentRef,
	})
	if p.rotate != 0 {
		page.Insert("Rotate", types.Integer(p.rotate))
	}
	pageRef, err := xt.IndRefForNewObject(page)
	if err != nil {
		return err
	}
	if err := model.AppendPageTree(pageRef, 1, b.pagesDict); err != nil {
		return err
	}
	b.ctx.PageCount++
	return nil
}

// readPDF opens a PDF source with validation's read limits, decrypting it
// when only an owner password protects it, and makes it what validation
// promised: streams within the limits, active content removed, pages of an
// odd size fitted onto A4. pdfcpu runs behind a recover: the file is
// untrusted.
func readPDF(s *source) (ctx *model.Context, ch pdfChange, err error) {
	defer func() {
		if p := recover(); p != nil {
			ctx, err = nil, fmt.Errorf("%s: %w: %v", s.name, ErrDamaged, p)
		}
	}()
	ctx, err = api.ReadAndValidate(bytes.NewReader(s.data), readConf())
	if errors.Is(err, pdfcpu.ErrWrongPassword) {
		return nil, ch, fmt.Errorf("%s: %w", s.name, ErrEncrypted)
	}
	if err != nil {
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if ctx.Encrypt != nil || ctx.E != nil {
		var buf bytes.Buffer
		if err := api.Decrypt(bytes.NewReader(s.data), &buf, readConf()); err != nil {
			return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrEncrypted, err)
		}
		if ctx, err = api.ReadAndValidate(bytes.NewReader(buf.Bytes()), readConf()); err != nil {
			return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
		}
		ch.decrypted = true
	}
	if err := scan.CheckStreams(ctx); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if ch.removed, err = scan.StripActiveContent(ctx, false); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if err := normalizeRotation(ctx); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: %w", s.name, ErrDamaged, err)
	}
	if err := turnPages(ctx, s); err != nil {
		return nil, ch, err
	}
	if ch.fitted, err = fitOddPages(ctx); err != nil {
		return nil, ch, fmt.Errorf("%s: %w: fit to A4: %w", s.name, ErrDamaged, err)
	}
	return ctx, ch, nil
}

// pdfChange is what reading a PDF for the package did to it.
type pdfChange struct {
	decrypted bool
	fitted    []int    // pages scaled onto A4
	removed   []string // kinds of active content removed (scan.Active*)
}

// fitOddPages scales the pages of an odd size (scan.OddPageSize: a scan
// stored at one point per pixel is a metre tall) onto A4, portrait or
// landscape as the page is, centred with its proportions kept. The content
// is drawn through a transformation, so text and vectors stay as they are.
// Pages of any paper size are left alone.
func fitOddPages(ctx *model.Context) ([]int, error) {
	pbs, err := ctx.PageBoundaries(nil)
	if err != nil {
		return nil, err
	}
	odd := types.IntSet{}
	var pages []int
	for i, pb := range pbs {
		w, h, ok := scan.PageSize(pb)
		if !ok {
			// Validation refuses such a page; a file here has one only if
			// it was changed behind validation's back.
			return nil, fmt.Errorf("page %d: %w", i+1, errPageBox)
		}
		if scan.OddPageSize(w, h) {
			odd[i+1] = true
			pages = append(pages, i+1)
		}
	}
	if len(pages) == 0 {
		return nil, nil
	}
	res, err := pdfcpu.ParseResizeConfig("form:A4", types.POINTS)
	if err != nil {
		return nil, err
	}
	if err := pdfcpu.Resize(ctx, odd, res); err != nil {
		return nil, err
	}
	return pages, nil
}

// normalizeRotation writes each page's rotation as one of 0, 90, 180 and
// 270 on the page itself: a value such as 900000090 or -270 shows the same
// in a careful viewer but not in every one, and validation judged the page
// by the normalised value.
func normalizeRotation(ctx *model.Context) error {
	for p := 1; p <= ctx.PageCount; p++ {
		d, _, inh, err := ctx.PageDict(p, false)
		if err != nil {
			return err
		}
		raw := 0
		if inh != nil {
			raw = inh.Rotate
		}
		if o, ok := d.Find("Rotate"); ok {
			if o, err = ctx.Dereference(o); err == nil {
				if i, ok := o.(types.Integer); ok {
					raw = i.Value()
				}
			}
		}
		if n := ((raw % 360) + 360) % 360; n != raw {
			d.Update("Rotate", types.Integer(n))
		}
	}
	return nil
}

// errPageBox: a page without a usable size (see scan.PageSize).
var errPageBox = errors.New("page has no usable size")

// turnPages applies the file's Rotate to a PDF: every page's /Rotate grows
// by it (inherited values included), so text and vectors stay as they are.
func turnPages(ctx *model.Context, s *source) error {
	deg := ((s.fixes.Rotate % 360) + 360) % 360
	if deg == 0 {
		return nil
	}
	if deg%90 != 0 {
		return fmt.Errorf("%s: rotation %d is not a quarter turn", s.name, s.fixes.Rotate)
	}
	all := types.IntSet{}
	for i := 1; i <= ctx.PageCount; i++ {
		all[i] = true
	}
	if err := pdfcpu.RotatePages(ctx, all, deg); err != nil {
		return fmt.Errorf("%s: %w: rotate: %v", s.name, ErrDamaged, err)
	}
	return nil
}

// addPDF appends the pages of a PDF context.
func (b *docBuilder) addPDF(src *model.Context) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: merge: %v", ErrDamaged, p)
		}
	}()
	if err := pdfcpu.MergeXRefTables("", src, b.ctx, false, false); err != nil {
		return fmt.Errorf("%w: merge: %w", ErrDamaged, err)
	}
	// MergeXRefTables may have put a new root above the page tree.
	ref, err := b.ctx.Pages()
	if err != nil {
		return err
	}
	d, err := b.ctx.DereferenceDict(*ref)
	if err != nil {
		return err
	}
	b.pagesRef, b.pagesDict = ref, d
	return nil
}

// docPart is one file prepared for the pages: a picture, a PDF, or some
// pages of a PDF (a PDF split to fit the budget).
type docPart struct {
	src    *source
	pic    *pagePic
	pdf    *model.Context
	pages  int
	change Change
	// sel, when set, are the PDF's pages this part holds (1-based), and est
	// their estimated share of the file's bytes.
	sel []int
	est int64
}
