package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/overview"
	"dossier/app/store"
)

// "Create" in the new-workspace dialog never makes a workspace of a folder
// holding other files: it says why and stays disabled until the name
// points at a new folder, which then asks for the company first.
func TestNewWorkspaceOnlyInANewFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	p := u.p
	old := filepath.Join(home, "Старое")
	require.NoError(t, os.Mkdir(old, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(old, "отчёт.xlsx"), []byte("x"), 0o600))

	created := make(chan string, 1)
	u.locked(func() {
		u.newWorkspace(func(dir string) { created <- dir })
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		name := formWidget(t, top, p.T("ui.newws.name")).(*appEntry)
		create := findButton(top, p.T("ui.newws.create"))
		require.NotNil(t, create)
		assert.False(t, create.Disabled(), "the proposed name is free")

		name.SetText("Старое")
		assert.True(t, create.Disabled())
		assert.Contains(t, strings.Join(texts(top), "\n"), store.Explain(u.lang, store.ErrFolderNotEmpty))
		name.SetText("")
		assert.True(t, create.Disabled(), "a name is needed")
		name.SetText("a/b")
		assert.True(t, create.Disabled(), "one folder, not a path")

		name.SetText("Новое")
		assert.False(t, create.Disabled())
		test.Tap(create)
	})
	dir := <-created
	assert.Equal(t, filepath.Join(home, "Новое"), dir)
	assert.FileExists(t, filepath.Join(dir, store.DBName))
	assert.NoFileExists(t, filepath.Join(old, store.DBName), "the folder with files was left alone")
	assert.NoFileExists(t, filepath.Join(home, store.DBName))
	u.locked(func() {
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top, "an empty workspace asks for the company first")
		assert.Contains(t, strings.Join(texts(top), "\n"), p.T("ui.company.first_intro"))
	})
}

// A consultant switches the roster to one company: the table and the
// attention bar count its employees only, and the choice survives a redraw
// (and a restart: it is kept in the workspace).
func TestCompanyFilterIsRemembered(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	list, err := u.ws.Employers(ctx)
	require.NoError(t, err)
	require.Len(t, list, 2, "the demo has two companies")
	other := list[0]
	rows := demoRows(t, u)
	var theirs []overview.Row
	for _, r := range rows {
		if r.Employee.EmployerID == other.ID {
			theirs = append(theirs, r)
		}
	}
	require.NotEmpty(t, theirs)
	require.Less(t, len(theirs), len(rows))

	u.locked(func() {
		u.current = screenEmployees
		u.show()
		sel := findSelect(w.Content(), other.Name)
		require.NotNil(t, sel)
		sel.SetSelected(other.Name)
		v := u.roster
		assert.Len(t, v.shown, len(theirs))
		assert.Equal(t, overview.Attend(theirs, v.filings), v.attention, "the attention bar counts that company")
	})
	got, err := u.ws.Setting(ctx, settingCompanyFilter, "")
	require.NoError(t, err)
	assert.NotEmpty(t, got)

	u.locked(func() {
		u.show()
		v := u.roster
		assert.Equal(t, other.ID, v.query.EmployerID, "remembered")
		assert.Len(t, v.shown, len(theirs))
		assert.Equal(t, other.Name, findSelect(w.Content(), other.Name).Selected)
		findSelect(w.Content(), other.Name).SetSelectedIndex(0) // all companies
		assert.Len(t, u.roster.shown, len(rows))
	})
	got, err = u.ws.Setting(ctx, settingCompanyFilter, "")
	require.NoError(t, err)
	assert.Empty(t, got)
}

// A case whose employee has no company says so and leads to the employee,
// where a company is chosen; the checklist then appears.
func TestCaseWithoutCompanySaysWhatToDo(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	p := u.p
	ctx := context.Background()
	today := civil.Of(nowKZ())
	e := store.Employee{NameCyr: "Безработодателев Олег", Citizenship: "UZ", BirthDate: civil.MustParse("1990-01-01"),
		TRPIssued: today.AddDays(-300), TRPExpiry: today.AddDays(40)}
	require.NoError(t, u.ws.SaveEmployee(ctx, &e, today))
	wait(t, func(done func()) { u.locked(func() { u.newCaseFor(e, done) }) })

	u.locked(func() {
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, p.T("ui.case.no_employer_hint"))
		assert.Contains(t, all, p.T("ui.case.no_employer"))
		b := findButton(w.Content(), p.T("ui.case.edit_employee"))
		require.NotNil(t, b)
		test.Tap(b)
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top, "the employee form")
		sel := findSelect(top, "ТОО «Пример»")
		require.NotNil(t, sel)
		sel.SetSelected("ТОО «Пример»")
		test.Tap(findButton(top, p.T("ui.emp.save")))
	})
	eventually(t, func() bool {
		u.lock.Lock()
		defer u.lock.Unlock()
		return u.caseEd.Case().Employer.Name == "ТОО «Пример»"
	}, "the case to show the chosen company")
	u.locked(func() {
		all := strings.Join(texts(w.Content()), "\n")
		assert.NotContains(t, all, p.T("ui.case.no_employer_hint"))
		assert.Contains(t, all, p.T("ui.case.employer_from_employee"))
	})
}

