package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/buildinfo"
	"dossier/app/bundle"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/mrzcheck"
	"dossier/app/rules"
	"dossier/app/store"
	"dossier/assets"
	"dossier/ui/caseeditor"
	"dossier/ui/formscroll"
	"dossier/ui/importflow"
	"dossier/ui/letterheadui"
	"dossier/ui/paperui"
	"dossier/ui/uikit"
)

// Run opens the main window and blocks until it is closed.
func Run() {
	a := fyneapp.NewWithID(buildinfo.AppID)
	// Packaged builds carry the icon in their metadata; plain builds
	// (make run) get it here so the window and the taskbar show it too.
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow(buildinfo.Name)
	u, err := newUI(a, w)
	if err != nil {
		// Without rules nothing works; say so in the window rather than exit silently.
		w.SetContent(widget.NewLabel(fmt.Sprintf("Dossier: %v", err)))
	} else {
		u.show()
		u.openWorkspace(nil)
	}
	w.Resize(startSize(a))
	// The size the clerk left the window at is where it opens next time.
	w.SetOnClosed(func() {
		s := w.Canvas().Size()
		a.Preferences().SetFloat(prefWindowW, float64(s.Width))
		a.Preferences().SetFloat(prefWindowH, float64(s.Height))
	})
	w.ShowAndRun()
}

// prefWindowW and prefWindowH remember the window's size.
const prefWindowW, prefWindowH = "window_width", "window_height"

// startSize is the remembered window size, or on a first start one that
// fits a 1024×600 screen with its panel and title bar (Fyne cannot ask how
// large the screen is); a clerk with a larger screen enlarges it once.
func startSize(a fyne.App) fyne.Size {
	w := a.Preferences().FloatWithFallback(prefWindowW, 0)
	h := a.Preferences().FloatWithFallback(prefWindowH, 0)
	if w >= 400 && h >= 300 {
		return fyne.NewSize(float32(w), float32(h))
	}
	return fyne.NewSize(1000, 540)
}

// screenID names a top-level screen.
type screenID string

const (
	screenEmployees screenID = "employees"
	screenCompanies screenID = "companies"
	screenDue       screenID = "due"
	screenCase      screenID = "case"
	screenSettings  screenID = "settings"
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
	caseEd  *caseeditor.Editor

	// ws is the open workspace; nil while it opens or when it could not be.
	ws *store.Workspace
	// wsErr says why there is no workspace, in the user's language.
	wsErr string
	// bg counts background tasks, so closing (and tests) can wait for them.
	bg sync.WaitGroup
	// lock is held around every callback background work posts to the UI
	// (onUI). In the program it is a no-op; Fyne's test driver runs those
	// callbacks on the posting goroutine, so tests set a real mutex here and
	// hold it whenever they touch widgets, as the UI thread would.
	lock sync.Locker
	// lastBuild is the most recent package built in this window.
	lastBuild *bundle.Result
	// lastPapers is the "Prepare papers" dialog opened last (tests).
	lastPapers *paperui.Dialog
	// letterheads are the letterhead sections of the companies shown, by
	// company (tests).
	letterheads map[int64]*letterheadui.Section
	// demoDir is where a first start creates the demo workspace.
	demoDir string
	// packageRoot proposes where a company's packages go the first time
	// (tests point it at a temporary folder).
	packageRoot func() string
	// imports is the roster import (and its undo) of this window.
	imports *importflow.Flow
	// roster is the employees screen while it is shown.
	roster *employeesView
	// shortcuts maps a shortcut's name to its action, so entries that
	// swallow shortcuts while focused can pass the app's own on.
	shortcuts map[string]func()
	// focusSearch puts the cursor in the current screen's search box, if any.
	focusSearch func()
	// rebuild is set while a rebuild of the window is queued (see show), so
	// several requests in one callback build it once; afterRebuild runs
	// after it, on the new content.
	rebuild      bool
	afterRebuild []func()
	// passports reads passport scans for the open workspace passportsWS
	// (mrzfill.go).
	passports   *mrzcheck.Reader
	passportsWS *store.Workspace
	// pointer is the field under the mouse pointer, for the forms' wheel
	// (see wheel.go).
	pointer formscroll.Pointer
}

func newUI(a fyne.App, w fyne.Window) (*ui, error) {
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	u := &ui{app: a, win: w, lock: noLock{}, rules: set, current: screenEmployees, demoDir: defaultDemoDir(a), packageRoot: defaultPackageRoot}
	u.setLanguage(savedLanguage(a))
	applyTheme(a)
	u.caseEd = caseeditor.New(caseHost{u})
	u.imports = importflow.New(importHost{u})
	u.installShortcuts()
	a.Lifecycle().SetOnStopped(u.closeWorkspace)
	w.SetOnDropped(u.onDropped)
	return u, nil
}

