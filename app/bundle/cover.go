package bundle

import (
	"dossier/app/display"

	"bytes"
	"fmt"

	"dossier/app/i18n"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/color"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/draw"
	pdffont "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Cover layout, in points on an A4 portrait page.
const (
	coverMargin   = 56.7 // 20 mm
	coverTop      = a4H - coverMargin
	coverBottom   = 56.7
	coverBodySize = 10.5
	coverLine     = 15.0
)

var (
	colText  = color.SimpleColor{R: 0.1, G: 0.1, B: 0.1}
	colMuted = color.SimpleColor{R: 0.45, G: 0.45, B: 0.45}
	colRed   = color.SimpleColor{R: 0.8, G: 0, B: 0}
)

// tocEntry is one row of the cover's table of contents.
type tocEntry struct {
	title    string
	status   Status
	from, to int // pages in the merged PDF; 0 when the document has none
}

// coverLine is one line of cover text.
type coverText struct {
	text  string
	right string // right-aligned text on the same line (page ranges)
	bold  bool
	size  float64
	col   color.SimpleColor
	gap   float64 // extra space before the line
}

// coverLines lays out the cover's text; it depends only on the input, not on
// page numbers' values, so the page count is known before the documents are
// placed.
func coverLines(in Input, toc []tocEntry, lang i18n.Lang) ([]coverText, error) {
	p := i18n.Printer{Lang: lang}
	c := in.Cover
	var out []coverText
	title, err := model.WordWrapFloat(p.T("bundle.cover.title"), fontBold, 15, a4W-2*coverMargin)
	if err != nil {
		return nil, fmt.Errorf("cover: wrap: %w", err)
	}
	for _, l := range title {
		out = append(out, coverText{text: l, bold: true, size: 15, col: colText})
	}
	field := func(key, val string) {
		if val == "" {
			return
		}
		val = display.Name(val)
		lines, err := model.WordWrapFloat(p.T(key)+": "+val, fontRegular, coverBodySize, a4W-2*coverMargin)
		if err != nil {
			lines = []string{p.T(key) + ": " + val}
		}
		for _, l := range lines {
			out = append(out, coverText{text: l, size: coverBodySize, col: colText})
		}
	}
	out = append(out, coverText{gap: 8})
	field("bundle.cover.applicant", c.Applicant)
	field("bundle.cover.employer", c.Employer)
	field("bundle.cover.procedure", c.Procedure)
	field("bundle.cover.channel", c.Channel)
	field("bundle.cover.filing_date", c.FilingDate.DMY())
	field("bundle.cover.rules_version", c.RulesVersion)

	out = append(out, coverText{text: p.T("bundle.cover.contents"), bold: true, size: 12.5, col: colText, gap: 12})
	missing := 0
	width := a4W - 2*coverMargin - 90
	for i, e := range toc {
		title := fmt.Sprintf("%d. %s", i+1, display.Name(e.title))
		lines, err := model.WordWrapFloat(title, fontRegular, coverBodySize, width)
		if err != nil {
			return nil, fmt.Errorf("cover: wrap: %w", err)
		}
		col, right := colText, ""
		switch {
		case e.status == Missing:
			col, right = colRed, p.T("bundle.cover.missing")
			missing++
		case e.from == 0:
			col, right = colMuted, p.T("bundle.cover.not_attached")
		case e.from == e.to:
			right = p.T("bundle.cover.page", e.from)
		default:
			right = p.T("bundle.cover.pages", e.from, e.to)
		}
		for j, l := range lines {
			t := coverText{text: l, size: coverBodySize, col: col}
			if j == 0 {
				t.right = right
			}
			if j > 0 {
				t.text = "    " + l
			}
			out = append(out, t)
		}
	}
	if missing > 0 {
		out = append(out, coverText{text: p.N("bundle.cover.missing_summary", missing), bold: true, size: coverBodySize, col: colRed, gap: 6})
	}
	if len(c.Actions) > 0 {
		out = append(out, coverText{text: p.T("bundle.cover.actions"), bold: true, size: 12.5, col: colText, gap: 12})
		for _, a := range c.Actions {
			s := "• " + a.Title
			switch {
			case !a.Deadline.IsZero() && a.Time != "":
				s = p.T("bundle.cover.action_deadline_time", a.Title, a.Deadline.DMY(), a.Time)
			case !a.Deadline.IsZero():
				s = p.T("bundle.cover.action_deadline", a.Title, a.Deadline.DMY())
			}
			lines, err := model.WordWrapFloat(s, fontRegular, coverBodySize, a4W-2*coverMargin)
			if err != nil {
				return nil, fmt.Errorf("cover: wrap: %w", err)
			}
			for _, l := range lines {
				out = append(out, coverText{text: l, size: coverBodySize, col: colText})
			}
		}
	}
	return out, nil
}

// paginate splits cover lines into pages.
func paginate(lines []coverText) [][]coverText {
	var pages [][]coverText
	var cur []coverText
	y := coverTop
	for _, l := range lines {
		h := coverLine + l.gap
		if l.size > coverBodySize {
			h += l.size - coverBodySize
		}
		if y-h < coverBottom && len(cur) > 0 {
			pages = append(pages, cur)
			cur, y = nil, coverTop
			l.gap = 0
		}
		cur = append(cur, l)
		y -= h
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}

// coverPageCount is the number of cover pages lines take.
func coverPageCount(lines []coverText) int { return len(paginate(lines)) }

// addCover writes the cover pages to b (which must be empty): text drawn
// with the embedded DejaVu fonts, subset to the glyphs used.
func (b *docBuilder) addCover(lines []coverText) error {
	xt := b.ctx.XRefTable
	mediaBox := types.RectForDim(a4W, a4H)
	var contents []*bytes.Buffer
	usedBold := false
	for _, page := range paginate(lines) {
		var buf bytes.Buffer
		y := coverTop
		for _, l := range page {
			h := coverLine + l.gap
			if l.size > coverBodySize {
				h += l.size - coverBodySize
			}
			y -= h
			if l.text == "" && l.right == "" {
				continue
			}
			fontName, key := fontRegular, "F0"
			if l.bold {
				fontName, key = fontBold, "F1"
				usedBold = true
			}
			td := model.TextDescriptor{
				Text: l.text, FontName: fontName, FontKey: key, FontSize: l.size,
				X: coverMargin, Y: y, Scale: 1, ScaleAbs: true, RMode: draw.RMFill,
				FillCol: l.col, StrokeCol: l.col, Embed: true,
			}
			if _, err := model.WriteColumn(xt, &buf, mediaBox, nil, td, 0); err != nil {
				return fmt.Errorf("cover: %w", err)
			}
			if l.right != "" {
				td.Text, td.X, td.HAlign = l.right, a4W-coverMargin, types.AlignRight
				td.FontName, td.FontKey = fontRegular, "F0"
				if _, err := model.WriteColumn(xt, &buf, mediaBox, nil, td, 0); err != nil {
					return fmt.Errorf("cover: %w", err)
				}
			}
		}
		contents = append(contents, &buf)
	}
	// Font dictionaries are made after all text is written: they embed the
	// subset of glyphs the text used.
	fonts := types.Dict{}
	ir, err := pdffont.EnsureFontDict(xt, fontRegular, "", "", false, nil)
	if err != nil {
		return fmt.Errorf("cover: font: %w", err)
	}
	fonts.Insert("F0", *ir)
	if usedBold {
		ir, err := pdffont.EnsureFontDict(xt, fontBold, "", "", false, nil)
		if err != nil {
			return fmt.Errorf("cover: font: %w", err)
		}
		fonts.Insert("F1", *ir)
	}
	for _, buf := range contents {
		sd, err := xt.NewStreamDictForBuf(buf.Bytes())
		if err != nil {
			return err
		}
		if err := sd.Encode(); err != nil {
			return err
		}
		cref, err := xt.IndRefForNewObject(*sd)
		if err != nil {
			return err
		}
		page := types.Dict(map[string]types.Object{
			"Type":      types.Name("Page"),
			"Parent":    *b.pagesRef,
			"MediaBox":  mediaBox.Array(),
			"Resources": types.Dict(map[string]types.Object{"Font": fonts}),
			"Contents":  *cref,
		})
		pref, err := xt.IndRefForNewObject(page)
		if err != nil {
			return err
		}
		if err := model.AppendPageTree(pref, 1, b.pagesDict); err != nil {
			return err
		}
		b.ctx.PageCount++
	}
	return nil
}
