package ui

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/buildinfo"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/overview"
	"dossier/app/roster"
	"dossier/app/rules"
	"dossier/app/scan/scantest"
	"dossier/app/store"
	"dossier/assets"
)

// queueDriver holds back what fyne.Do posts, as the desktop driver does for
// a call made on the UI thread: it runs after the current event.
type queueDriver struct {
	fyne.Driver
	queue *[]func()
}

func (d queueDriver) DoFromGoroutine(f func(), _ bool) { *d.queue = append(*d.queue, f) }

type queueApp struct {
	fyne.App
	drv fyne.Driver
}

func (a queueApp) Driver() fyne.Driver { return a.drv }

// withQueuedDo makes fyne.Do queue until the returned drain runs the queue.
func withQueuedDo(t *testing.T, u *ui) (drain func()) {
	orig := fyne.CurrentApp()
	var q []func()
	fyne.SetCurrentApp(queueApp{App: orig, drv: queueDriver{Driver: orig.Driver(), queue: &q}})
	t.Cleanup(func() { fyne.SetCurrentApp(orig) })
	return func() {
		for len(q) > 0 {
			f := q[0]
			q = q[1:]
			u.locked(f)
		}
	}
}

// The crash of issue 14: the language select's OnChanged rebuilt the whole
// window while the select was still handling its own event. The desktop
// driver then no longer knows a canvas for the old content's widgets, and a
// Select opening its menu with no canvas dereferences nil in PopUpMenu.
// Fyne's test driver always answers with the last window's canvas, so the
// nil itself cannot happen here; what can be shown is the cause: the
// window's content must stay in place until the callback has returned.
func TestLanguageSwitchRebuildsAfterTheSelectsCallback(t *testing.T) {
	u, w := newTestUI(t)
	u.current = screenSettings
	u.locked(u.show)
	before := w.Content()
	sel := findSelect(before, languageNames[i18n.EN])
	require.NotNil(t, sel, "the language select")

	drain := withQueuedDo(t, u)
	u.locked(func() { sel.SetSelected(languageNames[i18n.EN]) })
	assert.Same(t, before, w.Content(), "the window was rebuilt inside the select's own callback")
	drain()
	assert.NotSame(t, before, w.Content(), "the window is rebuilt once the callback has returned")
	assert.Equal(t, i18n.EN, u.lang)
	assert.Contains(t, texts(w.Content()), "Settings")
}

// On the Files tab a file turns both ways, and the list stays where the
// clerk had scrolled to after each change.
func TestFilesTurnBothWaysAndKeepTheScroll(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1024, 600))
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	waitDocs := docsWaiter(t, u)
	u.caseEd.SetTab(2)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	waitDocs()
	page := filepath.Join(t.TempDir(), "turn me.jpg")
	require.NoError(t, os.WriteFile(page, scantest.TextPage(), 0o600))
	u.locked(func() { u.caseEd.AttachPaths("passport", []string{page}) })
	waitDocs()
	rotation := func() int {
		files, err := u.ws.CaseFiles(context.Background(), caseID)
		require.NoError(t, err)
		for _, f := range files {
			if f.Name == "turn me.jpg" {
				return f.Rotation
			}
		}
		t.Fatal("the file is not attached")
		return 0
	}
	var offset fyne.Position
	u.locked(func() {
		scroll := u.caseEd.Probe().FilesScroll()
		require.Greater(t, scroll.Content.MinSize().Height, scroll.Size().Height, "the list must be longer than its place")
		scroll.ScrollToOffset(fyne.NewPos(0, 120))
		offset = scroll.Offset
		require.NotZero(t, offset.Y)
		test.Tap(rowButton(t, fileRowOf(t, w.Content(), "turn me.jpg"), theme.ContentUndoIcon()))
	})
	waitDocs()
	assert.Equal(t, 270, rotation(), "a quarter turn anticlockwise")
	u.locked(func() {
		assert.Equal(t, offset, u.caseEd.Probe().FilesScroll().Offset, "the list kept its place after the turn")
		test.Tap(rowButton(t, fileRowOf(t, w.Content(), "turn me.jpg"), theme.ContentRedoIcon()))
	})
	waitDocs()
	assert.Equal(t, 0, rotation(), "and back clockwise")
	u.locked(func() { assert.Equal(t, offset, u.caseEd.Probe().FilesScroll().Offset, "and after the second turn") })
}

