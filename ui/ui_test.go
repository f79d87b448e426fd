package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/bundle"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/overview"
	"dossier/app/roster"
	"dossier/app/scan/scantest"
	"dossier/app/schedule"
	"dossier/app/store"
)

// texts collects every label and card title under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Accordion:
			for _, it := range w.Items {
				out = append(out, it.Title)
				walk(it.Detail)
			}
			return
		case *widget.Form:
			for _, it := range w.Items {
				out = append(out, it.Text)
				walk(it.Widget)
			}
			return
		case *widget.Card:
			out = append(out, w.Title, w.Subtitle)
			if w.Content != nil {
				walk(w.Content)
			}
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if wi, ok := o.(fyne.Widget); ok {
			r := test.WidgetRenderer(wi)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// locked runs fn as the UI thread would: never beside a background callback.
func (u *ui) locked(fn func()) {
	u.lock.Lock()
	defer u.lock.Unlock()
	fn()
}

func newTestUI(t *testing.T) (*ui, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u, err := newUI(a, w)
	if err != nil {
		t.Fatal(err)
	}
	u.lock = &sync.Mutex{}
	// Each test gets its own demo workspace: the test app's storage is shared.
	u.demoDir = filepath.Join(t.TempDir(), "demo")
	// Packages go to a temporary folder, never the home folder.
	packages := t.TempDir()
	u.packageRoot = func() string { return packages }
	u.locked(u.show)
	return u, w
}

func TestCaseScreenShowsSeedChecklistInEveryLanguage(t *testing.T) {
	u, w := newTestUI(t)
	u.current = screenCase
	for _, c := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "Owner's approval with EDS on egov"},
		{i18n.KK, "Тұрғын үй иесінің egov-тағы ЭЦҚ арқылы келісімі"},
		{i18n.RU, "Согласие собственника жилья через ЭЦП на egov"},
	} {
		u.switchLanguage(c.lang)
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, c.want, c.lang)
		assert.NotContains(t, all, "[ui.", "untranslated text in %s", c.lang)
		assert.NotContains(t, all, "[rules.", "untranslated text in %s", c.lang)
	}
	assert.Equal(t, "ru", u.app.Preferences().String(prefLanguage), "the choice is remembered")
}

func TestEditingTheCaseRecomputesTheChecklist(t *testing.T) {
	u, _ := newTestUI(t)
	ed := u.caseEd
	c, problems := ed.Checked()
	assert.Empty(t, problems)
	cl := u.rules.Checklist(c, i18n.RU)
	it, _ := cl.Item("owner_consent")
	assert.Equal(t, "not_applicable", string(it.Status))

	ed.Case().Channel = "paper"
	c, _ = ed.Checked()
	it, _ = u.rules.Checklist(c, i18n.RU).Item("owner_consent")
	assert.Equal(t, "required", string(it.Status), "on paper the notarized consent appears")

	ed.Case().Applicant.Citizenship = "XX"
	_, problems = ed.Checked()
	assert.Len(t, problems, 1)
	assert.Contains(t, problems[0], "Гражданство")
}

// openDemo opens the demo workspace the way a first start does and waits.
func openDemo(t *testing.T, u *ui) {
	t.Helper()
	done := make(chan struct{})
	u.openWorkspace(func() { close(done) })
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the demo workspace did not open")
	}
	if u.ws == nil {
		t.Fatalf("no workspace: %s", u.wsErr)
	}
	t.Cleanup(func() {
		u.locked(u.caseEd.Detach)
		u.bg.Wait()
		u.closeWorkspace()
	})
}

func TestEmployeesScreenFilters(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	u.current = screenEmployees
	u.show()
	v := findEmployees(t, u)
	total := len(v.all)
	require.Greater(t, total, 10, "the demo has a dozen employees or more")
	assert.Len(t, v.shown, total)

	v.query.Filter = overview.ExpiredOnly
	v.apply()
	require.NotEmpty(t, v.shown)
	for _, r := range v.shown {
		assert.Equal(t, overview.Expired, r.Urgency)
	}
	assert.Contains(t, strings.Join(texts(w.Content()), "\n"), fmt.Sprintf("%d из %d", len(v.shown), total))

	v.query = overview.Query{Filter: overview.All, Text: v.all[0].Employee.IIN}
	v.apply()
	assert.NotEmpty(t, v.shown)
	assert.Less(t, len(v.shown), total)

	// Typing in the search box filters too.
	v.query = overview.Query{Filter: overview.All}
	test.Type(v.search, "zzzz-nobody")
	assert.Empty(t, v.shown)
}

