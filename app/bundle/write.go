package bundle

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"dossier/app/i18n"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// addPageNumbers stamps "стр. 3 из 17" (in lang) at the foot of every page,
// on a white patch so it stays readable over a scan.
func addPageNumbers(ctx *model.Context, lang i18n.Lang) error {
	text := i18n.T(lang, "bundle.page_number")
	desc := fmt.Sprintf("fontname:%s, points:8, position:bc, offset:0 8, scalefactor:1 abs, rotation:0, fillcolor:#333333, bgcolor:#FFFFFF, margins:2", fontRegular)
	wm, err := pdfcpu.ParseTextWatermarkDetails(text, desc, true, types.POINTS)
	if err != nil {
		return fmt.Errorf("page numbers: %w", err)
	}
	if err := pdfcpu.AddWatermarks(ctx, nil, wm); err != nil {
		return fmt.Errorf("page numbers: %w", err)
	}
	return nil
}

// writeOpts says how a context becomes bytes.
type writeOpts struct {
	reproducible bool
	// seed makes the file ID in reproducible mode: the same seed, the same ID.
	seed string
	// flush, when set, takes the final fsync (see flusher).
	flush *flusher
}

// written is what a write produced.
type written struct {
	bytes int64
}

// writePDF writes ctx to path atomically. In reproducible mode the file is
// written without object streams, so the values pdfcpu takes from the clock
// or a random source (dates, file ID, font subset tags) stand in plain text
// and are replaced by fixed ones of the same length.
func writePDF(ctx *model.Context, path string, o writeOpts) (written, error) {
	var res written
	if o.reproducible {
		ctx.Configuration.WriteObjectStream = false
		ctx.Configuration.WriteXRefStream = false
		var buf bytes.Buffer
		ctx.Write.Writer = bufio.NewWriter(&buf)
		if err := pdfcpu.WriteContext(ctx); err != nil {
			return res, fmt.Errorf("write PDF: %w", err)
		}
		if err := ctx.Write.Flush(); err != nil {
			return res, fmt.Errorf("write PDF: %w", err)
		}
		data, err := canonicalize(buf.Bytes())
		if err != nil {
			return res, fmt.Errorf("write PDF: reproducible: %w", err)
		}
		data = fixVolatile(data, o.seed)
		err = writeFileAtomicLater(path, func(f *os.File) error { _, err := f.Write(data); return err }, o.flush)
		return written{bytes: int64(len(data))}, err
	}
	err := writeFileAtomicLater(path, func(f *os.File) (err error) {
		out := newSink(f)
		defer func() {
			if serr := out.wait(); serr != nil && err == nil {
				err = fmt.Errorf("write PDF: sync: %w", serr)
			}
		}()
		ctx.Write.Writer = bufio.NewWriterSize(out, 256<<10)
		if err := pdfcpu.WriteContext(ctx); err != nil {
			return fmt.Errorf("write PDF: %w", err)
		}
		if err := ctx.Write.Flush(); err != nil {
			return err
		}
		res = written{bytes: out.n}
		return nil
	}, o.flush)
	return res, err
}

