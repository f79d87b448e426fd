package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/app/buildinfo"
	"dossier/app/i18n"
)

// languageNames are shown in each language's own words, so a user who picked
// the wrong one by mistake can still find theirs.
var languageNames = map[i18n.Lang]string{i18n.RU: "Русский", i18n.KK: "Қазақша", i18n.EN: "English"}

func (u *ui) settingsScreen() fyne.CanvasObject {
	p := u.p
	var names []string
	for _, l := range i18n.Langs {
		names = append(names, languageNames[l])
	}
	langSelect := widget.NewSelect(names, nil)
	langSelect.SetSelected(languageNames[u.lang])
	langSelect.OnChanged = func(s string) {
		for l, n := range languageNames {
			if n == s {
				u.switchLanguage(l)
			}
		}
	}
	about := widget.NewLabel(p.T("ui.settings.about", buildinfo.Name, buildinfo.Version, buildinfo.Commit, u.rules.Version()))
	about.Wrapping = fyne.TextWrapWord
	return container.NewVBox(
		widget.NewLabelWithStyle(p.T("ui.nav.settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewForm(widget.NewFormItem(p.T("ui.settings.language"), langSelect)),
		about,
	)
}
