package scan

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// This file holds what validation and the package builder must agree on
// about an untrusted PDF: the limits it is read with, the size of a page,
// and which active content it carries (validation names it, the builder
// removes exactly that). Both call these functions, so a verdict cannot
// drift from what the package gets.

// PDF read limits. A scanned or typed document needs far less than
// pdfcpu's defaults; a file that needs more is a bomb, not a document.
const (
	// pdfMaxDecodeBytes bounds one stream once unpacked: a page's content
	// or one image. A 300-dpi A4 colour page stored raw is 26 MB.
	pdfMaxDecodeBytes = 64 << 20
	// maxPageSide is the PDF format's own page size limit (14,400 units, 5 m).
	maxPageSide = 14400
)

// ReadConfig is a fresh pdfcpu configuration for reading an untrusted PDF
// (pdfcpu changes the one it is given, so every read needs its own), with
// resource limits lowered to what a document can reasonably need. The
// validator, its worker, thumbnails and the package builder all read PDFs
// with it.
func ReadConfig() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Offline = true
	conf.Limits = model.ResourceLimits{
		MaxStreamBytes:       100 << 20,
		MaxDecodeBytes:       pdfMaxDecodeBytes,
		MaxImagePixels:       defaultMaxPixels,
		MaxImageBytes:        pdfMaxDecodeBytes,
		MaxObjectCount:       200_000,
		MaxObjectStreamCount: 50_000,
		MaxObjectStreamFirst: 1 << 20,
		MaxXRefEntries:       500_000,
		MaxRecursionDepth:    64,
	}
	return conf
}

// pdfMaxDecodeTotal bounds all the streams of one file together once
// unpacked: a 300-page typed document is a few megabytes of content.
const pdfMaxDecodeTotal = 512 << 20

// ErrPDFBomb is returned for a PDF whose streams unpack to more than the
// read limits allow. It matches IsDecodeLimit.
var ErrPDFBomb = fmt.Errorf("pdf streams unpack beyond the limit: %w", filter.ErrDecodeLimitExceeded)

// CheckStreams measures what every stream of a PDF read with ReadConfig
// unpacks to, without keeping it (Flate, the common filter, is inflated
// into nothing; other filters go through pdfcpu's, which stop at the
// limit), and returns ErrPDFBomb when one stream unpacks beyond
// pdfMaxDecodeBytes or all of them together beyond pdfMaxDecodeTotal.
// pdfcpu itself unpacks page content for several operations (optimising,
// stamping page numbers) with its own, far higher, default limit: this
// check comes first. Pictures stored in their own compression (JPEG, JPEG
// 2000, JBIG2, fax) are not unpacked by anything that merges the file and
// are left to the picture checks.
func CheckStreams(ctx *model.Context) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check streams: %v", p)
		}
	}()
	var total int64
	for _, e := range ctx.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		sd, ok := e.Object.(types.StreamDict)
		if !ok || len(sd.FilterPipeline) == 0 || len(sd.Raw) == 0 {
			continue
		}
		n, err := unpackedSize(sd, pdfMaxDecodeBytes)
		if IsDecodeLimit(err) {
			return ErrPDFBomb
		}
		if total += n; total > pdfMaxDecodeTotal {
			return ErrPDFBomb
		}
	}
	return nil
}

// unpackedSize returns how many bytes sd's filters produce, up to limit+1
// (then with ErrDecodeLimitExceeded); an image codec at the end of the
// chain is not run. Errors other than the limit count the stream as what
// it unpacked so far: a damaged stream is the reader's business.
func unpackedSize(sd types.StreamDict, limit int64) (int64, error) {
	var r io.Reader = bytes.NewReader(sd.Raw)
	for i, f := range sd.FilterPipeline {
		switch f.Name {
		case filter.DCT, filter.JPX, filter.JBIG2, filter.CCITTFax:
			if i == len(sd.FilterPipeline)-1 {
				break
			}
			return 0, nil
		case filter.Flate:
			zr, err := zlib.NewReader(r)
			if err != nil {
				return 0, nil
			}
			r = zr
			continue
		default:
			fl, err := filter.NewFilter(f.Name, nil, limit)
			if err != nil {
				return 0, nil
			}
			if r, err = fl.Decode(r); err != nil {
				if IsDecodeLimit(err) {
					return limit + 1, err
				}
				return 0, nil
			}
		}
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(r, limit+1))
	if n > limit {
		return n, filter.ErrDecodeLimitExceeded
	}
	return n, nil
}

// IsDecodeLimit reports an error caused by a stream that unpacks to more
// than the read limits allow (a decompression bomb).
func IsDecodeLimit(err error) bool {
	return errors.Is(err, filter.ErrDecodeLimitExceeded)
}

