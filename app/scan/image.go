package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"math"
)

// imageCheck is the outcome of inspecting one picture: a whole image file
// or one image taken out of a PDF page.
type imageCheck struct {
	info     PageInfo
	findings []Finding
	plan     PagePlan
	meta     bool // has metadata worth stripping (JPEG files)
}

// decodeGuarded decodes with a recover around the decoder: a bug in a
// decoder must not take the program down.
func decodeGuarded(decode func() (image.Image, error)) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decoder panic: %v", r)
		}
	}()
	return decode()
}

// headerChecks starts an image check from what the header said: a header
// that could not be read, or promises impossible or too many pixels, ends
// the check (ok false) before anything is decoded.
func (v *Validator) headerChecks(page, w, h int, headerErr error) (c imageCheck, ok bool) {
	c.info.Page = max(page, 1)
	if headerErr != nil {
		c.findings = append(c.findings, Finding{Code: CodeDamagedImage, Severity: SevError, Page: page})
		return c, false
	}
	c.info.WidthPx, c.info.HeightPx = w, h
	if f, ok := v.pixelGuard(w, h, page); !ok {
		c.findings = append(c.findings, f)
		return c, false
	}
	return c, true
}

// checkJPEG inspects JPEG data; page is 0 for an image file, the page
// number for an image inside a PDF (whose page size gives the dpi). held
// is true when the caller has already reserved the data's bytes and its
// decoding estimate from the memory budget (see Validator.check).
func (v *Validator) checkJPEG(ctx context.Context, data []byte, page int, pageIn [2]float64, room int64) imageCheck {
	info, err := readJPEGInfo(data)
	c, ok := v.headerChecks(page, info.Width, info.Height, err)
	if !ok {
		return c
	}
	if f, ok := jpegSupported(info, data, page); !ok {
		c.findings = append(c.findings, f)
		return c
	}
	if info.Components == 4 && page == 0 {
		c.plan.ToRGB = true
		c.findings = append(c.findings, Finding{Code: CodeCMYK, Severity: SevInfo, Page: page})
	}
	if info.Orientation > 1 && page == 0 {
		c.plan.EXIFOrientation = info.Orientation
		c.plan.Rotate, c.plan.Mirror = orientationPlan(info.Orientation)
		c.findings = append(c.findings, Finding{Code: CodeRotated, Severity: SevInfo, Page: page, Args: []string{itoa(c.plan.Rotate)}})
	}
	if page == 0 {
		c.meta = info.hasMetadata()
		if info.GPS {
			c.findings = append(c.findings, Finding{Code: CodeGPS, Severity: SevInfo, Page: page})
		}
	}
	est := info.DecodeBytes
	px := int64(info.Width) * int64(info.Height)
	if page == 0 && (info.Components == 4 || c.plan.Mirror) {
		// The package builder redraws this picture: decoded, copied into
		// planes and encoded again. What cannot be done within the memory
		// budget is refused here, not halfway through a build.
		if f, ok := v.buildGuard(2*est+px, info.Width, info.Height, page); !ok {
			return append2(c, f)
		}
	}
	img, err := v.decodeWithin(ctx, est, px, room, func() (image.Image, error) { return jpeg.Decode(bytes.NewReader(data)) })
	if err != nil && contextError(err) == nil && !bytes.HasSuffix(bytes.TrimRight(data, "\x00"), []byte{0xFF, mEOI}) {
		// A file without its end-of-image marker is still whole when the
		// decoder gets through every block once the marker is added; a cut
		// file still fails.
		trimmed := bytes.TrimRight(data, "\x00")
		fixed := append(trimmed[:len(trimmed):len(trimmed)], 0xFF, mEOI) // a copy: data stays as it is
		img, err = v.decodeWithin(ctx, est, px, room, func() (image.Image, error) { return jpeg.Decode(bytes.NewReader(fixed)) })
	}
	if err != nil {
		return v.decodeFailed(c, err, page, info.Width, info.Height)
	}
	v.pictureChecks(&c, img, page, pageIn, info.declaredDPI())
	return c
}

// jpegSupported refuses, from the headers alone, JPEGs that Dossier will
// not embed: coding other than baseline, extended or progressive Huffman
// at 8 bits (arithmetic, lossless, hierarchical and 12-bit files, which
// many viewers cannot show), and files of more scans than maxJPEGScans.
// The same rule holds for a JPEG file and for a JPEG inside a PDF.
func jpegSupported(info jpegInfo, data []byte, page int) (Finding, bool) {
	if (info.SOF != 0xC0 && info.SOF != 0xC1 && info.SOF != 0xC2) || info.Precision != 8 {
		return Finding{Code: CodeUnsupportedJPEG, Severity: SevError, Page: page}, false
	}
	if n := countScans(data); n > maxJPEGScans {
		return Finding{Code: CodeJPEGScans, Severity: SevError, Page: page, Args: []string{itoa(n), itoa(maxJPEGScans)}}, false
	}
	return Finding{}, true
}

