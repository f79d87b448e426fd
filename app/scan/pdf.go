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

	"dossier/app/pdfkit"
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
	pctx, err := pdfkit.ReadForInspection(ctx, f, pdfLimits(v.opts))
	if err != nil {
		if cerr := contextError(err); cerr != nil {
			return rep, cerr
		}
		rep.Findings = append(rep.Findings, readFailure(err, intact))
		return rep, nil
	}
	if err := pctx.Validate(ctx); err != nil {
		if cerr := contextError(err); cerr != nil {
			return rep, cerr
		}
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
	if documentFindings(pctx, intact, &rep) {
		return rep, nil
	}
	rep.Pages = pctx.PageCount()
	if rep.Pages == 0 {
		rep.Findings = append(rep.Findings, Finding{Code: CodeNoPages, Severity: SevError})
		return rep, nil
	}
	if rep.Pages > v.opts.MaxPages {
		rep.Findings = append(rep.Findings, Finding{Code: CodeTooManyPages, Severity: SevError,
			Args: []string{itoa(rep.Pages), itoa(v.opts.MaxPages)}})
		return rep, nil
	}
	if err := pctx.CheckStreams(); err != nil {
		rep.Findings = append(rep.Findings, Finding{Code: CodePDFBomb, Severity: SevError, Args: []string{mb(pdfMaxDecodeBytes)}})
		return rep, nil
	}
	if kinds, err := pctx.StripActiveContent(true); err == nil && len(kinds) > 0 {
		rep.Findings = append(rep.Findings, Finding{Code: CodeActiveContent, Severity: SevWarning, Args: kinds})
	}
	if err := pctx.Optimize(ctx); err != nil {
		if cerr := contextError(err); cerr != nil {
			return rep, cerr
		}
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
	pbs, err := pctx.PageBoxes()
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

// documentFindings notes what holds for the whole document once it reads:
// Dossier's own draft mark (which ends the check: an unsigned draft is
// never the signed paper), a repaired end, an owner password. It reports
// whether the check ends here.
func documentFindings(pctx *pdfkit.Doc, intact bool, rep *pdfReport) (done bool) {
	if paper, ok := pctx.InfoEntry(pdfkit.DraftKey); ok {
		rep.Findings = append(rep.Findings, Finding{Code: CodeDossierDraft, Severity: SevError, Args: []string{paper}})
		return true
	}
	if !intact {
		rep.Findings = append(rep.Findings, Finding{Code: CodePDFRepaired, Severity: SevWarning})
	}
	if pctx.Restricted() {
		rep.Decrypt = true
		rep.Findings = append(rep.Findings, Finding{Code: CodeRestricted, Severity: SevWarning})
	}
	return false
}

// readFailure is the finding for a PDF that does not open.
func readFailure(err error, intact bool) Finding {
	switch {
	case errors.Is(err, pdfkit.ErrPassword):
		// A password, or a certificate-based protection: either way only
		// an unprotected copy helps.
		return Finding{Code: CodeEncrypted, Severity: SevError}
	case IsDecodeLimit(err):
		return Finding{Code: CodePDFBomb, Severity: SevError, Args: []string{mb(pdfMaxDecodeBytes)}}
	}
	return Finding{Code: CodePDFDamaged, Severity: SevError, Args: []string{boolWord(intact)}}
}

func boolWord(intact bool) string {
	if intact {
		return "intact"
	}
	return "truncated"
}

// inspectPDFPage measures one page: its size and rotation, and, when it is
// a scan (an image covering the page), the image's dpi and picture checks.
func (v *Validator) inspectPDFPage(ctx context.Context, pctx *pdfkit.Doc, p int, pb pdfkit.PageBox) (PageInfo, []Finding, PagePlan) {
	pi := PageInfo{Page: p, Rotate: ((pb.Rotate % 360) + 360) % 360}
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
	pageImages, err := pctx.PageImages(ctx, p)
	if err != nil || len(pageImages) == 0 {
		if err == nil && pctx.PageIsEmpty(p) {
			fs = append(fs, Finding{Code: CodeBlank, Severity: SevWarning, Page: p})
		}
		return pi, fs, plan
	}
	// The page's scan is its largest image, when that image has the page's shape.
	im, ok := pdfkit.LargestImage(pageImages)
	if !ok {
		return pi, fs, plan
	}
	if !sameShape(im.Width, im.Height, w, h) || min(im.Width, im.Height) < 64 {
		return pi, fs, plan
	}
	pi.WidthPx, pi.HeightPx = im.Width, im.Height
	pageIn := [2]float64{w / 72, h / 72}
	if f, ok := v.pixelGuard(im.Width, im.Height, p); !ok {
		return pi, append(fs, f), plan
	}
	pi.DPI = pdfImageDPI(im.Width, im.Height, pageIn)
	if pctx.PageHasText(p) {
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
	if pctx.ImageRenderBytes(im) <= v.opts.MemoryBudget {
		data, kind, err = pctx.ImageData(ctx, im, p)
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
func embeddedJPEGs(pctx *pdfkit.Doc) []Finding {
	var out []Finding
	for _, j := range pctx.EmbeddedJPEGs() {
		info, err := readJPEGInfo(j.Data)
		if err != nil {
			out = append(out, Finding{Code: CodeDamagedImage, Severity: SevError, Page: j.Page})
			continue
		}
		if f, ok := jpegSupported(info, j.Data, j.Page); !ok {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b Finding) int { return a.Page - b.Page })
	return out
}

// sameShape reports whether a w×h image has the shape of a pw×ph page
// (either way round) within 12 %.
func sameShape(w, h int, pw, ph float64) bool {
	ia := float64(max(w, h)) / float64(min(w, h))
	pa := math.Max(pw, ph) / math.Min(pw, ph)
	return math.Abs(ia-pa)/pa < 0.12
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
