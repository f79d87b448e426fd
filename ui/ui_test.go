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
		case *widget.Accordion:
			for _, it := range w.Items {
				out = append(out, it.Title)
				walk(it.Detail)
			}
			return
		case *widget.Form:
			for _, it := range w.Items {
				out = append(out, it.Text)
				walk(it.Widget)
			}
			return
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

func newTestUI(t *testing.T) (*ui, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u, err := newUI(a, w)
	if err != nil {
		t.Fatal(err)
	}
	u.show()
	return u, w
}

func TestCaseScreenShowsSeedChecklistInEveryLanguage(t *testing.T) {
	u, w := newTestUI(t)
	for _, c := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "Owner's approval with EDS on egov"},
		{i18n.KK, "Тұрғын үй иесінің egov-тағы ЭЦҚ арқылы келісімі"},
		{i18n.RU, "Согласие собственника жилья через ЭЦП на egov"},
	} {
		u.switchLanguage(c.lang)
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, c.want, c.lang)
		assert.NotContains(t, all, "[ui.", "untranslated text in %s", c.lang)
		assert.NotContains(t, all, "[rules.", "untranslated text in %s", c.lang)
	}
	assert.Equal(t, "ru", u.app.Preferences().String(prefLanguage), "the choice is remembered")
}

func TestEditingTheCaseRecomputesTheChecklist(t *testing.T) {
	u, _ := newTestUI(t)
	ed := u.caseEd
	c, problems := ed.validCase()
	assert.Empty(t, problems)
	cl := u.rules.Checklist(c, i18n.RU)
	it, _ := cl.Item("owner_consent")
	assert.Equal(t, "not_applicable", string(it.Status))

	ed.c.Channel = "paper"
	c, _ = ed.validCase()
	it, _ = u.rules.Checklist(c, i18n.RU).Item("owner_consent")
	assert.Equal(t, "required", string(it.Status), "on paper the notarized consent appears")

	ed.c.Applicant.Citizenship = "XX"
	_, problems = ed.validCase()
	assert.Len(t, problems, 1)
	assert.Contains(t, problems[0], "Гражданство")
}
