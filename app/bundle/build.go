package bundle

import (
	"dossier/app/display"

	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"dossier/app/i18n"

	"dossier/app/pdfkit"
)

// Result is what a build produced.
type Result struct {
	// Dir is the output folder (Build) or "" (Pack).
	Dir string `json:"dir,omitempty"`
	// Merged lists the merged PDF, or the numbered parts of a split Pack.
	Merged []OutputFile `json:"merged"`
	// Uploads are the per-document upload files (Build only).
	Uploads []Upload `json:"uploads,omitempty"`
	// Missing lists the titles of required documents without files.
	Missing []string `json:"missing,omitempty"`
	// Rejected lists the files validation kept out of the package.
	Rejected []Rejected `json:"rejected,omitempty"`
	Manifest *Manifest  `json:"-"`
}

// Upload is one upload file of a document.
type Upload struct {
	DocID string `json:"doc_id"`
	OutputFile
	// Part and Parts number the files of a document split to fit the budget.
	Part  int `json:"part,omitempty"`
	Parts int `json:"parts,omitempty"`
	// OverBudget is set when a single page is larger than the budget even at
	// 150 dpi (or a PDF file is), so this file is too.
	OverBudget bool `json:"over_budget,omitempty"`
}

// Split reports the documents that were split into parts.
func (r *Result) Split() []string {
	var out []string
	seen := map[string]bool{}
	for _, u := range r.Uploads {
		if u.Parts > 1 && !seen[u.DocID] {
			seen[u.DocID] = true
			out = append(out, u.DocID)
		}
	}
	return out
}

// run is one build's state.
type run struct {
	ctx context.Context
	opt Options
	// mu orders progress reports: uploads and the merged PDF are written
	// on two goroutines.
	mu   sync.Mutex
	done int
	tot  int
	// flush syncs a package's files in the background (nil: inline).
	flush *flusher
}

func (r *run) step(stage string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	if r.opt.Progress != nil {
		r.opt.Progress(Progress{Done: min(r.done, r.tot), Total: r.tot, Stage: stage})
	}
	return r.ctx.Err()
}

