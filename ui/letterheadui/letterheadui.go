// Package letterheadui is a company's letterhead in the window: the section
// of a company on the Companies screen that says which .docx the employer's
// letter is printed on, in Russian and in Kazakh, and lets the clerk import
// one (checked by app/papers before anything is kept), replace it, open
// Dossier's copy, remove that copy, or save a starting letterhead to add the
// logo to in Word.
//
// The section knows no screen: the window hands it what it needs (Host).
package letterheadui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/atomicfile"
	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/papers"
	"dossier/app/store"
)

// Host is what the section needs from the window.
type Host struct {
	Win fyne.Window
	P   i18n.Printer
	WS  *store.Workspace
	// OpenURL opens a file in the system's program (fyne.App.OpenURL).
	OpenURL func(*url.URL) error
	// Do runs fn on the UI thread; Go runs fn off it, tracked by the window.
	Do func(fn func())
	Go func(fn func())
	// PickFile asks for one file to read, offering the extensions exts.
	PickFile func(title string, exts []string, chosen func(path string))
	// PickFolder asks for a folder to save into.
	PickFolder func(title, confirm string, chosen func(dir string))
	ShowError  func(error)
}

// Extensions the import dialog offers: a .docx, and the Word-like files a
// clerk may take for one, so that picking them gets a message that says
// what to do rather than an empty folder.
var pickExts = []string{".docx", ".docm", ".dotx", ".doc", ".rtf", ".odt"}

// viewDir is the folder of the workspace's private tmp/ where Open puts
// the copy it shows.
const viewDir = "letterhead-view"

// Section is one company's letterheads.
type Section struct {
	h        Host
	employer store.Employer
	content  *fyne.Container
	status   *widget.Label
	rows     map[string]*row

	// after (tests) runs on the UI thread when a background step ends.
	after func()
}

// row is the letterhead for the letter in one language.
type row struct {
	lang    string
	lh      *store.Letterhead // nil: none
	label   *widget.Label
	load    *widget.Button // Import… or Replace…
	open    *widget.Button
	remove  *widget.Button
	starter *widget.Button
}

var (
	libOnce sync.Once
	lib     *papers.Library
	libErr  error
)

func library() (*papers.Library, error) {
	libOnce.Do(func() { lib, libErr = papers.LoadLibrary() })
	return lib, libErr
}

