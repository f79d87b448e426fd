package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/buildinfo"
	"dossier/app/i18n"
	"dossier/app/rules"
)

// Run opens the main window and blocks until it is closed.
func Run() {
	a := fyneapp.NewWithID(buildinfo.AppID)
	w := a.NewWindow(buildinfo.Name)
	u, err := newUI(a, w)
	if err != nil {
		// Without rules nothing works; say so in the window rather than exit silently.
		w.SetContent(widget.NewLabel(fmt.Sprintf("Dossier: %v", err)))
	} else {
		u.show()
	}
	w.Resize(fyne.NewSize(1180, 760))
	w.ShowAndRun()
}

// screenID names a top-level screen.
type screenID string

const (
	screenCase     screenID = "case"
	screenSettings screenID = "settings"
)

// ui is the application window: navigation on the left, the current screen
// on the right. It is rebuilt as a whole when the language changes, because
// Fyne widgets keep the text they were created with.
type ui struct {
	app   fyne.App
	win   fyne.Window
	lang  i18n.Lang
	p     i18n.Printer
	rules *rules.Set

	current screenID
	caseEd  *caseEditor
}

func newUI(a fyne.App, w fyne.Window) (*ui, error) {
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	u := &ui{app: a, win: w, rules: set, current: screenCase}
	u.setLanguage(savedLanguage(a))
	u.caseEd = newCaseEditor(u, sampleCase())
	u.installShortcuts()
	return u, nil
}

// setLanguage switches our texts and Fyne's own.
func (u *ui) setLanguage(l i18n.Lang) {
	u.lang = l
	u.p = i18n.Printer{Lang: l}
	if err := applyFyneLanguage(l); err != nil {
		fyne.LogError("language", err)
	}
	u.app.Preferences().SetString(prefLanguage, string(l))
}

// switchLanguage is what the settings screen calls.
func (u *ui) switchLanguage(l i18n.Lang) {
	if l == u.lang {
		return
	}
	u.setLanguage(l)
	u.show()
}

type navEntry struct {
	id    screenID
	title string
	icon  fyne.Resource
}

func (u *ui) nav() []navEntry {
	return []navEntry{
		{screenCase, u.p.T("ui.nav.case"), theme.DocumentIcon()},
		{screenSettings, u.p.T("ui.nav.settings"), theme.SettingsIcon()},
	}
}

// show (re)builds the whole window for the current language and screen.
func (u *ui) show() {
	u.win.SetTitle(fmt.Sprintf("%s %s", buildinfo.Name, buildinfo.Version))
	entries := u.nav()
	content := container.NewStack()
	list := widget.NewList(
		func() int { return len(entries) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.DocumentIcon()), widget.NewLabel("navigation entry"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(entries[i].icon)
			box.Objects[1].(*widget.Label).SetText(entries[i].title)
		},
	)
	open := func(id screenID) {
		u.current = id
		content.Objects = []fyne.CanvasObject{u.screen(id)}
		content.Refresh()
	}
	list.OnSelected = func(i widget.ListItemID) { open(entries[i].id) }
	for i, e := range entries {
		if e.id == u.current {
			list.Select(i)
		}
	}
	if len(content.Objects) == 0 {
		open(u.current)
	}
	split := container.NewHSplit(list, content)
	split.Offset = 0.17
	u.win.SetContent(split)
}

func (u *ui) screen(id screenID) fyne.CanvasObject {
	switch id {
	case screenSettings:
		return u.settingsScreen()
	default:
		return u.caseEd.view()
	}
}

// installShortcuts binds the frequent actions. Ctrl on Windows and Linux,
// Cmd on macOS (Fyne maps KeyModifierShortcutDefault).
func (u *ui) installShortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.current = screenCase
		u.caseEd.reset()
		u.show()
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.current = screenSettings
		u.show()
	})
}

// showError reports a failure in the user's language with what to do.
func (u *ui) showError(err error) {
	dialog.ShowError(err, u.win)
}