func (o Options) withDefaults() Options {
	if o.Lang == "" {
		o.Lang = i18n.Default
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	return o
}

// loadedDoc is a document with its files read and prepared for the merged PDF.
type loadedDoc struct {
	doc     Document
	missing bool
	parts   []docPart
}

func (d *loadedDoc) pages() int {
	n := 0
	for _, p := range d.parts {
		n += p.pages
	}
	return n
}

// load reads every file and prepares it at full quality, a few files at a
// time (reading and hashing overlap), keeping the checklist's order.
func (r *run) load(docs []Document) ([]*loadedDoc, error) {
	out := make([]*loadedDoc, len(docs))
	type job struct{ d, f int }
	var jobs []job
	for i, d := range docs {
		out[i] = &loadedDoc{doc: d}
		if d.Status == Missing || len(d.Files) == 0 {
			out[i].missing = d.Status != Optional
			continue
		}
		out[i].parts = make([]docPart, len(d.Files))
		for j := range d.Files {
			jobs = append(jobs, job{i, j})
		}
	}
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, workers())
	var wg sync.WaitGroup
	for _, jb := range jobs {
		if err := r.ctx.Err(); err != nil {
			wg.Wait()
			return nil, err
		}
		mu.Lock()
		failed := firstErr != nil
		mu.Unlock()
		if failed {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(jb job) {
			defer wg.Done()
			defer func() { <-sem }()
			d := docs[jb.d]
			part, err := r.loadPart(d.Files[jb.f])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("%s: %w", d.ID, err)
				}
				return
			}
			out[jb.d].parts[jb.f] = part
			_ = r.step(d.ID)
		}(jb)
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (r *run) loadPart(f File) (docPart, error) {
	s, err := loadSource(f)
	if err != nil {
		name := f.Name
		if name == "" {
			name = filepath.Base(f.Path)
		}
		return docPart{}, &FileError{Name: display.Name(name), Err: err}
	}
	p := docPart{src: s}
	if s.kind == KindPDF {
		ctx, ch, err := readPDF(s)
		if err != nil {
			return p, &FileError{Name: s.name, Err: err}
		}
		p.pdf, p.pages = ctx, ctx.PageCount()
		p.change.Decrypted, p.change.FittedToA4, p.change.ActiveRemoved = ch.decrypted, ch.fitted, ch.removed
		p.change.Rotated = ((s.fixes.Rotate % 360) + 360) % 360
		return p, nil
	}
	pic, _, err := preparePicture(s, 0, nil)
	if err != nil {
		return p, &FileError{Name: s.name, Err: err}
	}
	p.pic, p.pages, p.change = pic, 1, pic.change
	return p, nil
}

// selectPages returns a document with only the given pages of doc.
func selectPages(doc *pdfkit.Doc, sel []int) (*pdfkit.Doc, error) {
	out, err := doc.SelectPages(context.Background(), sel, readLimits())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return out, nil
}

// freshPDF returns a document for a PDF part that has not been merged yet:
// merging consumes a document, so every further use reads the file again.
func freshPDF(p docPart) (*pdfkit.Doc, error) {
	doc, _, err := readPDF(p.src)
	return doc, err
}

// Per-file and per-page allowances for what a PDF adds around the pictures.
const (
	fileOverhead = 24_000
	pageOverhead = 1_500
)

func partSize(p docPart) int64 {
	if p.sel != nil {
		return p.est + int64(len(p.sel))*pageOverhead
	}
	if p.pic != nil {
		return int64(len(p.pic.data)) + pageOverhead
	}
	return int64(len(p.src.data)) + int64(p.pages)*pageOverhead
}

// fitParts squeezes parts to fit budget bytes in one file: pictures keep
// their data if the whole fits, else each picture gets a share of the
// budget in proportion to its pixels and is downscaled (200, then 150 dpi)
// and re-encoded until it fits. If the parts still do not fit they are
// grouped into as few files as needed, in order. over marks groups that are
// over budget because a single part is.
func (r *run) fitParts(parts []docPart, budget int64, extra int64) (groups [][]docPart, over []bool, err error) {
	total := int64(fileOverhead) + extra
	var px, fixed int64
	for _, p := range parts {
		total += partSize(p)
		if p.pic != nil {
			px += int64(p.src.w) * int64(p.src.h)
			fixed += pageOverhead
		} else {
			fixed += partSize(p)
		}
	}
	if total <= budget {
		return [][]docPart{parts}, []bool{false}, nil
	}
	defer raiseMemoryLimit(parts)()
	avail := budget - fileOverhead - extra - fixed
	squeezed := make([]docPart, len(parts))
	copy(squeezed, parts)
	allFit := avail > 0
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, workers())
	var wg sync.WaitGroup
	for i, p := range parts {
		if p.pic == nil {
			continue
		}
		if err := r.ctx.Err(); err != nil {
			return nil, nil, err
		}
		target := int64(1)
		if avail > 0 && px > 0 {
			target = max(1, avail*int64(p.src.w)*int64(p.src.h)/px)
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, p docPart, target int64) {
			defer wg.Done()
			defer func() { <-sem }()
			pic, fits, err := preparePicture(p.src, target, budgetLevels)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = &FileError{Name: p.src.name, Err: err}
				}
				return
			}
			p.pic, p.change = pic, pic.change
			squeezed[i] = p
			if !fits {
				allFit = false
			}
		}(i, p, target)
	}
	wg.Wait()
	if firstErr != nil {
		return nil, nil, firstErr
	}
	if allFit {
		return [][]docPart{squeezed}, []bool{false}, nil
	}
	// Split: fill each file in order up to the budget; a PDF too large for
	// one file is cut into runs of pages first.
	var units []docPart
	room := budget - fileOverhead - extra
	for _, p := range squeezed {
		if p.pic != nil || p.pages < 2 || partSize(p) <= room {
			units = append(units, p)
			continue
		}
		perPage := int64(len(p.src.data))/int64(p.pages) + pageOverhead
		n := int(max(1, room/perPage))
		for first := 1; first <= p.pages; first += n {
			last := min(p.pages, first+n-1)
			q := p
			q.pdf, q.sel, q.pages = nil, nil, last-first+1
			for pg := first; pg <= last; pg++ {
				q.sel = append(q.sel, pg)
			}
			q.est = int64(len(p.src.data)) * int64(q.pages) / int64(p.pages)
			units = append(units, q)
		}
	}
	var cur []docPart
	size := int64(fileOverhead) + extra
	for _, p := range units {
		ps := partSize(p)
		if len(cur) > 0 && size+ps > budget {
			groups = append(groups, cur)
			over = append(over, size > budget)
			cur, size = nil, int64(fileOverhead)+extra
		}
		cur = append(cur, p)
		size += ps
	}
	groups = append(groups, cur)
	over = append(over, size > budget)
	return groups, over, nil
}