// findEmployees builds the roster view directly so the test can drive it.
func findEmployees(t *testing.T, u *ui) *employeesView {
	t.Helper()
	rows := demoRows(t, u)
	v := &employeesView{u: u, all: rows, query: overview.Query{Filter: overview.All}, today: civil.Of(nowKZ())}
	u.win.SetContent(v.build())
	return v
}

// demoRows loads the roster of the open demo workspace.
func demoRows(t *testing.T, u *ui) []overview.Row {
	t.Helper()
	rows, err := overview.Load(context.Background(), u.ws, civil.Of(nowKZ()))
	require.NoError(t, err)
	return rows
}

// anyOpenCase returns the ID of a case the demo left open.
func anyOpenCase(t *testing.T, u *ui) int64 {
	t.Helper()
	for _, r := range demoRows(t, u) {
		if r.OpenCaseID != 0 {
			return r.OpenCaseID
		}
	}
	t.Fatal("the demo has no open case")
	return 0
}

// wait runs an asynchronous UI action and waits for its done callback.
func wait(t *testing.T, start func(done func())) {
	t.Helper()
	ch := make(chan struct{})
	start(func() { close(ch) })
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		t.Fatal("the action did not finish")
	}
}

func eventually(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestOpenStoredCaseAndSaveAsYouType(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	rows := demoRows(t, u)
	var seedRow overview.Row
	for _, r := range rows {
		if r.OpenCaseID != 0 && r.Employee.Citizenship == "RU" && (r.Urgency == overview.Expired || r.Urgency == overview.Awaiting) {
			seedRow = r
		}
	}
	require.NotZero(t, seedRow.OpenCaseID, "the demo holds the seed case")

	wait(t, func(done func()) { u.openCase(seedRow.OpenCaseID, done) })
	require.NotNil(t, u.caseEd.Stored())
	all := strings.Join(texts(w.Content()), "\n")
	assert.Contains(t, all, "Согласие собственника жилья через ЭЦП на egov", "the stored seed case is online")

	u.caseEd.Case().Channel = "paper"
	u.caseEd.Save()
	eventually(t, func() bool {
		c, err := u.ws.Case(context.Background(), seedRow.OpenCaseID)
		return err == nil && c.Channel == "paper"
	}, "the change to be saved")

	// A new case for an employee without one.
	var other overview.Row
	for _, r := range rows {
		if r.OpenCaseID == 0 {
			other = r
			break
		}
	}
	wait(t, func(done func()) { u.newCaseFor(other.Employee, done) })
	assert.Equal(t, other.Employee.ID, u.caseEd.Stored().EmployeeID)
	cases, err := u.ws.Cases(context.Background(), other.Employee.ID)
	require.NoError(t, err)
	assert.Len(t, cases, 1)
}

func TestDroppingFilesAttachesAndShowsFindings(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	rows := demoRows(t, u)
	var emp overview.Row
	for _, r := range rows {
		if r.OpenCaseID == 0 {
			emp = r
			break
		}
	}
	waitDocs := docsWaiter(t, u)
	wait(t, func(done func()) { u.newCaseFor(emp.Employee, done) })
	waitDocs() // the first check of the new, empty case
	u.locked(func() {
		assert.Equal(t, 0, u.caseEd.Tab(), "a new case opens on its checklist")
		u.caseEd.SelectTab(2) // the files
	})

	dir := t.TempDir()
	heic := filepath.Join(dir, "фото паспорта.jpg")
	require.NoError(t, os.WriteFile(heic, scantest.HEICHeader, 0o600))
	u.locked(func() { u.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(heic)}) })
	waitDocs()

	u.lock.Lock()
	defer u.lock.Unlock()
	require.Len(t, u.caseEd.Docs(), 1)
	doc := u.caseEd.Docs()[0]
	assert.Equal(t, "passport", doc.File.ItemID, "the first document item takes dropped files")
	assert.Equal(t, "reject", string(doc.Result.Verdict))
	all := strings.Join(texts(w.Content()), "\n")
	assert.Contains(t, all, "фото паспорта.jpg")
	assert.Contains(t, all, "HEIC", "the finding says what the file is and what to do")
}