// PageSize returns the size in points of a page as it is shown: its crop
// box (else media box, inherited ones included), normalised (a box may be
// given by any two opposite corners) and turned by the page's rotation. ok
// is false for a page that cannot be shown: no box, a coordinate that is
// not a finite number, a side under one point or over the format's limit of
// 14,400, or a rotation that is not a quarter turn.
func PageSize(pb model.PageBoundaries) (w, h float64, ok bool) {
	media := pb.MediaBox()
	if media == nil {
		return 0, 0, false
	}
	x0, y0, x1, y1, ok := normRect(media)
	if !ok {
		return 0, 0, false
	}
	if crop := pb.CropBox(); crop != nil && crop != media {
		// What shows is the crop box clipped to the media box.
		cx0, cy0, cx1, cy1, ok := normRect(crop)
		if !ok {
			return 0, 0, false
		}
		x0, y0, x1, y1 = max(x0, cx0), max(y0, cy0), min(x1, cx1), min(y1, cy1)
	}
	w, h = x1-x0, y1-y0
	if pb.Rot%90 != 0 {
		return w, h, false
	}
	w, h = max(w, 0), max(h, 0)
	if pb.Rot%180 != 0 {
		w, h = h, w
	}
	if w < 1 || h < 1 || w > maxPageSide || h > maxPageSide {
		return w, h, false
	}
	return w, h, true
}

// normRect returns r's corners in order; ok is false when a coordinate is
// not a finite number of sensible size.
func normRect(r *types.Rectangle) (x0, y0, x1, y1 float64, ok bool) {
	for _, v := range []float64{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
			return 0, 0, 0, 0, false
		}
	}
	return min(r.LL.X, r.UR.X), min(r.LL.Y, r.UR.Y), max(r.LL.X, r.UR.X), max(r.LL.Y, r.UR.Y), true
}

// Kinds of active content, as named in findings and the manifest.
const (
	ActiveJavaScript  = "javascript"  // scripts: document, page, field or link actions
	ActiveLaunch      = "launch"      // actions that start programs or open other files
	ActiveLinks       = "links"       // links to web addresses
	ActiveForms       = "forms"       // forms that send data, XFA forms
	ActiveAttachments = "attachments" // embedded files, file attachment notes
	ActiveMedia       = "media"       // sound, video, 3D, rich media
)

// StripActiveContent finds the active content of a PDF and, unless dryRun,
// removes it: document JavaScript (Names tree), open and additional actions
// of the document, pages, fields and annotations that are not plain jumps
// within the document, links out of it, embedded files and file attachment
// notes, sound, video, 3D and rich media annotations, and XFA forms. It
// returns the kinds found, sorted. Text, pictures, bookmarks and form field
// appearances stay.
func StripActiveContent(ctx *model.Context, dryRun bool) (kinds []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			kinds, err = nil, errors.New("active content: damaged PDF structure")
		}
	}()
	found := map[string]bool{}
	s := &stripper{ctx: ctx, dry: dryRun, found: found, seen: map[int]bool{}}
	root, err := ctx.Catalog()
	if err != nil {
		return nil, err
	}
	if o, ok := root.Find("Names"); ok {
		if names, err := ctx.DereferenceDict(o); err == nil && names != nil {
			if _, ok := names.Find("JavaScript"); ok {
				found[ActiveJavaScript] = true
				if !dryRun {
					names.Delete("JavaScript")
				}
			}
			if _, ok := names.Find("EmbeddedFiles"); ok {
				found[ActiveAttachments] = true
				if !dryRun {
					if _, err := ctx.RemoveAttachments(nil); err != nil || hasKey(names, "EmbeddedFiles") {
						names.Delete("EmbeddedFiles")
					}
				}
			}
		}
	}
	if o, ok := root.Find("OpenAction"); ok {
		// An array is a destination ("open at page 2"), harmless.
		if d, err := ctx.DereferenceDict(o); err == nil && d != nil && !s.safeAction(d, 0) {
			s.drop(root, "OpenAction")
		}
	}
	if _, ok := root.Find("AA"); ok {
		found[ActiveJavaScript] = true
		s.drop(root, "AA")
	}
	if o, ok := root.Find("AcroForm"); ok {
		if form, err := ctx.DereferenceDict(o); err == nil && form != nil {
			if _, ok := form.Find("XFA"); ok {
				found[ActiveForms] = true
				s.drop(form, "XFA")
			}
			if o, ok := form.Find("Fields"); ok {
				s.fields(o, 0)
			}
		}
	}
	for p := 1; p <= ctx.PageCount; p++ {
		d, _, _, err := ctx.PageDict(p, false)
		if err != nil || d == nil {
			continue
		}
		if _, ok := d.Find("AA"); ok {
			found[ActiveJavaScript] = true
			s.drop(d, "AA")
		}
		s.annots(d)
	}
	for k := range found {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds, nil
}

