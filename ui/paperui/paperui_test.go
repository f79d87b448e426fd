package paperui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/bundle"
	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/scan"
	"dossier/app/scan/scantest"
	"dossier/app/store"
)

// fixture is a stored paper filing and a Host around it that records what
// the dialog asks of the window.
type fixture struct {
	t      *testing.T
	ws     *store.Workspace
	caseID int64
	proc   rules.Case
	host   Host
	bg     sync.WaitGroup
	mu     sync.Mutex

	papersDir string
	opened    []string
	attached  []string // item=path, as the case's intake received them
	refuse    error    // when set, the intake refuses every file with it
	picked    string   // the file PickFile "chooses"
	consent   string
}

func newFixture(t *testing.T, director string) *fixture {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	ws, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	today := civil.MustParse("2026-12-07")
	er := store.Employer{Name: "ТОО «Алтын-Дала Құрылыс»", BIN: "940140000385", Address: "г. Алматы, ул. Абая, 10",
		RKA: "0201000012345678", DirectorName: director, DirectorPosition: "Директор"}
	require.NoError(t, ws.SaveEmployer(ctx, &er))
	e := store.Employee{EmployerID: er.ID, NameCyr: "О'Коннор Шон", NameLat: "O'CONNOR SEAN", Citizenship: "IN",
		BirthDate: civil.MustParse("1990-07-01"), PassportNo: "Z1234567", PassportExpiry: civil.MustParse("2034-02-28"),
		ContractEnd: civil.MustParse("2027-06-30"), TRPExpiry: civil.MustParse("2027-01-10"),
		ResidenceAddress: "г. Алматы, мкр. Самал-2, д. 5, кв. 12", ResidenceRKA: "0204200198765432"}
	require.NoError(t, ws.SaveEmployee(ctx, &e, today))
	c := store.Case{EmployeeID: e.ID, Kind: store.KindExtension, Channel: store.ChannelPaper,
		FilingDate: civil.MustParse("2026-12-14"), HousingConsent: store.ConsentNotary}
	require.NoError(t, ws.SaveCase(ctx, &c))
	require.NoError(t, ws.SaveOwners(ctx, c.ID, []store.Owner{{Name: "Жақсыбекова Әйгерім", IIN: "900101300017"}}))
	proc, err := ws.RulesCase(ctx, c.ID)
	require.NoError(t, err)
	set, err := rules.Embedded()
	require.NoError(t, err)

	f := &fixture{t: t, ws: ws, caseID: c.ID, proc: proc, papersDir: filepath.Join(t.TempDir(), "papers", "case-1")}
	fontDir := t.TempDir()
	f.host = Host{
		Win: test.NewWindow(nil), P: i18n.Printer{Lang: i18n.RU}, WS: ws, Rules: set, Today: today,
		OpenURL: func(u *url.URL) error { f.opened = append(f.opened, u.Path); return nil }, // on the UI thread
		Do:      func(fn func()) { f.mu.Lock(); defer f.mu.Unlock(); fn() },
		Go: func(fn func()) {
			f.bg.Add(1)
			go func() { defer f.bg.Done(); fn() }()
		},
		Setup:  func() error { return bundle.Setup(fontDir) },
		Folder: func(ask bool, chosen func(string)) { chosen(f.papersDir) },
		Attach: func(item string, paths []string, taken func(error)) {
			// Off the UI thread, as the case editor's intake works.
			f.host.Go(func() {
				err := f.refuse
				if err == nil {
					_, err = casework.Attach(ctx, ws, c.ID, item, paths)
				}
				if err == nil {
					f.locked(func() { f.attached = append(f.attached, item+"="+filepath.Base(paths[0])) })
				}
				taken(err)
			})
		},
		PickFile:   func(_ string, chosen func(string)) { chosen(f.picked) },
		SetConsent: func(v string) { f.consent = v },
		ShowError:  func(err error) { t.Errorf("error shown: %v", err) },
	}
	f.host.Win.Resize(fyne.NewSize(1000, 760))
	return f
}

// open shows the dialog and waits for its preview.
func (f *fixture) open() *Dialog {
	d := Show(f.host, f.caseID, f.proc)
	f.wait()
	return d
}

// wait lets the background work (and the UI updates it sends) finish.
func (f *fixture) wait() {
	f.bg.Wait()
	f.bg.Wait() // work started by work, such as a write after the folder was chosen
}

func (f *fixture) locked(fn func()) { f.mu.Lock(); defer f.mu.Unlock(); fn() }

