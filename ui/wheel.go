package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/ui/formscroll"
)

// formScroll puts s (a form's scroller) where the mouse wheel moves it
// over every field, long names included (see package formscroll). Every
// form of the window goes through it.
func (u *ui) formScroll(s *container.Scroll) fyne.CanvasObject {
	return formscroll.New(s, &u.pointer)
}

// The app's entries tell the window's formscroll.Pointer when the pointer
// is over them, so that a sideways wheel turn moves a long text inside the
// field instead of the form.
var (
	_ desktop.Hoverable   = (*appEntry)(nil)
	_ formscroll.Sideways = (*appEntry)(nil)
	_ desktop.Hoverable   = (*appSelectEntry)(nil)
	_ formscroll.Sideways = (*appSelectEntry)(nil)
)

// CreateRenderer keeps the entry's own text scroller (Fyne puts it among
// the renderer's objects; a short entry has none).
func (e *appEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	e.text = textScroller(r)
	return r
}

func (e *appEntry) MouseIn(*desktop.MouseEvent)    { e.u.pointer.Enter(e) }
func (e *appEntry) MouseMoved(*desktop.MouseEvent) {}
func (e *appEntry) MouseOut()                      { e.u.pointer.Leave(e) }

// ScrollSideways moves the entry's text when it is wider than the field.
func (e *appEntry) ScrollSideways(ev *fyne.ScrollEvent) bool {
	return scrollText(e.text, ev)
}

func (e *appSelectEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.SelectEntry.CreateRenderer()
	e.text = textScroller(r)
	return r
}

func (e *appSelectEntry) MouseIn(*desktop.MouseEvent)    { e.u.pointer.Enter(e) }
func (e *appSelectEntry) MouseMoved(*desktop.MouseEvent) {}
func (e *appSelectEntry) MouseOut()                      { e.u.pointer.Leave(e) }

// ScrollSideways moves the box's text when it is wider than the field.
func (e *appSelectEntry) ScrollSideways(ev *fyne.ScrollEvent) bool {
	return scrollText(e.text, ev)
}

// textScroller finds an entry's own scroller among its renderer's objects
// (Fyne 2.7: widget.Entry wraps its text in one unless scrolling is off).
func textScroller(r fyne.WidgetRenderer) *container.Scroll {
	for _, o := range r.Objects() {
		if s, ok := o.(*container.Scroll); ok {
			return s
		}
	}
	return nil
}

// scrollText passes a wheel turn to an entry's text scroller and says
// whether the text moved.
func scrollText(s *container.Scroll, ev *fyne.ScrollEvent) bool {
	if s == nil || !s.Visible() {
		return false
	}
	before := s.Offset
	s.Scrolled(ev)
	return s.Offset != before
}

// roomForHints leaves room right of a form for its hints. Fyne 2.7 sets a
// hint in by the inner padding but leaves that padding out of the form's
// width, so the widest hint of a dialog lost its last letters at the edge.
func roomForHints(form *widget.Form) fyne.CanvasObject {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(theme.InnerPadding(), 0))
	return container.NewBorder(nil, nil, nil, gap, form)
}
