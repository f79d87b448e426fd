package pdfkit

import (
	"context"
	"errors"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Below the api: pdfcpu's api removes attachments, annotations and form
// fields by name or id, but has no notion of "active" content (scripts,
// launch actions, links out of the document) to find and remove all of it
// at once; validation names it and the builder removes exactly that, so
// both call StripActiveContent.

// Kinds of active content, as validation names them in findings and the
// builder in the manifest.
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
func (d *Doc) StripActiveContent(dryRun bool) (kinds []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			kinds, err = nil, errors.New("active content: damaged PDF structure")
		}
	}()
	s := &stripper{ctx: d.ctx, dry: dryRun, found: map[string]bool{}, seen: map[int]bool{}}
	root, err := d.ctx.Catalog()
	if err != nil {
		return nil, err
	}
	s.names(root)
	s.catalog(root)
	for p := 1; p <= d.ctx.PageCount; p++ {
		pd, _, _, err := d.ctx.PageDict(context.Background(), p, false)
		if err != nil || pd == nil {
			continue
		}
		if _, ok := pd.Find("AA"); ok {
			s.found[ActiveJavaScript] = true
			s.drop(pd, "AA")
		}
		s.annots(pd)
	}
	for k := range s.found {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds, nil
}

// names handles the catalog's name trees: document JavaScript and
// embedded files.
func (s *stripper) names(root types.Dict) {
	o, ok := root.Find("Names")
	if !ok {
		return
	}
	names, err := s.ctx.DereferenceDict(o)
	if err != nil || names == nil {
		return
	}
	if _, ok := names.Find("JavaScript"); ok {
		s.found[ActiveJavaScript] = true
		s.drop(names, "JavaScript")
	}
	if _, ok := names.Find("EmbeddedFiles"); ok {
		s.found[ActiveAttachments] = true
		if !s.dry {
			if _, err := s.ctx.RemoveAttachments(context.Background(), nil); err != nil || hasKey(names, "EmbeddedFiles") {
				names.Delete("EmbeddedFiles")
			}
		}
	}
}

// catalog handles the document's open action, its additional actions and
// its form (XFA, field actions).
func (s *stripper) catalog(root types.Dict) {
	if o, ok := root.Find("OpenAction"); ok {
		// An array is a destination ("open at page 2"), harmless.
		if d, err := s.ctx.DereferenceDict(o); err == nil && d != nil && !s.safeAction(d, 0) {
			s.drop(root, "OpenAction")
		}
	}
	if _, ok := root.Find("AA"); ok {
		s.found[ActiveJavaScript] = true
		s.drop(root, "AA")
	}
	o, ok := root.Find("AcroForm")
	if !ok {
		return
	}
	form, err := s.ctx.DereferenceDict(o)
	if err != nil || form == nil {
		return
	}
	if _, ok := form.Find("XFA"); ok {
		s.found[ActiveForms] = true
		s.drop(form, "XFA")
	}
	if o, ok := form.Find("Fields"); ok {
		s.fields(o, 0)
	}
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

// actionKinds names the kind of each action type that is not safe; the
// types listed with "" only move within the document or do nothing a
// reader need fear. Any type not listed (Launch, GoToR, GoToE, unknown
// ones) counts as launching.
var actionKinds = map[string]string{
	"GoTo": "", "Thread": "", "Named": "", "Hide": "", "SetOCGState": "", "Trans": "", "ResetForm": "",
	"JavaScript": ActiveJavaScript,
	"URI":        ActiveLinks,
	"SubmitForm": ActiveForms, "ImportData": ActiveForms,
	"Sound": ActiveMedia, "Movie": ActiveMedia, "Rendition": ActiveMedia, "RichMediaExecute": ActiveMedia, "GoTo3DView": ActiveMedia,
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
	if t := a.NameEntry("S"); t != nil {
		kind, known := actionKinds[*t]
		if !known {
			kind = ActiveLaunch
		}
		if kind != "" {
			s.found[kind], safe = true, false
		}
	}
	o, ok := a.Find("Next")
	if !ok {
		return safe
	}
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