// openWorkspace opens the start workspace off the UI thread, then shows it.
// done (may be nil) runs on the UI thread afterwards; tests wait on it.
// A first start (no workspace remembered) also gets the welcome.
func (u *ui) openWorkspace(done func()) {
	first := u.app.Preferences().String(prefWorkspace) == ""
	go func() {
		ws, err := openStartWorkspace(context.Background(), u.app, u.demoDir, civil.Of(nowKZ()))
		u.onUI(func() {
			if err != nil {
				u.wsErr = store.Explain(u.lang, err)
			} else {
				u.ws = ws
				u.useWorkspaceRules()
			}
			u.show()
			if err == nil && first {
				u.welcome()
			} else if err == nil {
				u.askFirstCompany()
			}
			if done != nil {
				done()
			}
		})
	}()
}

// openCase loads a stored case into the case screen. done (may be nil) runs
// on the UI thread once it is shown.
func (u *ui) openCase(id int64, done func()) { u.loadCase(id, true, done) }

// reloadCase reads the open stored case again (after an import changed its
// employee), staying on the current screen; without one it just redraws.
func (u *ui) reloadCase(done func()) {
	if u.caseEd.Stored() == nil || u.ws == nil {
		u.show()
		if done != nil {
			done()
		}
		return
	}
	u.loadCase(u.caseEd.Stored().ID, false, done)
}

// loadCase reads case id and shows it; show says whether to go to the Case
// tab or stay where the clerk is.
func (u *ui) loadCase(id int64, show bool, done func()) {
	ws := u.ws
	go func() {
		ctx := context.Background()
		sc, err := ws.Case(ctx, id)
		var rc rules.Case
		if err == nil {
			rc, err = ws.RulesCase(ctx, id)
		}
		var owners []store.Owner
		if err == nil {
			owners, err = ws.Owners(ctx, id)
		}
		u.onUI(func() {
			if done != nil {
				defer done()
			}
			if err != nil {
				u.showError(errors.New(store.Explain(u.lang, err)))
				return
			}
			u.caseEd.Open(ws, sc, rc, owners)
			if show {
				u.current = screenCase
			}
			u.show()
		})
	}()
}

// newCaseFor opens a new case for an employee: an extension when they hold a
// permit, a first issue otherwise, online, filed today.
func (u *ui) newCaseFor(e store.Employee, done func()) {
	ws := u.ws
	c := store.Case{
		EmployeeID: e.ID, Purpose: store.PurposeWork, Kind: store.KindFirst, Channel: store.ChannelOnline,
		FilingDate: civil.Of(nowKZ()), OwnersCount: 1, State: store.StateDraft,
	}
	if !e.TRPExpiry.IsZero() {
		c.Kind = store.KindExtension
	}
	go func() {
		ctx := context.Background()
		// The owners the employee's record names (an imported roster's
		// column) start the case's owner list.
		err := ws.Update(ctx, func(tx *store.Tx) error {
			if err := tx.SaveCase(ctx, &c); err != nil {
				return err
			}
			if list := store.OwnersFromText(e.HousingOwners); len(list) > 0 && len(list) <= 50 {
				return tx.SaveOwners(ctx, c.ID, list)
			}
			return nil
		})
		u.onUI(func() {
			if err != nil {
				u.showError(errors.New(store.Explain(u.lang, err)))
				if done != nil {
					done()
				}
				return
			}
			u.caseEd.SetTab(0) // a new case starts on its checklist
			u.openCase(c.ID, done)
		})
	}()
}

// closeWorkspace checkpoints and releases the workspace when the app stops,
// after the background tasks on it have stopped.
func (u *ui) closeWorkspace() {
	u.caseEd.Detach()
	u.bg.Wait()
	if u.ws != nil {
		if err := u.ws.Close(); err != nil {
			fyne.LogError("close workspace", err)
		}
		u.ws = nil
	}
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
		{screenEmployees, u.p.T("ui.nav.employees"), theme.AccountIcon()},
		{screenCompanies, u.p.T("ui.nav.companies"), theme.HomeIcon()},
		{screenDue, u.p.T("ui.nav.due"), theme.HistoryIcon()},
		{screenCase, u.p.T("ui.nav.case"), theme.DocumentIcon()},
		{screenSettings, u.p.T("ui.nav.settings"), theme.SettingsIcon()},
	}
}

// show (re)builds the whole window for the current language and screen,
// after the callback that asked for it has returned. Replacing the content
// from inside a widget's own callback (the language select's OnChanged, a
// button of the old screen) left that widget's handlers running on a tree
// that was no longer in the window: Fyne's driver then knows no canvas for
// it, and a Select opening its menu there dereferences a nil canvas (the
// crash of issue 14). fyne.Do from the UI thread queues the rebuild behind
// the current event; Fyne's test driver runs it at once.
func (u *ui) show() { u.showThen(nil) }

