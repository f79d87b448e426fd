// Package paperui is the "Prepare papers" dialog of a stored case: a
// preview of each paper the company writes (the letter, the owners' consent
// drafts, the originals, the egov values) in Russian or Kazakh, the .docx
// and PDF written into a folder the clerk sees, the .docx opened in the
// system's word processor, and the signed scan attached back to its
// checklist item. The papers are drafts: writing them completes nothing;
// only the signed scan, checked like every scan, does.
//
// The dialog knows no screen: the window hands it what it needs (Host).
package paperui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/papers"
	"dossier/app/rules"
	"dossier/app/store"
)

// The checklist items the signed papers go back to (casework's).
const (
	ItemLetter  = casework.ItemLetter
	ItemConsent = casework.ItemConsent
)

// Host is what the dialog needs from the window that opens it.
type Host struct {
	Win   fyne.Window
	P     i18n.Printer
	WS    *store.Workspace
	Rules *rules.Set
	Today civil.Date // the date printed on the letter
	// OpenURL opens a file in the system's program (fyne.App.OpenURL).
	OpenURL func(*url.URL) error
	// Do runs fn on the UI thread (fyne.Do with the window's lock); Go runs
	// fn off it, tracked by the window so closing waits for it.
	Do func(fn func())
	Go func(fn func())
	// Setup prepares the PDF fonts (bundle.Setup), once.
	Setup func() error
	// Folder finds where the case's papers go and passes it to chosen on
	// the UI thread. With ask, it asks the clerk when no folder is known
	// yet (not calling chosen if they cancel); without, it passes "".
	Folder func(ask bool, chosen func(dir string))
	// Attach takes files into a checklist item through the case's own
	// intake: copied into the workspace, checked, shown on the Files tab.
	// taken hears, from any goroutine, whether the intake took them (nil)
	// or refused them.
	Attach func(item string, paths []string, taken func(error))
	// PickFile asks the clerk for one file.
	PickFile func(title string, chosen func(path string))
	// SetConsent records on the case how the owners consent on paper.
	SetConsent func(consent string)
	ShowError  func(error)
}

// Dialog is an open "Prepare papers" dialog.
type Dialog struct {
	h      Host
	caseID int64
	// proc is the case as the editor has it now: its procedure and
	// housing choices override the stored ones, which may still be saving.
	proc rules.Case
	lang string

	built   []papers.Paper
	missing *papers.MissingError
	written []papers.Written
	dir     string
	// gen counts the previews asked for: an older one finishing late is dropped.
	gen int
	// lh is the company's letterhead for the letter in lang (letterhead.go).
	lh letterheadUse

	dlg       *dialog.CustomDialog
	content   fyne.CanvasObject
	body      *fyne.Container
	status    *widget.Label
	layout    *widget.Label // what the letter's .docx is printed on
	bar       *widget.ProgressBar
	write     *widget.Button
	result    *fyne.Container
	attachBox *fyne.Container
	tabs      *container.AppTabs

	// after (tests) runs on the UI thread when a background step ends.
	after func()
}

// Button is the case's "Prepare papers" button.
func Button(p i18n.Printer, tapped func()) *widget.Button {
	return widget.NewButtonWithIcon(p.T("paperui.prepare"), theme.DocumentCreateIcon(), tapped)
}

func langKey(caseID int64) string { return fmt.Sprintf("papers.lang.case.%d", caseID) }

// Show opens the dialog for stored case caseID; proc is the case as the
// editor holds it.
func Show(h Host, caseID int64, proc rules.Case) *Dialog {
	d := newDialog(h, caseID, proc)
	d.dlg.Show()
	d.preview()
	return d
}

func newDialog(h Host, caseID int64, proc rules.Case) *Dialog {
	p := h.P
	d := &Dialog{h: h, caseID: caseID, proc: proc, lang: "ru"}
	if p.Lang == i18n.KK {
		d.lang = "kk"
	}
	if v, err := h.WS.Setting(context.Background(), langKey(caseID), ""); err == nil && (v == "ru" || v == "kk") {
		d.lang = v
	}
	d.status = widget.NewLabel(p.T("paperui.preparing"))
	d.status.Wrapping = fyne.TextWrapWord
	d.layout = widget.NewLabel("")
	d.layout.Wrapping = fyne.TextWrapWord
	d.layout.Hide()
	d.bar = widget.NewProgressBar()
	d.bar.Hide()
	d.body = container.NewStack()
	d.result = container.NewVBox()
	d.write = widget.NewButtonWithIcon(p.T("paperui.write"), theme.DocumentSaveIcon(), d.writeAll)
	d.write.Importance = widget.HighImportance
	d.write.Disable()
	d.attachBox = container.NewHBox()

	form := widget.NewForm(widget.NewFormItem(p.T("paperui.lang"), d.langSelect()))
	if d.needsConsent() {
		form.Append(p.T("paperui.consent"), d.consentSelect())
	}
	top := container.NewVBox(form, d.status, d.layout, d.bar)
	bottom := container.NewVBox(d.result, container.NewHBox(d.write, d.attachBox))
	d.content = container.NewBorder(top, bottom, nil, nil, d.body)
	closeBtn := widget.NewButton(p.T("paperui.close"), func() { d.dlg.Hide() })
	d.dlg = dialog.NewCustomWithoutButtons(p.T("paperui.title"), d.content, h.Win)
	d.dlg.SetButtons([]fyne.CanvasObject{closeBtn})
	size := h.Win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(min(size.Width-40, 820), min(size.Height-40, 640)))
	return d
}

