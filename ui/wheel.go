package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// formScroll puts s (a form's scroller) where the mouse wheel moves it
// over every field, long names included (uikit.Kit.FormScroll). Every form
// of the window goes through it.
func (u *ui) formScroll(s *container.Scroll) fyne.CanvasObject {
	return u.kit().FormScroll(s)
}

// roomForHints leaves room right of a form for its hints. Fyne 2.7 sets a
// hint in by the inner padding but leaves that padding out of the form's
// width, so the widest hint of a dialog lost its last letters at the edge.
func roomForHints(form *widget.Form) fyne.CanvasObject {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(theme.InnerPadding(), 0))
	return container.NewBorder(nil, nil, nil, gap, form)
}
