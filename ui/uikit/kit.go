// Package uikit holds the widgets and dialogs every screen of the window
// shares: entries that pass the app's shortcuts on, date, IIN and country
// fields, translated selects and file dialogs. It knows no screen and no
// feature, so feature packages (ui/caseeditor) and the window (ui) both use
// it without reaching into each other.
package uikit

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/rules"
	"dossier/ui/formscroll"
)

// Kit makes widgets in the clerk's current language for one window. It is
// a value: the window hands out a fresh one after the language changes.
type Kit struct {
	P    i18n.Printer
	Lang i18n.Lang
	Win  fyne.Window
	// Forward runs the app's own action for a shortcut and says whether it
	// had one; entries call it so a focused field does not swallow Ctrl+N,
	// Ctrl+B and the rest. May be nil.
	Forward func(fyne.Shortcut) bool
	// Pointer is the window's record of the field under the mouse pointer,
	// for the forms' wheel (see FormScroll). May be nil.
	Pointer *formscroll.Pointer
}

// FormScroll puts s (a form's scroller) where the mouse wheel moves it over
// every field, long names included (see package formscroll). Every form of
// the window goes through it.
func (k Kit) FormScroll(s *container.Scroll) fyne.CanvasObject {
	return formscroll.New(s, k.Pointer)
}

// ShowError reports a failure in a dialog over the window.
func (k Kit) ShowError(err error) { dialog.ShowError(err, k.Win) }

// Select is a select whose empty state says "choose" in the clerk's
// language, not Fyne's English "(Select one)".
func (k Kit) Select(options []string, changed func(string)) *widget.Select {
	return NewSelect(k.P, options, changed)
}

// NewSelect is Kit.Select for code that holds only a printer.
func NewSelect(p i18n.Printer, options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = p.T("ui.select_one")
	return s
}

// DateEntry edits *d as dd.mm.yyyy, the form clerks write; an empty entry
// clears it.
func (k Kit) DateEntry(d *civil.Date, changed func()) *Entry {
	p := k.P
	en := k.ShortEntry()
	en.SetPlaceHolder(p.T("ui.date_placeholder"))
	en.SetText(d.DMY())
	en.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := civil.ParseDMY(strings.TrimSpace(s)); err != nil {
			return errors.New(p.T("ui.date_invalid"))
		}
		return nil
	}
	en.OnChanged = func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			*d = civil.Date{}
			changed()
			return
		}
		if v, err := civil.ParseDMY(s); err == nil {
			*d = v
			changed()
		}
	}
	return en
}

// CountryEntry edits an ISO country code in *code: the clerk picks one of
// the common citizenships ("RU Россия") or types any code.
func (k Kit) CountryEntry(code *string, changed func()) *SelectEntry {
	en := k.SelectEntry(CommonCountries(k.P))
	en.SetText(*code)
	en.OnChanged = func(s string) {
		c, _, _ := strings.Cut(strings.TrimSpace(s), " ")
		*code = strings.ToUpper(c)
		changed()
	}
	return en
}

// IINEntry edits an IIN in *v, showing the first problem under the field as
// the clerk types; valid (may be nil) gets each valid number's details.
func (k Kit) IINEntry(v *string, today civil.Date, valid func(kz.IINInfo)) *Entry {
	lang := k.Lang
	en := k.ShortEntry()
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

// CommonCountries are the citizenships HR departments in Kazakhstan meet
// most, offered in the citizenship box; any other ISO code can be typed.
func CommonCountries(p i18n.Printer) []string {
	codes := []string{"RU", "UZ", "KG", "TJ", "CN", "TR", "BY", "AM", "AZ", "GE", "TM", "MN", "IN", "KR", "UA", "DE", "GB", "US"}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c + " " + p.T("ui.country."+c)
	}
	return out
}

// SourceText names a source as a clerk can look it up, by its title and
// date (rules.SourceLabel: "S11" is the rules file's own key and means
// nothing to them), with how sure it is; the key stays only when a source
// has no title.
func (k Kit) SourceText(key, title string, date civil.Date, conf rules.Confidence) string {
	return k.P.T("ui.source", rules.SourceLabel(key, title, date), k.P.T("ui.confidence."+string(conf)))
}

// FieldLabel names a case-file field the way the form does.
func (k Kit) FieldLabel(path string) string {
	if path == "" {
		return k.P.T("ui.field.file")
	}
	if key := "ui.field." + path; i18n.Has(key) {
		return k.P.T(key)
	}
	return path
}
