package papers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// A run-merging filler for WordprocessingML parts. Word splits what the
// clerk typed as "{term}" into several runs whenever formatting, spelling
// marks or editing history differ ("{", "term", "} до {date}"), so a
// placeholder is found in the text of a whole paragraph, not of one run.
// encoding/xml locates every w:t element and its byte span; the text of a
// paragraph is the concatenation of its w:t; each placeholder's value goes
// into the w:t where the placeholder starts and the rest of the placeholder
// is removed from the following ones. Only the w:t elements are rewritten
// (escaped by encoding/xml, xml:space="preserve", a value's line breaks as
// w:br); every other byte of the part stays as Word wrote it, prefixes and
// markup-compatibility attributes included.

// anyPlaceholder finds what a clerk may have meant as a placeholder, so an
// unknown one is reported rather than printed.
var anyPlaceholder = regexp.MustCompile(`\{([^{}]{1,80})\}`)

// textNode is one w:t element of a part.
type textNode struct {
	start, end int64  // byte span of the whole element, tags included
	prefix     string // the element's namespace prefix as written ("w")
	text       string
	para       int // index of its innermost paragraph
}

// scanPart lists the w:t elements of a part with their paragraphs.
func scanPart(data []byte) ([]textNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var nodes []textNode
	var paraStack []int
	paras := 0
	var cur *textNode
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch {
			case el.Name.Local == "p":
				paraStack = append(paraStack, paras)
				paras++
			case el.Name.Local == "t" && cur == nil && len(paraStack) > 0 && (el.Name.Space == "w" || el.Name.Space == ""):
				cur = &textNode{start: before, prefix: el.Name.Space, para: paraStack[len(paraStack)-1]}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(el)
			}
		case xml.EndElement:
			switch {
			case el.Name.Local == "p" && len(paraStack) > 0:
				paraStack = paraStack[:len(paraStack)-1]
			case el.Name.Local == "t" && cur != nil:
				cur.end = dec.InputOffset()
				nodes = append(nodes, *cur)
				cur = nil
			}
		}
	}
	return nodes, nil
}

// paragraphs groups text nodes by paragraph, in document order.
func paragraphs(nodes []textNode) [][]int {
	var out [][]int
	last := -1
	for i, n := range nodes {
		if n.para != last || len(out) == 0 {
			out = append(out, nil)
			last = n.para
		}
		out[len(out)-1] = append(out[len(out)-1], i)
	}
	return out
}

// partPlaceholders returns the placeholder names a part's paragraphs hold.
func partPlaceholders(data []byte) ([]string, error) {
	nodes, err := scanPart(data)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, idx := range paragraphs(nodes) {
		var b strings.Builder
		for _, i := range idx {
			b.WriteString(nodes[i].text)
		}
		for _, m := range anyPlaceholder.FindAllStringSubmatch(b.String(), -1) {
			names = append(names, strings.TrimSpace(m[1]))
		}
	}
	return names, nil
}

// fillPart replaces the placeholders of a part with values; a name without
// a value is an error (callers check names first).
func fillPart(data []byte, values map[string]string) ([]byte, error) {
	nodes, err := scanPart(data)
	if err != nil {
		return nil, err
	}
	newText := make([]string, len(nodes))
	changed := make([]bool, len(nodes))
	for i, n := range nodes {
		newText[i] = n.text
	}
	for _, idx := range paragraphs(nodes) {
		// Where each node's text starts in the paragraph's text.
		var b strings.Builder
		offs := make([]int, len(idx))
		for k, i := range idx {
			offs[k] = b.Len()
			b.WriteString(nodes[i].text)
		}
		text := b.String()
		matches := anyPlaceholder.FindAllStringSubmatchIndex(text, -1)
		if len(matches) == 0 {
			continue
		}
		// Rebuild each node's text: keep what lies outside placeholders,
		// put a value where its placeholder starts.
		parts := make([]strings.Builder, len(idx))
		node := func(pos int) int { // the node holding byte pos
			// The last node starting at or before pos: past any empty ones.
			return sort.Search(len(offs), func(k int) bool { return offs[k] > pos }) - 1
		}
		copyText := func(from, to int) {
			for from < to {
				k := node(from)
				end := len(text)
				if k+1 < len(offs) {
					end = offs[k+1]
				}
				if end > to {
					end = to
				}
				parts[k].WriteString(text[from:end])
				from = end
			}
		}
		pos := 0
		for _, m := range matches {
			copyText(pos, m[0])
			name := strings.TrimSpace(text[m[2]:m[3]])
			val, ok := values[name]
			if !ok {
				return nil, fmt.Errorf("no value for {%s}", name)
			}
			parts[node(m[0])].WriteString(val)
			pos = m[1]
		}
		copyText(pos, len(text))
		for k, i := range idx {
			if s := parts[k].String(); s != nodes[i].text {
				newText[i], changed[i] = s, true
			}
		}
	}
	var out bytes.Buffer
	var last int64
	for i, n := range nodes {
		if !changed[i] {
			continue
		}
		out.Write(data[last:n.start])
		if err := writeText(&out, n.prefix, newText[i]); err != nil {
			return nil, err
		}
		last = n.end
	}
	out.Write(data[last:])
	return out.Bytes(), nil
}

// writeText writes one w:t element (or, for a text with line breaks,
// several joined by w:br) with its text escaped.
func writeText(w *bytes.Buffer, prefix, text string) error {
	t := "t"
	br := "br"
	if prefix != "" {
		t, br = prefix+":t", prefix+":br"
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			w.WriteString("<" + br + "/>")
		}
		w.WriteString("<" + t + ` xml:space="preserve">`)
		if err := xml.EscapeText(w, []byte(line)); err != nil {
			return err
		}
		w.WriteString("</" + t + ">")
	}
	return nil
}

// fillableParts are the parts of a .docx that may hold placeholders: the
// body, and the headers and footers where a letterhead keeps its company.
func fillablePart(name string) bool {
	if name == "word/document.xml" {
		return true
	}
	for _, p := range []string{"word/header", "word/footer"} {
		if strings.HasPrefix(name, p) && strings.HasSuffix(name, ".xml") && !strings.Contains(name[len(p):], "/") {
			return true
		}
	}
	return false
}

// readPart reads one zip entry, bounded.
func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// archive/zip stops at the size the entry declares (ErrFormat past
	// it), and checkZip bounded that; the limit here is a second fence.
	b, err := io.ReadAll(io.LimitReader(rc, maxLetterheadPart+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxLetterheadPart {
		return nil, fmt.Errorf("%s: larger than %d MB", f.Name, maxLetterheadPart>>20)
	}
	return b, nil
}
