package bundle

import (
	"dossier/app/display"

	"fmt"

	"dossier/app/i18n"

	"dossier/app/pdfkit"
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
	colText  = pdfkit.Color{R: 0.1, G: 0.1, B: 0.1}
	colMuted = pdfkit.Color{R: 0.45, G: 0.45, B: 0.45}
	colRed   = pdfkit.Color{R: 0.8, G: 0, B: 0}
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
	col   pdfkit.Color
	gap   float64 // extra space before the line
}

// coverLines lays out the cover's text; it depends only on the input, not on
// page numbers' values, so the page count is known before the documents are
// placed.
func coverLines(in Input, toc []tocEntry, lang i18n.Lang) ([]coverText, error) {
	p := i18n.Printer{Lang: lang}
	c := in.Cover
	var out []coverText
	title, err := pdfkit.WordWrap(p.T("bundle.cover.title"), fontBold, 15, a4W-2*coverMargin)
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
		lines, err := pdfkit.WordWrap(p.T(key)+": "+val, fontRegular, coverBodySize, a4W-2*coverMargin)
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
		lines, err := pdfkit.WordWrap(title, fontRegular, coverBodySize, width)
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
			lines, err := pdfkit.WordWrap(s, fontRegular, coverBodySize, a4W-2*coverMargin)
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
func addCover(b *pdfkit.Builder, lines []coverText) error {
	var pages [][]pdfkit.TextLine
	for _, page := range paginate(lines) {
		var out []pdfkit.TextLine
		y := coverTop
		for _, l := range page {
			h := coverLine + l.gap
			if l.size > coverBodySize {
				h += l.size - coverBodySize
			}
			y -= h
			font := fontRegular
			if l.bold {
				font = fontBold
			}
			if l.text != "" {
				out = append(out, pdfkit.TextLine{Text: l.text, Font: font, Size: l.size, X: coverMargin, Y: y, Color: l.col})
			}
			if l.right != "" {
				out = append(out, pdfkit.TextLine{Text: l.right, Font: fontRegular, Size: l.size, X: a4W - coverMargin, Y: y,
					Color: l.col, AlignRight: true})
			}
		}
		pages = append(pages, out)
	}
	if err := b.AddTextPages(pages, a4W, a4H); err != nil {
		return fmt.Errorf("cover: %w", err)
	}
	return nil
}