// Moving an employee to another company in the form asks the day of the
// move (today unless corrected) and records it.
func TestChangeOfEmployerInTheForm(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	p := u.p
	ctx := context.Background()
	list, err := u.ws.Employers(ctx)
	require.NoError(t, err)
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{EmployerID: list[1].ID})
	require.NoError(t, err)
	require.NotEmpty(t, emps)
	emp := emps[0]
	moved := civil.Of(nowKZ()).AddDays(-3)

	u.locked(func() {
		u.editEmployee(emp, nil)
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		var date *appEntry
		dateLabelShown := func() bool {
			shown := false
			walkDeep(top, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok && l.Text == p.T("ui.emp.employer_changed") {
					shown = shown || isShown(top, l)
				}
			})
			return shown
		}
		assert.False(t, dateLabelShown(), "no date while the company stays")
		sel := findSelect(top, list[0].Name)
		require.NotNil(t, sel)
		sel.SetSelected(list[0].Name)
		walkDeep(top, func(o fyne.CanvasObject) {
			if en, ok := o.(*appEntry); ok && en.Text == civil.Of(nowKZ()).DMY() && isShown(top, en) {
				date = en
			}
		})
		assert.True(t, dateLabelShown())
		require.NotNil(t, date, "the day of the move is asked, today by default")
		date.SetText(moved.DMY())
		test.Tap(findButton(top, p.T("ui.emp.save")))
	})
	changes, err := u.ws.EmployerChanges(ctx, emp.ID)
	require.NoError(t, err)
	require.Len(t, changes, 1)
	assert.Equal(t, moved, changes[0].ChangedOn)
	assert.Equal(t, list[1].ID, changes[0].FromEmployer)
	assert.Equal(t, list[0].ID, changes[0].ToEmployer)
}

// isShown reports whether o and every container above it under root are
// visible.
func isShown(root, o fyne.CanvasObject) bool {
	var path []fyne.CanvasObject
	var find func(fyne.CanvasObject) bool
	find = func(c fyne.CanvasObject) bool {
		path = append(path, c)
		if c == o {
			return true
		}
		var kids []fyne.CanvasObject
		switch w := c.(type) {
		case *fyne.Container:
			kids = w.Objects
		case *widget.Form:
			for _, it := range w.Items {
				kids = append(kids, it.Widget)
			}
		case fyne.Widget:
			kids = test.WidgetRenderer(w).Objects()
		}
		for _, k := range kids {
			if find(k) {
				return true
			}
		}
		path = path[:len(path)-1]
		return false
	}
	if !find(root) {
		return false
	}
	for _, c := range path {
		if !c.Visible() {
			return false
		}
	}
	return true
}

// "New…" beside the employee form's company list adds a company without
// leaving the form, and chooses it.
func TestAddCompanyFromTheEmployeeForm(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	p := u.p
	u.locked(func() {
		u.editEmployee(store.Employee{Status: store.StatusActive}, nil)
		form := w.Canvas().Overlays().Top()
		test.Tap(findButtonDeep(form, p.T("ui.company.add_short")))
		top := w.Canvas().Overlays().Top()
		require.NotEqual(t, form, top, "the company form opens over the employee form")
		test.Type(formWidget(t, top, p.T("ui.company.name")).(*appEntry), "ТОО «Новый клиент»")
		test.Tap(findButton(top, p.T("ui.emp.save")))
		assert.Equal(t, form, w.Canvas().Overlays().Top(), "back in the employee form")
		sel := findSelect(form, "ТОО «Новый клиент»")
		require.NotNil(t, sel)
		assert.Equal(t, "ТОО «Новый клиент»", sel.Selected)
	})
}

