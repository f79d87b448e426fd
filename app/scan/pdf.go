package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfReport is what inspecting a PDF yields. It crosses the process
// boundary as JSON when the check runs in a worker process.
type pdfReport struct {
	Pages    int        `json:"pages"`
	PageInfo []PageInfo `json:"page_info,omitempty"`
	Findings []Finding  `json:"findings,omitempty"`
	Decrypt  bool       `json:"decrypt,omitempty"`
	Plans    []PagePlan `json:"plans,omitempty"`
}

// pdfConfig is ReadConfig set up for inspecting: images are collected
// while the file is optimised, and the pixel limit is the validator's.
func pdfConfig(o Options) *model.Configuration {
	conf := ReadConfig()
	conf.Cmd = model.EXTRACTIMAGES
	conf.Optimize = true
	conf.UnsupportedResourcePolicy = model.UnsupportedResourceSkip
	conf.Limits.MaxImagePixels = o.MaxPixels
	return conf
}

// pdfTailIntact reports whether the file ends like a complete PDF: a
// %%EOF marker after a startxref pointing at a cross-reference section. A
// file that fails this but still opens was repaired by the reader. Common
// sloppiness that every reader accepts is tolerated: junk after %%EOF and
// an offset a few bytes off.
func pdfTailIntact(f io.ReadSeeker, size int64) bool {
	const tail = 16 << 10
	off := max(0, size-tail)
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return false
	}
	b, err := io.ReadAll(io.LimitReader(f, tail))
	if err != nil {
		return false
	}
	eof := bytes.LastIndex(b, []byte("%%EOF"))
	if eof < 0 {
		return false
	}
	sx := bytes.LastIndex(b[:eof], []byte("startxref"))
	if sx < 0 {
		return false
	}
	num := bytes.TrimSpace(b[sx+len("startxref") : eof])
	n, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil || n < 0 || n >= size {
		return false
	}
	const slack = 64
	start := max(0, n-slack)
	if _, err := f.Seek(start, io.SeekStart); err != nil {
		return false
	}
	around := make([]byte, 2*slack+1024)
	k, _ := io.ReadFull(f, around)
	around = around[:k]
	if i := bytes.Index(around, []byte("xref")); i >= 0 && i <= 2*slack {
		return true
	}
	loc := objectStart.FindIndex(around)
	return loc != nil && loc[0] <= 2*slack && bytes.Contains(around[loc[0]:], []byte("/XRef"))
}

// objectStart matches the start of an indirect object: "12 0 obj".
var objectStart = regexp.MustCompile(`\d+\s+\d+\s+obj\b`)

