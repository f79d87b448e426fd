package pdfkit

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ReadBack reads a written PDF the way a viewer would, for tests and
// benchmark scripts: it is how the integration tests of Build and Pack look
// at what pdfcpu wrote, so a pdfcpu upgrade that changes the output shows
// there.
type ReadBack struct {
	ctx *model.Context
}

// ShownPage is a page as a viewer shows it.
type ShownPage struct {
	W, H   float64 // after /Rotate
	Rotate int     // normalised: 0, 90, 180 or 270
	Images []ShownImage
}

// ShownImage is an image XObject of a page.
type ShownImage struct {
	W, H   int
	Filter string // "" for none
	Raw    []byte // the stream's bytes as stored
}

// ReadBackFile reads the PDF at path and validates it with pdfcpu's api
// (relaxed, as most readers are).
func ReadBackFile(c context.Context, path string) (r *ReadBack, err error) {
	defer guard("read back", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ctx, err := api.ReadContext(c, f, writeConfig())
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := api.ValidateContext(c, ctx); err != nil {
		return nil, fmt.Errorf("validate %s: %w", path, err)
	}
	return &ReadBack{ctx: ctx}, nil
}

// PageCount is the number of pages.
func (r *ReadBack) PageCount() int { return r.ctx.PageCount }

// Page returns page nr (1-based) as shown.
func (r *ReadBack) Page(nr int) (p ShownPage, err error) {
	defer guard("page", &err)
	_, _, inh, err := r.ctx.PageDict(context.Background(), nr, false)
	if err != nil {
		return p, err
	}
	if inh == nil || inh.MediaBox == nil {
		return p, fmt.Errorf("page %d: no media box", nr)
	}
	w, h := inh.MediaBox.Width(), inh.MediaBox.Height()
	rot := ((inh.Rotate % 360) + 360) % 360
	if rot == 90 || rot == 270 {
		w, h = h, w
	}
	p = ShownPage{W: w, H: h, Rotate: rot}
	xo, _ := r.ctx.DereferenceDict(inh.Resources["XObject"])
	for _, k := range sortedKeys(xo) {
		sd, _, err := r.ctx.DereferenceStreamDict(xo[k])
		if err != nil {
			return p, err
		}
		if sd == nil || sd.Dict.NameEntry("Subtype") == nil || *sd.Dict.NameEntry("Subtype") != "Image" {
			continue
		}
		f := ""
		if n := sd.Dict.NameEntry("Filter"); n != nil {
			f = *n
		}
		p.Images = append(p.Images, ShownImage{W: *sd.Dict.IntEntry("Width"), H: *sd.Dict.IntEntry("Height"), Filter: f, Raw: sd.Raw})
	}
	return p, nil
}

// Bookmarks returns the outline.
func (r *ReadBack) Bookmarks() (out []Bookmark, err error) {
	defer guard("bookmarks", &err)
	bms, err := pdfcpu.Bookmarks(context.Background(), r.ctx)
	if err != nil {
		return nil, err
	}
	return fromPdfcpuBookmarks(bms), nil
}

func fromPdfcpuBookmarks(bms []pdfcpu.Bookmark) []Bookmark {
	var out []Bookmark
	for _, bm := range bms {
		out = append(out, Bookmark{Title: bm.Title, Page: bm.PageFrom, Kids: fromPdfcpuBookmarks(bm.Kids)})
	}
	return out
}

// Info returns the document information dictionary's text entries.
func (r *ReadBack) Info() (map[string]string, error) {
	out := map[string]string{}
	if r.ctx.Info == nil {
		return out, nil
	}
	d, err := r.ctx.DereferenceDict(*r.ctx.Info)
	if err != nil {
		return nil, err
	}
	for k, v := range d {
		if s, err := r.ctx.DereferenceStringOrHexLiteral(v, model.V10, nil); err == nil {
			out[k] = s
		}
	}
	return out, nil
}

var (
	reBfChar = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	reBfRng  = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
)

// Text returns the text drawn on page nr, including form XObjects (the
// page-number stamps), decoded through the fonts' ToUnicode maps — the path
// copy-and-paste and search take. Each string shown is one line.
func (r *ReadBack) Text(nr int) (text string, err error) {
	defer guard("text", &err)
	_, _, inh, err := r.ctx.PageDict(context.Background(), nr, true)
	if err != nil {
		return "", err
	}
	rd, err := pdfcpu.ExtractPageContent(context.Background(), r.ctx, nr)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	buf := new(strings.Builder)
	_, _ = readAllString(rd, buf)
	if err := textOf(r.ctx, buf.String(), inh.Resources, &sb, 0); err != nil {
		return "", err
	}
	return sb.String(), nil
}

func readAllString(r interface{ Read([]byte) (int, error) }, sb *strings.Builder) (int, error) {
	b := make([]byte, 32<<10)
	n := 0
	for {
		k, err := r.Read(b)
		sb.Write(b[:k])
		n += k
		if err != nil {
			return n, nil
		}
	}
}

// textScanner walks a content stream for the strings it shows, in the
// font each is shown in.
type textScanner struct {
	ctx          *model.Context
	fonts, xobjs types.Dict
	cmap         map[uint16]rune
	sb           *strings.Builder
	lastName     string
	depth        int
}

func textOf(ctx *model.Context, content string, res types.Dict, sb *strings.Builder, depth int) error {
	if depth > 4 || res == nil {
		return nil
	}
	sub := func(key string) types.Dict {
		o, ok := res[key]
		if !ok {
			return nil
		}
		d, _ := ctx.DereferenceDict(o)
		return d
	}
	ts := &textScanner{ctx: ctx, fonts: sub("Font"), xobjs: sub("XObject"), sb: sb, depth: depth}
	return ts.scan(content)
}

func (ts *textScanner) scan(c string) error {
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case ch == '/':
			j := i + 1
			for j < len(c) && !strings.ContainsRune(" \t\r\n/[]()<>{}%", rune(c[j])) {
				j++
			}
			ts.lastName = c[i+1 : j]
			i = j - 1
		case ch == '(':
			b, next := readLiteral(c, i+1)
			ts.emit(b)
			i = next - 1
		case ch == '<' && i+1 < len(c) && c[i+1] != '<':
			j := strings.IndexByte(c[i:], '>')
			if j < 0 {
				return nil
			}
			if b, err := hex.DecodeString(strings.Join(strings.Fields(c[i+1:i+j]), "")); err == nil {
				ts.emit(b)
			}
			i += j
		case ch == '<':
			i++
		case strings.HasPrefix(c[i:], "Tf") && ts.lastName != "":
			ts.setFont()
			i++
		case strings.HasPrefix(c[i:], "Do") && ts.lastName != "" && ts.xobjs != nil:
			i++
			if err := ts.form(); err != nil {
				return err
			}
		}
	}
	return nil
}