func workers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

// assemble puts parts on pages of b; PDF parts are read afresh when
// reuse is set (their loaded context is kept for a later use).
func assemble(ctx context.Context, b *pdfkit.Builder, parts []docPart, reuse bool) ([]int, error) {
	starts := make([]int, len(parts))
	for i, p := range parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		starts[i] = b.PageCount() + 1
		if p.pic != nil {
			if err := addPicture(b, p.pic); err != nil {
				return nil, &FileError{Name: p.src.name, Err: err}
			}
			continue
		}
		src := p.pdf
		if reuse || p.sel != nil || src == nil {
			var err error
			if src, err = freshPDF(p); err != nil {
				return nil, &FileError{Name: p.src.name, Err: err}
			}
		}
		if p.sel != nil {
			var err error
			if src, err = selectPages(src, p.sel); err != nil {
				return nil, &FileError{Name: p.src.name, Err: err}
			}
		}
		if err := b.AddPDF(src); err != nil {
			return nil, &FileError{Name: p.src.name, Err: fmt.Errorf("%w: %w", ErrDamaged, err)}
		}
	}
	return starts, nil
}

// Build writes the package for in to the folder dir, replacing the package
// there (see output.go). Missing required documents do not stop it: the
// result lists them and the cover shows them in red.
func Build(ctx context.Context, dir string, in Input, opt Options) (*Result, error) {
	if err := ensureSetup(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	dir = filepath.Clean(dir)
	if err := recoverOut(dir); err != nil {
		return nil, err
	}
	if err := checkOut(dir); err != nil {
		return nil, err
	}
	judged, rejected, err := judge(ctx, opt.Validator, in.Documents)
	if err != nil {
		return nil, fmt.Errorf("build package: %w", err)
	}
	in.Documents = judged
	r := &run{ctx: ctx, opt: opt, tot: buildSteps(in.Documents)}
	docs, err := r.load(in.Documents)
	if err != nil {
		return nil, fmt.Errorf("build package: %w", err)
	}
	defer limitMemory(inputBytes(docs))()
	tmp, err := newStaging(dir)
	if err != nil {
		return nil, fmt.Errorf("build package: %w", err)
	}
	r.flush = newFlusher()
	ok := false
	defer func() {
		if !ok {
			_ = r.flush.wait() // no fsync may still be using a file about to go
			os.RemoveAll(tmp)
		}
	}()
	res := &Result{Dir: dir, Rejected: rejected}
	out, err := r.writeOutputs(tmp, in, docs, res)
	if err != nil {
		return nil, err
	}
	res.Merged = []OutputFile{out.merged}
	res.Manifest = newManifest(in, opt, out, docs)
	if err := r.finish(tmp, dir, res.Manifest); err != nil {
		return nil, err
	}
	ok = true
	return res, nil
}

// buildSteps counts the progress steps of a build: each document's files
// loaded, its upload written and its part merged, the cover, the swap.
func buildSteps(docs []Document) int {
	n := 1
	for _, d := range docs {
		n++
		if len(d.Files) > 0 && d.Status != Missing {
			n += len(d.Files) + 1
		}
	}
	return n
}

// outputs is what writeOutputs wrote: the merged PDF, where each document
// starts in it, and the manifest's documents with their uploads' changes.
type outputs struct {
	merged        OutputFile
	starts        []int
	mdocs         []ManifestDoc
	uploadChanges map[*source]Change
}

// writeOutputs writes the upload files and the merged PDF into the staging
// folder tmp side by side: both only read the loaded files (uploads read
// PDFs afresh, see assemble), and each is mostly pdfcpu serialising and the
// disk taking the bytes, so a second core and the disk's own time are put
// to use. One side failing stops the other.
func (r *run) writeOutputs(tmp string, in Input, docs []*loadedDoc, res *Result) (outputs, error) {
	out := outputs{mdocs: make([]ManifestDoc, len(docs)), uploadChanges: map[*source]Change{}}
	if err := os.Mkdir(filepath.Join(tmp, "upload"), 0o755); err != nil {
		return out, fmt.Errorf("build package: %w", err)
	}
	seed := buildSeed(docs, r.opt)
	parent := r.ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	r.ctx = ctx
	defer func() { r.ctx = parent }()
	var upErr error
	var uploading sync.WaitGroup
	uploading.Add(1)
	go func() {
		defer uploading.Done()
		if upErr = r.writeAllUploads(tmp, docs, res, out.mdocs, out.uploadChanges, seed); upErr != nil {
			cancel()
		}
	}()

	// The merged PDF: cover, then every document.
	stem := r.opt.FileStem
	if stem == "" {
		stem = defaultStem(in.Cover)
	}
	name := safeName(stem, 100) + ".pdf"
	mf, starts, err := r.writeMerged(filepath.Join(tmp, name), in, docs, seed)
	if err != nil {
		cancel()
	}
	uploading.Wait()
	if err != nil || upErr != nil {
		return out, bothFailed(parent, err, upErr)
	}
	mf.Path = name
	out.merged, out.starts = mf, starts
	return out, nil
}

// bothFailed is the error of a build whose uploads or merged PDF failed:
// the caller's cancellation if it cancelled (not what it interrupted),
// else the failure that stopped the other side.
func bothFailed(parent context.Context, merged, uploads error) error {
	if cerr := parent.Err(); cerr != nil {
		return cerr
	}
	for _, e := range []error{merged, uploads} {
		if e != nil && !errors.Is(e, context.Canceled) {
			return fmt.Errorf("build package: %w", e)
		}
	}
	return fmt.Errorf("build package: %w", errors.Join(merged, uploads))
}

// newManifest describes the package: the case, the options, and every
// document with its pages in the merged PDF and each input's changes.
func newManifest(in Input, opt Options, out outputs, docs []*loadedDoc) *Manifest {
	man := &Manifest{
		Schema: ManifestVersion, ProgramVersion: opt.ProgramVersion, RulesVersion: in.Cover.RulesVersion,
		Date: opt.Date, Language: string(opt.Lang), Applicant: in.Cover.Applicant, Procedure: in.Cover.Procedure,
		FilingDate: in.Cover.FilingDate, MaxFileBytes: opt.MaxFileBytes, Reproducible: opt.Reproducible,
		Merged: out.merged,
	}
	for _, a := range in.Cover.Actions {
		man.Actions = append(man.Actions, ManifestAction(a))
	}
	mdocs := out.mdocs
	for i, d := range docs {
		if n := d.pages(); n > 0 {
			mdocs[i].Pages = [2]int{out.starts[i], out.starts[i] + n - 1}
		}
		for _, p := range d.parts {
			mf := ManifestFile{
				Name: p.src.name, SHA256: p.src.sha, Kind: p.src.kind, Bytes: int64(len(p.src.data)),
				Pages: p.pages, Change: p.change,
			}
			if uc, ok := out.uploadChanges[p.src]; ok && !reflect.DeepEqual(uc, p.change) {
				mf.UploadChange = &uc
			}
			mdocs[i].Inputs = append(mdocs[i].Inputs, mf)
		}
	}
	man.Documents = mdocs
	return man
}

// finish makes the staging folder's files durable, adds the manifest, and
// swaps the folder in for dir.
func (r *run) finish(tmp, dir string, man *Manifest) error {
	if err := r.flush.wait(); err != nil {
		return fmt.Errorf("build package: %w", err)
	}
	if err := syncDir(filepath.Join(tmp, "upload")); err != nil {
		return fmt.Errorf("build package: %w", err)
	}
	if err := writeManifest(filepath.Join(tmp, "manifest.json"), man); err != nil {
		return fmt.Errorf("build package: %w", err)
	}
	if err := r.step("swap"); err != nil {
		return err
	}
	if err := swapIn(tmp, dir); err != nil {
		return fmt.Errorf("build package: %w", err)
	}
	return nil
}

// writeAllUploads writes the upload files, one document at a time, and fills
// in the manifest's documents (mdocs), the missing ones in res and what was
// changed for the uploads.
func (r *run) writeAllUploads(tmp string, docs []*loadedDoc, res *Result, mdocs []ManifestDoc,
	uploadChanges map[*source]Change, seed string) error {
	for i, d := range docs {
		md := ManifestDoc{ID: d.doc.ID, Title: d.doc.Title, Status: d.doc.Status}
		if d.missing {
			md.Status = Missing
			res.Missing = append(res.Missing, d.doc.Title)
		}
		if err := r.step(d.doc.ID); err != nil {
			return err
		}
		if len(d.parts) > 0 {
			ups, changes, err := r.writeUploads(tmp, i+1, d, seed)
			if err != nil {
				return fmt.Errorf("%s: %w", d.doc.ID, err)
			}
			maps.Copy(uploadChanges, changes)
			for _, u := range ups {
				md.Upload = append(md.Upload, u.OutputFile)
				md.Split = md.Split || u.Parts > 1
			}
			res.Uploads = append(res.Uploads, ups...)
		}
		mdocs[i] = md
	}
	return nil
}

// writeUploads writes a document's upload file(s), squeezed to the budget.
func (r *run) writeUploads(tmp string, nr int, d *loadedDoc, seed string) ([]Upload, map[*source]Change, error) {
	groups, over, err := r.fitParts(d.parts, r.opt.MaxFileBytes, 0)
	if err != nil {
		return nil, nil, err
	}
	changes := map[*source]Change{}
	for _, g := range groups {
		for _, p := range g {
			changes[p.src] = p.change
		}
	}
	base := fmt.Sprintf("%02d_%s", nr, safeName(d.doc.Title, 60))
	var out []Upload
	for gi, g := range groups {
		name := base + ".pdf"
		if len(groups) > 1 {
			name = fmt.Sprintf("%s_%d.pdf", base, gi+1)
		}
		b, err := newDocBuilder()
		if err != nil {
			return nil, nil, err
		}
		if _, err := assemble(r.ctx, b, g, true); err != nil {
			return nil, nil, err
		}
		rel := filepath.ToSlash(filepath.Join("upload", name))
		w, err := writePDF(b, filepath.Join(tmp, "upload", name), writeOpts{reproducible: r.opt.Reproducible, seed: seed + rel, flush: r.flush})
		if err != nil {
			return nil, nil, err
		}
		u := Upload{DocID: d.doc.ID, OutputFile: OutputFile{Path: rel, Bytes: w.bytes, Pages: b.PageCount()},
			OverBudget: over[gi] || w.bytes > r.opt.MaxFileBytes}
		if len(groups) > 1 {
			u.Part, u.Parts = gi+1, len(groups)
		}
		out = append(out, u)
	}
	return out, changes, nil
}

// writeMerged writes the merged PDF and returns each document's first page.
func (r *run) writeMerged(path string, in Input, docs []*loadedDoc, seed string) (OutputFile, []int, error) {
	toc := make([]tocEntry, len(docs))
	for i, d := range docs {
		toc[i] = tocEntry{title: d.doc.Title, status: d.doc.Status}
		if d.missing {
			toc[i].status = Missing
		}
	}
	lines, err := coverLines(in, toc, r.opt.Lang)
	if err != nil {
		return OutputFile{}, nil, err
	}
	page := coverPageCount(lines) + 1
	for i, d := range docs {
		if n := d.pages(); n > 0 {
			toc[i].from, toc[i].to = page, page+n-1
			page += n
		}
	}
	if lines, err = coverLines(in, toc, r.opt.Lang); err != nil {
		return OutputFile{}, nil, err
	}
	b, err := newDocBuilder()
	if err != nil {
		return OutputFile{}, nil, err
	}
	if err := addCover(b, lines); err != nil {
		return OutputFile{}, nil, err
	}
	starts := make([]int, len(docs))
	bms := []pdfkit.Bookmark{{Title: i18n.T(r.opt.Lang, "bundle.cover.contents"), Page: 1}}
	for i, d := range docs {
		if len(d.parts) == 0 {
			continue
		}
		ps, err := assemble(r.ctx, b, d.parts, false)
		if err != nil {
			return OutputFile{}, nil, fmt.Errorf("%s: %w", d.doc.ID, err)
		}
		starts[i] = ps[0]
		bm := pdfkit.Bookmark{Title: display.Name(d.doc.Title), Page: ps[0]}
		if len(d.parts) > 1 {
			for j, p := range d.parts {
				bm.Kids = append(bm.Kids, pdfkit.Bookmark{Title: p.src.name, Page: ps[j]})
			}
		}
		bms = append(bms, bm)
		if err := r.step(d.doc.ID); err != nil {
			return OutputFile{}, nil, err
		}
	}
	if err := finishMerged(b, bms, r.opt.Lang); err != nil {
		return OutputFile{}, nil, err
	}
	if err := r.ctx.Err(); err != nil {
		return OutputFile{}, nil, err
	}
	w, err := writePDF(b, path, writeOpts{reproducible: r.opt.Reproducible, seed: seed + filepath.Base(path), flush: r.flush})
	if err != nil {
		return OutputFile{}, nil, err
	}
	return OutputFile{Bytes: w.bytes, Pages: b.PageCount()}, starts, nil
}

// finishMerged adds bookmarks and page numbers.
func finishMerged(b *pdfkit.Builder, bms []pdfkit.Bookmark, lang i18n.Lang) error {
	if err := b.SetBookmarks(bms); err != nil {
		return err
	}
	// Page numbers are stamped onto every page, the inputs' content
	// included: a failure there comes from an input.
	if err := addPageNumbers(b, lang); err != nil {
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return nil
}

// defaultStem is <Surname>_<procedure>_<filing date>.
func defaultStem(c Cover) string {
	parts := []string{}
	if f := strings.Fields(c.Applicant); len(f) > 0 {
		parts = append(parts, f[0])
	}
	if c.Procedure != "" {
		parts = append(parts, c.Procedure)
	}
	if !c.FilingDate.IsZero() {
		parts = append(parts, c.FilingDate.String())
	}
	if len(parts) == 0 {
		return "package"
	}
	return strings.Join(parts, "_")
}

// buildSeed identifies the inputs and options, for reproducible file IDs.
func buildSeed(docs []*loadedDoc, opt Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%s|", opt.Lang, opt.MaxFileBytes, opt.Date)
	for _, d := range docs {
		fmt.Fprintf(h, "%s|%s|%s|", d.doc.ID, d.doc.Title, d.doc.Status)
		for _, p := range d.parts {
			fmt.Fprintf(h, "%s|", p.src.sha)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeManifest(path string, m *Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return writeFileAtomic(path, func(f *os.File) error {
		_, err := f.Write(append(data, '\n'))
		return err
	})
}
