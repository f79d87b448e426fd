package ui

import (
	"time"

	"dossier/app/store"
	"dossier/ui/importflow"
	"dossier/ui/uikit"
)

// importHost is the window as the roster import sees it (importflow.App).
type importHost struct{ u *ui }

var _ importflow.App = importHost{}

func (h importHost) Kit() uikit.Kit              { return h.u.kit() }
func (h importHost) Workspace() *store.Workspace { return h.u.ws }
func (h importHost) Now() time.Time              { return nowKZ() }
func (h importHost) OnUI(fn func())              { h.u.onUI(fn) }
func (h importHost) Go(fn func())                { h.u.background(fn) }

// ImportWritten shows the employees as imported: the roster and the open
// case are read again.
func (h importHost) ImportWritten() { h.u.reloadCase(nil) }
