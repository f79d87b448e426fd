package papers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dossier/app/pdfkit"
)

// The PDF is drawn from the same blocks as the .docx, in Dossier's default
// layout (not the company's letterhead), through pdfcpu's JSON layout
// (api.Create, through app/pdfkit). Lines are wrapped here with pdfcpu's metrics so that page
// breaks are ours. The fonts are the embedded DejaVu Sans faces, which
// carry the Cyrillic and Kazakh letters; bundle.Setup must have installed
// them into pdfcpu's configuration.

// Font names as pdfcpu knows them once bundle.Setup installed them.
const (
	pdfRegular = "DejaVuSans"
	pdfBold    = "DejaVuSans-Bold"
)

// Page geometry in points, A4 portrait.
const (
	pageW      = 595.28
	pageH      = 841.89
	margin     = 56.7 // 20 mm
	bodySize   = 11.0
	lineHeight = 15.0
	footerSize = 7.5
	footerY    = 28.0
	rowValueX  = margin + 200
)

type pdfLayout struct {
	Paper  string                 `json:"paper"`
	Origin string                 `json:"origin"`
	Pages  map[string]pdfPage     `json:"pages"`
	Fonts  map[string]pdfFontSpec `json:"fonts,omitempty"`
}

type pdfFontSpec struct {
	Name  string  `json:"name"`
	Size  float64 `json:"size"`
	Color string  `json:"col,omitempty"`
}

type pdfPage struct {
	Content pdfContent `json:"content"`
}

type pdfContent struct {
	Text []pdfText `json:"text"`
}

type pdfText struct {
	Value string      `json:"value"`
	Pos   [2]float64  `json:"pos"`
	Align string      `json:"align,omitempty"`
	Font  pdfFontSpec `json:"font"`
}

// pdfLine is one line to draw, y measured from the top of the page.
type pdfLine struct {
	text  string
	x     float64
	align string
	bold  bool
	size  float64
	gap   float64 // space before the line
	color string
}

// layoutLines wraps a paper's blocks into lines.
func layoutLines(p Paper) ([]pdfLine, error) {
	var out []pdfLine
	wrap := func(s, font string, size, width float64) ([]string, error) {
		if strings.TrimSpace(s) == "" {
			return []string{""}, nil
		}
		ls, err := pdfkit.WordWrap(s, font, size, width)
		if err != nil {
			return nil, fmt.Errorf("pdf: wrap: %w", err)
		}
		return ls, nil
	}
	full := pageW - 2*margin
	for _, b := range p.Blocks {
		gap := 7.0
		for i, line := range b.Lines {
			g := 0.0
			if i == 0 {
				g = gap
			}
			left, right, tabbed := strings.Cut(line, "\t")
			switch b.Style {
			case "title":
				ls, err := wrap(line, pdfBold, 13, full)
				if err != nil {
					return nil, err
				}
				for j, l := range ls {
					out = append(out, pdfLine{text: l, x: pageW / 2, align: "center", bold: true, size: 13, gap: pick(j == 0, g+8, 0)})
				}
			case "right":
				ls, err := wrap(line, pdfRegular, bodySize, full/2)
				if err != nil {
					return nil, err
				}
				for j, l := range ls {
					out = append(out, pdfLine{text: l, x: margin + full/2, size: bodySize, gap: pick(j == 0, g, 0)})
				}
			case "sign", "row":
				lw, x2, w2 := full, 0.0, 0.0
				if tabbed {
					lw = full/2 - 6
					x2, w2 = margin+full/2, full/2
					if b.Style == "row" {
						lw = rowValueX - margin - 8
						x2, w2 = rowValueX, pageW-margin-rowValueX
					}
				}
				ls, err := wrap(left, pdfRegular, bodySize, lw)
				if err != nil {
					return nil, err
				}
				var rs []string
				if tabbed {
					if rs, err = wrap(right, pdfRegular, bodySize, w2); err != nil {
						return nil, err
					}
				}
				n := max(len(ls), len(rs))
				for j := 0; j < n; j++ {
					gg := pick(j == 0, g, 0)
					if b.Style == "sign" && i == 0 && j == 0 {
						gg += 24
					}
					if j < len(ls) {
						out = append(out, pdfLine{text: ls[j], x: margin, size: bodySize, gap: gg})
						gg = -1 // same baseline for the right part
					}
					if j < len(rs) {
						x, align := x2, ""
						if b.Style == "sign" {
							x, align = pageW-margin, "right"
						}
						out = append(out, pdfLine{text: rs[j], x: x, align: align, size: bodySize, gap: gg})
					}
				}
			case "item":
				prefix := ""
				if i == 0 {
					prefix = "•"
				}
				ls, err := wrap(line, pdfRegular, bodySize, full-14)
				if err != nil {
					return nil, err
				}
				for j, l := range ls {
					if j == 0 && prefix != "" {
						out = append(out, pdfLine{text: prefix, x: margin, size: bodySize, gap: g})
						out = append(out, pdfLine{text: l, x: margin + 14, size: bodySize, gap: -1})
						continue
					}
					out = append(out, pdfLine{text: l, x: margin + 14, size: bodySize})
				}
			case "note":
				ls, err := wrap(line, pdfRegular, 9, full)
				if err != nil {
					return nil, err
				}
				for j, l := range ls {
					out = append(out, pdfLine{text: l, x: margin, size: 9, gap: pick(j == 0, g, 0), color: "#555555"})
				}
			default: // body, left
				ls, err := wrap(line, pdfRegular, bodySize, full)
				if err != nil {
					return nil, err
				}
				for j, l := range ls {
					out = append(out, pdfLine{text: l, x: margin, size: bodySize, gap: pick(j == 0, g, 0)})
				}
			}
		}
	}
	return out, nil
}