// emit writes a string shown with a two-byte encoding through the
// current font's map, as one line.
func (ts *textScanner) emit(b []byte) {
	for i := 0; i+1 < len(b); i += 2 {
		code := uint16(b[i])<<8 | uint16(b[i+1])
		if r, ok := ts.cmap[code]; ok {
			ts.sb.WriteRune(r)
		} else {
			ts.sb.WriteRune('?')
		}
	}
	ts.sb.WriteByte('\n')
}

func (ts *textScanner) setFont() {
	ts.cmap = nil
	if ts.fonts != nil {
		if fd, _ := ts.ctx.DereferenceDict(ts.fonts[ts.lastName]); fd != nil {
			ts.cmap = toUnicode(ts.ctx, fd)
		}
	}
}

// form reads the text of the form XObject just drawn (Do).
func (ts *textScanner) form() error {
	sd, _, err := ts.ctx.DereferenceStreamDict(ts.xobjs[ts.lastName])
	if err != nil || sd == nil || sd.Dict.NameEntry("Subtype") == nil || *sd.Dict.NameEntry("Subtype") != "Form" {
		return nil
	}
	if err := sd.DecodeWithLimit(MaxDecodeBytes); err != nil {
		return err
	}
	fres, _ := ts.ctx.DereferenceDict(sd.Dict["Resources"])
	return textOf(ts.ctx, string(sd.Content), fres, ts.sb, ts.depth+1)
}

