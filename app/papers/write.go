package papers

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/app/atomicfile"
)

// Written is one file Write made.
type Written struct {
	Paper string
	Path  string
}

// Write puts each paper into dir as name.lang.docx and name.lang.pdf (the
// same text in Dossier's default layout; bundle.Setup must have installed
// the fonts), and the notes of every paper into check.lang.txt: what the
// clerk must check before printing. letterhead, when not nil, is the letter
// already filled into the company's own template (FillLetterhead): it is
// written instead of the default letter .docx.
// Every file is written to a temporary name and renamed, so a full disk
// never leaves half a letter behind.
func Write(dir string, papers []Paper, letterhead []byte) ([]Written, error) {
	return WriteWithProgress(dir, papers, letterhead, nil)
}

// WriteWithProgress is Write telling progress (may be nil) after each
// paper: done of total. The window shows it while the PDFs are drawn.
func WriteWithProgress(dir string, papers []Paper, letterhead []byte, progress func(done, total int)) ([]Written, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("papers: %w", err)
	}
	var out []Written
	var notes strings.Builder
	lang := ""
	for i, p := range papers {
		lang = p.Lang
		var buf bytes.Buffer
		if p.Name == "letter" && letterhead != nil {
			buf.Write(letterhead)
		} else if err := WriteDOCX(&buf, p); err != nil {
			return out, err
		}
		path := filepath.Join(dir, p.File+"."+p.Lang+".docx")
		if err := writeAtomic(path, buf.Bytes()); err != nil {
			return out, err
		}
		out = append(out, Written{p.Name, path})
		buf.Reset()
		if err := WritePDF(&buf, p, p.Footer); err != nil {
			return out, err
		}
		pdfPath := strings.TrimSuffix(path, ".docx") + ".pdf"
		if err := writeAtomic(pdfPath, buf.Bytes()); err != nil {
			return out, err
		}
		out = append(out, Written{p.Name, pdfPath})
		fmt.Fprintf(&notes, "%s (%s)\n", p.Title, filepath.Base(path))
		for _, n := range p.Notes {
			src := ""
			if n.Source != "" {
				src = ", " + n.Source
			}
			fmt.Fprintf(&notes, "  [%s%s] %s\n", n.Basis, src, n.Text)
		}
		notes.WriteString("\n")
		if progress != nil {
			progress(i+1, len(papers))
		}
	}
	if lang != "" {
		path := filepath.Join(dir, "check."+lang+".txt")
		if err := writeAtomic(path, []byte(notes.String())); err != nil {
			return out, err
		}
		out = append(out, Written{"check", path})
	}
	return out, nil
}

// FileStem is a written paper's name without folder and extension: the
// paper's File and language, "ходатайство.ru" (check.ru for the notes).
func FileStem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// writeAtomic writes a paper beside the others, whole or not at all.
// CreateTemp makes 0600; papers are ordinary documents, readable as such.
func writeAtomic(path string, b []byte) error {
	if err := atomicfile.WriteBytes(path, b, atomicfile.Options{Prefix: ".papers-", Perm: 0o644}); err != nil {
		return fmt.Errorf("papers: write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// IsDraft reports whether the file at path is byte for byte one of the
// papers written: Dossier's unsigned draft, which must never stand in for
// the signed and stamped scan of its checklist item.
func IsDraft(path string, written []Written) (bool, error) {
	sum, err := fileHash(path)
	if err != nil {
		return false, err
	}
	for _, w := range written {
		if ws, err := fileHash(w.Path); err == nil && ws == sum {
			return true, nil
		}
	}
	return false, nil
}

func fileHash(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, fmt.Errorf("papers: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, fmt.Errorf("papers: %w", err)
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// NameSources rewrites the sources the papers' notes cite with name (the
// rules' titles, rules.Set.NameSources), so check.<lang>.txt and the
// window name a source the clerk knows instead of its key ("S12").
func NameSources(ps []Paper, name func(string) string) {
	for i := range ps {
		for j := range ps[i].Notes {
			if ps[i].Notes[j].Source != "" {
				ps[i].Notes[j].Source = name(ps[i].Notes[j].Source)
			}
		}
	}
}
