package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/overview"
	"dossier/app/scan"
	"dossier/app/scan/scantest"
	"dossier/app/store"
)

// skipWelcome makes the next start behave as a later one as far as the
// welcome goes, for tests about other things.
func skipWelcome(u *ui) { u.app.Preferences().SetBool(prefWelcomeShown, true) }

func findSelect(o fyne.CanvasObject, option string) *widget.Select {
	var found *widget.Select
	look := func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && found == nil && slices.Contains(s.Options, option) {
			found = s
		}
	}
	walkObjects(o, look)
	for _, f := range visibleForms(o) {
		for _, it := range f.Items {
			walkObjects(it.Widget, look)
		}
	}
	return found
}

// formWidget returns the widget of the form item labelled label anywhere
// under o.
func formWidget(t *testing.T, o fyne.CanvasObject, label string) fyne.CanvasObject {
	t.Helper()
	var found fyne.CanvasObject
	walkObjects(o, func(o fyne.CanvasObject) {
		if f, ok := o.(*widget.Form); ok {
			for _, it := range f.Items {
				if it.Text == label && found == nil {
					found = it.Widget
				}
			}
		}
	})
	require.NotNil(t, found, "no field %q", label)
	return found
}

// visibleForms lists the forms under o that are shown, in tree order.
func visibleForms(o fyne.CanvasObject) []*widget.Form {
	var out []*widget.Form
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Form:
			out = append(out, w)
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if wi, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wi).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func ctrl(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// The target resolution is kept in the workspace, offered again as chosen,
// and files already checked are judged again under it rather than served
// from the cache.
func TestTargetDPISettingPersistsAndRejudges(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	caseID := anyOpenCase(t, u)
	page := filepath.Join(t.TempDir(), "договор.jpg")
	require.NoError(t, os.WriteFile(page, scantest.TextPage(), 0o600)) // 200 dpi on A4
	_, err := casework.Attach(ctx, u.ws, caseID, "passport", []string{page})
	require.NoError(t, err)
	lowDPI := func() (found, cached bool) {
		t.Helper()
		docs, err := casework.Validate(ctx, u.ws, casework.Validator(u.ws), caseID, nil)
		require.NoError(t, err)
		for _, d := range docs {
			if d.File.Name == "договор.jpg" {
				return d.Result.Has(scan.CodeLowDPI), d.Result.Cached
			}
		}
		t.Fatal("the attached page is not in the case")
		return
	}
	found, _ := lowDPI()
	assert.False(t, found, "200 dpi meets the default target")
	found, cached := lowDPI()
	assert.False(t, found)
	assert.True(t, cached, "checked again without a change: from the cache")

	u.locked(func() {
		u.current = screenSettings
		u.show()
		sel := findSelect(w.Content(), "300 dpi")
		require.NotNil(t, sel, "the settings offer a target resolution")
		assert.Equal(t, "200 dpi (рекомендуется)", sel.Selected)
		assert.Contains(t, strings.Join(texts(w.Content()), "\n"), "Желаемое разрешение сканов")
		u.caseEd.Probe().SetFilesChecked(true)
		sel.SetSelected("300 dpi")
		assert.False(t, u.caseEd.Probe().FilesChecked(), "the open case's files are checked again when shown")
		u.show() // as when the clerk comes back to the settings
		assert.Equal(t, "300 dpi", findSelect(w.Content(), "300 dpi").Selected, "the choice is kept")
	})

	stored, err := u.ws.Setting(ctx, store.SettingTargetDPI, "")
	require.NoError(t, err)
	assert.Equal(t, "300", stored, "kept in the workspace")
	assert.Equal(t, 300, casework.Validator(u.ws).Options().WarnDPI)
	found, cached = lowDPI()
	assert.True(t, found, "below the new target: warned")
	assert.False(t, cached, "judged again, not served from the cache")

	u.locked(func() { findSelect(w.Content(), "300 dpi").SetSelected("150 dpi") })
	found, _ = lowDPI()
	assert.False(t, found)
}

// The case window moves a case draft → filed → approved, each after a
// confirmation; the move is saved at once, recorded, and shown in the
// roster's "open case" column and the case list.
func TestCaseStateFromTheCaseWindow(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	var row overview.Row
	for _, r := range demoRows(t, u) {
		if r.OpenCase == store.StateDraft {
			row = r
			break
		}
	}
	require.NotZero(t, row.OpenCaseID, "the demo has a case in preparation")
	caseID := row.OpenCaseID
	wait(t, func(done func()) { u.openCase(caseID, done) })
	today := civil.Of(nowKZ())

	stateIs := func(want string) {
		t.Helper()
		eventually(t, func() bool {
			c, err := u.ws.Case(ctx, caseID)
			return err == nil && c.State == want
		}, "the case to be "+want)
	}
	// tapThen taps the button labelled button in the window, then the one
	// labelled confirm in the dialog it opens.
	tapThen := func(button, confirm string) {
		t.Helper()
		u.locked(func() {
			all := strings.Join(texts(w.Content()), "\n")
			b := findButton(w.Content(), button)
			require.NotNil(t, b, "no %q in:\n%s", button, all)
			test.Tap(b)
			top := w.Canvas().Overlays().Top()
			require.NotNil(t, top, "a confirmation is asked")
			ok := findButton(top, confirm)
			require.NotNil(t, ok, "no %q in the confirmation", confirm)
			test.Tap(ok)
		})
	}

	tapThen("Отметить как поданное…", "Отметить")
	stateIs(store.StateFiled)
	c, err := u.ws.Case(ctx, caseID)
	require.NoError(t, err)
	assert.Equal(t, today, c.FilingDate, "filed today unless the clerk says otherwise")
	u.locked(func() {
		assert.Contains(t, strings.Join(texts(w.Content()), "\n"), "Состояние: подано")
		assert.Nil(t, findButton(w.Content(), "Отметить как поданное…"), "a filed case is not filed again")
	})
	assert.Equal(t, store.StateFiled, rowOf(t, u, row.Employee.ID).OpenCase)

	tapThen("Одобрено…", "Да")
	stateIs(store.StateApproved)
	hist, err := u.ws.History(ctx, 50)
	require.NoError(t, err)
	var moves []string
	for _, h := range hist {
		if h.Action == "state" && h.EntityID == caseID {
			moves = append(moves, h.Detail)
		}
	}
	assert.Equal(t, []string{"filed → approved", "draft → filed " + today.DMY()}, moves, "recorded in the history")

	// An approved case is no longer open: the roster's column says so.
	u.locked(func() { rosterAfterApproval(t, u, w, row) })
}

func rosterAfterApproval(t *testing.T, u *ui, w fyne.Window, row overview.Row) {
	u.current = screenEmployees
	u.show()
	v := u.roster
	require.NotNil(t, v)
	i := slices.IndexFunc(v.shown, func(r overview.Row) bool { return r.Employee.ID == row.Employee.ID })
	require.GreaterOrEqual(t, i, 0)
	col := slices.IndexFunc(employeeColumns, func(c struct {
		key   string
		col   overview.Column
		width float32
	}) bool {
		return c.col == overview.ByCase
	})
	cell := widget.NewLabel("")
	v.fillCell(widget.TableCellID{Row: i, Col: col}, cell)
	assert.Equal(t, "—", cell.Text)
	u.showCases(row.Employee)
	assert.Contains(t, strings.Join(texts(w.Canvas().Overlays().Top()), "\n"), "одобрено")
}

func rowOf(t *testing.T, u *ui, employeeID int64) overview.Row {
	t.Helper()
	for _, r := range demoRows(t, u) {
		if r.Employee.ID == employeeID {
			return r
		}
	}
	t.Fatalf("no employee %d", employeeID)
	return overview.Row{}
}

// A move the store would refuse is refused in the window at once, and the
// case keeps its state.
func TestFilingInTheFutureIsRefused(t *testing.T) {
	u, _ := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	var got error
	u.locked(func() {
		u.caseEd.Stored().State = store.StateDraft
		u.caseEd.ChangeState(store.StateFiled, civil.Of(nowKZ()).AddDays(3), func(err error) { got = err })
	})
	require.ErrorIs(t, got, store.ErrInvalid)
	u.locked(func() { assert.Equal(t, store.StateDraft, u.caseEd.Stored().State) })
}

// The first start greets with the three choices over the open demo; the
// second start does not, and neither does a start after the welcome was
// seen even when no workspace is remembered.
func TestWelcomeOnFirstStartOnly(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	u.locked(func() { firstWelcome(t, u, w) })
	u.bg.Wait()
	u.closeWorkspace()

	for _, tc := range []struct {
		name   string
		forget bool
	}{{"second start", false}, {"no workspace remembered, welcome seen", true}} {
		if tc.forget {
			u.app.Preferences().SetString(prefWorkspace, "")
		}
		w2 := test.NewWindow(nil)
		u2, err := newUI(u.app, w2)
		require.NoError(t, err)
		u2.lock = &sync.Mutex{}
		u2.demoDir = u.demoDir
		openDemo(t, u2)
		u.locked(func() { assert.Nil(t, w2.Canvas().Overlays().Top(), tc.name) })
		u2.locked(u2.caseEd.Detach)
		u2.bg.Wait()
		u2.closeWorkspace()
		w2.Close()
	}
}

func firstWelcome(t *testing.T, u *ui, w fyne.Window) {
	top := w.Canvas().Overlays().Top()
	require.NotNil(t, top, "the first start shows the welcome")
	assert.Contains(t, strings.Join(texts(top), "\n"), "Добро пожаловать в Dossier")
	for _, b := range []string{"Открыть демонстрационную папку", "Создать новую рабочую папку…", "Открыть существующую папку…"} {
		assert.NotNil(t, findButton(top, b), b)
	}
	assert.True(t, u.app.Preferences().Bool(prefWelcomeShown), "remembered as shown")
	test.Tap(findButton(top, "Открыть демонстрационную папку"))
	assert.Nil(t, w.Canvas().Overlays().Top(), "the demo choice just closes the welcome")
	assert.Equal(t, filepath.Clean(u.demoDir), filepath.Clean(u.ws.Dir()), "the demo stays open")
	u.caseEd.Detach()
}

func TestWelcomeClosesWithEscape(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	u.locked(func() {
		require.NotNil(t, w.Canvas().Overlays().Top())
		w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		assert.Nil(t, w.Canvas().Overlays().Top())
		assert.Nil(t, w.Canvas().OnTypedKey(), "Escape is the canvas's own again")
		assert.NotNil(t, u.ws)
	})
}

// The app's shortcuts work while the cursor is in any form entry: the
// employee form, the case editor, the settings. The entry's own shortcuts
// (select all) stay with it.
func TestShortcutsFromFormEntries(t *testing.T) {
	useTempBundleSetup(t)

	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)

	// Ctrl+N from the employee form, nobody selected: a scratch case.
	u.locked(func() {
		u.current = screenEmployees
		u.show()
		u.editEmployee(store.Employee{Status: store.StatusActive}, nil)
		name := formWidget(t, w.Canvas().Overlays().Top(), "ФИО кириллицей").(*appEntry)
		test.Type(name, "Тестова")
		name.TypedShortcut(&fyne.ShortcutSelectAll{})
		assert.Equal(t, "Тестова", name.SelectedText(), "the entry keeps its own shortcuts")
		name.TypedShortcut(ctrl(fyne.KeyN))
		assert.Equal(t, screenCase, u.current, "Ctrl+N reached the app")
		assert.Nil(t, u.caseEd.Stored())
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

		// Ctrl+E from the citizenship box of the case form.
		formWidget(t, w.Content(), "Гражданство").(*appSelectEntry).TypedShortcut(ctrl(fyne.KeyE))
		assert.Equal(t, screenEmployees, u.current)

		// Ctrl+, then Ctrl+E from the settings' budget entry.
		u.roster.search.TypedShortcut(ctrl(fyne.KeyComma))
		assert.Equal(t, screenSettings, u.current)
		formWidget(t, w.Content(), "Предел файла для egov, МБ").(*appEntry).TypedShortcut(ctrl(fyne.KeyE))
		assert.Equal(t, screenEmployees, u.current)
	})

	// Ctrl+B from the filing date of a stored case builds its package.
	caseID := anyOpenCase(t, u)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	u.locked(func() {
		date := formWidget(t, w.Content(), "Дата подачи").(*appEntry)
		w.Canvas().Focus(date)
		date.TypedShortcut(ctrl(fyne.KeyB))
		answerPackageFolder(u)
	})
	eventually(t, func() bool {
		u.lock.Lock()
		defer u.lock.Unlock()
		return u.lastBuild != nil
	}, "the package built by Ctrl+B")
}