// "Mark as filed" offers the case's planned filing date, not today.
func TestMarkAsFiledOffersThePlannedDate(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	var caseID int64
	for _, r := range demoRows(t, u) {
		if r.OpenCase == store.StateDraft {
			caseID = r.OpenCaseID
			break
		}
	}
	require.NotZero(t, caseID)
	planned := civil.Of(nowKZ()).AddDays(-2)
	c, err := u.ws.Case(ctx, caseID)
	require.NoError(t, err)
	c.FilingDate = planned
	require.NoError(t, u.ws.SaveCase(ctx, &c))
	wait(t, func(done func()) { u.openCase(caseID, done) })
	u.locked(func() {
		test.Tap(findButton(w.Content(), "Отметить как поданное…"))
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		assert.Equal(t, planned.DMY(), formWidget(t, top, "Дата подачи").(*appEntry).Text, "the planned date is offered")
		test.Tap(findButton(top, "Отметить"))
	})
	eventually(t, func() bool {
		c, err := u.ws.Case(ctx, caseID)
		return err == nil && c.State == store.StateFiled && c.FilingDate == planned
	}, "filed on the planned date")
}

// The roster shows IIN and passport number, so namesakes can be told
// apart, and marks an expired passport or contract; every heading fits its
// column in every language.
func TestRosterColumnsAndExpiredPapers(t *testing.T) {
	u, _ := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	rows := demoRows(t, u)
	e := rows[0].Employee
	today := civil.Of(nowKZ())
	e.PassportExpiry, e.ContractEnd = today.AddDays(-1), today.AddDays(-3)
	require.NoError(t, u.ws.SaveEmployee(ctx, &e, today))
	u.locked(func() {
		u.current = screenEmployees
		u.show()
		v := u.roster
		require.NotNil(t, v)
		i := slices.IndexFunc(v.shown, func(r overview.Row) bool { return r.Employee.ID == e.ID })
		require.GreaterOrEqual(t, i, 0)
		cell := func(col overview.Column) *widget.Label {
			c := slices.IndexFunc(employeeColumns, func(c struct {
				key   string
				col   overview.Column
				width float32
			}) bool {
				return c.col == col
			})
			require.GreaterOrEqual(t, c, 0, "column %v", col)
			l := widget.NewLabel("")
			v.fillCell(widget.TableCellID{Row: i, Col: c}, l)
			return l
		}
		assert.Equal(t, e.IIN, cell(overview.ByIIN).Text)
		assert.Equal(t, e.PassportNo, cell(overview.ByPassportNo).Text)
		for _, col := range []overview.Column{overview.ByPassport, overview.ByContract} {
			l := cell(col)
			assert.Equal(t, widget.DangerImportance, l.Importance, "expired paper in column %v", col)
			assert.True(t, l.TextStyle.Bold)
		}
		assert.Equal(t, widget.MediumImportance, cell(overview.ByName).Importance, "a recycled cell loses the red")
	})
	for _, l := range i18n.Langs {
		p := i18n.Printer{Lang: l}
		for i, c := range employeeColumns {
			head := widget.NewButtonWithIcon(p.T(c.key), theme.MoveDownIcon(), nil)
			assert.GreaterOrEqual(t, columnWidth(p, i), head.MinSize().Width, "%s header %q fits", l, p.T(c.key))
		}
	}
}

// Green, amber and red text is readable on the light theme: a contrast of
// at least 4.5 to 1 against the background (WCAG AA for body text).
func TestStatusColoursReadableOnLightTheme(t *testing.T) {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	contrast := func(a, b color.Color) float64 {
		la, lb := lum(a), lum(b)
		return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
	}
	th := &readableTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
	for _, n := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError} {
		assert.GreaterOrEqual(t, contrast(th.Color(n, theme.VariantDark), bg), 4.5, "%s on the light background", n)
		assert.Less(t, contrast(theme.DefaultTheme().Color(n, theme.VariantLight), bg), 4.5, "Fyne's own %s was the problem", n)
	}
	dark := &readableTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	assert.Equal(t, theme.DefaultTheme().Color(theme.ColorNameSuccess, theme.VariantDark), dark.Color(theme.ColorNameSuccess, theme.VariantLight), "dark stays as it is")
}

