package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"

	"dossier/app/i18n"
)

// texts collects every label and card title under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Card:
			out = append(out, w.Title, w.Subtitle)
			if w.Content != nil {
				walk(w.Content)
			}
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if wi, ok := o.(fyne.Widget); ok {
			r := test.WidgetRenderer(wi)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestCaseViewShowsSeedChecklist(t *testing.T) {
	test.NewTempApp(t)
	for lang, want := range map[i18n.Lang]string{
		i18n.RU: "Согласие собственника жилья через ЭЦП на egov",
		i18n.EN: "Owner's approval with EDS on egov",
		i18n.KK: "Тұрғын үй иесінің egov-тағы ЭЦҚ арқылы келісімі",
	} {
		view := NewCaseView(lang)
		w := test.NewWindow(view)
		all := strings.Join(texts(view), "\n")
		assert.Contains(t, all, want, lang)
		assert.NotContains(t, all, "[ui.", "untranslated text in %s", lang)
		w.Close()
	}
}