// inspectPDF checks a PDF file in this process. Callers guard it with
// recover and, for untrusted files, run it in a worker process.
func (v *Validator) inspectPDF(ctx context.Context, path string) (rep pdfReport, err error) {
	defer func() {
		if r := recover(); r != nil {
			rep = pdfReport{Findings: []Finding{{Code: CodePDFDamaged, Severity: SevError}}}
			err = nil
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return rep, fmt.Errorf("inspect pdf: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return rep, fmt.Errorf("inspect pdf: %w", err)
	}
	intact := pdfTailIntact(f, st.Size())
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return rep, fmt.Errorf("inspect pdf: %w", err)
	}
	pctx, err := api.ReadContext(f, pdfConfig(v.opts))
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) || errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature) {
			// A password, or a certificate-based protection: either way
			// only an unprotected copy helps.
			rep.Findings = append(rep.Findings, Finding{Code: CodeEncrypted, Severity: SevError})
			return rep, nil
		}
		if contextError(err) != nil {
			return rep, err
		}
		if IsDecodeLimit(err) {
			rep.Findings = append(rep.Findings, Finding{Code: CodePDFBomb, Severity: SevError, Args: []string{mb(pdfMaxDecodeBytes)}})
			return rep, nil
		}
		rep.Findings = append(rep.Findings, Finding{Code: CodePDFDamaged, Severity: SevError, Args: []string{boolWord(intact)}})
		return rep, nil
	}
	if err := api.ValidateContext(pctx); err != nil {
		if IsDecodeLimit(err) {
			rep.Findings = append(rep.Findings, Finding{Code: CodePDFBomb, Severity: SevError, Args: []string{mb(pdfMaxDecodeBytes)}})
			return rep, nil
		}
		if !intact {
			// The reader rebuilt what it could, and that was not enough.
			rep.Findings = append(rep.Findings, Finding{Code: CodePDFDamaged, Severity: SevError, Args: []string{boolWord(intact)}})
			return rep, nil
		}
		// It reads, but breaks the format's rules too far to be merged
		// (viewers may still show it).
		rep.Findings = append(rep.Findings, Finding{Code: CodePDFNonStandard, Severity: SevError})
		return rep, nil
	}
	if !intact {
		rep.Findings = append(rep.Findings, Finding{Code: CodePDFRepaired, Severity: SevWarning})
	}
	if pctx.E != nil {
		rep.Decrypt = true
		rep.Findings = append(rep.Findings, Finding{Code: CodeRestricted, Severity: SevWarning})
	}
	rep.Pages = pctx.PageCount
	if rep.Pages == 0 {
		rep.Findings = append(rep.Findings, Finding{Code: CodeNoPages, Severity: SevError})
		return rep, nil
	}
	if rep.Pages > v.opts.MaxPages {
		rep.Findings = append(rep.Findings, Finding{Code: CodeTooManyPages, Severity: SevError,
			Args: []string{itoa(rep.Pages), itoa(v.opts.MaxPages)}})
		return rep, nil
	}
	if err := CheckStreams(pctx); err != nil {
		rep.Findings = append(rep.Findings, Finding{Code: CodePDFBomb, Severity: SevError, Args: []string{mb(pdfMaxDecodeBytes)}})
		return rep, nil
	}
	if kinds, err := StripActiveContent(pctx, true); err == nil && len(kinds) > 0 {
		rep.Findings = append(rep.Findings, Finding{Code: CodeActiveContent, Severity: SevWarning, Args: kinds})
	}
	if err := pdfcpu.OptimizeXRefTable(pctx); err != nil {
		code := CodePDFDamaged
		if IsDecodeLimit(err) {
			code = CodePDFBomb
		}
		rep.Findings = append(rep.Findings, Finding{Code: code, Severity: SevError, Args: []string{boolWord(intact)}})
		return rep, nil
	}
	if fs := embeddedJPEGs(pctx); len(fs) > 0 {
		// The package carries a PDF's JPEGs as they are: one it would not
		// take as a file it does not take inside a PDF either.
		rep.Findings = append(rep.Findings, fs...)
		return rep, nil
	}
	pbs, err := pctx.PageBoundaries(nil)
	if err != nil || len(pbs) < rep.Pages {
		rep.Findings = append(rep.Findings, Finding{Code: CodePDFDamaged, Severity: SevError, Args: []string{boolWord(intact)}})
		return rep, nil
	}
	for p := 1; p <= rep.Pages; p++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		pi, fs, plan := v.inspectPDFPage(ctx, pctx, p, pbs[p-1])
		rep.PageInfo = append(rep.PageInfo, pi)
		rep.Findings = append(rep.Findings, fs...)
		if !plan.IsZero() {
			rep.Plans = append(rep.Plans, plan)
		}
	}
	return rep, nil
}

func boolWord(intact bool) string {
	if intact {
		return "intact"
	}
	return "truncated"
}