func TestBuildFromTheCaseScreen(t *testing.T) {
	useTempBundleSetup(t)

	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	u.caseEd.AfterDocs = func() {}
	wait(t, func(done func()) { u.openCase(caseID, done) })
	root := t.TempDir()
	u.packageRoot = func() string { return root }
	wait(t, func(done func()) {
		u.locked(func() {
			u.buildPackage(done)
			// The first build of the company's case asks where packages go.
			test.Tap(findButton(w.Canvas().Overlays().Top(), u.p.T("ui.build.where_ok")))
		})
	})

	u.lock.Lock()
	defer u.lock.Unlock()
	require.NotNil(t, u.lastBuild, "the build finished and reported")
	require.NotEmpty(t, u.lastBuild.Merged)
	assert.FileExists(t, filepath.Join(u.lastBuild.Dir, u.lastBuild.Merged[0].Path))
	assert.Equal(t, root, filepath.Dir(u.lastBuild.Dir), "in the chosen folder, not the workspace")
	assert.Contains(t, filepath.Base(u.lastBuild.Dir), fmt.Sprintf("case-%d", caseID))
	assert.Contains(t, strings.Join(texts(w.Canvas().Overlays().Top()), "\n"), u.lastBuild.Dir, "the report says where it went")

	// The report is a message box: Escape closes it.
	require.NotNil(t, w.Canvas().Overlays().Top(), "the report is shown")
	assert.Contains(t, strings.Join(texts(w.Canvas().Overlays().Top()), "\n"), u.p.T("ui.build.done"))
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	assert.Nil(t, w.Canvas().Overlays().Top())
}

// The last change before switching to another case is saved, not dropped.
func TestLastEditSurvivesSwitchingCases(t *testing.T) {
	u, _ := newTestUI(t)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	u.locked(func() {
		u.caseEd.Case().Housing.Owners = 3
		u.caseEd.Save()
		u.caseEd.Reset() // switches away at once
	})
	u.bg.Wait()
	c, err := u.ws.Case(context.Background(), caseID)
	require.NoError(t, err)
	assert.Equal(t, 3, c.OwnersCount)
}

func TestScheduleExportFromTheWindow(t *testing.T) {
	u, _ := newTestUI(t)
	openDemo(t, u)
	path := filepath.Join(t.TempDir(), "График РВП.xlsx")
	today := civil.Of(nowKZ())
	var got error
	wait(t, func(done func()) {
		u.locked(func() {
			u.writeSchedule(path, schedule.Options{From: today, To: today.AddDays(365), Today: today}, func(err error) { got = err; done() })
		})
	})
	require.NoError(t, got)
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Positive(t, st.Size())
}

func TestEmployeeFormSavesAndFillsFromIIN(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	var saved store.Employee
	u.locked(func() {
		u.editEmployee(store.Employee{Status: store.StatusActive}, func(e store.Employee) { saved = e })
	})
	// Type into the dialog's form the way a clerk would.
	u.lock.Lock()
	defer u.lock.Unlock()
	form := findForm(w.Canvas().Overlays().Top())
	require.NotNil(t, form, "the employee form is shown")
	entry := func(label string) *appEntry {
		for _, it := range form.Items {
			if it.Text == label {
				return it.Widget.(*appEntry)
			}
		}
		t.Fatalf("no field %q", label)
		return nil
	}
	test.Type(entry("ФИО кириллицей"), "Тестова Айжан")
	test.Type(entry("ИИН"), "790303402568")
	assert.Equal(t, "03.03.1979", entry("Дата рождения").Text, "the birth date comes from the IIN")
	for _, it := range form.Items {
		if it.Text == "Гражданство" {
			it.Widget.(*appSelectEntry).SetText("UZ")
		}
	}
	save := findButton(w.Canvas().Overlays().Top(), "Сохранить")
	require.NotNil(t, save)
	test.Tap(save)
	require.NotZero(t, saved.ID, "saved through the store")
	assert.Equal(t, "F", saved.Sex, "sex from the IIN")
	got, err := u.ws.Employee(context.Background(), saved.ID)
	require.NoError(t, err)
	assert.Equal(t, "Тестова Айжан", got.NameCyr)
	assert.Equal(t, "UZ", got.Citizenship)
}

func findForm(o fyne.CanvasObject) *widget.Form {
	var found *widget.Form
	walkObjects(o, func(o fyne.CanvasObject) {
		if f, ok := o.(*widget.Form); ok && found == nil {
			found = f
		}
	})
	return found
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walkObjects(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walkObjects(c, fn)
		}
		return
	case *widget.Form:
		return
	}
	if wi, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(wi).Objects() {
			walkObjects(c, fn)
		}
	}
}

