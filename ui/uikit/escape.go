package uikit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// ShowEscapable shows d and lets Escape close it, as a message box should.
// The window's own key handler is put back when d closes.
func (k Kit) ShowEscapable(d dialog.Dialog) {
	c := k.Win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			d.Hide()
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
	d.Show()
}