// After a restart in a workspace, the Case tab holds no made-up case: it
// says where cases come from. Ctrl+N with nobody selected opens a blank
// trial case, never one filled with the demo's applicant.
func TestNoPhantomCaseInAWorkspace(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	seed, err := rules.ParseCase(assets.SeedCase)
	require.NoError(t, err)
	require.NotEmpty(t, seed.Applicant.Name)
	u.locked(func() {
		u.current = screenCase
		u.show()
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, u.p.T("ui.case.none"))
		assert.NotContains(t, all, seed.Applicant.Name, "the demo's applicant is not a case here")
		assert.Nil(t, findForm(w.Content()), "nothing to edit")

		u.forwardShortcut(ctrl(fyne.KeyN))
		all = strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, u.p.T("ui.case.scratch_title"))
		assert.NotContains(t, all, seed.Applicant.Name)
		assert.Empty(t, u.caseEd.Case().Applicant.Name, "a blank trial case")
		// Its empty citizenship is not filled yet, not a wrong code.
		assert.Contains(t, all, "Гражданство: ещё не указано")
		assert.NotContains(t, all, "«»")
	})
}

// An import that changes the open case's employee shows at once in the case.
func TestImportRefreshesTheOpenCase(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	var row overview.Row
	for _, r := range demoRows(t, u) {
		if r.OpenCaseID != 0 && r.Employee.IIN != "" && r.Employee.PassportNo != "" {
			row = r
			break
		}
	}
	require.NotZero(t, row.OpenCaseID)
	wait(t, func(done func()) { u.openCase(row.OpenCaseID, done) })
	newExpiry := civil.Of(nowKZ()).AddDays(400)
	e := row.Employee
	csv := "ФИО;Гражданство;ИИН;Паспорт;РВП до\n" +
		e.Name() + ";" + e.Citizenship + ";" + e.IIN + ";" + e.PassportNo + ";" + newExpiry.DMY() + "\n"
	path := filepath.Join(t.TempDir(), "список.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
	wait(t, func(done func()) {
		u.locked(func() { u.importForTest(path, done) })
	})
	eventually(t, func() bool {
		var ok bool
		u.locked(func() { ok = u.caseEd.Case().Applicant.PermitExpires == newExpiry })
		return ok
	}, "the open case shows the imported permit expiry")
	u.locked(func() {
		assert.Equal(t, screenCase, u.current, "the clerk stays where they were")
		assert.Equal(t, newExpiry.DMY(), formWidget(t, w.Content(), "РВП действует до").(*appEntry).Text)
	})
}

// importForTest imports path as a clerk would, confirming the preview.
func (u *ui) importForTest(path string, done func()) {
	u.imports.PreviewShown = func() { confirmPreview(u) }
	u.imports.Run(path, func(roster.Result, error) { done() })
}

// confirmPreview taps the import preview's confirm button (on the UI thread).
func confirmPreview(u *ui) {
	top := u.win.Canvas().Overlays().Top()
	for _, key := range []string{"ui.import.go", "ui.import.go_partial"} {
		if b := findButton(top, u.p.T(key)); b != nil {
			test.Tap(b)
			return
		}
	}
	panic("no confirm button in the import preview")
}

// Sources are named by their titles, never by the rules file's keys.
func TestSourcesShowTitlesNotCodes(t *testing.T) {
	u, w := newTestUI(t)
	u.current = screenCase
	for _, tab := range []int{0, 1} {
		u.caseEd.SetTab(tab)
		u.locked(u.show)
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, "dos-immigration.kz", "tab %d", tab)
		assert.NotRegexp(t, `\bS\d+\b`, all, "tab %d shows a source key", tab)
	}
}

// A date on a day off names the working days around it.
func TestTimelineNamesTheWorkingDayForADayOff(t *testing.T) {
	u, w := newTestUI(t)
	u.current = screenCase
	u.caseEd.SetTab(1)
	u.locked(u.show)
	assert.Contains(t, strings.Join(texts(w.Content()), "\n"),
		"13.01.2024 · прошло · нерабочий день · последний рабочий день до него — 12.01.2024 (надёжно), ближайший рабочий день после — 15.01.2024")
}