// showThen is show, then fn (may be nil) on the new content.
func (u *ui) showThen(fn func()) {
	if fn != nil {
		u.afterRebuild = append(u.afterRebuild, fn)
	}
	if u.rebuild {
		return
	}
	u.rebuild = true
	// No u.lock here: the caller holds it when tests run this at once.
	fyne.Do(func() {
		u.rebuild = false
		u.showNow()
		after := u.afterRebuild
		u.afterRebuild = nil
		for _, f := range after {
			f()
		}
	})
}

// showNow rebuilds the window at once; only show's queued call uses it.
func (u *ui) showNow() {
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
	// The screen is swapped after the list's callback returns (see show).
	list.OnSelected = func(i widget.ListItemID) {
		id := entries[i].id
		if u.current == id && len(content.Objects) > 0 {
			return
		}
		fyne.Do(func() { open(id) })
	}
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
	u.focusSearch = nil
	u.roster = nil
	switch id {
	case screenEmployees:
		if u.ws == nil {
			msg := u.p.T("ui.ws.opening")
			if u.wsErr != "" {
				msg = u.wsErr
			}
			l := widget.NewLabel(msg)
			l.Wrapping = fyne.TextWrapWord
			return l
		}
		return u.employeesScreen()
	case screenCompanies:
		return u.companiesScreen()
	case screenDue:
		return u.dueScreen()
	case screenSettings:
		// Scrolls on a low screen (1024×600) rather than push the window taller.
		return u.formScroll(container.NewVScroll(u.settingsScreen()))
	default:
		return u.caseEd.View()
	}
}

// installShortcuts binds the frequent actions. Ctrl on Windows and Linux,
// Cmd on macOS (Fyne maps KeyModifierShortcutDefault).
func (u *ui) installShortcuts() {
	u.shortcuts = map[string]func(){}
	c := addShortcutsTo{u.win.Canvas(), u.shortcuts}
	// Ctrl+N: a new case for the employee selected in the roster, or a
	// scratch case to try the rules when none is selected.
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if u.current == screenEmployees && u.roster != nil {
			// The selected employee, or the only one a search left.
			switch r := u.roster; {
			case r.selected != nil:
				u.newCaseFor(r.selected.Employee, nil)
				return
			case len(r.shown) == 1:
				u.newCaseFor(r.shown[0].Employee, nil)
				return
			}
		}
		u.current = screenCase
		u.caseEd.Reset() // a blank trial case, saved nowhere
		u.show()
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.current = screenSettings
		u.show()
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if u.current == screenCase && u.caseEd.Stored() != nil {
			u.buildPackage(nil)
		}
	})
	// Ctrl+O opens: files into the case on the case screen; on the roster,
	// the open case of the selected employee (or of the only one shown).
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		switch {
		case u.current == screenCase && u.caseEd.Stored() != nil:
			u.caseEd.PickFile()
		case u.current == screenEmployees && u.roster != nil:
			if id := u.roster.openCaseID(); id != 0 {
				u.openCase(id, nil)
			}
		}
	})
	// Ctrl+1, 2, 3: the case's checklist, next steps and files.
	for i, key := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if u.current == screenCase {
				u.caseEd.SelectTab(i)
			}
		})
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.current = screenEmployees
		u.show()
	})
	// Ctrl+D: what is due (the legal clocks).
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.current = screenDue
		u.show()
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		focus := func() {
			if u.focusSearch != nil {
				u.focusSearch()
			}
		}
		if u.current != screenEmployees {
			u.current = screenEmployees
			u.showThen(focus)
			return
		}
		focus()
	})
}

// addShortcutsTo registers shortcuts on the canvas and in the app's own
// table at once.
type addShortcutsTo struct {
	canvas fyne.Canvas
	table  map[string]func()
}

func (a addShortcutsTo) AddShortcut(s *desktop.CustomShortcut, fn func(fyne.Shortcut)) {
	a.canvas.AddShortcut(s, fn)
	a.table[s.ShortcutName()] = func() { fn(s) }
}

// appEntry and appSelectEntry are the shared entries of ui/uikit, which
// pass the app's shortcuts on even while a field has the focus.
type (
	appEntry       = uikit.Entry
	appSelectEntry = uikit.SelectEntry
)

// kit makes the shared widgets in the current language, for this window.
func (u *ui) kit() uikit.Kit {
	return uikit.Kit{P: u.p, Lang: u.lang, Win: u.win, Forward: u.forwardShortcut, Pointer: &u.pointer}
}

func (u *ui) newAppEntry() *appEntry { return u.kit().Entry() }

// newShortEntry is an entry for a short value (a date, an IIN, a number).
func (u *ui) newShortEntry() *appEntry { return u.kit().ShortEntry() }

// forwardShortcut runs the app's action for s, if it has one. Entries' own
// shortcuts (copy, paste, select all) are not custom shortcuts and stay
// with the entry.
func (u *ui) forwardShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	fn := u.shortcuts[cs.ShortcutName()]
	if fn == nil {
		return false
	}
	fn()
	return true
}

// showError reports a failure in the user's language with what to do.
func (u *ui) showError(err error) {
	dialog.ShowError(err, u.win)
}