// needsConsent: a paper filing for housing the applicant does not own needs
// the clerk's choice of how the owners consent.
func (d *Dialog) needsConsent() bool {
	return d.proc.Channel == store.ChannelPaper && !d.proc.Housing.OwnedByApplicant
}

func (d *Dialog) langSelect() *widget.Select {
	codes := []string{"ru", "kk"}
	s := widget.NewSelect([]string{d.h.P.T("paperui.lang.ru"), d.h.P.T("paperui.lang.kk")}, nil)
	for i, c := range codes {
		if c == d.lang {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 && codes[i] != d.lang {
			d.lang = codes[i]
			if err := d.h.WS.SetSetting(context.Background(), langKey(d.caseID), d.lang); err != nil {
				d.h.ShowError(errors.New(store.Explain(d.h.P.Lang, err)))
			}
			d.preview()
		}
	}
	return s
}

func (d *Dialog) consentSelect() *widget.Select {
	p := d.h.P
	codes := []string{store.ConsentNotary, store.ConsentInPerson, store.ConsentProxy}
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = p.T("paperui.consent." + c)
	}
	s := widget.NewSelect(labels, nil)
	s.PlaceHolder = p.T("paperui.consent.choose")
	for i, c := range codes {
		if c == d.proc.Housing.Consent {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 && codes[i] != d.proc.Housing.Consent {
			d.proc.Housing.Consent = codes[i]
			if d.h.SetConsent != nil {
				d.h.SetConsent(codes[i])
			}
			d.preview()
		}
	}
	return s
}

// caseNow is the stored case (the company, the employee, the owners as
// saved) with the editor's procedure and housing choices laid over it.
func (d *Dialog) caseNow(ctx context.Context) (rules.Case, error) {
	proc := d.proc
	return casework.PapersCase(ctx, d.h.WS, d.caseID, &proc)
}

// preview builds the papers off the UI thread and shows them, or the
// fields to fill first.
func (d *Dialog) preview() {
	d.gen++
	gen, lang := d.gen, d.lang
	d.status.SetText(d.h.P.T("paperui.preparing"))
	d.write.Disable()
	d.h.Go(func() {
		var ps []papers.Paper
		var lh letterheadUse
		c, err := d.caseNow(context.Background())
		if err == nil {
			ps, err = d.build(c, lang)
		}
		if err == nil {
			lh = d.fillLetterhead(c, lang, ps)
		}
		d.h.Do(func() {
			if gen == d.gen {
				d.lh = lh
				d.showPreview(ps, err)
				d.showLetterhead()
			}
			d.done()
		})
	})
}

func (d *Dialog) build(c rules.Case, lang string) ([]papers.Paper, error) {
	return casework.BuildPapers(d.h.Rules, c, lang, d.h.Today)
}

func (d *Dialog) done() {
	if d.after != nil {
		d.after()
	}
}

// showPreview puts the papers (or what is missing) into the dialog.
func (d *Dialog) showPreview(ps []papers.Paper, err error) {
	p := d.h.P
	d.built, d.missing = nil, nil
	d.fillAttach(nil)
	var me *papers.MissingError
	switch {
	case errors.As(err, &me):
		d.missing = me
		d.status.SetText(p.T("paperui.missing"))
		d.status.Importance = widget.DangerImportance
		d.body.Objects = []fyne.CanvasObject{container.NewVScroll(d.missingList(me))}
	case err != nil:
		d.status.SetText(p.T("paperui.failed", store.Explain(p.Lang, err)))
		d.status.Importance = widget.DangerImportance
		d.body.Objects = nil
	case len(ps) == 0:
		d.status.SetText(p.T("paperui.none"))
		d.status.Importance = widget.MediumImportance
		d.body.Objects = nil
	default:
		d.built = ps
		d.status.SetText(p.T("paperui.ready", len(ps)))
		d.status.Importance = widget.MediumImportance
		d.tabs = container.NewAppTabs()
		for _, paper := range ps {
			d.tabs.Append(container.NewTabItem(tabTitle(paper), container.NewVScroll(d.paperText(paper))))
		}
		d.body.Objects = []fyne.CanvasObject{d.tabs}
		d.write.Enable()
		d.fillAttach(ps)
	}
	d.status.Refresh()
	d.body.Refresh()
}

// tabTitle names a paper; each owner's consent draft by the owner's number.
func tabTitle(p papers.Paper) string {
	if n, ok := strings.CutPrefix(p.Key, p.Name+"-"); ok {
		return p.Title + " " + n
	}
	return p.Title
}

// paperText is the paper as it will be printed, then what the clerk must
// check, each with where its wording comes from.
func (d *Dialog) paperText(paper papers.Paper) *widget.Label {
	p := d.h.P
	var b strings.Builder
	b.WriteString(d.letterPreview(paper, strings.TrimRight(paper.Body(), "\n")))
	b.WriteString("\n\n— " + p.T("paperui.check") + " —\n")
	for _, n := range paper.Notes {
		basis := p.T("paperui.basis." + n.Basis)
		if n.Source != "" {
			basis += ", " + n.Source
		}
		fmt.Fprintf(&b, "• [%s] %s\n", basis, n.Text)
	}
	l := widget.NewLabel(b.String())
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}

// missingList names every field to fill before any paper is written.
func (d *Dialog) missingList(me *papers.MissingError) fyne.CanvasObject {
	box := container.NewVBox()
	for _, m := range me.Fields {
		l := widget.NewLabel("• " + m.Label(d.h.P.Lang))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	hint := widget.NewLabel(d.h.P.T("paperui.missing_hint"))
	hint.Wrapping = fyne.TextWrapWord
	box.Add(hint)
	return box
}

// fillAttach offers to attach the signed scan of the letter, and of the
// consent when the papers include a draft of it.
func (d *Dialog) fillAttach(ps []papers.Paper) {
	d.attachBox.Objects = nil
	seen := map[string]bool{}
	for _, paper := range ps {
		item := ""
		switch paper.Name {
		case "letter":
			item = ItemLetter
		case "consent":
			item = ItemConsent
		}
		if item == "" || seen[item] {
			continue
		}
		seen[item] = true
		b := widget.NewButtonWithIcon(d.h.P.T("paperui.attach."+paper.Name), theme.UploadIcon(), func() { d.pickScan(item) })
		d.attachBox.Add(b)
	}
	d.attachBox.Refresh()
}

// writeAll writes every paper as .docx and PDF into the case's papers
// folder, off the UI thread, with progress.
func (d *Dialog) writeAll() {
	ps, letter := d.built, d.lh.docx
	if len(ps) == 0 || d.lh.err != nil { // nothing, or not the letterhead the company uses
		return
	}
	d.h.Folder(true, func(dir string) {
		if dir == "" {
			return
		}
		p := d.h.P
		d.write.Disable()
		d.bar.SetValue(0)
		d.bar.Show()
		d.status.SetText(p.T("paperui.writing"))
		d.h.Go(func() {
			written, err := d.writeFiles(dir, ps, letter)
			d.h.Do(func() {
				d.bar.Hide()
				d.write.Enable()
				if err != nil {
					d.status.SetText(p.T("paperui.failed", store.Explain(p.Lang, err)))
					d.status.Importance = widget.DangerImportance
					d.status.Refresh()
				} else {
					d.showWritten(dir, written)
				}
				d.done()
			})
		})
	})
}

// writeFiles writes the papers; letter (may be nil) is the letter filled
// into the company's letterhead, written as the letter's .docx.
func (d *Dialog) writeFiles(dir string, ps []papers.Paper, letter []byte) ([]papers.Written, error) {
	if err := d.h.Setup(); err != nil {
		return nil, err
	}
	return casework.WritePapers(context.Background(), d.h.WS, d.caseID, dir, ps, letter, func(done, total int) {
		d.h.Do(func() { d.bar.SetValue(float64(done) / float64(total)) })
	})
}

// showWritten says where the papers went, with buttons that open each one.
func (d *Dialog) showWritten(dir string, written []papers.Written) {
	p := d.h.P
	d.dir = dir
	d.written = append(d.written, written...)
	d.status.SetText(p.T("paperui.written", dir))
	d.status.Importance = widget.SuccessImportance
	d.status.Refresh()
	d.result.Objects = nil
	titles := map[string]string{}
	for _, paper := range d.built {
		titles[paper.File+"."+paper.Lang] = tabTitle(paper)
	}
	for _, w := range written {
		if filepath.Ext(w.Path) != ".docx" {
			continue
		}
		docx, pdf := w.Path, strings.TrimSuffix(w.Path, ".docx")+".pdf"
		name := titles[strings.TrimSuffix(filepath.Base(docx), ".docx")]
		open := widget.NewButtonWithIcon(p.T("paperui.open_docx"), theme.DocumentIcon(), func() { d.open(docx) })
		openPDF := widget.NewButton(p.T("paperui.open_pdf"), func() { d.open(pdf) })
		open.Importance = widget.LowImportance
		openPDF.Importance = widget.LowImportance
		label := widget.NewLabel(name + " — " + filepath.Base(docx))
		label.Truncation = fyne.TextTruncateEllipsis
		d.result.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, openPDF), label))
	}
	folder := widget.NewButtonWithIcon(p.T("paperui.open_folder"), theme.FolderOpenIcon(), func() { d.open(dir) })
	note := widget.NewLabel(p.T("paperui.draft_note"))
	note.Wrapping = fyne.TextWrapWord
	d.result.Add(note)
	d.result.Add(container.NewHBox(folder))
	d.result.Refresh()
}

