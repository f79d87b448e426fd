package uikit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"dossier/ui/formscroll"
)

// The kit's entries tell the window's formscroll.Pointer when the mouse
// pointer is over them, so that a sideways wheel turn moves a long text
// inside the field instead of the form (see FormScroll).
var (
	_ desktop.Hoverable   = (*Entry)(nil)
	_ formscroll.Sideways = (*Entry)(nil)
	_ desktop.Hoverable   = (*SelectEntry)(nil)
	_ formscroll.Sideways = (*SelectEntry)(nil)
)

// CreateRenderer keeps the entry's own text scroller (Fyne puts it among
// the renderer's objects; a short entry has none).
func (e *Entry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	e.text = textScroller(r)
	return r
}

// MouseIn, MouseMoved and MouseOut track the pointer for the form's wheel.
func (e *Entry) MouseIn(*desktop.MouseEvent)    { enter(e.pointer, e) }
func (e *Entry) MouseMoved(*desktop.MouseEvent) {}
func (e *Entry) MouseOut()                      { leave(e.pointer, e) }

// ScrollSideways moves the entry's text when it is wider than the field.
func (e *Entry) ScrollSideways(ev *fyne.ScrollEvent) bool { return scrollText(e.text, ev) }

// TextScroller is the entry's own text scroller, nil for a short entry
// (tests look at its offset).
func (e *Entry) TextScroller() *container.Scroll { return e.text }

// CreateRenderer: see Entry.CreateRenderer.
func (e *SelectEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.SelectEntry.CreateRenderer()
	e.text = textScroller(r)
	return r
}

// MouseIn, MouseMoved and MouseOut: see Entry.
func (e *SelectEntry) MouseIn(*desktop.MouseEvent)    { enter(e.pointer, e) }
func (e *SelectEntry) MouseMoved(*desktop.MouseEvent) {}
func (e *SelectEntry) MouseOut()                      { leave(e.pointer, e) }

// ScrollSideways moves the box's text when it is wider than the field.
func (e *SelectEntry) ScrollSideways(ev *fyne.ScrollEvent) bool { return scrollText(e.text, ev) }

func enter(p *formscroll.Pointer, f formscroll.Sideways) {
	if p != nil {
		p.Enter(f)
	}
}

func leave(p *formscroll.Pointer, f formscroll.Sideways) {
	if p != nil {
		p.Leave(f)
	}
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
