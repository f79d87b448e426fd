package pdfkit

import (
	"context"
	"encoding/hex"
	"fmt"
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

// ReadBackFile validates the PDF at path with pdfcpu's api (relaxed, as
// most readers are) and reads it (api.ReadContextFile validates again).
func ReadBackFile(c context.Context, path string) (r *ReadBack, err error) {
	defer guard("read back", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	if err := api.ValidateFile(path, writeConfig()); err != nil {
		return nil, fmt.Errorf("validate %s: %w", path, err)
	}
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return &ReadBack{ctx: ctx}, nil
}

// PageCount is the number of pages.
func (r *ReadBack) PageCount() int { return r.ctx.PageCount }

// Page returns page nr (1-based) as shown.
func (r *ReadBack) Page(nr int) (p ShownPage, err error) {
	defer guard("page", &err)
	_, _, inh, err := r.ctx.PageDict(nr, false)
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
	bms, err := pdfcpu.Bookmarks(r.ctx)
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
	_, _, inh, err := r.ctx.PageDict(nr, true)
	if err != nil {
		return "", err
	}
	rd, err := pdfcpu.ExtractPageContent(r.ctx, nr)
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
	fonts, xobjs := sub("Font"), sub("XObject")
	var cmap map[uint16]rune
	emit := func(b []byte) {
		for i := 0; i+1 < len(b); i += 2 {
			code := uint16(b[i])<<8 | uint16(b[i+1])
			if r, ok := cmap[code]; ok {
				sb.WriteRune(r)
			} else {
				sb.WriteRune('?')
			}
		}
		sb.WriteByte('\n')
	}
	lastName := ""
	c := content
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case ch == '/':
			j := i + 1
			for j < len(c) && !strings.ContainsRune(" \t\r\n/[]()<>{}%", rune(c[j])) {
				j++
			}
			lastName = c[i+1 : j]
			i = j - 1
		case ch == '(':
			var b []byte
			level := 1
			j := i + 1
			for ; j < len(c) && level > 0; j++ {
				switch c[j] {
				case '\\':
					j++
					if j >= len(c) {
						break
					}
					switch e := c[j]; e {
					case 'n':
						b = append(b, '\n')
					case 'r':
						b = append(b, '\r')
					case 't':
						b = append(b, '\t')
					case 'b':
						b = append(b, '\b')
					case 'f':
						b = append(b, '\f')
					case '\r', '\n':
					default:
						if e >= '0' && e <= '7' {
							v, k := 0, 0
							for k < 3 && j < len(c) && c[j] >= '0' && c[j] <= '7' {
								v = v*8 + int(c[j]-'0')
								j++
								k++
							}
							j--
							b = append(b, byte(v))
						} else {
							b = append(b, e)
						}
					}
				case '(':
					level++
					b = append(b, '(')
				case ')':
					level--
					if level > 0 {
						b = append(b, ')')
					}
				default:
					b = append(b, c[j])
				}
			}
			emit(b)
			i = j - 1
		case ch == '<' && i+1 < len(c) && c[i+1] != '<':
			j := strings.IndexByte(c[i:], '>')
			if j < 0 {
				return nil
			}
			if b, err := hex.DecodeString(strings.Join(strings.Fields(c[i+1:i+j]), "")); err == nil {
				emit(b)
			}
			i += j
		case ch == '<':
			i++
		case strings.HasPrefix(c[i:], "Tf") && lastName != "":
			cmap = nil
			if fonts != nil {
				if fd, _ := ctx.DereferenceDict(fonts[lastName]); fd != nil {
					cmap = toUnicode(ctx, fd)
				}
			}
			i++
		case strings.HasPrefix(c[i:], "Do") && lastName != "" && xobjs != nil:
			sd, _, err := ctx.DereferenceStreamDict(xobjs[lastName])
			i++
			if err != nil || sd == nil || sd.Dict.NameEntry("Subtype") == nil || *sd.Dict.NameEntry("Subtype") != "Form" {
				continue
			}
			if err := sd.Decode(); err != nil {
				return err
			}
			fres, _ := ctx.DereferenceDict(sd.Dict["Resources"])
			if err := textOf(ctx, string(sd.Content), fres, sb, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func toUnicode(ctx *model.Context, fd types.Dict) map[uint16]rune {
	sd, _, err := ctx.DereferenceStreamDict(fd["ToUnicode"])
	if err != nil || sd == nil || sd.Decode() != nil {
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
	pd, _, _, err := r.ctx.PageDict(nr, false)
	if err != nil {
		return nil, err
	}
	return r.ctx.PageContent(pd, nr)
}

// PageEntry returns the value of key in page nr's own dictionary as PDF
// text (ok is false when the page has no such entry).
func (r *ReadBack) PageEntry(nr int, key string) (value string, ok bool, err error) {
	defer guard("page entry", &err)
	pd, _, _, err := r.ctx.PageDict(nr, false)
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
