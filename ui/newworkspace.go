package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/store"
)

// sameDir reports whether two paths name the same folder.
func sameDir(a, b string) bool {
	return a != "" && b != "" && filepath.Clean(a) == filepath.Clean(b)
}

// defaultWorkspaceParent is where a new workspace folder goes unless the
// clerk picks another place: Documents when there is one, else home.
func defaultWorkspaceParent() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return os.TempDir()
	}
	for _, d := range []string{"Documents", "Документы"} {
		if st, err := os.Stat(filepath.Join(home, d)); err == nil && st.IsDir() {
			return filepath.Join(home, d)
		}
	}
	return home
}

// freeName returns base, or base with a number, naming nothing yet in parent.
func freeName(parent, base string) string {
	name := base
	for i := 2; i < 100; i++ {
		if _, err := os.Stat(filepath.Join(parent, name)); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s %d", base, i)
	}
	return name
}

// badFolderName reports what makes name unusable as one new folder's name.
func badFolderName(name string) bool {
	return name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\:*?"<>|`)
}

// newWorkspace asks where the new workspace goes: a place (Documents unless
// changed) and the name of a new folder in it. The folder must not exist
// yet, or be empty: Dossier never makes a workspace of a folder that holds
// other files (a home folder, say), and the store refuses that too.
// created (may be nil, tests) gets the folder once it is open.
func (u *ui) newWorkspace(created func(dir string)) {
	p := u.p
	parent := defaultWorkspaceParent()
	name := u.newAppEntry()
	name.SetText(freeName(parent, p.T("ui.newws.default_name")))
	where := widget.NewLabel("")
	where.Wrapping = fyne.TextWrapBreak
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	target := func() string { return filepath.Join(parent, strings.TrimSpace(name.Text)) }
	var create *widget.Button
	check := func() {
		where.SetText(p.T("ui.newws.will_create", target()))
		msg := ""
		switch n := strings.TrimSpace(name.Text); {
		case badFolderName(n):
			msg = p.T("ui.newws.bad_name")
		default:
			if err := store.CheckNewWorkspaceDir(target()); err != nil {
				msg = store.Explain(u.lang, err)
			}
		}
		problem.SetText(msg)
		if msg == "" {
			problem.Hide()
			create.Enable()
		} else {
			problem.Show()
			create.Disable()
		}
	}
	name.OnChanged = func(string) { check() }
	var dlg *dialog.CustomDialog
	place := widget.NewLabel(parent)
	place.Wrapping = fyne.TextWrapBreak
	choose := widget.NewButtonWithIcon(p.T("ui.newws.choose_place"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil || l == nil {
				return
			}
			parent = l.Path()
			place.SetText(parent)
			check()
		}, u.win)
		u.kit().DressFileDialog(fd, p.T("ui.dialog.ws_place"), p.T("ui.dialog.choose_folder"), parent)
		fd.Show()
	})
	create = widget.NewButtonWithIcon(p.T("ui.newws.create"), theme.FolderNewIcon(), func() {
		check()
		if create.Disabled() {
			return
		}
		dir := target()
		dlg.Hide()
		u.switchWorkspaceThen(dir, true, created)
	})
	create.Importance = widget.HighImportance
	cancel := widget.NewButton(p.T("ui.docs.cancel"), func() { dlg.Hide() })
	intro := widget.NewLabel(p.T("ui.newws.intro"))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(p.T("ui.newws.place"), container.NewBorder(nil, nil, nil, choose, place)),
		widget.NewFormItem(p.T("ui.newws.name"), name),
	)
	body := container.NewVBox(intro, form, where, problem)
	check()
	dlg = dialog.NewCustomWithoutButtons(p.T("ui.newws.title"), body, u.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, create})
	dlg.Resize(fyne.NewSize(620, 340))
	dlg.Show()
	// The name is what the clerk changes: the cursor waits there.
	u.win.Canvas().Focus(name)
}

// openExistingWorkspace asks for a workspace folder and opens it. A folder
// without dossier.db is not one: the clerk is told so and how to start a
// new one, and nothing is written there.
func (u *ui) openExistingWorkspace() {
	p := u.p
	u.folderDialog(p.T("ui.dialog.ws_open"), p.T("ui.dialog.choose_folder"), "", func(dir string) {
		if _, err := os.Stat(filepath.Join(dir, store.DBName)); err != nil {
			u.showError(errors.New(p.T("ui.ws.not_workspace", dir)))
			return
		}
		u.switchWorkspace(dir, false)
	}).Show()
}