var (
	reDate   = regexp.MustCompile(`\((D:\d{14}[^)]{0,8})\)`)
	reID     = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]`)
	reSubset = regexp.MustCompile(`/([A-Z]{6})\+`)
)

// fixVolatile replaces dates, file IDs and font subset tags in an
// uncompressed-object PDF by values derived from seed, keeping every byte
// offset (the cross-reference table stays valid).
func fixVolatile(b []byte, seed string) []byte {
	out := bytes.Clone(b)
	// Dates: "(D:YYYYMMDDHHmmSS+hh'mm')" becomes "(D:20000101000000Z)" padded
	// with spaces after the closing parenthesis, which PDF ignores.
	for _, m := range reDate.FindAllSubmatchIndex(b, -1) {
		fixed := []byte("(D:20000101000000Z)")
		n := m[1] - m[0]
		if len(fixed) > n {
			continue
		}
		copy(out[m[0]:], fixed)
		for i := m[0] + len(fixed); i < m[1]; i++ {
			out[i] = ' '
		}
	}
	sum := md5.Sum([]byte("dossier\x00" + seed))
	id := []byte(fmt.Sprintf("%X", sum[:]))
	for _, m := range reID.FindAllSubmatchIndex(b, -1) {
		copy(out[m[2]:m[3]], id)
		copy(out[m[4]:m[5]], id)
	}
	// Subset tags: the n-th distinct tag becomes DOSSAA, DOSSAB, …
	tags := map[string]string{}
	for _, m := range reSubset.FindAllSubmatchIndex(b, -1) {
		old := string(b[m[2]:m[3]])
		t, ok := tags[old]
		if !ok {
			n := len(tags)
			t = fmt.Sprintf("DOSS%c%c", 'A'+byte(n/26%26), 'A'+byte(n%26))
			tags[old] = t
		}
		copy(out[m[2]:m[3]], t)
	}
	return out
}

// canonicalize rewrites a PDF (written with a classic cross-reference
// table and no object streams) into a canonical form: objects renumbered in
// the order a depth-first walk from the trailer meets them, written in that
// order, with a fresh xref table. pdfcpu numbers and orders objects partly by
// Go's random map order (merging, embedding fonts); the walk depends only on
// the document's structure, so equal documents become equal files. Stream
// data is copied unchanged; references are rewritten only in the dictionary
// part of each object.
func canonicalize(b []byte) ([]byte, error) {
	tail := b[max(0, len(b)-64):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	f := strings.Fields(string(tail[i+len("startxref"):]))
	if len(f) == 0 {
		return nil, errors.New("no xref offset")
	}
	xrefOff, err := strconv.Atoi(f[0])
	if err != nil || xrefOff <= 0 || xrefOff >= len(b) || !bytes.HasPrefix(b[xrefOff:], []byte("xref")) {
		return nil, errors.New("no classic xref table")
	}
	trailerAt := bytes.Index(b[xrefOff:], []byte("trailer"))
	startAt := bytes.LastIndex(b, []byte("startxref"))
	if trailerAt < 0 || startAt < xrefOff+trailerAt {
		return nil, errors.New("no trailer")
	}
	trailer := b[xrefOff+trailerAt : startAt]
	offs := map[int]int{}
	var sorted []int
	first, left := 0, 0
	for _, l := range strings.Split(string(b[xrefOff+len("xref"):xrefOff+trailerAt]), "\n") {
		fs := strings.Fields(l)
		switch {
		case len(fs) == 2 && left == 0:
			first, _ = strconv.Atoi(fs[0])
			left, _ = strconv.Atoi(fs[1])
		case len(fs) == 3 && left > 0:
			off, err := strconv.Atoi(fs[0])
			if err != nil {
				return nil, errors.New("bad xref entry")
			}
			if fs[2] == "n" {
				offs[first] = off
				sorted = append(sorted, off)
			}
			first++
			left--
		}
	}
	if len(offs) == 0 {
		return nil, errors.New("empty xref")
	}
	slices.Sort(sorted)
	type object struct {
		dict, rest []byte // the part where references live, and the stream part
	}
	objs := map[int]object{}
	for nr, off := range offs {
		k, _ := slices.BinarySearch(sorted, off)
		end := xrefOff
		if k+1 < len(sorted) {
			end = sorted[k+1]
		}
		chunk := b[off:end]
		h := bytes.Index(chunk, []byte("obj"))
		e := bytes.LastIndex(chunk, []byte("endobj"))
		if h < 0 || e < h {
			return nil, fmt.Errorf("object %d: no obj/endobj", nr)
		}
		body := chunk[h+3 : e]
		o := object{dict: body}
		if m := reStream.FindIndex(body); m != nil {
			o.dict, o.rest = body[:m[0]], body[m[0]:]
		}
		objs[nr] = o
	}
	newNr := map[int]int{}
	var order []int
	var visit func(nr int)
	visit = func(nr int) {
		if _, seen := newNr[nr]; seen {
			return
		}
		o, ok := objs[nr]
		if !ok {
			return
		}
		order = append(order, nr)
		newNr[nr] = len(order)
		for _, m := range reRef.FindAllSubmatch(o.dict, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			visit(n)
		}
	}
	for _, m := range reRef.FindAllSubmatch(trailer, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		visit(n)
	}
	renum := func(s []byte) []byte {
		return reRef.ReplaceAllFunc(s, func(m []byte) []byte {
			sm := reRef.FindSubmatch(m)
			n, _ := strconv.Atoi(string(sm[1]))
			if nn, ok := newNr[n]; ok {
				return []byte(strconv.Itoa(nn) + " 0 R")
			}
			return []byte("null")
		})
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:sorted[0]]...)
	newOffs := make([]int, len(order)+1)
	for k, nr := range order {
		o := objs[nr]
		newOffs[k+1] = len(out)
		out = append(out, strconv.Itoa(k+1)+" 0 obj"...)
		out = append(out, renum(o.dict)...)
		out = append(out, o.rest...)
		out = append(out, "endobj\n"...)
	}
	newXref := len(out)
	out = append(out, fmt.Sprintf("xref\n0 %d\n0000000000 65535 f\r\n", len(order)+1)...)
	for k := range order {
		out = append(out, fmt.Sprintf("%010d 00000 n\r\n", newOffs[k+1])...)
	}
	tr := renum(trailer)
	tr = reSize.ReplaceAll(tr, []byte("/Size "+strconv.Itoa(len(order)+1)))
	out = append(out, tr...)
	out = append(out, fmt.Sprintf("startxref\n%d\n%%%%EOF\n", newXref)...)
	return out, nil
}

var (
	reRef    = regexp.MustCompile(`\b(\d+) (\d+) R\b`)
	reStream = regexp.MustCompile(`>>\s*stream\r?\n`)
	reSize   = regexp.MustCompile(`/Size \d+`)
)