// Owners are saved only when complete: a wrong IIN is shown, not stored.
func TestOwnersAreSavedWhenComplete(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	p := u.p
	ctx := context.Background()
	today := civil.Of(nowKZ())
	e := store.Employee{NameCyr: "Новиков Илья", Citizenship: "RU", BirthDate: civil.MustParse("1990-01-01"),
		TRPIssued: today.AddDays(-300), TRPExpiry: today.AddDays(40)}
	require.NoError(t, u.ws.SaveEmployee(ctx, &e, today))
	wait(t, func(done func()) { u.locked(func() { u.newCaseFor(e, done) }) })
	caseID := u.caseEd.Stored().ID
	u.locked(func() {
		test.Tap(findButton(w.Content(), p.T("ui.owner.add")))
		test.Tap(findButton(w.Content(), p.T("ui.owner.add")))
		require.Len(t, u.caseEd.Probe().OwnerNames(), 2)
		test.Type(u.caseEd.Probe().OwnerNames()[0], "Сергеев Пётр")
		assert.True(t, u.caseEd.Probe().OwnersProblem().Visible(), "the second owner has no name yet")
		assert.Contains(t, u.caseEd.Probe().OwnersProblem().Text, p.T("ui.owner.problem", 2, p.T("store.err.owner_name")))
		test.Type(u.caseEd.Probe().OwnerNames()[1], "Сергеева Анна")
		assert.False(t, u.caseEd.Probe().OwnersProblem().Visible())
	})
	eventually(t, func() bool {
		owners, err := u.ws.Owners(ctx, caseID)
		return err == nil && len(owners) == 2
	}, "two owners to be saved")
	u.locked(func() {
		var iins []*appEntry
		walkObjects(w.Content(), func(o fyne.CanvasObject) {
			if en, ok := o.(*appEntry); ok && en.PlaceHolder == p.T("ui.owner.iin") {
				iins = append(iins, en)
			}
		})
		require.Len(t, iins, 2)
		test.Type(iins[0], "900101300018")
		assert.Error(t, iins[0].Validate())
		assert.True(t, u.caseEd.Probe().OwnersProblem().Visible())
		assert.Equal(t, 2, u.caseEd.Case().Housing.Owners, "the checklist keeps the last complete list")
	})
	// An incomplete list is never queued, so the stored one is the last
	// complete list.
	owners, err := u.ws.Owners(ctx, caseID)
	require.NoError(t, err)
	require.Len(t, owners, 2)
	assert.Empty(t, owners[0].IIN, "the wrong IIN was not stored")
}

// walkDeep is walkObjects that also enters forms' fields.
func walkDeep(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	walkObjects(o, func(c fyne.CanvasObject) {
		fn(c)
		if f, ok := c.(*widget.Form); ok {
			for _, it := range f.Items {
				walkDeep(it.Widget, fn)
			}
		}
	})
}

// findButtonDeep finds a button by its text, inside forms too.
func findButtonDeep(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walkDeep(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// The Companies screen lists each company with its employees and switches
// the roster to one of them; editing a company keeps its ID.
func TestCompaniesScreen(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	p := u.p
	ctx := context.Background()
	list, err := u.ws.Employers(ctx)
	require.NoError(t, err)
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{EmployerID: list[1].ID})
	require.NoError(t, err)
	u.locked(func() {
		u.current = screenCompanies
		u.show()
		all := strings.Join(texts(w.Content()), "\n")
		for _, er := range list {
			assert.Contains(t, all, er.Name)
			assert.Contains(t, all, er.BIN)
		}
		assert.Contains(t, all, p.N("ui.company.line_employees", len(emps)))
		var show []*widget.Button
		walkObjects(w.Content(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == p.T("ui.company.show_roster") {
				show = append(show, b)
			}
		})
		require.Len(t, show, 2)
		test.Tap(show[1])
		require.Equal(t, screenEmployees, u.current)
		require.NotNil(t, u.roster)
		assert.Len(t, u.roster.shown, len(emps), "the roster shows that company's employees")

		u.current = screenCompanies
		u.show()
		var edit []*widget.Button
		walkObjects(w.Content(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == p.T("ui.emp.edit_button") {
				edit = append(edit, b)
			}
		})
		require.Len(t, edit, 2)
		test.Tap(edit[0])
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		director := formWidget(t, top, p.T("ui.company.director")).(*appEntry)
		director.SetText("") // the demo company has a director: the clerk replaces the name
		test.Type(director, "Ахметов Ерлан")
		phone := formWidget(t, top, p.T("ui.company.phone")).(*appEntry)
		test.Type(phone, "звонить")
		assert.Error(t, phone.Validate(), "a phone is checked as typed")
		phone.SetText("+7 727 123 45 67")
		test.Tap(findButton(top, p.T("ui.emp.save")))
	})
	got, err := u.ws.Employer(ctx, list[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "Ахметов Ерлан", got.DirectorName)
	assert.Equal(t, "+7 727 123 45 67", got.Phone)
	assert.Equal(t, list[0].BIN, got.BIN)
}

// A new case starts with the owners the employee's record names (an
// imported roster's column), for the clerk to complete.
func TestNewCaseTakesOwnersFromTheEmployee(t *testing.T) {
	u, _ := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	today := civil.Of(nowKZ())
	e := store.Employee{NameCyr: "Жильцов Антон", Citizenship: "RU", BirthDate: civil.MustParse("1990-01-01"),
		TRPIssued: today.AddDays(-300), TRPExpiry: today.AddDays(40), HousingOwners: "Сергеев П.А.; Сергеева А.И."}
	require.NoError(t, u.ws.SaveEmployee(ctx, &e, today))
	wait(t, func(done func()) { u.locked(func() { u.newCaseFor(e, done) }) })
	owners, err := u.ws.Owners(ctx, u.caseEd.Stored().ID)
	require.NoError(t, err)
	require.Len(t, owners, 2)
	assert.Equal(t, "Сергеева А.И.", owners[1].Name)
	u.locked(func() {
		assert.Len(t, u.caseEd.Probe().OwnerNames(), 2, "shown in the case")
		assert.Equal(t, 2, u.caseEd.Case().Housing.Owners, "and counted by the checklist")
	})
}
