package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"dossier/app/rules"
	"dossier/app/store"
	"dossier/ui/caseeditor"
	"dossier/ui/uikit"
)

// caseHost is the window as the case editor sees it (caseeditor.App): the
// one place that says what the Case screen may reach.
type caseHost struct{ u *ui }

var _ caseeditor.App = caseHost{}

func (h caseHost) Kit() uikit.Kit              { return h.u.kit() }
func (h caseHost) Workspace() *store.Workspace { return h.u.ws }
func (h caseHost) Rules() *rules.Set           { return h.u.rules }
func (h caseHost) Now() time.Time              { return nowKZ() }
func (h caseHost) OnUI(fn func())              { h.u.onUI(fn) }
func (h caseHost) Redraw()                     { h.u.show() }
func (h caseHost) CaseShown() bool             { return h.u.current == screenCase }
func (h caseHost) OpenCase(id int64)           { h.u.openCase(id, nil) }
func (h caseHost) BuildPackage()               { h.u.buildPackage(nil) }

func (h caseHost) Go(fn func()) { h.u.background(fn) }

func (h caseHost) ShowEmployees() {
	h.u.current = screenEmployees
	h.u.show()
}

func (h caseHost) EditEmployee(emp store.Employee, saved func(store.Employee)) {
	h.u.editEmployee(emp, saved)
}

// background runs fn off the UI thread as a task closing the window waits
// for (u.bg).
func (u *ui) background(fn func()) {
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		fn()
	}()
}

// onDropped takes files dropped anywhere on the window into the open case:
// onto the item whose card is under the pointer, else the one chosen on its
// Files tab.
func (u *ui) onDropped(pos fyne.Position, uris []fyne.URI) {
	if path, ok := onePassportScan(uris); ok && u.current == screenEmployees && u.ws != nil {
		u.newEmployeeFromScan(path) // a new employee from a passport scan (mrzfill.go)
		return
	}
	if u.current != screenCase || u.caseEd.Stored() == nil {
		dialog.ShowInformation(u.p.T("ui.docs.drop_title"), u.p.T("ui.docs.drop_no_case"), u.win)
		return
	}
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	u.caseEd.Drop(pos, paths)
}