// An import shows what it will do before anything is written, and can be
// taken back as one step until the employees it touched are edited.
func TestImportPreviewAndUndo(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	rows := demoRows(t, u)
	var known store.Employee
	for _, r := range rows {
		if r.Employee.IIN != "" && r.Employee.PassportNo != "" {
			known = r.Employee
			break
		}
	}
	require.NotZero(t, known.ID)
	newExpiry := civil.Of(nowKZ()).AddDays(500)
	csv := "ФИО;Гражданство;ИИН;Паспорт;РВП до\n" +
		"Новикова Анна;Россия;790303402568;75 1234567;01.06.2027\n" +
		known.Name() + ";" + known.Citizenship + ";" + known.IIN + ";" + known.PassportNo + ";" + newExpiry.DMY() + "\n" +
		"Ошибкин Олег;Россия;790303402567;75 7654321;01.06.2027\n"
	path := filepath.Join(t.TempDir(), "список.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
	count := func() int {
		emps, err := u.ws.Employees(ctx, store.EmployeeFilter{})
		require.NoError(t, err)
		return len(emps)
	}
	before := count()

	// The preview: nothing written, every kind of line named.
	shown := make(chan string, 1)
	u.imports.PreviewShown = func() { shown <- strings.Join(texts(u.win.Canvas().Overlays().Top()), "\n") }
	var res roster.Result
	finished := make(chan struct{})
	u.locked(func() {
		u.imports.Run(path, func(r roster.Result, err error) { require.NoError(t, err); res = r; close(finished) })
	})
	var preview string
	select {
	case preview = <-shown:
	case <-time.After(60 * time.Second):
		t.Fatal("no preview")
	}
	assert.Equal(t, before, count(), "the preview writes nothing")
	for _, want := range []string{"Будет добавлено: 1, изменено: 1, пропущено: 1", "Новикова Анна", known.Name(), "РВП до", "строка 4: ИИН"} {
		assert.Contains(t, preview, want)
	}
	u.locked(func() { confirmPreview(u) })
	select {
	case <-finished:
	case <-time.After(60 * time.Second):
		t.Fatal("the import did not finish")
	}
	assert.True(t, res.Written)
	assert.Equal(t, before+1, count())
	changed, err := u.ws.Employee(ctx, known.ID)
	require.NoError(t, err)
	assert.Equal(t, newExpiry, changed.TRPExpiry)

	// The undo: one step, recorded, the roster as before.
	u.locked(func() {
		require.NotNil(t, u.imports.Last())
		test.Tap(findButton(w.Canvas().Overlays().Top(), u.p.T("ui.import.undo")))
		test.Tap(findButton(w.Canvas().Overlays().Top(), "Да"))
	})
	eventually(t, func() bool { return count() == before }, "the added employee removed")
	back, err := u.ws.Employee(ctx, known.ID)
	require.NoError(t, err)
	assert.Equal(t, known.TRPExpiry, back.TRPExpiry, "the changed field restored")
	hist, err := u.ws.History(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, "undo_import", hist[0].Action)
	eventually(t, func() bool {
		var gone bool
		u.locked(func() { gone = u.imports.Last() == nil })
		return gone
	}, "no second undo offered")
}

// Once an imported employee is edited, the roster no longer offers the undo.
func TestImportUndoWithdrawnAfterAnEdit(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	csv := "ФИО;Гражданство;ИИН;Паспорт;РВП до\nНовикова Анна;Россия;790303402568;75 1234567;01.06.2027\n"
	path := filepath.Join(t.TempDir(), "список.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
	wait(t, func(done func()) { u.locked(func() { u.importForTest(path, done) }) })
	u.locked(func() {
		require.NotNil(t, u.imports.Last())
		require.Len(t, u.imports.Last().Undo.Added, 1)
	})
	undoLabel := func() string { return u.p.T("ui.import.undo_at", u.imports.Last().Label) }
	var label string
	u.locked(func() {
		label = undoLabel()
		u.current = screenEmployees
		u.show()
	})
	eventually(t, func() bool {
		var b *widget.Button
		u.locked(func() { b = findButton(w.Content(), label) })
		return b != nil
	}, "the roster offers the undo")

	e := u.imports.Last().Undo.Added[0]
	e.NameLat = "NOVIKOVA ANNA"
	require.NoError(t, u.ws.SaveEmployee(ctx, &e, civil.Of(nowKZ())))
	u.locked(u.show)
	eventually(t, func() bool {
		var gone bool
		u.locked(func() { gone = u.imports.Last() == nil && findButton(w.Content(), label) == nil })
		return gone
	}, "the undo withdrawn after the edit")
}

// answerPackageFolder says "Build here" when a build asks where the
// company's packages go (the proposal is a temporary folder in tests).
func answerPackageFolder(u *ui) {
	if b := findButton(u.win.Canvas().Overlays().Top(), u.p.T("ui.build.where_ok")); b != nil {
		test.Tap(b)
	}
}

// The package folder is remembered per company: a second build goes there
// without asking, and another company's case asks again.
func TestPackageFolderRememberedPerCompany(t *testing.T) {
	useTempBundleSetup(t)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	caseID := anyOpenCase(t, u)
	u.caseEd.AfterDocs = func() {}
	wait(t, func(done func()) { u.openCase(caseID, done) })
	chosen := t.TempDir()
	var employerID int64
	u.locked(func() {
		emp, err := u.ws.Employee(ctx, u.caseEd.Stored().EmployeeID)
		require.NoError(t, err)
		employerID = emp.EmployerID
	})
	require.NoError(t, u.ws.SetSetting(ctx, packageDirKey(employerID), chosen))
	wait(t, func(done func()) { u.locked(func() { u.buildPackage(done) }) }) // no question: remembered
	u.locked(func() {
		require.NotNil(t, u.lastBuild)
		assert.Equal(t, chosen, filepath.Dir(u.lastBuild.Dir))
		assert.Contains(t, strings.Join(texts(w.Canvas().Overlays().Top()), "\n"), u.p.T("ui.build.written_to", u.lastBuild.Dir))
	})
	other, err := u.ws.Setting(ctx, packageDirKey(employerID+1000), "")
	require.NoError(t, err)
	assert.Empty(t, other, "another company has its own choice")
}

// Fyne's own dialogs speak the clerk's language: our titles and buttons on
// the file dialogs (never «Открыть Папка»), Fyne's own strings from the
// translations we register, and no "(Select one)" on any select.
func TestDialogStringsTranslated(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1024, 600))
	skipWelcome(u)
	openDemo(t, u)
	for _, c := range []struct {
		lang         i18n.Lang
		title, ok    string
		cancel, fyne string // Fyne's own string in the dialog: the way up
	}{
		{i18n.RU, "Откройте папку рабочего пространства", "Выбрать эту папку", "Отмена", "(Вверх)"},
		{i18n.KK, "Жұмыс кеңістігінің қалтасын ашыңыз", "Осы қалтаны таңдау", "Болдырмау", "(Жоғары)"},
	} {
		u.locked(func() {
			u.switchLanguage(c.lang)
			d := u.folderDialog(u.p.T("ui.dialog.ws_open"), u.p.T("ui.dialog.choose_folder"), t.TempDir(), func(string) {})
			d.Show()
			top := w.Canvas().Overlays().Top()
			require.NotNil(t, top)
			all := strings.Join(texts(top), "\n")
			assert.Contains(t, all, c.title, c.lang)
			assert.NotContains(t, all, "Открыть Папка")
			assert.NotContains(t, all, "Open Folder")
			assert.NotNil(t, findButton(top, c.ok), "%s: confirm button", c.lang)
			assert.NotNil(t, findButton(top, c.cancel), "%s: cancel button", c.lang)
			assert.Contains(t, all, c.fyne, "Fyne's own string")
			d.Hide()
		})
		for _, s := range []screenID{screenEmployees, screenCase, screenSettings} {
			u.locked(func() {
				u.current = s
				u.show()
				walkObjects(w.Content(), func(o fyne.CanvasObject) {
					if sel, ok := o.(*widget.Select); ok {
						assert.NotEqual(t, "(Select one)", sel.PlaceHolder, "%s %s", c.lang, s)
					}
				})
			})
		}
	}
}