// open shows a file or folder in the system's program: a .docx in the word
// processor.
func (d *Dialog) open(path string) {
	target, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = d.h.OpenURL(target)
	}
	if err != nil {
		d.h.ShowError(errors.New(d.h.P.T("paperui.open_failed", path, err)))
	}
}

// pickScan asks for the signed scan and attaches it to item, unless it is
// one of Dossier's own unsigned drafts.
func (d *Dialog) pickScan(item string) {
	d.h.PickFile(d.h.P.T("paperui.attach_title"), func(path string) { d.AttachScan(item, path) })
}

// AttachScan refuses a draft Dossier wrote (it never completes its item)
// and hands anything else to the case's intake, which checks it like any
// scan. The check reads the file, so it runs off the UI thread.
func (d *Dialog) AttachScan(item, path string) {
	p := d.h.P
	d.h.Folder(false, func(dir string) {
		known := append([]papers.Written(nil), d.written...)
		d.h.Go(func() {
			draft, err := papers.IsDraft(path, append(known, draftsIn(dir)...))
			var recorded error // a draft the workspace knows, written elsewhere
			if err == nil && !draft {
				if rec, ok, rerr := d.h.WS.DraftOfFile(context.Background(), path); rerr == nil && ok {
					recorded = &store.DraftError{Name: filepath.Base(path), Draft: rec}
				}
			}
			d.h.Do(func() {
				switch {
				case err != nil:
					d.h.ShowError(errors.New(p.T("paperui.attach_failed", filepath.Base(path), err)))
				case recorded != nil:
					d.status.SetText(store.Explain(p.Lang, recorded))
					d.status.Importance = widget.DangerImportance
					d.status.Refresh()
				case draft:
					d.status.SetText(p.T("paperui.is_draft", filepath.Base(path)))
					d.status.Importance = widget.DangerImportance
					d.status.Refresh()
				default:
					d.status.SetText(p.T("paperui.attaching", filepath.Base(path)))
					d.status.Importance = widget.MediumImportance
					d.status.Refresh()
					d.h.Attach(item, []string{path}, func(err error) { d.h.Do(func() { d.showTaken(item, path, err) }) })
				}
				d.done()
			})
		})
	})
}

// showTaken says how the intake went: the scan is on the item, or why the
// intake refused it (a draft it knows, an unreadable file), in the words
// the intake uses.
func (d *Dialog) showTaken(item, path string, err error) {
	p := d.h.P
	if err != nil {
		d.status.SetText(store.Explain(p.Lang, err))
		d.status.Importance = widget.DangerImportance
	} else {
		d.status.SetText(p.T("paperui.attached", filepath.Base(path), d.itemTitle(item)))
		d.status.Importance = widget.SuccessImportance
	}
	d.status.Refresh()
}

// draftsIn lists the papers Dossier wrote into dir earlier (another day,
// another language).
func draftsIn(dir string) []papers.Written {
	if dir == "" {
		return nil
	}
	var out []papers.Written
	for _, pattern := range []string{"*.docx", "*.pdf"} {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, m := range matches {
			out = append(out, papers.Written{Path: m})
		}
	}
	return out
}

// itemTitle is a checklist item's title in the clerk's language.
func (d *Dialog) itemTitle(item string) string {
	if d.h.Rules != nil {
		if it, ok := d.h.Rules.Checklist(d.proc, d.h.P.Lang).Item(item); ok {
			return it.Title
		}
	}
	return item
}