// Tab goes through the employee form and the case form top to bottom.
func TestFormTabOrderIsTopToBottom(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	w.Resize(fyne.NewSize(1180, 760))
	pos := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	// check walks the focus chain from first and asserts that the fields
	// of forms, in the order reached, go down the screen.
	check := func(name string, c fyne.Canvas, root fyne.CanvasObject, first fyne.Focusable) {
		t.Helper()
		fields := map[fyne.CanvasObject]bool{}
		for _, f := range visibleForms(root) {
			for _, it := range f.Items {
				d, ok := it.Widget.(fyne.Disableable)
				if _, focusable := it.Widget.(fyne.Focusable); focusable && it.Widget.Visible() && !(ok && d.Disabled()) {
					fields[it.Widget] = true
				}
			}
		}
		require.NotEmpty(t, fields)
		c.Focus(first)
		var reached []fyne.CanvasObject
		seen := map[fyne.Focusable]bool{}
		for f := c.Focused(); f != nil && !seen[f]; f = c.Focused() {
			seen[f] = true
			if o := f.(fyne.CanvasObject); fields[o] {
				reached = append(reached, o)
			}
			c.FocusNext()
		}
		assert.Len(t, reached, len(fields), "%s: every field is reached by Tab", name)
		for i := 1; i < len(reached); i++ {
			assert.Greater(t, pos(reached[i]).Y, pos(reached[i-1]).Y, "%s: field %d is below field %d", name, i, i-1)
		}
	}

	u.locked(func() {
		u.editEmployee(store.Employee{Status: store.StatusActive}, nil)
		top := w.Canvas().Overlays().Top()
		check("employee form", w.Canvas(), top, formWidget(t, top, "ФИО кириллицей").(fyne.Focusable))
		w.Canvas().Overlays().Remove(top)

		u.current = screenCase
		u.caseEd.Reset()
		u.show()
		check("case form", w.Canvas(), w.Content(), formWidget(t, w.Content(), "Цель").(fyne.Focusable))
	})
}

