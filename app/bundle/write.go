package bundle

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"

	"dossier/app/i18n"
	"dossier/app/pdfkit"
)

// addPageNumbers stamps "стр. 3 из 17" (in lang) at the foot of every page,
// on a white patch so it stays readable over a scan.
func addPageNumbers(b *pdfkit.Builder, lang i18n.Lang) error {
	return b.AddPageNumbers(i18n.T(lang, "bundle.page_number"), fontRegular)
}

// writeOpts says how a document becomes bytes.
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

// writePDF writes b to path atomically. In reproducible mode the values
// pdfcpu takes from the clock or a random source are fixed and the objects
// put in a canonical order (pdfkit.Builder.WriteReproducible).
func writePDF(b *pdfkit.Builder, path string, o writeOpts) (written, error) {
	var res written
	if o.reproducible {
		var buf bytes.Buffer
		if err := b.WriteReproducible(context.Background(), &buf, o.seed); err != nil {
			return res, err
		}
		data := buf.Bytes()
		err := writeFileAtomicLater(path, func(f *os.File) error { _, err := f.Write(data); return err }, o.flush)
		return written{bytes: int64(len(data))}, err
	}
	err := writeFileAtomicLater(path, func(f *os.File) (err error) {
		out := newSink(f)
		defer func() {
			if serr := out.wait(); serr != nil && err == nil {
				err = fmt.Errorf("write PDF: sync: %w", serr)
			}
		}()
		// A large buffer: pdfcpu's own would be 4 KB, a write call each.
		if err := b.Write(context.Background(), bufio.NewWriterSize(out, 256<<10)); err != nil {
			return err
		}
		res = written{bytes: out.n}
		return nil
	}, o.flush)
	return res, err
}
