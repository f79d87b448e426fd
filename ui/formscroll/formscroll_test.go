package formscroll

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// field is a Sideways field whose text moves while it has room.
type field struct{ room, moved int }

func (f *field) ScrollSideways(*fyne.ScrollEvent) bool {
	if f.room == 0 {
		return false
	}
	f.room--
	f.moved++
	return true
}

func TestWheelGoesToTheFormOverAnEntry(t *testing.T) {
	test.NewTempApp(t)
	entry := widget.NewEntry() // a single-line entry has a text scroller of its own
	entry.SetText("a name")
	tall := canvas.NewRectangle(nil)
	tall.SetMinSize(fyne.NewSize(100, 2000))
	s := container.NewVScroll(container.NewVBox(entry, tall))
	var p Pointer
	w := test.NewWindow(New(s, &p))
	defer w.Close()
	w.Resize(fyne.NewSize(300, 300))
	at := fyne.NewPos(20, 15) // on the entry

	test.Scroll(w.Canvas(), at, 0, -50)
	assert.Equal(t, float32(50), s.Offset.Y, "a turn down moves the form")

	f := &field{room: 1}
	p.Enter(f)
	test.Scroll(w.Canvas(), at, -30, 0)
	assert.Equal(t, 1, f.moved, "a sideways turn moves the text under the pointer")
	test.Scroll(w.Canvas(), at, -30, -5)
	assert.Equal(t, 1, f.moved, "the text is at its end")
	assert.Equal(t, float32(55), s.Offset.Y, "so the form takes the turn")
	test.Scroll(w.Canvas(), at, 0, -10)
	assert.Equal(t, float32(65), s.Offset.Y, "up and down always move the form")

	p.Leave(&field{})
	f.room = 5
	test.Scroll(w.Canvas(), at, -30, 0)
	assert.Equal(t, 2, f.moved, "leaving another field changes nothing")
	p.Leave(f)
	test.Scroll(w.Canvas(), at, -30, 0)
	assert.Equal(t, 2, f.moved, "a field the pointer left gets no turns")
}

func TestTapsReachTheFieldsUnderTheLayer(t *testing.T) {
	test.NewTempApp(t)
	tapped := false
	b := widget.NewButton("ok", func() { tapped = true })
	w := test.NewWindow(New(container.NewVScroll(container.NewVBox(b)), nil))
	defer w.Close()
	w.Resize(fyne.NewSize(200, 200))
	test.TapCanvas(w.Canvas(), fyne.NewPos(20, 15))
	assert.True(t, tapped)
}