func pick(c bool, a, b float64) float64 {
	if c {
		return a
	}
	return b
}

// escapePercent keeps a "%" in a value from being read as one of pdfcpu's
// page-number and time stamp marks: "%%" is its literal percent.
func escapePercent(s string) string { return strings.ReplaceAll(s, "%", "%%") }

// pdfJSON lays a paper out as pdfcpu's JSON; footer is printed on every page.
func pdfJSON(p Paper, footer string) ([]byte, error) {
	lines, err := layoutLines(p)
	if err != nil {
		return nil, err
	}
	footLines, err := pdfkit.WordWrap(footer, pdfRegular, footerSize, pageW-2*margin)
	if err != nil {
		return nil, fmt.Errorf("pdf: wrap: %w", err)
	}
	bottom := margin + float64(len(footLines))*footerSize*1.3
	layout := pdfLayout{Paper: "A4P", Origin: "LowerLeft", Pages: map[string]pdfPage{}}
	page, y := 1, pageH-margin
	var cur []pdfText
	flush := func() {
		for i, l := range footLines {
			cur = append(cur, pdfText{Value: escapePercent(l), Pos: [2]float64{margin, footerY + float64(len(footLines)-1-i)*footerSize*1.3},
				Font: pdfFontSpec{Name: pdfRegular, Size: footerSize, Color: "#666666"}})
		}
		layout.Pages[strconv.Itoa(page)] = pdfPage{Content: pdfContent{Text: cur}}
		page++
		cur = nil
	}
	for _, l := range lines {
		if l.gap >= 0 {
			y -= lineHeight + l.gap + (l.size - bodySize)
			if y < bottom && len(cur) > 0 {
				flush()
				y = pageH - margin - lineHeight
			}
		}
		if l.text == "" {
			continue
		}
		font := pdfFontSpec{Name: pdfRegular, Size: l.size, Color: l.color}
		if l.bold {
			font.Name = pdfBold
		}
		cur = append(cur, pdfText{Value: escapePercent(l.text), Pos: [2]float64{l.x, y}, Align: l.align, Font: font})
	}
	flush()
	return json.Marshal(layout)
}

// WritePDF draws a paper as a PDF in Dossier's default layout, with footer
// (saying it is not the company's letterhead) on every page.
func WritePDF(w io.Writer, p Paper, footer string) (err error) {
	data, err := pdfJSON(p, footer)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pdfkit.CreateFromJSON(context.Background(), data, &buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	// The mark that makes the draft known as one to scan validation, even
	// copied elsewhere or written before the workspace kept a record.
	marked, err := pdfkit.SetInfo(context.Background(), buf.Bytes(), map[string]string{pdfkit.DraftKey: p.Key})
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = w.Write(marked)
	return err
}