// tabText is the text shown on one preview tab.
func tabText(t *testing.T, d *Dialog, i int) string {
	t.Helper()
	require.NotNil(t, d.tabs)
	scroll := d.tabs.Items[i].Content.(*container.Scroll)
	return scroll.Content.(*widget.Label).Text
}

// itemFiles counts the case's files attached to an item.
func (f *fixture) itemFiles(item string) []store.CaseFile {
	files, err := f.ws.CaseFiles(context.Background(), f.caseID)
	require.NoError(f.t, err)
	var out []store.CaseFile
	for _, cf := range files {
		if cf.ItemID == item {
			out = append(out, cf)
		}
	}
	return out
}

// TestPreviewText: the preview shows each paper's text, filled from the
// stored company, employee, case and owners, in the language chosen; the
// choice is kept for the case.
func TestPreviewText(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	d := f.open()
	f.locked(func() {
		require.Len(t, d.tabs.Items, 3)
		assert.Equal(t, "Ходатайство работодателя", d.tabs.Items[0].Text)
		assert.True(t, strings.HasPrefix(d.tabs.Items[1].Text, "Согласие"), d.tabs.Items[1].Text)
		letter := tabText(t, d, 0)
		for _, want := range []string{"ХОДАТАЙСТВО", "ТОО «Алтын-Дала Құрылыс»", "O'CONNOR SEAN", "Z1234567",
			"г. Алматы, мкр. Самал-2, д. 5, кв. 12", "0204200198765432", "Сапаров Ержан", "Проверьте перед печатью",
			"[предположение — проверьте]"} {
			assert.Contains(t, letter, want)
		}
		assert.NotRegexp(t, `\bS\d+\b`, letter, "sources by title, not the rules' key")
		assert.Contains(t, tabText(t, d, 1), "Жақсыбекова Әйгерім")
		assert.False(t, d.write.Disabled())
		assert.Len(t, d.attachBox.Objects, 2, "the signed letter and the signed consent")
	})

	f.locked(func() { findSelects(d.content)[0].SetSelectedIndex(1) }) // Kazakh
	f.wait()
	f.locked(func() {
		assert.Equal(t, "Жұмыс берушінің өтінішхаты", d.tabs.Items[0].Text)
		assert.Contains(t, tabText(t, d, 0), "ӨТІНІШХАТ")
	})
}

// TestLanguageKeptPerCase: the language chosen is the one the case's
// papers open in next time.
func TestLanguageKeptPerCase(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	d := f.open()
	var langSel *widget.Select
	f.locked(func() {
		langSel = findSelects(d.content)[0]
		langSel.SetSelectedIndex(1) // Kazakh
	})
	f.wait()
	d2 := f.open()
	f.locked(func() {
		assert.Equal(t, "kk", d2.lang)
		assert.Equal(t, "Жұмыс берушінің өтінішхаты", d2.tabs.Items[0].Text)
	})
}

// TestMissingFieldsWriteNothing: with no director the dialog names the
// field to fill, shows no paper, offers no write, and writes nothing.
func TestMissingFieldsWriteNothing(t *testing.T) {
	f := newFixture(t, "")
	d := f.open()
	f.locked(func() {
		assert.Nil(t, d.tabs)
		assert.True(t, d.write.Disabled())
		assert.Contains(t, d.status.Text, "ничего не записано")
		text := allText(d.body)
		assert.Contains(t, text, "Компания: ФИО руководителя")
		assert.Empty(t, d.attachBox.Objects)
		d.writeAll() // even if it were pressed
	})
	f.wait()
	_, err := os.Stat(f.papersDir)
	assert.True(t, os.IsNotExist(err), "no folder, no file")
}

// TestConsentChoice: a paper filing without the owners' way of consenting
// asks for it; the choice is recorded on the case and the drafts follow.
func TestConsentChoice(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	f.proc.Housing.Consent = ""
	d := f.open()
	f.locked(func() {
		assert.Contains(t, allText(d.body), "Дело: как собственник подтверждает согласие")
		sels := findSelects(d.content)
		require.Len(t, sels, 2)
		sels[1].SetSelectedIndex(1) // the owner in person
	})
	f.wait()
	f.locked(func() {
		assert.Equal(t, store.ConsentInPerson, f.consent)
		require.Len(t, d.tabs.Items, 2, "no consent draft when the owner comes in person")
		assert.Contains(t, tabText(t, d, 1), "лично")
	})
}

