package pdfkit

import (
	"bytes"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Reproducible output. pdfcpu takes three values from the clock or a random
// source (the document's dates, the file ID, the six-letter tag of each
// embedded font subset), numbers objects partly in Go's random map order
// (merging, embedding fonts) and writes them in that order. So the document
// is written by pdfcpu, read back by pdfcpu, and then, on pdfcpu's object
// model only:
//
//  1. numbered: objects get new numbers in the order a depth-first walk from
//     the trailer meets them (dictionary keys sorted), which depends only on
//     the document's structure;
//  2. renumbered: every reference in every dictionary and array is replaced
//     by its new number — references are objects of the model, so a string
//     that reads "12 0 R" (a bookmark title) is not one of them;
//  3. fixed: the information dictionary's dates, the file ID and the subset
//     tags of the fonts Dossier embeds are set to values from the seed;
//  4. serialised: each object by pdfcpu's own PDFString, each stream's bytes
//     exactly as they were (never looked into), in the new order, with a
//     classic cross-reference table.
//
// Earlier code did this with regular expressions over the whole file, which
// could change a compressed stream that happened to hold "(D:" and 14
// digits or "/ABCDEF+", and renumbered "12 0 R" inside a bookmark title.

// FixedDate is the date every reproducible document carries.
const FixedDate = "D:20000101000000Z"

// WriteReproducible writes the document so that equal documents give equal
// bytes: see above. seed makes the file ID (the same seed, the same ID).
func (b *Builder) WriteReproducible(c context.Context, w io.Writer, seed string) (err error) {
	defer guard("write", &err)
	if err := c.Err(); err != nil {
		return err
	}
	b.ctx.Configuration.WriteObjectStream = false
	b.ctx.Configuration.WriteXRefStream = false
	var buf bytes.Buffer
	if err := api.WriteContext(c, b.ctx, &buf); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	data, err := Canonical(buf.Bytes(), seed)
	if err != nil {
		return fmt.Errorf("write PDF: reproducible: %w", err)
	}
	_, err = w.Write(data)
	return err
}

// Canonical rewrites a PDF into its canonical form (see above).
func Canonical(pdf []byte, seed string) (out []byte, err error) {
	defer guard("canonical form", &err)
	ctx, err := api.ReadContext(context.Background(), bytes.NewReader(pdf), writeConfig())
	if err != nil {
		return nil, fmt.Errorf("read back: %w", err)
	}
	if ctx.Root == nil {
		return nil, errors.New("no document catalog")
	}
	cn := &canon{ctx: ctx, newNr: map[int]int{}}
	cn.number()
	objs := cn.renumbered()
	trailer := cn.trailer(seed)
	fixVolatile(objs, cn.newRef(ctx.Info))
	return serialize(headerOf(pdf), objs, trailer), nil
}

// canon holds a document on its way to the canonical form.
type canon struct {
	ctx   *model.Context
	order []int       // old object numbers in their new order
	newNr map[int]int // old number → new number
}

// number walks the document from the trailer (information dictionary
// first, so that it is near the file's start, then the catalog).
func (cn *canon) number() {
	if cn.ctx.Info != nil {
		cn.visit(cn.ctx.Info.ObjectNumber.Value())
	}
	cn.visit(cn.ctx.Root.ObjectNumber.Value())
}

func (cn *canon) visit(nr int) {
	if _, seen := cn.newNr[nr]; seen {
		return
	}
	e, ok := cn.ctx.Table[nr]
	if !ok || e == nil || e.Free || e.Object == nil {
		return
	}
	cn.order = append(cn.order, nr)
	cn.newNr[nr] = len(cn.order)
	cn.walk(e.Object)
}

func (cn *canon) walk(o types.Object) {
	switch v := o.(type) {
	case types.IndirectRef:
		cn.visit(v.ObjectNumber.Value())
	case types.Dict:
		for _, k := range sortedKeys(v) {
			cn.walk(v[k])
		}
	case types.StreamDict:
		cn.walk(v.Dict)
	case types.Array:
		for _, e := range v {
			cn.walk(e)
		}
	}
}

func sortedKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// newRef is ref renumbered (nil when ref is nil or leads nowhere).
func (cn *canon) newRef(ref *types.IndirectRef) *types.IndirectRef {
	if ref == nil {
		return nil
	}
	nr, ok := cn.newNr[ref.ObjectNumber.Value()]
	if !ok {
		return nil
	}
	return types.NewIndirectRef(nr, 0)
}

// renumbered returns the objects in their new order with every reference
// replaced; a reference to nothing becomes null.
func (cn *canon) renumbered() []types.Object {
	out := make([]types.Object, len(cn.order))
	for i, nr := range cn.order {
		out[i] = cn.remap(cn.ctx.Table[nr].Object)
	}
	return out
}

func (cn *canon) remap(o types.Object) types.Object {
	switch v := o.(type) {
	case types.IndirectRef:
		if r := cn.newRef(&v); r != nil {
			return *r
		}
		return nil
	case types.Dict:
		d := types.Dict{}
		for k, e := range v {
			d[k] = cn.remap(e)
		}
		return d
	case types.StreamDict:
		sd := v
		sd.Dict = cn.remap(v.Dict).(types.Dict)
		// The length is the bytes written, stated directly.
		sd.Dict["Length"] = types.Integer(len(v.Raw))
		return sd
	case types.Array:
		a := make(types.Array, len(v))
		for i, e := range v {
			a[i] = cn.remap(e)
		}
		return a
	}
	return o
}

// trailer is the new trailer: size, catalog, information dictionary and
// a file ID made from seed.
func (cn *canon) trailer(seed string) types.Dict {
	sum := md5.Sum([]byte("dossier\x00" + seed))
	id := types.HexLiteral(fmt.Sprintf("%X", sum[:]))
	t := types.Dict{
		"Size": types.Integer(len(cn.order) + 1),
		"Root": *cn.newRef(cn.ctx.Root),
		"ID":   types.Array{id, id},
	}
	if info := cn.newRef(cn.ctx.Info); info != nil {
		t["Info"] = *info
	}
	return t
}

// reSubsetTag is the tag pdfcpu puts before the name of a font subset.
var reSubsetTag = regexp.MustCompile(`^[A-Z]{6}\+`)

// fixVolatile sets the dates of the information dictionary (info, when
// there is one) and renames the subset tags of the fonts installed by
// Setup: the n-th distinct tag, in the canonical order, becomes DOSSAA,
// DOSSAB, … Only values of the model are changed.
func fixVolatile(objs []types.Object, info *types.IndirectRef) {
	if info != nil {
		if d, ok := objs[info.ObjectNumber.Value()-1].(types.Dict); ok {
			for _, k := range []string{"CreationDate", "ModDate"} {
				if _, ok := d[k]; ok {
					d[k] = types.StringLiteral(FixedDate)
				}
			}
		}
	}
	own := installedFonts()
	tags := map[string]string{}
	for _, o := range objs {
		d, ok := o.(types.Dict)
		if !ok {
			continue
		}
		for _, k := range []string{"BaseFont", "FontName"} {
			n, ok := d[k].(types.Name)
			if !ok || !reSubsetTag.MatchString(string(n)) || !own[string(n)[7:]] {
				continue
			}
			old := string(n)[:6]
			t, ok := tags[old]
			if !ok {
				i := len(tags)
				t = fmt.Sprintf("DOSS%c%c", 'A'+byte(i/26%26), 'A'+byte(i%26))
				tags[old] = t
			}
			d[k] = types.Name(t + string(n)[6:])
		}
	}
}

// headerOf is the PDF's header line with the binary marker line after it.
func headerOf(pdf []byte) []byte {
	line := pdf
	if i := bytes.IndexAny(pdf, "\r\n"); i >= 0 {
		line = pdf[:i]
	}
	return append(bytes.Clone(line), "\n%\xE2\xE3\xCF\xD3\n"...)
}

// serialize writes objs as objects 1…n with a classic cross-reference
// table and the trailer.
func serialize(header []byte, objs []types.Object, trailer types.Dict) []byte {
	var out bytes.Buffer
	out.Write(header)
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = out.Len()
		out.WriteString(strconv.Itoa(i+1) + " 0 obj\n")
		switch v := o.(type) {
		case nil:
			out.WriteString("null")
		case types.StreamDict:
			out.WriteString(v.Dict.PDFString())
			out.WriteString("\nstream\n")
			out.Write(v.Raw)
			out.WriteString("\nendstream")
		default:
			out.WriteString(v.PDFString())
		}
		out.WriteString("\nendobj\n")
	}
	xref := out.Len()
	var sb strings.Builder
	fmt.Fprintf(&sb, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&sb, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&sb, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer.PDFString(), xref)
	out.WriteString(sb.String())
	return out.Bytes()
}