// checkPNG inspects PNG data like checkJPEG.
func (v *Validator) checkPNG(ctx context.Context, data []byte, page int, pageIn [2]float64, room int64) imageCheck {
	info, err := readPNGInfo(data)
	c, ok := v.headerChecks(page, info.Width, info.Height, err)
	if !ok {
		return c
	}
	if info.Depth == 16 && page == 0 {
		c.plan.To8Bit = true
		c.findings = append(c.findings, Finding{Code: Code16Bit, Severity: SevInfo, Page: page})
	}
	est := info.decodeBytes()
	if page == 0 {
		// The package builder redraws every PNG (see the JPEG case): the
		// decoded image, its planes and the samples it stores.
		px := int64(info.Width) * int64(info.Height)
		build := est + 7*px
		if info.ColorType == pngGrey && info.Depth <= 8 {
			build = est + 2*px
		}
		if f, ok := v.buildGuard(build, info.Width, info.Height, page); !ok {
			return append2(c, f)
		}
	}
	img, err := v.decodeWithin(ctx, est, int64(info.Width)*int64(info.Height), room, func() (image.Image, error) { return png.Decode(bytes.NewReader(data)) })
	if err != nil {
		return v.decodeFailed(c, err, page, info.Width, info.Height)
	}
	if info.hasAlpha() && page == 0 {
		if o, ok := img.(interface{ Opaque() bool }); !ok || !o.Opaque() {
			c.plan.FlattenAlpha = true
			c.findings = append(c.findings, Finding{Code: CodeAlpha, Severity: SevInfo, Page: page})
		}
	}
	v.pictureChecks(&c, img, page, pageIn, info.DensityDPI)
	return c
}

func (v *Validator) decodeFailed(c imageCheck, err error, page, w, h int) imageCheck {
	var big overBudget
	if errors.As(err, &big) {
		// Within the pixel limit but too deep to decode in the memory the
		// checks may use (16-bit colour, say): as big, not as damaged.
		c.findings = append(c.findings, Finding{Code: CodeTooManyPixels, Severity: SevError, Page: page,
			Args: []string{itoa(w), itoa(h), mpix(big.pixels)}})
		return c
	}
	if ctxErr := contextError(err); ctxErr != nil {
		c.findings = append(c.findings, Finding{Code: CodeCheckTimeout, Severity: SevError, Page: page})
		return c
	}
	var unsupported jpeg.UnsupportedError
	if errors.As(err, &unsupported) {
		c.findings = append(c.findings, Finding{Code: CodeUnsupportedJPEG, Severity: SevError, Page: page})
		return c
	}
	c.findings = append(c.findings, Finding{Code: CodeDamagedImage, Severity: SevError, Page: page})
	return c
}

// buildGuard refuses a picture whose redrawing in the package would need
// more than the memory budget (need bytes), naming the largest picture of
// its kind that fits.
func (v *Validator) buildGuard(need int64, w, h, page int) (Finding, bool) {
	if need <= v.opts.MemoryBudget {
		return Finding{}, true
	}
	px := int64(w) * int64(h)
	fits := v.opts.MemoryBudget / max(1, need/max(1, px))
	return Finding{Code: CodeTooManyPixels, Severity: SevError, Page: page,
		Args: []string{itoa(w), itoa(h), mpix(fits)}}, false
}

func append2(c imageCheck, f Finding) imageCheck {
	c.findings = append(c.findings, f)
	return c
}

// pixelGuard refuses images whose header promises more pixels than the
// limit, before anything is allocated.
func (v *Validator) pixelGuard(w, h, page int) (Finding, bool) {
	if w <= 0 || h <= 0 {
		return Finding{Code: CodeBadDimensions, Severity: SevError, Page: page}, false
	}
	px := int64(w) * int64(h)
	if px > v.opts.MaxPixels {
		return Finding{Code: CodeTooManyPixels, Severity: SevError, Page: page,
			Args: []string{itoa(w), itoa(h), mpix(v.opts.MaxPixels)}}, false
	}
	return Finding{}, true
}

