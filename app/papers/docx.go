package papers

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// The default .docx is written from the paper's blocks with encoding/xml,
// so every value is escaped by the encoder and a multi-line address keeps
// its lines (w:br), which string replacement in raw XML would not give.

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT  = "http://schemas.openxmlformats.org/package/2006/content-types"

	relDoc    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relStyles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	ctDoc     = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctStyles  = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
	ctRels    = "application/vnd.openxmlformats-package.relationships+xml"
)

type wVal struct {
	Val string `xml:"w:val,attr"`
}

type wDocument struct {
	XMLName xml.Name `xml:"w:document"`
	W       string   `xml:"xmlns:w,attr"`
	R       string   `xml:"xmlns:r,attr"`
	Body    wBody    `xml:"w:body"`
}

type wBody struct {
	Paras []wPara `xml:"w:p"`
	Sect  wSect   `xml:"w:sectPr"`
}

type wSect struct {
	Size wPgSz  `xml:"w:pgSz"`
	Marg wPgMar `xml:"w:pgMar"`
}

type wPgSz struct {
	W string `xml:"w:w,attr"`
	H string `xml:"w:h,attr"`
}

type wPgMar struct {
	Top    string `xml:"w:top,attr"`
	Right  string `xml:"w:right,attr"`
	Bottom string `xml:"w:bottom,attr"`
	Left   string `xml:"w:left,attr"`
	Header string `xml:"w:header,attr"`
	Footer string `xml:"w:footer,attr"`
	Gutter string `xml:"w:gutter,attr"`
}

type wPara struct {
	PPr  *wPPr  `xml:"w:pPr,omitempty"`
	Runs []wRun `xml:"w:r"`
}

type wPPr struct {
	Tabs    *wTabs    `xml:"w:tabs,omitempty"`
	Spacing *wSpacing `xml:"w:spacing,omitempty"`
	Ind     *wInd     `xml:"w:ind,omitempty"`
	Jc      *wVal     `xml:"w:jc,omitempty"`
}

type wTabs struct {
	Tab []wTab `xml:"w:tab"`
}

type wTab struct {
	Val string `xml:"w:val,attr"`
	Pos string `xml:"w:pos,attr"`
}

type wSpacing struct {
	Before string `xml:"w:before,attr,omitempty"`
	After  string `xml:"w:after,attr,omitempty"`
}

type wInd struct {
	Left      string `xml:"w:left,attr,omitempty"`
	Hanging   string `xml:"w:hanging,attr,omitempty"`
	FirstLine string `xml:"w:firstLine,attr,omitempty"`
}

type wRun struct {
	RPr *wRPr     `xml:"w:rPr,omitempty"`
	Br  *struct{} `xml:"w:br,omitempty"`
	Tab *struct{} `xml:"w:tab,omitempty"`
	T   *wText    `xml:"w:t,omitempty"`
}

type wRPr struct {
	B  *struct{} `xml:"w:b,omitempty"`
	I  *struct{} `xml:"w:i,omitempty"`
	Sz *wVal     `xml:"w:sz,omitempty"`
}

type wText struct {
	Space string `xml:"xml:space,attr,omitempty"`
	Text  string `xml:",chardata"`
}