type stripper struct {
	ctx   *model.Context
	dry   bool
	found map[string]bool
	seen  map[int]bool // field objects visited (a loop in the tree stops)
}

func hasKey(d types.Dict, k string) bool { _, ok := d.Find(k); return ok }

func (s *stripper) drop(d types.Dict, key string) {
	if !s.dry {
		d.Delete(key)
	}
}

// safeAction reports an action that only moves within the document (or
// does nothing a reader need fear), following its Next chain; it records
// the kind of anything else.
func (s *stripper) safeAction(a types.Dict, depth int) bool {
	if depth > 16 {
		s.found[ActiveJavaScript] = true
		return false
	}
	safe := true
	switch t := a.NameEntry("S"); {
	case t == nil:
	case *t == "GoTo" || *t == "Thread" || *t == "Named" || *t == "Hide" || *t == "SetOCGState" || *t == "Trans" || *t == "ResetForm":
	case *t == "JavaScript":
		s.found[ActiveJavaScript], safe = true, false
	case *t == "URI":
		s.found[ActiveLinks], safe = true, false
	case *t == "SubmitForm" || *t == "ImportData":
		s.found[ActiveForms], safe = true, false
	case *t == "Sound" || *t == "Movie" || *t == "Rendition" || *t == "RichMediaExecute" || *t == "GoTo3DView":
		s.found[ActiveMedia], safe = true, false
	default: // Launch, GoToR, GoToE and anything unknown
		s.found[ActiveLaunch], safe = true, false
	}
	if o, ok := a.Find("Next"); ok {
		o, _ = s.ctx.Dereference(o)
		switch n := o.(type) {
		case types.Dict:
			safe = s.safeAction(n, depth+1) && safe
		case types.Array:
			for _, e := range n {
				if d, err := s.ctx.DereferenceDict(e); err == nil && d != nil {
					safe = s.safeAction(d, depth+1) && safe
				}
			}
		}
	}
	return safe
}

// actions drops d's /A when it is not safe and its /AA (scripts run on
// events) always.
func (s *stripper) actions(d types.Dict) {
	if o, ok := d.Find("A"); ok {
		if a, err := s.ctx.DereferenceDict(o); err == nil && a != nil && !s.safeAction(a, 0) {
			s.drop(d, "A")
		}
	}
	if _, ok := d.Find("AA"); ok {
		s.found[ActiveJavaScript] = true
		s.drop(d, "AA")
	}
}

// fields walks the form field tree.
func (s *stripper) fields(o types.Object, depth int) {
	if depth > 32 {
		return
	}
	if ref, ok := o.(types.IndirectRef); ok {
		if s.seen[ref.ObjectNumber.Value()] {
			return
		}
		s.seen[ref.ObjectNumber.Value()] = true
	}
	o, err := s.ctx.Dereference(o)
	if err != nil {
		return
	}
	switch v := o.(type) {
	case types.Array:
		for _, e := range v {
			s.fields(e, depth+1)
		}
	case types.Dict:
		s.actions(v)
		if kids, ok := v.Find("Kids"); ok {
			s.fields(kids, depth+1)
		}
	}
}

// dangerousAnnots are removed whole: what they do is their only purpose.
var dangerousAnnots = map[string]string{
	"FileAttachment": ActiveAttachments,
	"Sound":          ActiveMedia,
	"Movie":          ActiveMedia,
	"Screen":         ActiveMedia,
	"RichMedia":      ActiveMedia,
	"3D":             ActiveMedia,
}

// annots cleans a page's annotations: links out of the document and the
// annotations in dangerousAnnots go; the others lose unsafe actions.
func (s *stripper) annots(page types.Dict) {
	o, ok := page.Find("Annots")
	if !ok {
		return
	}
	arr, err := s.ctx.DereferenceArray(o)
	if err != nil || arr == nil {
		return
	}
	keep := types.Array{}
	changed := false
	for _, e := range arr {
		d, err := s.ctx.DereferenceDict(e)
		if err != nil || d == nil {
			keep = append(keep, e)
			continue
		}
		sub := d.NameEntry("Subtype")
		if sub != nil {
			if kind, bad := dangerousAnnots[*sub]; bad {
				s.found[kind] = true
				changed = true
				continue
			}
			if *sub == "Link" {
				if o, ok := d.Find("A"); ok {
					if a, err := s.ctx.DereferenceDict(o); err == nil && a != nil && !s.safeAction(a, 0) {
						changed = true
						continue
					}
				}
			}
		}
		s.actions(d)
		keep = append(keep, e)
	}
	if changed && !s.dry {
		if len(keep) == 0 {
			page.Delete("Annots")
		} else {
			page.Update("Annots", keep)
		}
	}
}
