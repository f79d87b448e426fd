package paperui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2/widget"

	"dossier/app/casework"
	"dossier/app/kz"
	"dossier/app/papers"
	"dossier/app/rules"
	"dossier/app/store"
)

// letterheadUse is what the company's letterhead does to the letter in
// the dialog's language: nothing (no letterhead: Dossier's layout), the
// letter filled into it, or why it cannot be.
type letterheadUse struct {
	lh   *store.Letterhead // nil: the company has none in this language
	docx []byte            // the letter filled into the letterhead
	text string            // what that .docx says, for the preview
	err  error             // the letterhead cannot be filled for this case
}

// fillLetterhead fills the company's letterhead in lang with the case, when
// the papers include a letter and the company has a letterhead in lang. It
// runs off the UI thread.
func (d *Dialog) fillLetterhead(c rules.Case, lang string, ps []papers.Paper) letterheadUse {
	hasLetter := false
	for _, p := range ps {
		hasLetter = hasLetter || p.Name == "letter"
	}
	if !hasLetter {
		return letterheadUse{}
	}
	lh, err := d.h.WS.CaseLetterhead(context.Background(), d.caseID, lang)
	if errors.Is(err, store.ErrNoLetterhead) {
		return letterheadUse{}
	}
	if err != nil {
		return letterheadUse{err: err}
	}
	use := letterheadUse{lh: &lh}
	l, err := casework.PapersLibrary()
	if err != nil {
		use.err = err
		return use
	}
	use.docx, use.err = l.FillLetterhead(lh.Data, c, casework.PapersOptions(d.h.Rules, lang, d.h.Today))
	if use.err == nil {
		use.text, use.err = papers.DocxText(use.docx)
	}
	lh.Data = nil // the filled copy is what is written
	return use
}

// showLetterhead says, above the preview, what the letter's .docx is
// printed on; a letterhead that cannot be filled stops the writing, so the
// letter never silently falls back to Dossier's layout.
func (d *Dialog) showLetterhead() {
	p, use := d.h.P, d.lh
	langName := p.T("paperui.letterhead.lang." + d.lang)
	// The line comes and goes above the preview: the dialog lays its top
	// out again, or the line would be drawn over the language choice.
	defer d.content.Refresh()
	switch {
	case d.built == nil:
		d.layout.Hide()
		return
	case use.err != nil && use.lh != nil:
		d.layout.SetText(p.T("paperui.letterhead.failed", use.lh.Name, d.letterheadProblem(use.err)))
		d.layout.Importance = widget.DangerImportance
		d.write.Disable()
	case use.err != nil:
		d.layout.SetText(p.T("paperui.failed", store.Explain(p.Lang, use.err)))
		d.layout.Importance = widget.DangerImportance
		d.write.Disable()
	case use.lh != nil:
		at := use.lh.Imported.In(kz.Location())
		d.layout.SetText(p.T("paperui.letterhead.used", use.lh.Name, at.Format("02.01.2006")))
		d.layout.Importance = widget.MediumImportance
	case d.hasLetter():
		d.layout.SetText(p.T("paperui.letterhead.none", langName))
		d.layout.Importance = widget.LowImportance
	default:
		d.layout.Hide()
		return
	}
	d.layout.Show()
	d.layout.Refresh()
}

func (d *Dialog) hasLetter() bool {
	for _, p := range d.built {
		if p.Name == "letter" {
			return true
		}
	}
	return false
}

// letterheadProblem names what stops the letterhead: the case's fields it
// uses and lacks, or what is wrong with the template itself.
func (d *Dialog) letterheadProblem(err error) string {
	lang := d.h.P.Lang
	var me *papers.MissingError
	if errors.As(err, &me) {
		var names []string
		for _, m := range me.Fields {
			names = append(names, m.Label(lang))
		}
		return d.h.P.T("paperui.letterhead.fill_first", strings.Join(names, "; "))
	}
	var le *papers.LetterheadError
	if errors.As(err, &le) {
		return le.Message(lang)
	}
	return store.Explain(lang, err)
}

// letterPreview is the letter's tab text when the .docx goes on the
// company's letterhead: what that .docx says first, then the PDF's text in
// Dossier's layout.
func (d *Dialog) letterPreview(paper papers.Paper, body string) string {
	if paper.Name != "letter" || d.lh.lh == nil || d.lh.err != nil {
		return body
	}
	p := d.h.P
	return "— " + p.T("paperui.letterhead.docx_part", d.lh.lh.Name) + " —\n" + strings.TrimRight(d.lh.text, "\n") +
		"\n\n— " + p.T("paperui.letterhead.pdf_part") + " —\n" + body
}