// readLiteral reads a literal string starting after its "(" at c[i]; it
// returns the string's bytes and the index after its ")".
func readLiteral(c string, i int) ([]byte, int) {
	var b []byte
	for level := 1; i < len(c); i++ {
		switch c[i] {
		case '\\':
			var e []byte
			e, i = readEscape(c, i+1)
			b = append(b, e...)
		case '(':
			level++
			b = append(b, '(')
		case ')':
			if level--; level == 0 {
				return b, i + 1
			}
			b = append(b, ')')
		default:
			b = append(b, c[i])
		}
	}
	return b, i
}

// escapes are the one-letter escapes of a literal string.
var escapes = map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f'}

// readEscape reads the escape after a backslash at c[i-1]; it returns
// what it stands for and the index of its last byte.
func readEscape(c string, i int) ([]byte, int) {
	if i >= len(c) {
		return nil, i
	}
	e := c[i]
	if r, ok := escapes[e]; ok {
		return []byte{r}, i
	}
	if e == '\r' || e == '\n' {
		return nil, i // a line continuation
	}
	if e < '0' || e > '7' {
		return []byte{e}, i
	}
	v, k := 0, 0
	for k < 3 && i < len(c) && c[i] >= '0' && c[i] <= '7' {
		v = v*8 + int(c[i]-'0')
		i++
		k++
	}
	return []byte{byte(v)}, i - 1
}

func toUnicode(ctx *model.Context, fd types.Dict) map[uint16]rune {
	sd, _, err := ctx.DereferenceStreamDict(fd["ToUnicode"])
	if err != nil || sd == nil || sd.DecodeWithLimit(MaxDecodeBytes) != nil {
		return nil
	}
	s := string(sd.Content)
	out := map[uint16]rune{}
	for _, blk := range strings.Split(s, "beginbfrange")[1:] {
		blk = strings.Split(blk, "endbfrange")[0]
		for _, m := range reBfRng.FindAllStringSubmatch(blk, -1) {
			lo, _ := strconv.ParseUint(m[1], 16, 16)
			hi, _ := strconv.ParseUint(m[2], 16, 16)
			u, _ := strconv.ParseUint(m[3], 16, 32)
			for c := lo; c <= hi; c++ {
				out[uint16(c)] = rune(u + (c - lo))
			}
		}
	}
	for _, blk := range strings.Split(s, "beginbfchar")[1:] {
		blk = strings.Split(blk, "endbfchar")[0]
		for _, m := range reBfChar.FindAllStringSubmatch(blk, -1) {
			c, _ := strconv.ParseUint(m[1], 16, 16)
			u, _ := strconv.ParseUint(m[2], 16, 32)
			out[uint16(c)] = rune(u)
		}
	}
	return out
}

// Content returns page nr's content stream(s), decoded.
func (r *ReadBack) Content(nr int) (content []byte, err error) {
	defer guard("content", &err)
	pd, _, _, err := r.ctx.PageDict(context.Background(), nr, false)
	if err != nil {
		return nil, err
	}
	return r.ctx.PageContent(pd, nr)
}

// PageEntry returns the value of key in page nr's own dictionary as PDF
// text (ok is false when the page has no such entry).
func (r *ReadBack) PageEntry(nr int, key string) (value string, ok bool, err error) {
	defer guard("page entry", &err)
	pd, _, _, err := r.ctx.PageDict(context.Background(), nr, false)
	if err != nil {
		return "", false, err
	}
	o, ok := pd.Find(key)
	if !ok {
		return "", false, nil
	}
	if o, err = r.ctx.Dereference(o); err != nil {
		return "", false, err
	}
	if o == nil {
		return "null", true, nil
	}
	return o.PDFString(), true, nil
}

// Encrypted reports whether the file carries encryption.
func (r *ReadBack) Encrypted() bool { return r.ctx.Encrypt != nil || r.ctx.E != nil }