// inspectPDFPage measures one page: its size and rotation, and, when it is
// a scan (an image covering the page), the image's dpi and picture checks.
func (v *Validator) inspectPDFPage(ctx context.Context, pctx *model.Context, p int, pb model.PageBoundaries) (PageInfo, []Finding, PagePlan) {
	pi := PageInfo{Page: p, Rotate: ((pb.Rot % 360) + 360) % 360}
	plan := PagePlan{Page: p}
	var fs []Finding
	w, h, ok := PageSize(pb)
	if !ok {
		// No box, a box of no size, one beyond the format's limit or not
		// made of finite numbers, or a rotation that is not a quarter turn:
		// nothing sensible can be put on paper.
		return pi, []Finding{{Code: CodePageBox, Severity: SevError, Page: p}}, plan
	}
	pi.WidthPt, pi.HeightPt = round1(w), round1(h)
	if OddPageSize(w, h) {
		fs = append(fs, Finding{Code: CodePageSize, Severity: SevInfo, Page: p, Args: []string{ftoa(w / 72 * 25.4), ftoa(h / 72 * 25.4)}})
	}
	pageImages, err := pdfcpu.ExtractPageImages(pctx, p, true)
	if err != nil || len(pageImages) == 0 {
		if err == nil && pageIsEmpty(pctx, p) {
			fs = append(fs, Finding{Code: CodeBlank, Severity: SevWarning, Page: p})
		}
		return pi, fs, plan
	}
	// The page's scan is its largest image, when that image has the page's shape.
	best, bestArea := -1, 0
	for objNr, im := range pageImages {
		if im.Thumb || im.Width <= 0 || im.Height <= 0 {
			continue
		}
		if a := im.Width * im.Height; a > bestArea || (a == bestArea && objNr < best) {
			best, bestArea = objNr, a
		}
	}
	if best < 0 {
		return pi, fs, plan
	}
	im := pageImages[best]
	if !sameShape(im.Width, im.Height, w, h) || min(im.Width, im.Height) < 64 {
		return pi, fs, plan
	}
	pi.WidthPx, pi.HeightPx = im.Width, im.Height
	pageIn := [2]float64{w / 72, h / 72}
	if f, ok := v.pixelGuard(im.Width, im.Height, p); !ok {
		return pi, append(fs, f), plan
	}
	pi.DPI = pdfImageDPI(im.Width, im.Height, pageIn)
	if pageHasText(pctx, p) {
		// A page with fonts is a made document (or an OCR'd scan) with an
		// image behind or beside its text: the image alone does not decide
		// readability, so its resolution only warns and the picture checks
		// (blank, dark, blurry) are skipped.
		for _, f := range v.judge(p, pi.DPI, nil) {
			f.Code, f.Severity = CodeLowDPI, SevWarning
			fs = append(fs, f)
		}
		return pi, fs, plan
	}
	data, kind, err := []byte(nil), "", error(nil)
	if renderBytes(pctx, best, im.Width, im.Height) <= v.opts.MemoryBudget {
		data, kind, err = pageImageData(pctx, best, p)
	}
	if err != nil || kind == "" {
		// The image cannot be decoded here (JPEG 2000, JBIG2, an unusual
		// colour space): the dpi still counts.
		fs = append(fs, v.judge(p, pi.DPI, nil)...)
		fs = append(fs, Finding{Code: CodePageImageSkip, Severity: SevInfo, Page: p})
		return pi, fs, plan
	}
	var c imageCheck
	switch kind {
	case "jpg":
		c = v.checkJPEG(ctx, data, p, pageIn, -1)
	case "png":
		c = v.checkPNG(ctx, data, p, pageIn, -1)
	}
	c.info.WidthPt, c.info.HeightPt, c.info.Rotate = pi.WidthPt, pi.HeightPt, pi.Rotate
	// Colour conversions inside a PDF are the reader's business; the plan
	// for PDF pages carries nothing the builder must do to the image.
	return c.info, append(fs, c.findings...), plan
}

// embeddedJPEGs applies the JPEG file rules (jpegSupported) to every JPEG
// image of the PDF, read from its header only.
func embeddedJPEGs(pctx *model.Context) []Finding {
	var out []Finding
	for _, obj := range pctx.Optimize.ImageObjects {
		if obj == nil || obj.ImageDict == nil {
			continue
		}
		sd := obj.ImageDict
		if len(sd.FilterPipeline) != 1 || sd.FilterPipeline[0].Name != "DCTDecode" || len(sd.Raw) == 0 {
			continue
		}
		page := 0
		for i := range obj.ResourceNames {
			if page == 0 || i+1 < page {
				page = i + 1
			}
		}
		info, err := readJPEGInfo(sd.Raw)
		if err != nil {
			out = append(out, Finding{Code: CodeDamagedImage, Severity: SevError, Page: page})
			continue
		}
		if f, ok := jpegSupported(info, sd.Raw, page); !ok {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b Finding) int { return a.Page - b.Page })
	return out
}

