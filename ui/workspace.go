package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/demo"
	"dossier/app/store"
)

// prefWorkspace remembers the last workspace folder; prefRecent the last
// few, newest first, for consultants who keep one per client.
const (
	prefWorkspace = "workspace"
	prefRecent    = "recent_workspaces"
	maxRecent     = 6
	// prefWelcomeShown remembers that the first-start welcome was shown.
	prefWelcomeShown = "welcome_shown"
)

// rememberWorkspace puts dir first in the recent list.
func rememberWorkspace(a fyne.App, dir string) {
	a.Preferences().SetString(prefWorkspace, dir)
	list := []string{dir}
	for _, d := range a.Preferences().StringList(prefRecent) {
		if d != dir && len(list) < maxRecent {
			list = append(list, d)
		}
	}
	a.Preferences().SetStringList(prefRecent, list)
}

// defaultDemoDir is where the built-in demo workspace lives: inside the app's
// own storage, so a first start needs no question and no write elsewhere.
func defaultDemoDir(a fyne.App) string {
	return filepath.Join(a.Storage().RootURI().Path(), "demo-workspace")
}

// openStartWorkspace opens the last workspace, or on the first start creates
// and opens the demo one in demoDir. It does I/O: call it off the UI thread.
func openStartWorkspace(ctx context.Context, a fyne.App, demoDir string, today civil.Date) (*store.Workspace, error) {
	dir := a.Preferences().String(prefWorkspace)
	if dir == "" {
		dir = demoDir
		if _, err := os.Stat(filepath.Join(dir, store.DBName)); errors.Is(err, os.ErrNotExist) {
			if err := demo.Create(ctx, dir, demo.Options{Today: today, Scans: true}); err != nil {
				return nil, err
			}
		}
	}
	ws, err := store.Open(ctx, dir, store.Options{})
	if err != nil {
		return nil, err
	}
	rememberWorkspace(a, dir)
	return ws, nil
}

// welcome greets a first start, over the demo workspace already open, with
// the three ways to begin. It is shown once: closing it (or Escape) keeps
// the demo, so a first start needs no answer at all.
func (u *ui) welcome() {
	prefs := u.app.Preferences()
	if prefs.Bool(prefWelcomeShown) {
		return
	}
	prefs.SetBool(prefWelcomeShown, true)
	p := u.p
	var dlg *dialog.CustomDialog
	choice := func(key string, icon fyne.Resource, then func()) *widget.Button {
		b := widget.NewButtonWithIcon(p.T(key), icon, func() {
			dlg.Hide()
			if then != nil {
				then()
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	demoChoice := choice("ui.welcome.demo", theme.HomeIcon(), nil)
	demoChoice.Importance = widget.HighImportance
	text := widget.NewLabel(p.T("ui.welcome.text"))
	text.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(text,
		demoChoice,
		choice("ui.welcome.new", theme.FolderNewIcon(), func() { u.chooseWorkspace(true) }),
		choice("ui.welcome.open", theme.FolderOpenIcon(), func() { u.chooseWorkspace(false) }),
	)
	dlg = dialog.NewCustomWithoutButtons(p.T("ui.welcome.title"), body, u.win)
	dlg.Resize(fyne.NewSize(560, 300))
	u.showEscapable(dlg)
}
