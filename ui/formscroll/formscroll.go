// Package formscroll makes the mouse wheel scroll a form wherever the
// pointer is over it.
//
// Fyne 2.7 gives a wheel turn to the deepest scrollable object under the
// pointer. A single-line widget.Entry wraps its text in a scroller of its own
// (so that a long text can move sideways), and that scroller takes every
// turn, even when its text fits and nothing moves: a form stood still while
// the pointer rested on a name field. Here a transparent layer over the
// form's scroller takes the wheel instead (the layer is the last scrollable
// under the pointer, so Fyne picks it) and decides: a turn up or down moves
// the form; a sideways turn moves the text of the field under the pointer
// when it is longer than its box, and the form otherwise. The layer is
// neither tappable nor hoverable, so clicks, hovering and dragging still
// reach the fields below it.
package formscroll

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Sideways is a field whose text can move sideways inside it. It returns
// false when the text did not move (it fits, or is at its end), so the turn
// can go to the form instead.
type Sideways interface {
	ScrollSideways(ev *fyne.ScrollEvent) bool
}

// Pointer remembers which Sideways field the pointer is over. Fields report
// entering and leaving it from their hover callbacks (on the UI thread, as
// all pointer events come). The zero value is ready to use; one Pointer
// serves a whole window.
type Pointer struct {
	over Sideways
}

// Enter records that the pointer is over f.
func (p *Pointer) Enter(f Sideways) { p.over = f }

// Leave records that the pointer left f (a later Enter of another field
// has already replaced it when events come out of order).
func (p *Pointer) Leave(f Sideways) {
	if p.over == f {
		p.over = nil
	}
}

// New lays a wheel-catching layer over s and returns both as one object to
// put where s would go. Keep s for its offset and size settings. p (may be
// nil) tells which field sideways turns belong to.
func New(s *container.Scroll, p *Pointer) fyne.CanvasObject {
	l := &layer{scroll: s, pointer: p}
	l.ExtendBaseWidget(l)
	return container.NewStack(s, l)
}

// layer is the transparent wheel catcher over a form's scroller.
type layer struct {
	widget.BaseWidget
	scroll  *container.Scroll
	pointer *Pointer
}

func (l *layer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// Scrolled routes a wheel turn: sideways turns to the field under the
// pointer while its text moves, everything else to the form.
func (l *layer) Scrolled(ev *fyne.ScrollEvent) {
	d := ev.Scrolled
	if abs(d.DX) > abs(d.DY) && l.pointer != nil && l.pointer.over != nil {
		if l.pointer.over.ScrollSideways(ev) {
			return
		}
	}
	l.scroll.Scrolled(ev)
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