// paragraph turns one block into a WordprocessingML paragraph: lines are
// joined by line breaks, a tab goes to the paragraph's tab stop.
func paragraph(b Filled) wPara {
	var ppr wPPr
	var rpr *wRPr
	ppr.Spacing = &wSpacing{After: "160"}
	switch b.Style {
	case "title":
		ppr.Jc = &wVal{"center"}
		ppr.Spacing = &wSpacing{Before: "240", After: "240"}
		rpr = &wRPr{B: &struct{}{}, Sz: &wVal{"28"}}
	case "right":
		ppr.Ind = &wInd{Left: "5103"} // the addressee block on the right half
	case "body":
		ppr.Jc = &wVal{"both"}
		ppr.Ind = &wInd{FirstLine: "709"}
	case "sign":
		ppr.Spacing = &wSpacing{Before: "480", After: "160"}
		ppr.Tabs = &wTabs{Tab: []wTab{{Val: "right", Pos: "9638"}}}
	case "row":
		ppr.Spacing = &wSpacing{After: "80"}
		ppr.Tabs = &wTabs{Tab: []wTab{{Val: "left", Pos: "4820"}}}
		ppr.Ind = &wInd{Left: "4820", Hanging: "4820"}
	case "item":
		ppr.Ind = &wInd{Left: "357", Hanging: "357"}
	case "note":
		rpr = &wRPr{I: &struct{}{}, Sz: &wVal{"20"}}
	}
	p := wPara{PPr: &ppr}
	for i, line := range b.Lines {
		if i == 0 && b.Style == "item" {
			line = "•\t" + line
		}
		for j, part := range strings.Split(line, "\t") {
			r := wRun{RPr: rpr}
			if i > 0 && j == 0 {
				r.Br = &struct{}{}
			}
			if j > 0 {
				r.Tab = &struct{}{}
			}
			if part != "" {
				r.T = &wText{Space: "preserve", Text: part}
			}
			p.Runs = append(p.Runs, r)
		}
	}
	return p
}

// documentXML is the main document part of a paper.
func documentXML(p Paper) ([]byte, error) {
	doc := wDocument{W: nsW, R: nsR}
	for _, b := range p.Blocks {
		doc.Body.Paras = append(doc.Body.Paras, paragraph(b))
	}
	// A4, margins 20 mm left and right, 20 mm top and bottom.
	doc.Body.Sect.Size = wPgSz{W: "11906", H: "16838"}
	doc.Body.Sect.Marg = wPgMar{Top: "1134", Right: "1134", Bottom: "1134", Left: "1134", Header: "709", Footer: "709", Gutter: "0"}
	return marshal(doc)
}

func marshal(v any) ([]byte, error) {
	out, err := xml.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return append([]byte(xml.Header), out...), nil
}

type ctTypes struct {
	XMLName   xml.Name     `xml:"Types"`
	NS        string       `xml:"xmlns,attr"`
	Defaults  []ctDefault  `xml:"Default"`
	Overrides []ctOverride `xml:"Override"`
}

type ctDefault struct {
	Extension   string `xml:",attr"`
	ContentType string `xml:",attr"`
}

type ctOverride struct {
	PartName    string `xml:",attr"`
	ContentType string `xml:",attr"`
}

type relationships struct {
	XMLName xml.Name       `xml:"Relationships"`
	NS      string         `xml:"xmlns,attr"`
	Rels    []relationship `xml:"Relationship"`
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:",attr"`
	Target string `xml:",attr"`
}

// stylesXML sets the document's font: Times New Roman 12 pt, which Word and
// LibreOffice render with Cyrillic and Kazakh letters.
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

// WriteDOCX writes a paper as a .docx package.
func WriteDOCX(w io.Writer, p Paper) error {
	doc, err := documentXML(p)
	if err != nil {
		return err
	}
	ct, err := marshal(ctTypes{NS: nsCT,
		Defaults: []ctDefault{{"rels", ctRels}, {"xml", "application/xml"}},
		Overrides: []ctOverride{
			{"/word/document.xml", ctDoc},
			{"/word/styles.xml", ctStyles},
		}})
	if err != nil {
		return err
	}
	rootRels, err := marshal(relationships{NS: nsPkg, Rels: []relationship{{"rId1", relDoc, "word/document.xml"}}})
	if err != nil {
		return err
	}
	docRels, err := marshal(relationships{NS: nsPkg, Rels: []relationship{{"rId1", relStyles, "styles.xml"}}})
	if err != nil {
		return err
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", ct},
		{"_rels/.rels", rootRels},
		{"word/document.xml", doc},
		{"word/_rels/document.xml.rels", docRels},
		{"word/styles.xml", []byte(stylesXML)},
	}
	zw := zip.NewWriter(w)
	// A fixed time keeps the bytes of a paper stable from run to run.
	stamp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, part := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return fmt.Errorf("docx: %w", err)
		}
		if _, err := f.Write(part.data); err != nil {
			return fmt.Errorf("docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}