func TestRosterImportFromTheWindow(t *testing.T) {
	u, _ := newTestUI(t)
	openDemo(t, u)
	csv := "Список сотрудников\n" +
		"ФИО;Гражданство;ИИН;Паспорт;РВП до\n" +
		"Новикова Анна;Россия;790303402568;75 1234567;01.06.2027\n" +
		"Ошибкин Олег;Россия;790303402567;75 7654321;01.06.2027\n"
	path := filepath.Join(t.TempDir(), "список.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
	var res roster.Result
	var got error
	wait(t, func(done func()) {
		u.locked(func() {
			u.imports.PreviewShown = func() { confirmPreview(u) }
			u.imports.Run(path, func(r roster.Result, err error) { res, got = r, err; done() })
		})
	})
	require.NoError(t, got)
	assert.Equal(t, 1, res.Added)
	require.Len(t, res.Skipped, 1, "the row with a wrong IIN is reported, not lost")
	assert.Contains(t, res.Skipped[0].Text(i18n.RU), "4")
}

func TestFamilyMemberCase(t *testing.T) {
	u, _ := newTestUI(t)
	openDemo(t, u)
	ctx := context.Background()
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	var emp store.Employee
	var member store.FamilyMember
	for _, e := range emps {
		fam, err := u.ws.FamilyMembers(ctx, e.ID)
		require.NoError(t, err)
		if len(fam) > 0 {
			emp, member = e, fam[0]
			break
		}
	}
	require.NotZero(t, member.ID, "the demo has a family")
	wait(t, func(done func()) { u.newFamilyCase(emp, member, done) })
	u.lock.Lock()
	defer u.lock.Unlock()
	require.NotNil(t, u.caseEd.Stored())
	assert.Equal(t, member.ID, u.caseEd.Stored().FamilyMemberID)
	c, problems := u.caseEd.Checked()
	assert.Empty(t, problems)
	it, _ := u.rules.Checklist(c, i18n.RU).Item("relationship_document")
	assert.Equal(t, "required", string(it.Status), "a family case needs proof of the relationship")
}

func TestCaseListAndDemoBanner(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	rows := demoRows(t, u)
	var emp store.Employee
	for _, r := range rows {
		if r.OpenCaseID != 0 {
			emp = r.Employee
		}
	}
	u.lock.Lock()
	defer u.lock.Unlock()
	u.current = screenEmployees
	u.show()
	assert.Contains(t, strings.Join(texts(w.Content()), "\n"), "демонстрационная рабочая папка", "the demo says it is one")
	u.showCases(emp)
	overlay := strings.Join(texts(w.Canvas().Overlays().Top()), "\n")
	assert.Contains(t, overlay, "готовится")
	assert.NotContains(t, overlay, "[ui.")
}

func TestSwitchWorkspaceAndRecentList(t *testing.T) {
	u, _ := newTestUI(t)
	openDemo(t, u)
	demoDir := u.ws.Dir()
	other := filepath.Join(t.TempDir(), "клиент Б")
	switched := make(chan struct{})
	go func() {
		for {
			u.lock.Lock()
			done := u.ws != nil && u.ws.Dir() == other
			u.lock.Unlock()
			if done {
				close(switched)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	u.switchWorkspace(other, true)
	select {
	case <-switched:
	case <-time.After(30 * time.Second):
		t.Fatal("did not switch")
	}
	recent := u.app.Preferences().StringList(prefRecent)
	require.GreaterOrEqual(t, len(recent), 2)
	assert.Equal(t, other, recent[0])
	assert.Equal(t, demoDir, recent[1])
}

// Ctrl+N typed in the search box reaches the app: a new case for the only
// employee the search left.
func TestShortcutFromSearchBox(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	u.lock.Lock()
	u.current = screenEmployees
	u.show()
	v := u.roster
	require.NotNil(t, v)
	target := v.all[0].Employee
	w.Canvas().Focus(v.search)
	test.Type(v.search, target.IIN)
	require.Len(t, v.shown, 1)
	u.lock.Unlock()

	opened := make(chan struct{})
	go func() {
		for {
			u.lock.Lock()
			ok := u.caseEd.Stored() != nil && u.caseEd.Stored().EmployeeID == target.ID
			u.lock.Unlock()
			if ok {
				close(opened)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	u.locked(func() {
		v.search.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	})
	select {
	case <-opened:
	case <-time.After(30 * time.Second):
		t.Fatal("Ctrl+N from the search box did nothing")
	}
}

// useTempBundleSetup points the package builder's one-time setup (pdfcpu's
// configuration, the fonts) at a temporary folder for the test.
func useTempBundleSetup(t *testing.T) {
	dir := t.TempDir()
	old := setupBundle
	setupBundle = func() error { return bundle.Setup(dir) }
	t.Cleanup(func() { setupBundle = old })
}
