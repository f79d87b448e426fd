package ui

import (
	"errors"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"dossier/app/civil"

	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/rules"
)

// nowKZ is the current time in Kazakhstan; a variable so tests can fix it.
var nowKZ = func() time.Time { return time.Now().In(kz.Location()) }

// fieldLabel names a case-file field the way the form does.
func (u *ui) fieldLabel(path string) string {
	if path == "" {
		return u.p.T("ui.field.file")
	}
	if key := "ui.field." + path; i18n.Has(key) {
		return u.p.T(key)
	}
	return path
}

// countryEntry edits an ISO country code in *code: the clerk picks one of
// the common citizenships ("RU Россия") or types any code.
func (u *ui) countryEntry(code *string, changed func()) *appSelectEntry {
	en := u.newAppSelectEntry(commonCountries(u.p))
	en.SetText(*code)
	en.OnChanged = func(s string) {
		c, _, _ := strings.Cut(strings.TrimSpace(s), " ")
		*code = strings.ToUpper(c)
		changed()
	}
	return en
}

// iinEntry edits an IIN in *v, showing the first problem under the field as
// the clerk types; valid (may be nil) gets each valid number's details.
func (u *ui) iinEntry(v *string, today civil.Date, valid func(kz.IINInfo)) *appEntry {
	lang := u.lang
	en := u.newShortEntry()
	en.SetText(*v)
	en.SetPlaceHolder("000000000000")
	en.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if info := kz.ParseIIN(s, today).In(lang); !info.Valid {
			return errors.New(info.Errors[0].Message)
		}
		return nil
	}
	en.OnChanged = func(s string) {
		*v = strings.TrimSpace(s)
		if info := kz.ParseIIN(s, today); info.Valid && valid != nil {
			valid(info)
		}
	}
	return en
}

// commonCountries are the citizenships HR departments in Kazakhstan meet most,
// offered in the citizenship box; any other ISO code can be typed.
func commonCountries(p i18n.Printer) []string {
	codes := []string{"RU", "UZ", "KG", "TJ", "CN", "TR", "BY", "AM", "AZ", "GE", "TM", "MN", "IN", "KR", "UA", "DE", "GB", "US"}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c + " " + p.T("ui.country."+c)
	}
	return out
}

// uiLock serialises the callbacks that background work posts to the UI.
// The desktop driver already runs them one by one on the main thread, so in
// the program it is a no-op; Fyne's test driver runs them on the posting
// goroutine, and tests swap in a real mutex so they see what users see.
var uiLock sync.Locker = noLock{}

type noLock struct{}

func (noLock) Lock()   {}
func (noLock) Unlock() {}

// onUI runs fn on the UI thread; every goroutine updates widgets this way.
func onUI(fn func()) {
	fyne.Do(func() {
		uiLock.Lock()
		defer uiLock.Unlock()
		fn()
	})
}

// showEscapable shows d and lets Escape close it, as a message box should.
// The window's own key handler is put back when d closes.
func (u *ui) showEscapable(d dialog.Dialog) {
	c := u.win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			d.Hide()
			return
		}
		if prev != nil {
			prev(k)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
	d.Show()
}

// sourceName is a cited source as the clerk reads it: its title and date
// (rules.SourceLabel), never the rules' ID unless that is all there is.
func sourceName(id, title string, date civil.Date) string {
	return rules.SourceLabel(id, title, date)
}