// The window fits a 1024×600 screen (less its panel and title bar) on every
// screen in every language.
func TestWindowFitsASmallScreen(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	for _, l := range i18n.Langs {
		for _, s := range []screenID{screenEmployees, screenCase, screenSettings} {
			for tab := 0; tab < 3; tab++ {
				u.locked(func() {
					u.switchLanguage(l)
					u.current = s
					u.caseEd.SetTab(tab)
					u.show()
					m := w.Content().MinSize()
					assert.LessOrEqual(t, m.Width, float32(1024), "%s %s tab %d is %v wide", l, s, tab, m.Width)
					assert.LessOrEqual(t, m.Height, float32(560), "%s %s tab %d is %v high", l, s, tab, m.Height)
				})
			}
		}
	}
}

// The mouse wheel over a field of the case form scrolls the form.
func TestWheelOverAFieldScrollsTheForm(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1024, 600))
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	u.locked(func() {
		date := formWidget(t, w.Content(), "Дата подачи")
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(date).Add(fyne.NewPos(10, 10))
		require.Zero(t, u.caseEd.Probe().FormScroll().Offset.Y)
		test.Scroll(w.Canvas(), at, 0, -120)
		assert.Positive(t, u.caseEd.Probe().FormScroll().Offset.Y, "the form moved")
	})
}

