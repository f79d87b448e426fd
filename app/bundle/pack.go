package bundle

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dossier/app/display"
	"dossier/app/failure"
	"dossier/app/pdfkit"
)

// numberFontAllowance is what the page-number font subset and stamps add to
// a file, kept free in the budget.
const numberFontAllowance = 40_000

// Pack merges loose files into one PDF at outFile without a case: no cover,
// a bookmark per file, page numbers, pictures on A4 with the same fixes, and
// the same budget as an upload file. When the files cannot fit the budget
// even at 150 dpi they are split into outFile's stem with _1, _2, … and the
// result lists every part.
func Pack(ctx context.Context, outFile string, files []File, opt Options) (*Result, error) {
	if err := ensureSetup(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	cleanFileLeftovers(outFile)
	docs := make([]Document, len(files))
	for i, f := range files {
		name := f.Name
		if name == "" {
			name = filepath.Base(f.Path)
		}
		name = display.Name(name)
		docs[i] = Document{ID: name, Title: name, Status: Required, Files: []File{f}}
	}
	docs, rejected, err := judge(ctx, opt.Validator, docs)
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	res := &Result{Rejected: rejected}
	docs = slices.DeleteFunc(docs, func(d Document) bool { return len(d.Files) == 0 })
	if len(docs) == 0 {
		return res, ErrNothingAccepted
	}
	r := &run{ctx: ctx, opt: opt, tot: len(docs) + 2}
	loaded, err := r.load(docs)
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	defer limitMemory(inputBytes(loaded))()
	var parts []docPart
	for _, d := range loaded {
		parts = append(parts, d.parts...)
	}
	groups, over, err := r.fitParts(parts, opt.MaxFileBytes, numberFontAllowance)
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	if err := r.step("fit"); err != nil {
		return nil, err
	}
	seed := buildSeed(loaded, opt)
	stem := strings.TrimSuffix(outFile, filepath.Ext(outFile))
	paths := make([]string, len(groups))
	for gi := range groups {
		paths[gi] = outFile
		if len(groups) > 1 {
			paths[gi] = fmt.Sprintf("%s_%d.pdf", stem, gi+1)
		}
		// Only an earlier pack's PDF is replaced; nothing is written
		// while any of the names holds someone's own file.
		if st, err := os.Lstat(paths[gi]); err == nil && (!st.Mode().IsRegular() || !IsPackOutput(paths[gi])) {
			return nil, &failure.NotOursError{Path: paths[gi]}
		}
	}
	for gi, g := range groups {
		path := paths[gi]
		if len(groups) > 1 {
			cleanFileLeftovers(path)
		}
		b, err := newDocBuilder()
		if err != nil {
			return nil, fmt.Errorf("pack: %w", err)
		}
		starts, err := assemble(ctx, b, g, false)
		if err != nil {
			return nil, fmt.Errorf("pack: %w", err)
		}
		bms := make([]pdfkit.Bookmark, len(g))
		for i, p := range g {
			bms[i] = pdfkit.Bookmark{Title: p.src.name, Page: starts[i]}
		}
		if err := finishMerged(b, bms, opt.Lang); err != nil {
			return nil, fmt.Errorf("pack: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w, err := writePDF(b, path, writeOpts{reproducible: opt.Reproducible, seed: fmt.Sprintf("%s|part %d", seed, gi)})
		if err != nil {
			return nil, fmt.Errorf("pack: %w", err)
		}
		res.Merged = append(res.Merged, OutputFile{Path: path, Bytes: w.bytes, Pages: b.PageCount()})
		if len(groups) > 1 || over[gi] || w.bytes > opt.MaxFileBytes {
			u := Upload{OutputFile: res.Merged[len(res.Merged)-1], OverBudget: over[gi] || w.bytes > opt.MaxFileBytes}
			if len(groups) > 1 {
				u.Part, u.Parts = gi+1, len(groups)
			}
			res.Uploads = append(res.Uploads, u)
		}
	}
	if err := r.step("write"); err != nil {
		return nil, err
	}
	man := &Manifest{Schema: ManifestVersion, ProgramVersion: opt.ProgramVersion, Date: opt.Date,
		Language: string(opt.Lang), MaxFileBytes: opt.MaxFileBytes, Reproducible: opt.Reproducible, Merged: res.Merged[0]}
	// What was done is what went into the output: squeezed when it had to be.
	changes := map[*source]Change{}
	for _, g := range groups {
		for _, p := range g {
			changes[p.src] = p.change
		}
	}
	for _, d := range loaded {
		md := ManifestDoc{ID: d.doc.ID, Title: d.doc.Title, Status: d.doc.Status}
		for _, p := range d.parts {
			md.Inputs = append(md.Inputs, ManifestFile{Name: p.src.name, SHA256: p.src.sha, Kind: p.src.kind,
				Bytes: int64(len(p.src.data)), Pages: p.pages, Change: changes[p.src]})
		}
		man.Documents = append(man.Documents, md)
	}
	res.Manifest = man
	return res, nil
}

// IsPackOutput reports whether the file at path looks like a PDF that pack
// wrote (pdfcpu names itself the producer in the document information:
// near the end of the file as pdfcpu writes it, near the start in a
// reproducible file, see pdfkit), which a new pack may replace. Anything
// else is someone's own file and is not overwritten. Only the file's first
// and last bytes are read: it may be anything, of any size.
func IsPackOutput(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	const span = 8 << 10
	for _, off := range []int64{0, max(st.Size()-span, 0)} {
		buf := make([]byte, min(span, st.Size()-off))
		if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
			return false
		}
		if off == 0 && !bytes.HasPrefix(buf, []byte("%PDF-")) {
			return false
		}
		if bytes.Contains(buf, []byte("/Producer(pdfcpu")) {
			return true
		}
	}
	return false
}
