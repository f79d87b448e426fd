package uikit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"dossier/ui/formscroll"
)

// Entry is an entry that hands the app's shortcuts (Ctrl+N, Ctrl+B…) to
// the app: a focused Fyne entry otherwise swallows them, and a clerk who
// has just typed a date or a search should not have to click elsewhere
// before pressing one. Every entry of the app's forms is one of these (or
// a SelectEntry).
type Entry struct {
	widget.Entry
	forward func(fyne.Shortcut) bool
	pointer *formscroll.Pointer
	// text is the entry's own text scroller, if it has one (see wheel.go).
	text *container.Scroll
}

// Entry makes an Entry.
func (k Kit) Entry() *Entry {
	e := &Entry{forward: k.Forward, pointer: k.Pointer}
	e.ExtendBaseWidget(e)
	return e
}

// ShortEntry is an entry for a short value (a date, an IIN, a number).
func (k Kit) ShortEntry() *Entry { return Short(k.Entry()) }

// Short turns off an entry's own text scroller: a value as short as a date
// always fits. (The wheel over any field, short or not, moves the form: see
// FormScroll.)
func Short(e *Entry) *Entry {
	e.Wrapping = fyne.TextWrapOff
	e.Scroll = fyne.ScrollNone
	return e
}

// TypedShortcut gives the app's shortcuts to the app, the rest (copy,
// paste, select all) to the entry.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if !forward(e.forward, s) {
		e.Entry.TypedShortcut(s)
	}
}

// SelectEntry is a select entry (a citizenship box) that passes the app's
// shortcuts on like Entry.
type SelectEntry struct {
	widget.SelectEntry
	forward func(fyne.Shortcut) bool
	pointer *formscroll.Pointer
	text    *container.Scroll
}

// SelectEntry makes a SelectEntry offering options.
func (k Kit) SelectEntry(options []string) *SelectEntry {
	e := &SelectEntry{forward: k.Forward, pointer: k.Pointer}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewSelectEntry does
	e.SetOptions(options)
	return e
}

// TypedShortcut: see Entry.TypedShortcut.
func (e *SelectEntry) TypedShortcut(s fyne.Shortcut) {
	if !forward(e.forward, s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// forward runs the app's action for s, if it has one. Entries' own
// shortcuts are not custom shortcuts and stay with the entry.
func forward(fn func(fyne.Shortcut) bool, s fyne.Shortcut) bool {
	if _, ok := s.(*desktop.CustomShortcut); !ok || fn == nil {
		return false
	}
	return fn(s)
}