// pageIsEmpty reports a page that draws nothing: no content stream, or
// one holding only white space.
func pageIsEmpty(pctx *model.Context, p int) bool {
	d, _, _, err := pctx.PageDict(p, false)
	if err != nil {
		return false
	}
	content, err := pctx.PageContent(d, p)
	if errors.Is(err, model.ErrNoContent) {
		return true
	}
	return err == nil && len(bytes.TrimSpace(content)) == 0
}

// pageHasText reports whether the page's resources hold fonts.
func pageHasText(pctx *model.Context, p int) bool {
	d, _, inh, err := pctx.PageDict(p, false)
	if err != nil {
		return false
	}
	var res types.Dict
	if o, ok := d.Find("Resources"); ok {
		res, _ = pctx.DereferenceDict(o)
	}
	if res == nil && inh != nil {
		res = inh.Resources
	}
	if res == nil {
		return false
	}
	o, ok := res.Find("Font")
	if !ok {
		return false
	}
	fonts, err := pctx.DereferenceDict(o)
	return err == nil && len(fonts) > 0
}

// sameShape reports whether a w×h image has the shape of a pw×ph page
// (either way round) within 12 %.
func sameShape(w, h int, pw, ph float64) bool {
	ia := float64(max(w, h)) / float64(min(w, h))
	pa := math.Max(pw, ph) / math.Min(pw, ph)
	return math.Abs(ia-pa)/pa < 0.12
}

// renderBytes estimates the memory taking an image out of a PDF costs: a
// JPEG is taken as it is stored (and decoded once); any other image is
// unpacked, drawn by pdfcpu into a picture and encoded as PNG, then decoded
// again: about three times its samples, four bytes a pixel each time in
// colour.
func renderBytes(pctx *model.Context, objNr, w, h int) int64 {
	px := int64(w) * int64(h)
	obj := pctx.Optimize.ImageObjects[objNr]
	if obj == nil || obj.ImageDict == nil {
		return 0
	}
	sd := obj.ImageDict
	if len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "DCTDecode" {
		return int64(len(sd.Raw)) + px*3
	}
	if cs := sd.NameEntry("ColorSpace"); cs != nil && *cs == "DeviceGray" {
		return px * 3
	}
	return px * 11
}

// pageImageData takes one image out of a page: JPEG data as stored, other
// supported images rendered as PNG. kind is "jpg", "png" or "" when the
// image cannot be checked.
func pageImageData(pctx *model.Context, objNr, page int) (data []byte, kind string, err error) {
	obj := pctx.Optimize.ImageObjects[objNr]
	if obj == nil || obj.ImageDict == nil {
		return nil, "", errors.New("image object missing")
	}
	name := obj.ResourceNames[page-1]
	img, err := pdfcpu.ExtractImage(pctx, obj.ImageDict, false, name, objNr, false)
	if err != nil || img == nil || img.Reader == nil {
		return nil, "", err
	}
	if img.FileType != "jpg" && img.FileType != "png" {
		return nil, "", nil
	}
	data, err = io.ReadAll(io.LimitReader(img, 512<<20))
	if err != nil {
		return nil, "", err
	}
	return data, img.FileType, nil
}

// OddPageSize reports whether a page of w×h points is far from any paper a
// document comes on (longer than 450 mm, the long side of A3 with margin, or
// narrower than 70 mm): a scan saved with one point per pixel, say. The
// package builder fits such pages onto A4, as the finding says it will.
func OddPageSize(w, h float64) bool {
	longMM, shortMM := math.Max(w, h)/72*25.4, math.Min(w, h)/72*25.4
	return longMM > 450 || shortMM < 70
}

// PaperName names the paper size a page of w×h points matches within 3 mm,
// either way round: A3, A4, A5, Letter or Legal ("" for none); and gives the
// page's size in whole millimetres as it is shown.
func PaperName(w, h float64) (name string, wMM, hMM int) {
	wMM, hMM = int(math.Round(w/72*25.4)), int(math.Round(h/72*25.4))
	short, long := min(wMM, hMM), max(wMM, hMM)
	for _, p := range []struct {
		name        string
		short, long int
	}{{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"Letter", 216, 279}, {"Legal", 216, 356}} {
		if abs(short-p.short) <= 3 && abs(long-p.long) <= 3 {
			return p.name, wMM, hMM
		}
	}
	return "", wMM, hMM
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