// The mouse wheel moves every form of the window while the pointer rests
// on any field, a name or a citizenship box included: Fyne's entry kept
// those turns for its own text scroller, so the form stood still.
func TestWheelOverANameFieldScrollsEveryForm(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1024, 600))
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	emp := store.Employee{Status: store.StatusActive, NameLat: "TEST PERSON"}
	er, err := u.ws.Employers(context.Background())
	require.NoError(t, err)
	require.NotEmpty(t, er)
	dialogs := func() fyne.CanvasObject { return w.Canvas().Overlays().Top() }
	for _, c := range []struct {
		form, field string
		open        func()
		root        func() fyne.CanvasObject
		height      float32 // low enough for the form to scroll, its field in view
	}{
		{"employee", "ФИО латиницей (как в паспорте)", func() { u.locked(func() { u.editEmployee(emp, nil) }) }, dialogs, 360},
		{"employee", "Гражданство", func() { u.locked(func() { u.editEmployee(emp, nil) }) }, dialogs, 360},
		{"family member", "ФИО кириллицей", func() { u.locked(func() { u.editFamilyMember(emp, store.FamilyMember{}, nil) }) }, dialogs, 360},
		{"company", "Наименование", func() { u.locked(func() { u.editCompany(er[0], "", nil) }) }, dialogs, 360},
		{"case", "ФИО", func() { wait(t, func(done func()) { u.openCase(caseID, done) }) }, w.Content, 600},
		{"case", "Гражданство", func() { wait(t, func(done func()) { u.openCase(caseID, done) }) }, w.Content, 600},
		{"settings", "Предел файла для egov, МБ", func() { u.locked(func() { u.current = screenSettings; u.show() }) }, w.Content, 360},
	} {
		t.Run(c.form+"/"+c.field, func(t *testing.T) {
			c.open()
			u.locked(func() { w.Resize(fyne.NewSize(1024, c.height)) })
			defer u.locked(func() {
				for w.Canvas().Overlays().Top() != nil {
					w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
				}
				w.Resize(fyne.NewSize(1024, 600))
			})
			u.locked(func() {
				root := c.root()
				field := formWidget(t, root, c.field)
				at := fyne.CurrentApp().Driver().AbsolutePositionForObject(field).Add(fyne.NewPos(10, 10))
				before := scrollOffsets(root)
				test.Scroll(w.Canvas(), at, 0, -120)
				after := scrollOffsets(root)
				moved := false
				for s, y := range after {
					moved = moved || y > before[s]
				}
				assert.True(t, moved, "the %s form moved under the wheel over %q", c.form, c.field)
			})
		})
	}
}