// TestDraftDoesNotCompleteItem: writing the papers puts a .docx and a PDF
// of each into the folder and opens the .docx on request, but attaches
// nothing; the draft itself offered as the scan is refused.
func TestDraftDoesNotCompleteItem(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	d := f.open()
	f.locked(func() { test.Tap(d.write) })
	f.wait()
	var letterDocx string
	f.locked(func() {
		assert.Contains(t, d.status.Text, f.papersDir)
		letterDocx = filepath.Join(f.papersDir, "ходатайство.ru.docx")
		assert.FileExists(t, letterDocx)
		assert.FileExists(t, filepath.Join(f.papersDir, "ходатайство.ru.pdf"))
		assert.FileExists(t, filepath.Join(f.papersDir, "check.ru.txt"))
		open := findButton(t, d.result, "Открыть .docx")
		test.Tap(open)
		require.Len(t, f.opened, 1)
		assert.Equal(t, letterDocx, f.opened[0])
	})
	assert.Empty(t, f.itemFiles(ItemLetter), "writing the letter completes nothing")

	for _, draft := range []string{letterDocx, strings.TrimSuffix(letterDocx, ".docx") + ".pdf"} {
		f.picked = draft
		f.locked(func() {
			test.Tap(findButton(t, d.attachBox, "Прикрепить подписанное ходатайство (скан)"))
		})
		f.wait()
		f.locked(func() { assert.Contains(t, d.status.Text, "черновик", draft) })
		assert.Empty(t, f.attached)
		assert.Empty(t, f.itemFiles(ItemLetter))
	}

	// Another day: the dialog opened afresh still knows the drafts in the folder.
	d2 := f.open()
	f.picked = strings.TrimSuffix(letterDocx, ".docx") + ".pdf"
	f.locked(func() {
		test.Tap(findButton(t, d2.attachBox, "Прикрепить подписанное ходатайство (скан)"))
	})
	f.wait()
	assert.Empty(t, f.attached)
}

// TestAttachSignedScan: the signed scan goes to the letter's item through
// the case's intake and is checked like every scan.
func TestAttachSignedScan(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	d := f.open()
	f.picked = filepath.Join(t.TempDir(), "ходатайство подписанное.jpg")
	require.NoError(t, os.WriteFile(f.picked, scantest.TextPage(), 0o600))
	f.locked(func() {
		test.Tap(findButton(t, d.attachBox, "Прикрепить подписанное ходатайство (скан)"))
	})
	f.wait()
	assert.Equal(t, []string{"application_letter=ходатайство подписанное.jpg"}, f.attached)
	f.locked(func() { assert.Contains(t, d.status.Text, "«Ходатайство работодателя»") })
	files := f.itemFiles(ItemLetter)
	require.Len(t, files, 1)
	docs, err := casework.Validate(context.Background(), f.ws, casework.Validator(f.ws), f.caseID, nil)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.NotEqual(t, scan.Reject, docs[0].Result.Verdict, "the signed scan is accepted for its item")
}

// TestAttachRefusedByTheIntake: the dialog says what the case's intake
// did with the scan. When the intake refuses it, the clerk reads why, not
// that it was attached.
func TestAttachRefusedByTheIntake(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	d := f.open()
	f.picked = filepath.Join(t.TempDir(), "ходатайство подписанное.jpg")
	require.NoError(t, os.WriteFile(f.picked, scantest.TextPage(), 0o600))
	f.refuse = &store.DraftError{Name: "ходатайство подписанное.jpg",
		Draft: store.Draft{Paper: "letter", File: "ходатайство.ru.pdf", CaseID: f.caseID}}
	f.locked(func() {
		test.Tap(findButton(t, d.attachBox, "Прикрепить подписанное ходатайство (скан)"))
	})
	f.wait()
	assert.Empty(t, f.attached)
	assert.Empty(t, f.itemFiles(ItemLetter))
	f.locked(func() {
		assert.Equal(t, store.Explain(i18n.RU, f.refuse), d.status.Text)
		assert.Equal(t, widget.DangerImportance, d.status.Importance)
		assert.NotContains(t, d.status.Text, "прикреплён")
	})
}

func findSelects(o fyne.CanvasObject) []*widget.Select {
	var out []*widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			out = append(out, s)
		}
	})
	return out
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	require.NotNil(t, found, "no button %q", text)
	return found
}

func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// walk visits o and everything inside it that the dialog builds.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(c, fn)
		}
	case *container.Scroll:
		walk(w.Content, fn)
	case *container.AppTabs:
		for _, it := range w.Items {
			walk(it.Content, fn)
		}
	case *widget.Form:
		for _, it := range w.Items {
			walk(it.Widget, fn)
		}
	}
}