// New makes the section of employer er, which has the letterheads have
// (from store.Workspace.Letterheads).
func New(h Host, er store.Employer, have []store.Letterhead) *Section {
	p := h.P
	s := &Section{h: h, employer: er, rows: map[string]*row{}}
	title := widget.NewLabelWithStyle(p.T("letterheadui.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(p.T("letterheadui.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.TextStyle = fyne.TextStyle{Italic: true}
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()
	s.content = container.NewVBox(title, hint)
	for _, lang := range store.LetterheadLangs {
		r := s.newRow(lang)
		for i := range have {
			if have[i].Lang == lang {
				lh := have[i]
				r.lh = &lh
			}
		}
		s.rows[lang] = r
		s.showRow(r)
		s.content.Add(container.NewVBox(r.label, container.NewHBox(r.load, r.open, r.remove, r.starter)))
	}
	s.content.Add(s.status)
	return s
}

// Object is the section's widget.
func (s *Section) Object() fyne.CanvasObject { return s.content }

func (s *Section) newRow(lang string) *row {
	p := s.h.P
	r := &row{lang: lang, label: widget.NewLabel("")}
	r.label.Wrapping = fyne.TextWrapWord
	r.load = widget.NewButtonWithIcon("", theme.UploadIcon(), func() {
		s.h.PickFile(p.T("letterheadui.pick_title", p.T("letterheadui.lang."+lang)), pickExts, func(path string) { s.Import(lang, path) })
	})
	r.open = widget.NewButtonWithIcon(p.T("letterheadui.open"), theme.DocumentIcon(), func() { s.Open(lang) })
	r.remove = widget.NewButtonWithIcon(p.T("letterheadui.remove"), theme.DeleteIcon(), func() { s.confirmRemove(lang) })
	r.starter = widget.NewButtonWithIcon(p.T("letterheadui.starter"), theme.DocumentSaveIcon(), func() {
		s.h.PickFolder(p.T("letterheadui.starter_title"), p.T("letterheadui.starter_confirm"), func(dir string) { s.SaveStarter(lang, dir) })
	})
	for _, b := range []*widget.Button{r.open, r.remove, r.starter} {
		b.Importance = widget.LowImportance
	}
	return r
}

// showRow says which letterhead the letter in r's language uses.
func (s *Section) showRow(r *row) {
	p := s.h.P
	lang := p.T("letterheadui.lang." + r.lang)
	if r.lh == nil {
		r.label.SetText(p.T("letterheadui.none", lang))
		r.load.SetText(p.T("letterheadui.import"))
		r.load.Importance = widget.MediumImportance
		r.open.Disable()
		r.remove.Disable()
	} else {
		at := r.lh.Imported.In(kz.Location())
		r.label.SetText(p.T("letterheadui.uses", lang, r.lh.Name, at.Format("02.01.2006"), at.Format("15:04"), kilobytes(r.lh.Size)))
		r.load.SetText(p.T("letterheadui.replace"))
		r.load.Importance = widget.MediumImportance
		r.open.Enable()
		r.remove.Enable()
	}
	r.load.Refresh()
}

func kilobytes(n int64) int64 { return (n + 1023) / 1024 }

// say shows a line under the rows: what just happened, or why a file was
// refused.
func (s *Section) say(text string, imp widget.Importance) {
	s.status.SetText(text)
	s.status.Importance = imp
	s.status.Show()
	s.status.Refresh()
}

func (s *Section) done() {
	if s.after != nil {
		s.after()
	}
}

// Import checks the .docx at path and, if it passes, keeps it as the
// letterhead for the letter in lang. A refusal names what is wrong and what
// to do, and keeps nothing: the letterhead in use stays.
func (s *Section) Import(lang, path string) {
	p := s.h.P
	id := s.employer.ID
	s.say(p.T("letterheadui.checking", filepath.Base(path)), widget.MediumImportance)
	s.h.Go(func() {
		lh, err := papers.ImportLetterhead(context.Background(), s.h.WS, id, lang, path)
		s.h.Do(func() {
			defer s.done()
			if err != nil {
				s.say(s.refusal(path, err), widget.DangerImportance)
				return
			}
			lh.Data = nil
			r := s.rows[lang]
			r.lh = &lh
			s.showRow(r)
			s.say(p.T("letterheadui.imported", lh.Name, p.T("letterheadui.lang."+lang)), widget.SuccessImportance)
		})
	})
}

// refusal says why the file at path was not taken, in the clerk's language.
func (s *Section) refusal(path string, err error) string {
	p := s.h.P
	name := filepath.Base(path)
	var le *papers.LetterheadError
	if errors.As(err, &le) {
		msg := p.T("letterheadui.refused", name, le.Message(p.Lang))
		if len(le.Missing) > 0 || len(le.Unknown) > 0 {
			msg += "\n" + p.T("letterheadui.refused_fields_hint")
		}
		return msg
	}
	return p.T("letterheadui.refused", name, store.Explain(p.Lang, err))
}

// Open shows Dossier's copy of the letterhead in the word processor: a copy
// in the workspace's private tmp/ named as the clerk's file was, so the
// clerk sees the letterhead in use; editing it changes nothing in Dossier.
func (s *Section) Open(lang string) {
	p := s.h.P
	id := s.employer.ID
	s.h.Go(func() {
		path, err := s.viewCopy(id, lang)
		s.h.Do(func() {
			defer s.done()
			if err == nil {
				var target *url.URL
				target, err = url.Parse(storage.NewFileURI(path).String())
				if err == nil {
					err = s.h.OpenURL(target)
				}
			}
			if err != nil {
				s.say(p.T("letterheadui.open_failed", store.Explain(p.Lang, err)), widget.DangerImportance)
				return
			}
			s.say(p.T("letterheadui.opened"), widget.MediumImportance)
		})
	})
}

// viewCopy writes the stored letterhead where Open shows it.
func (s *Section) viewCopy(employerID int64, lang string) (string, error) {
	lh, err := s.h.WS.Letterhead(context.Background(), employerID, lang)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(s.h.WS.TempDir(), viewDir, lh.SHA256[:12])
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("letterhead: %w", err)
	}
	path := filepath.Join(dir, safeName(lh.Name, "letterhead.docx"))
	if sameContent(path, lh.SHA256) {
		// Shown before: the folder is named by the content. The word
		// processor may still have it open, and Windows refuses to replace
		// an open file.
		return path, nil
	}
	if err := atomicfile.WriteBytes(path, lh.Data, atomicfile.Options{Prefix: ".letterhead-"}); err != nil {
		return "", fmt.Errorf("letterhead: %w", err)
	}
	return path, nil
}

// sameContent reports whether the file at path holds the content whose
// SHA-256 is sum (hex).
func sameContent(path, sum string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	got := sha256.Sum256(data)
	return hex.EncodeToString(got[:]) == sum
}

// confirmRemove asks before removing Dossier's copy; the clerk's own file
// is never touched.
func (s *Section) confirmRemove(lang string) {
	p := s.h.P
	r := s.rows[lang]
	if r.lh == nil {
		return
	}
	dialog.ShowConfirm(p.T("letterheadui.remove_title"), p.T("letterheadui.remove_question", r.lh.Name, p.T("letterheadui.lang."+lang)),
		func(ok bool) {
			if ok {
				s.Remove(lang)
			}
		}, s.h.Win)
}

// Remove removes the company's letterhead in lang from the workspace: the
// letter in that language goes back to Dossier's layout.
func (s *Section) Remove(lang string) {
	p := s.h.P
	id := s.employer.ID
	s.h.Go(func() {
		err := s.h.WS.RemoveLetterhead(context.Background(), id, lang)
		s.h.Do(func() {
			defer s.done()
			if err != nil {
				s.say(store.Explain(p.Lang, err), widget.DangerImportance)
				return
			}
			r := s.rows[lang]
			name := ""
			if r.lh != nil {
				name = r.lh.Name
			}
			r.lh = nil
			s.showRow(r)
			s.say(p.T("letterheadui.removed", name, p.T("letterheadui.lang."+lang)), widget.MediumImportance)
		})
	})
}

// SaveStarter writes into dir the default letter in lang with its fields in
// braces, and beside it the list of what each field means, under names no
// file there has.
func (s *Section) SaveStarter(lang, dir string) {
	p := s.h.P
	company := s.employer.Name
	s.h.Go(func() {
		docx, txt, err := writeStarter(p, company, lang, dir)
		s.h.Do(func() {
			defer s.done()
			if err != nil {
				s.say(p.T("letterheadui.starter_failed", store.Explain(p.Lang, err)), widget.DangerImportance)
				return
			}
			s.say(p.T("letterheadui.starter_saved", filepath.Base(docx), filepath.Base(txt), dir), widget.SuccessImportance)
		})
	})
}

func writeStarter(p i18n.Printer, company, lang, dir string) (docx, txt string, err error) {
	l, err := library()
	if err != nil {
		return "", "", err
	}
	data, err := l.StartingLetterhead(lang)
	if err != nil {
		return "", "", err
	}
	stem := safeName(p.T("letterheadui.starter_file", company, lang), "letterhead")
	docx = freeName(dir, stem, ".docx")
	txt = freeName(dir, strings.TrimSuffix(filepath.Base(docx), ".docx")+" — "+p.T("letterheadui.fields_file"), ".txt")
	opts := atomicfile.Options{Prefix: ".dossier-letterhead-", Perm: 0o644}
	if err := atomicfile.WriteBytes(docx, data, opts); err != nil {
		return "", "", fmt.Errorf("letterhead: %w", err)
	}
	if err := atomicfile.WriteBytes(txt, []byte(papers.LetterheadFields(p.Lang)), opts); err != nil {
		return "", "", fmt.Errorf("letterhead: %w", err)
	}
	return docx, txt, nil
}

// safeName makes a file name from s that Windows, macOS and Linux accept.
func safeName(s, fallback string) string {
	s = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, ". ")
	if s == "" {
		return fallback
	}
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120])
	}
	return s
}

// freeName is dir/stem+ext, or "stem (2)"+ext and so on, whichever dir lacks.
func freeName(dir, stem, ext string) string {
	name := filepath.Join(dir, stem+ext)
	for i := 2; i < 1000; i++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			break
		}
		name = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, i, ext))
	}
	return name
}
