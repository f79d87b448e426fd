package bundle

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"regexp"

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
}

// written is what a write produced.
type written struct {
	bytes int64
	sha   string
}

// writePDF writes ctx to path atomically. In reproducible mode the file is
// written without object streams, so the values pdfcpu takes from the clock
// or a random source (dates, file ID, font subset tags) stand in plain text
// and are replaced by fixed ones of the same length.
func writePDF(ctx *model.Context, path string, o writeOpts) (written, error) {
	var res written
	if o.reproducible {
		ctx.Configuration.WriteObjectStream = false
		var buf bytes.Buffer
		ctx.Write.Writer = bufio.NewWriter(&buf)
		if err := pdfcpu.WriteContext(ctx); err != nil {
			return res, fmt.Errorf("write PDF: %w", err)
		}
		if err := ctx.Write.Flush(); err != nil {
			return res, fmt.Errorf("write PDF: %w", err)
		}
		data := fixVolatile(buf.Bytes(), o.seed)
		err := writeFileAtomic(path, func(f *os.File) error { _, err := f.Write(data); return err })
		sum := sha256.Sum256(data)
		return written{bytes: int64(len(data)), sha: hex.EncodeToString(sum[:])}, err
	}
	err := writeFileAtomic(path, func(f *os.File) error {
		h := sha256.New()
		cw := &countWriter{w: io.MultiWriter(f, h)}
		ctx.Write.Writer = bufio.NewWriterSize(cw, 1<<20)
		if err := pdfcpu.WriteContext(ctx); err != nil {
			return fmt.Errorf("write PDF: %w", err)
		}
		if err := ctx.Write.Flush(); err != nil {
			return err
		}
		res = written{bytes: cw.n, sha: hex.EncodeToString(h.Sum(nil))}
		return nil
	})
	return res, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
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
