package uikit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dossier/app/rules"
)

// DisableAll disables every input inside o.
func DisableAll(o fyne.CanvasObject) {
	switch w := o.(type) {
	case *widget.Form:
		// Form.Disable needs a rendered form; disabling its fields works always.
		for _, it := range w.Items {
			DisableAll(it.Widget)
		}
	case fyne.Disableable:
		w.Disable()
	case *fyne.Container:
		for _, c := range w.Objects {
			DisableAll(c)
		}
	}
}

// Clip shortens s to at most n letters, marking the cut with an ellipsis.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// ShortName is the last element of a path, with either separator.
func ShortName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// CalendarWarning is the line shown above a timeline whose dates fall in a
// year the rules do not fully know (derived, or outside the data); nil when
// every year is published.
func CalendarWarning(tl rules.Timeline) fyne.CanvasObject {
	var lines []string
	for _, cy := range tl.Calendar {
		for _, n := range cy.Notes {
			if n.Warning() {
				lines = append(lines, "⚠ "+n.Message)
			} else {
				lines = append(lines, n.Message)
			}
		}
	}
	if len(lines) == 0 {
		return nil
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return l
}