// Every state and move the case window can show has its texts (the
// catalogue holds each key in every language, or refuses to register it).
func TestCaseStateTextsInEveryLanguage(t *testing.T) {
	for _, s := range []string{store.StateDraft, store.StateFiled, store.StateApproved, store.StateRefused, store.StateClosed} {
		keys := []string{"ui.cases.state." + s}
		for _, to := range store.NextCaseStates(s) {
			keys = append(keys, "ui.case.to."+to, "ui.case.confirm_title."+to, "ui.case.confirm."+to)
		}
		for _, k := range keys {
			assert.True(t, i18n.Has(k), k)
		}
	}
}

// On the roster, Ctrl+O opens the open case of the only employee a search
// left; on the case, Ctrl+1, 2 and 3 show its tabs.
func TestOpenCaseAndTabsByKeyboard(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	c, err := u.ws.Case(context.Background(), caseID)
	require.NoError(t, err)
	emp, err := u.ws.Employee(context.Background(), c.EmployeeID)
	require.NoError(t, err)
	require.NotEmpty(t, emp.IIN)

	u.locked(func() {
		u.current = screenEmployees
		u.show()
		test.Type(u.roster.search, emp.IIN)
		require.Len(t, u.roster.shown, 1)
		u.roster.search.TypedShortcut(ctrl(fyne.KeyO))
	})
	eventually(t, func() bool {
		u.lock.Lock()
		defer u.lock.Unlock()
		return u.current == screenCase && u.caseEd.Stored() != nil && u.caseEd.Stored().ID == caseID
	}, "the employee's open case")
	tabs := func() *container.AppTabs {
		var found *container.AppTabs
		walkObjects(w.Content(), func(o fyne.CanvasObject) {
			if t, ok := o.(*container.AppTabs); ok {
				found = t
			}
		})
		require.NotNil(t, found)
		return found
	}
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3}
	u.locked(func() {
		for _, i := range []int{2, 1, 0} {
			require.True(t, u.forwardShortcut(ctrl(keys[i])))
			assert.Equal(t, i, tabs().SelectedIndex(), "Ctrl+%d", i+1)
			assert.Equal(t, i, u.caseEd.Tab(), "remembered")
		}
	})
}
