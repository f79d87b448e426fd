package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"dossier/app/civil"

	"dossier/app/kz"
	"dossier/app/rules"
)

// nowKZ is the current time in Kazakhstan; a variable so tests can fix it.
var nowKZ = func() time.Time { return time.Now().In(kz.Location()) }

// countryEntry edits an ISO country code in *code (see uikit.CountryEntry).
func (u *ui) countryEntry(code *string, changed func()) *appSelectEntry {
	return u.kit().CountryEntry(code, changed)
}

// iinEntry edits an IIN in *v (see uikit.IINEntry).
func (u *ui) iinEntry(v *string, today civil.Date, valid func(kz.IINInfo)) *appEntry {
	return u.kit().IINEntry(v, today, valid)
}

// dateEntry edits *d as dd.mm.yyyy; an empty entry clears it.
func (u *ui) dateEntry(d *civil.Date, changed func()) *appEntry {
	return u.kit().DateEntry(d, changed)
}

// noLock is the window's lock in the program (see ui.lock): the desktop
// driver already runs UI callbacks one by one on the main thread.
type noLock struct{}

func (noLock) Lock()   {}
func (noLock) Unlock() {}

// onUI runs fn on the UI thread; every goroutine updates widgets this way.
// It holds u.lock around fn, so a test holding the same lock never sees a
// callback half-run.
func (u *ui) onUI(fn func()) {
	fyne.Do(func() {
		u.lock.Lock()
		defer u.lock.Unlock()
		fn()
	})
}

// showEscapable shows d and lets Escape close it (uikit.ShowEscapable).
func (u *ui) showEscapable(d dialog.Dialog) { u.kit().ShowEscapable(d) }

// sourceName is a cited source as the clerk reads it: its title and date
// (rules.SourceLabel), never the rules' ID unless that is all there is.
func sourceName(id, title string, date civil.Date) string {
	return rules.SourceLabel(id, title, date)
}