// A sideways turn over a name longer than its field moves the name inside
// the field (as Fyne's entry does), not the form.
func TestSidewaysWheelMovesALongNameInItsField(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1024, 600))
	skipWelcome(u)
	openDemo(t, u)
	long := store.Employee{Status: store.StatusActive, NameLat: strings.Repeat("ABDURAKHMANOVA-", 12) + "END"}
	u.locked(func() { u.editEmployee(long, nil) })
	u.lock.Lock()
	defer u.lock.Unlock()
	root := w.Canvas().Overlays().Top()
	field := formWidget(t, root, "ФИО латиницей (как в паспорте)").(*appEntry)
	require.NotNil(t, field.TextScroller(), "a name field has its own text scroller")
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(field).Add(fyne.NewPos(20, 10))
	test.MoveMouse(w.Canvas(), at)
	before := scrollOffsets(root)
	test.Scroll(w.Canvas(), at, -120, 0)
	assert.Positive(t, field.TextScroller().Offset.X, "the long name moved inside its field")
	for s, y := range scrollOffsets(root) {
		assert.Equal(t, before[s], y, "the form stayed")
	}
	// Out of the field, the pointer no longer sends sideways turns to it.
	test.MoveMouse(w.Canvas(), fyne.NewPos(1, 1))
	x := field.TextScroller().Offset.X
	test.Scroll(w.Canvas(), at, -120, 0)
	assert.Equal(t, x, field.TextScroller().Offset.X)
}

// scrollOffsets maps each scroller under o (fields' own excepted) to its
// vertical offset.
func scrollOffsets(o fyne.CanvasObject) map[*container.Scroll]float32 {
	out := map[*container.Scroll]float32{}
	walkObjects(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok {
			out[s] = s.Offset.Y
		}
	})
	return out
}

// Settings' "about" names the build's commit when the binary knows it and
// leaves the part out cleanly when it does not (a build without VCS stamp
// or flags showed "(сборка )").
func TestAboutWithAndWithoutCommit(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	saved := buildinfo.Commit
	t.Cleanup(func() { buildinfo.Commit = saved })
	for _, c := range []struct{ commit, want string }{
		{"", "Dossier " + buildinfo.Version + ". Правила:"},
		{"0123abcd4567", "Dossier " + buildinfo.Version + " (сборка 0123abcd4567). Правила:"},
	} {
		buildinfo.Commit = c.commit
		u.locked(func() {
			u.current = screenSettings
			u.show()
			all := strings.Join(texts(w.Content()), "\n")
			assert.Contains(t, all, c.want)
			assert.NotContains(t, all, "сборка )")
		})
	}
}

// The hints under the fields of the company form and the clock-dates form
// are read in full, in every language (the widest lost its last letters:
// "на egc", "в карточке сотрудник").
func TestFormHintsFit(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	w.Resize(fyne.NewSize(1000, 540))
	emps, err := u.ws.Employees(context.Background(), store.EmployeeFilter{})
	require.NoError(t, err)
	forms := map[string]func(){
		"company":     func() { u.editCompany(store.Employer{}, "", nil) },
		"clock dates": func() { u.editClockDates(emps[0], nil) },
	}
	for _, l := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
		for name, open := range forms {
			u.locked(func() {
				u.setLanguage(l)
				open()
				top := w.Canvas().Overlays().Top()
				hintsFit(t, top, fmt.Sprintf("%s %s", name, l))
				w.Canvas().Overlays().Remove(top)
			})
		}
	}
}

// hintsFit checks that every hint of the form in top ends inside the
// dialog's scroller.
func hintsFit(t *testing.T, top fyne.CanvasObject, what string) {
	t.Helper()
	form := findForm(top)
	require.NotNil(t, form, what)
	var scroll *container.Scroll
	walkObjects(top, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && scroll == nil {
			scroll = s
		}
	})
	require.NotNil(t, scroll, what)
	d := fyne.CurrentApp().Driver()
	visible := d.AbsolutePositionForObject(scroll).X + scroll.Size().Width
	for _, it := range form.Items {
		if it.HintText == "" {
			continue
		}
		// Fyne sets the hint in by the inner padding, below the field.
		size := fyne.MeasureText(it.HintText, theme.CaptionTextSize(), fyne.TextStyle{})
		end := d.AbsolutePositionForObject(it.Widget).X + theme.InnerPadding() + size.Width
		assert.LessOrEqual(t, end, visible, "%s: %q", what, it.HintText)
	}
}