// decodeWithin runs decode once est bytes of the shared memory budget are
// free, so that the checks together never hold more than the budget. room
// >= 0 is what the caller reserved already for it.
func (v *Validator) decodeWithin(ctx context.Context, est, pixels, room int64, decode func() (image.Image, error)) (image.Image, error) {
	limit := v.opts.MemoryBudget
	if room >= 0 {
		limit = room
	}
	if est > limit {
		return nil, overBudget{need: est, pixels: limit / max(1, est/max(1, pixels))}
	}
	if room < 0 {
		if err := v.mem.acquire(ctx, est); err != nil {
			return nil, err
		}
		defer v.mem.release(est)
	}
	img, err := decodeGuarded(decode)
	if err != nil {
		return nil, err
	}
	return img, nil
}

// overBudget: decoding the image would need more memory than the whole
// budget; pixels is the largest image of its depth that fits.
type overBudget struct{ need, pixels int64 }

func (e overBudget) Error() string {
	return fmt.Sprintf("image needs %d bytes to decode, more than the budget", e.need)
}

// pictureChecks measures a decoded picture: dpi, blank, dark, blur.
// pageIn is the PDF page size in inches (zero for image files).
func (v *Validator) pictureChecks(c *imageCheck, img image.Image, page int, pageIn [2]float64, declared int) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var dpi int
	if pageIn[0] > 0 && pageIn[1] > 0 {
		dpi = pdfImageDPI(w, h, pageIn)
	} else {
		dpi = effectiveDPI(w, h, declared)
	}
	c.info.DPI = dpi
	g := reduceGrey(img, reduceFactor(w, h, dpi))
	m := measure(g)
	c.info.Measured = true
	c.info.Mean = round1(m.mean)
	c.info.Contrast = round1(m.contrast)
	if !math.IsNaN(m.sharpness) {
		c.info.Sharpness = round1(m.sharpness)
	}
	c.info.Hash = m.hash
	if m.likeness != (Likeness{}) {
		l := m.likeness
		c.info.Likeness = &l
	}
	c.findings = append(c.findings, v.judge(page, dpi, &m)...)
}

// judge turns measurements into findings; m is nil when only the dpi is known.
func (v *Validator) judge(page, dpi int, m *picture) []Finding {
	var out []Finding
	switch {
	case dpi > 0 && dpi < v.opts.MinDPI:
		out = append(out, Finding{Code: CodeDPITooLow, Severity: SevError, Page: page, DPI: dpi,
			Args: []string{itoa(dpi), itoa(v.opts.WarnDPI)}})
	case dpi > 0 && dpi < v.opts.WarnDPI:
		out = append(out, Finding{Code: CodeLowDPI, Severity: SevWarning, Page: page, DPI: dpi,
			Args: []string{itoa(dpi), itoa(v.opts.WarnDPI)}})
	}
	if m == nil {
		return out
	}
	blank := m.contrast < blankMaxContrast || (m.ink < blankInkShare && math.IsNaN(m.sharpness))
	switch {
	case m.mean < darkMean && m.spread < darkMinSpread:
		// Dark and nothing on it stands out: no one can read it.
		out = append(out, Finding{Code: CodeDarkUnreadable, Severity: SevError, Page: page})
	case blank && m.mean < darkMean:
		out = append(out, Finding{Code: CodeDark, Severity: SevWarning, Page: page})
	case blank:
		out = append(out, Finding{Code: CodeBlank, Severity: SevWarning, Page: page})
	case m.mean < darkMean:
		out = append(out, Finding{Code: CodeDark, Severity: SevWarning, Page: page})
	case !math.IsNaN(m.sharpness) && m.sharpness < v.opts.BlurThreshold:
		out = append(out, Finding{Code: CodeBlurry, Severity: SevWarning, Page: page})
	}
	return out
}

// A picture whose mean luminance is under darkMean is dark. It is
// unreadable, an error, when in addition its marks stand out from the
// background by less than darkMinSpread grey levels (2nd to 98th
// percentile): calibrated on generated A4 text pages at 200 dpi with a
// background of 20 to 50 and text 0 to 40 levels darker (TestDarkLine):
// text 15 levels darker than the background (spread 18) is refused, 20
// levels darker (spread 22) is a warning.
const (
	darkMean      = 60
	darkMinSpread = 20
)

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// pdfImageDPI is the resolution of a w×h image filling a page of the given
// size in inches, in whichever orientation matches, then scaled as the page
// would be printed on A4.
func pdfImageDPI(w, h int, pageIn [2]float64) int {
	pw, ph := pageIn[0], pageIn[1]
	if (w > h) != (pw > ph) {
		pw, ph = ph, pw
	}
	native := math.Min(float64(w)/pw, float64(h)/ph)
	// A page bigger than A4 prints smaller; a smaller one keeps its scale.
	scale := math.Min(1, math.Min(a4Short/math.Min(pw, ph), a4Long/math.Max(pw, ph)))
	return max(1, int(native/scale+0.5))
}
