// Package caseeditor is the Case screen of the window: the case's form
// with its live checklist and timeline, the Files tab (attach, check,
// order, turn, remove), the housing owners, and the case's state. It saves
// a stored case as the clerk types, on its own goroutine.
//
// It reaches the rest of the window only through App, which it declares
// itself: the workspace and rules, widgets in the clerk's language, the UI
// thread and background tasks, and a few ways to go elsewhere. A feature
// that adds a part to the case (a button, a tab, a card) adds it here and,
// if it needs something new from the window, one method to App.
package caseeditor

import (
	"time"

	"fyne.io/fyne/v2"

	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/rules"
	"dossier/app/store"
	"dossier/assets"
	"dossier/ui/uikit"
)

// App is what the case editor needs from the window.
type App interface {
	// Kit makes widgets and dialogs in the clerk's current language.
	Kit() uikit.Kit
	// Workspace is the open workspace, nil while there is none.
	Workspace() *store.Workspace
	// Rules are the rules in force (the workspace's own file, if newer).
	Rules() *rules.Set
	// Now is the time in Kazakhstan (tests fix it).
	Now() time.Time
	// OnUI runs fn on the UI thread; every goroutine changes widgets so.
	OnUI(fn func())
	// Go runs fn off the UI thread as a task the window waits for when it
	// closes.
	Go(fn func())
	// Redraw rebuilds the window after the current callback.
	Redraw()
	// CaseShown says whether the Case screen is the one showing.
	CaseShown() bool
	// ShowEmployees goes to the roster.
	ShowEmployees()
	// OpenCase reads case id from the workspace and shows it.
	OpenCase(id int64)
	// EditEmployee opens the employee form; saved runs after a save.
	EditEmployee(emp store.Employee, saved func(store.Employee))
	// BuildPackage builds the open case's package.
	BuildPackage()
	// PreparePapers opens "Prepare papers" for the open stored case.
	PreparePapers()
}

// New makes the editor, showing the sample case until a workspace case is
// opened.
func New(app App) *Editor { return &Editor{app: app, c: sampleCase()} }

// sampleCase is the case shown before a workspace exists.
func sampleCase() rules.Case {
	c, err := rules.ParseCase(assets.SeedCase)
	if err != nil {
		return rules.Case{Schema: rules.CaseSchema, Purpose: "work", Kind: "extension", Channel: "online"}
	}
	return c
}

// View is the Case screen.
func (e *Editor) View() fyne.CanvasObject { return e.view() }

// Open edits a stored case and its housing owners, staying on the results
// tab the clerk had chosen; ws is the workspace they were read from.
func (e *Editor) Open(ws *store.Workspace, sc store.Case, rc rules.Case, owners []store.Owner) {
	tab := e.tab
	e.attach(ws, sc, rc)
	e.owners = owners
	e.tab = tab
}

// Stored is the workspace case being edited, nil for none or a scratch case.
func (e *Editor) Stored() *store.Case { return e.stored }

// Case is the case as the form holds it (a stored case's procedure and
// housing as edited, its applicant from the employee).
func (e *Editor) Case() *rules.Case { return &e.c }

// Detach stops editing the stored case; its last edit is still written.
func (e *Editor) Detach() { e.detach() }

// Reset starts a blank scratch case filed today, saved nowhere.
func (e *Editor) Reset() { e.reset() }

// Clear closes the stored or scratch case: the Case screen then says how
// to open one.
func (e *Editor) Clear() { e.clear() }

// Save queues the stored case's newest state for writing.
func (e *Editor) Save() { e.save() }

// ChangeState moves the stored case to state to (filed: on the date
// given), as the state bar's buttons do; done (may be nil) gets the outcome.
func (e *Editor) ChangeState(to string, filed civil.Date, done func(error)) {
	e.changeState(to, filed, done)
}

// Checked is the form's case as the case-file parser reads it, and the
// problems it finds, in the clerk's language.
func (e *Editor) Checked() (rules.Case, []string) { return e.validCase() }

// Tab is the results tab shown (0 checklist, 1 next steps, 2 files).
func (e *Editor) Tab() int { return e.tab }

// SetTab chooses the results tab the next drawing shows.
func (e *Editor) SetTab(i int) { e.tab = i }

// SelectTab shows results tab i now (Ctrl+1, 2, 3), if the screen is drawn.
func (e *Editor) SelectTab(i int) {
	if e.selectTab != nil {
		e.selectTab(i)
	}
}

// PickFile asks for a file and attaches it to the chosen checklist item.
func (e *Editor) PickFile() { e.pickFile() }

// Drop attaches files dropped on the window at pos: to the item whose card
// is under pos on the Files tab, else to the item "Attach to" names.
func (e *Editor) Drop(pos fyne.Position, paths []string) {
	item := e.docs.target
	if it, ok := e.docs.itemAt(pos); ok {
		item = it
	}
	e.attachPaths(item, paths, nil)
}

// SetHousingConsent records how a paper filing's owners consent (notary,
// in_person, proxy), as chosen in "Prepare papers", and saves the case.
func (e *Editor) SetHousingConsent(consent string) {
	if e.stored == nil {
		return
	}
	e.c.Housing.Consent = consent
	e.save()
}

// AttachPaths copies files and folders into the workspace as item's files,
// then checks the case's files.
func (e *Editor) AttachPaths(item string, paths []string) { e.attachPaths(item, paths, nil) }

// AttachPathsThen is AttachPaths for a caller that must know how the
// intake went: taken is called off the UI thread once the files are in the
// workspace (nil) or refused (the intake's error, also shown as usual).
func (e *Editor) AttachPathsThen(item string, paths []string, taken func(error)) {
	e.attachPaths(item, paths, taken)
}

// RecheckFiles has the case's files checked again the next time the Files
// tab is drawn (after a setting that changes verdicts).
func (e *Editor) RecheckFiles() { e.docs.started = false }

// Docs are the stored case's files as last checked.
func (e *Editor) Docs() []casework.Doc { return e.docs.docs }
