package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/scan/scantest"
	"dossier/app/store"
	"dossier/ui/caseeditor"
)

// TestReorderAndRotateFiles: on the Files tab of a demo case, two pages are
// attached to the passport, the second is moved above the first and the
// first is turned; both changes are stored at once and shown.
func TestReorderAndRotateFiles(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	waitDocs := docsWaiter(t, u)
	u.caseEd.SetTab(2) // the files tab
	wait(t, func(done func()) { u.openCase(caseID, done) })
	waitDocs() // the first check of the case

	dir := t.TempDir()
	first, second := filepath.Join(dir, "страница 1.jpg"), filepath.Join(dir, "страница 2.jpg")
	for _, p := range []string{first, second} {
		require.NoError(t, os.WriteFile(p, scantest.TextPage(), 0o600))
	}
	u.locked(func() { u.caseEd.AttachPaths("passport", []string{first, second}) })
	waitDocs()

	// stored lists the passport's files in stored order.
	stored := func() []store.CaseFile {
		files, err := u.ws.CaseFiles(context.Background(), caseID)
		require.NoError(t, err)
		var out []store.CaseFile
		for _, f := range files {
			if f.ItemID == "passport" {
				out = append(out, f)
			}
		}
		return out
	}
	names := func(fs []store.CaseFile) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Name)
		}
		return out
	}
	before := names(stored())
	require.GreaterOrEqual(t, len(before), 2)
	require.Equal(t, []string{"страница 1.jpg", "страница 2.jpg"}, before[len(before)-2:])

	u.locked(func() {
		up := rowButton(t, fileRowOf(t, w.Content(), "страница 2.jpg"), theme.MoveUpIcon())
		require.False(t, up.Disabled())
		test.Tap(up)
	})
	waitDocs()
	after := names(stored())
	want := append(append([]string{}, before[:len(before)-2]...), "страница 2.jpg", "страница 1.jpg")
	assert.Equal(t, want, after, "the second page is stored above the first")
	u.locked(func() {
		all := strings.Join(texts(w.Content()), "\n")
		assert.Less(t, strings.Index(all, "страница 2.jpg ·"), strings.Index(all, "страница 1.jpg ·"), "and shown above it")
		// The ends of the item cannot move further.
		for i, n := range after {
			row := fileRowOf(t, w.Content(), n)
			assert.Equal(t, i == 0, rowButton(t, row, theme.MoveUpIcon()).Disabled(), "up on %s", n)
			assert.Equal(t, i == len(after)-1, rowButton(t, row, theme.MoveDownIcon()).Disabled(), "down on %s", n)
		}
		test.Tap(rowButton(t, fileRowOf(t, w.Content(), "страница 1.jpg"), theme.ContentRedoIcon()))
	})
	waitDocs()
	for _, f := range stored() {
		want := 0
		if f.Name == "страница 1.jpg" {
			want = 90
		}
		assert.Equal(t, want, f.Rotation, "rotation of %s", f.Name)
	}
	u.locked(func() {
		title := fileRowOf(t, w.Content(), "страница 1.jpg").Objects[0].(*fyne.Container).Objects[0].(*widget.Label).Text
		assert.Contains(t, title, u.p.T("ui.docs.rotated", 90))
	})
	// The portrait page's thumbnail lies on its side once turned; the
	// other page's stays upright.
	eventually(t, func() bool {
		var turned, upright bool
		u.locked(func() {
			turned = thumbShape(fileRowOf(t, w.Content(), "страница 1.jpg")) > 0
			upright = thumbShape(fileRowOf(t, w.Content(), "страница 2.jpg")) < 0
		})
		return turned && upright
	}, "the turned thumbnail")
}

// fileRowOf finds the row of the Files tab that shows the file named name:
// the container whose first part is a column headed by the file's title.
func fileRowOf(t *testing.T, o fyne.CanvasObject, name string) *fyne.Container {
	t.Helper()
	var row *fyne.Container
	walkObjects(o, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) == 0 {
			return
		}
		if lines, ok := c.Objects[0].(*fyne.Container); ok && len(lines.Objects) > 0 {
			if l, ok := lines.Objects[0].(*widget.Label); ok && strings.HasPrefix(l.Text, name+" · ") {
				row = c
			}
		}
	})
	require.NotNil(t, row, "no row shows %s", name)
	return row
}

// rowButton finds the button with icon in a file row.
func rowButton(t *testing.T, row *fyne.Container, icon fyne.Resource) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkObjects(row, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == icon.Name() {
			found = b
		}
	})
	require.NotNil(t, found, "no %s button", icon.Name())
	return found
}

// thumbShape is >0 for a landscape thumbnail in the row, <0 for a portrait
// one, and 0 while there is none yet.
func thumbShape(row *fyne.Container) int {
	shape := 0
	walkObjects(row, func(o fyne.CanvasObject) {
		// Icons are images too, drawn from a resource; the preview is not.
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Resource == nil {
			b := img.Image.Bounds()
			shape = b.Dx() - b.Dy()
		}
	})
	return shape
}

// TestDropOnItem: files dropped on an item's card on the Files tab go to
// that item, whatever "Attach to" says; dropped elsewhere, they go there.
func TestDropOnItem(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1200, 900))
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	waitDocs := docsWaiter(t, u)
	u.caseEd.SetTab(2)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	waitDocs()

	var zone caseeditor.DropZone
	var target string
	u.locked(func() {
		zones := u.caseEd.Probe().DropZones()
		require.GreaterOrEqual(t, len(zones), 2)
		target = u.caseEd.Probe().Target()
		zone = zones[len(zones)-1] // not the item "Attach to" shows
		require.NotEqual(t, target, zone.Item)
	})
	page := filepath.Join(t.TempDir(), "на карточку.jpg")
	require.NoError(t, os.WriteFile(page, scantest.TextPage(), 0o600))
	countIn := func(item string) int {
		files, err := u.ws.CaseFiles(context.Background(), caseID)
		require.NoError(t, err)
		n := 0
		for _, f := range files {
			if f.ItemID == item && f.Name == filepath.Base(page) {
				n++
			}
		}
		return n
	}
	u.locked(func() {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(zone.Card)
		mid := at.Add(fyne.NewPos(zone.Card.Size().Width/2, zone.Card.Size().Height/2))
		u.onDropped(mid, []fyne.URI{storage.NewFileURI(page)})
	})
	waitDocs()
	assert.Equal(t, 1, countIn(zone.Item), "dropped on the card: attached to its item")
	assert.Equal(t, 0, countIn(target))

	// Outside every card (the window's corner): the "Attach to" item.
	u.locked(func() { u.onDropped(fyne.NewPos(1, 1), []fyne.URI{storage.NewFileURI(page)}) })
	waitDocs()
	assert.Equal(t, 1, countIn(target))

	// With another tab showing, the cards are not under the pointer: a
	// drop where the card was goes to the "Attach to" item.
	u.locked(func() {
		u.caseEd.Probe().FilesView().Hide()
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(zone.Card)
		u.onDropped(at.Add(fyne.NewPos(5, 5)), []fyne.URI{storage.NewFileURI(page)})
	})
	waitDocs()
	assert.Equal(t, 1, countIn(zone.Item))
	assert.Equal(t, 2, countIn(target))
	u.locked(func() { u.caseEd.Probe().FilesView().Show() })
}

// docsWaiter makes the case editor report each finished piece of document
// work; the returned function waits for the next one.
func docsWaiter(t *testing.T, u *ui) func() {
	finished := make(chan struct{}, 8)
	u.caseEd.AfterDocs = func() { finished <- struct{}{} }
	return func() {
		t.Helper()
		select {
		case <-finished:
		case <-time.After(60 * time.Second):
			t.Fatal("document work did not finish")
		}
	}
}

// A scanned PDF shows its page's picture on the Files tab; a typed PDF,
// which nothing here can draw, a page icon with its paper size.
func TestPDFPreviews(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1200, 900))
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	waitDocs := docsWaiter(t, u)
	u.caseEd.SetTab(2)
	wait(t, func(done func()) { u.openCase(caseID, done) })
	waitDocs()
	typed := filepath.Join(t.TempDir(), "договор набран.pdf")
	require.NoError(t, os.WriteFile(typed, scantest.TypedPDF(), 0o600))
	u.locked(func() { u.caseEd.AttachPaths("passport", []string{typed}) })
	waitDocs()

	// The demo's contract.pdf is a scanned page: its preview comes.
	eventually(t, func() bool {
		var shape int
		u.locked(func() { shape = thumbShape(fileRowOf(t, w.Content(), "contract.pdf")) })
		return shape < 0 // portrait
	}, "the scanned PDF's preview")
	u.locked(func() {
		row := fileRowOf(t, w.Content(), filepath.Base(typed))
		assert.Zero(t, thumbShape(row), "no picture for a typed page")
		var texts []string
		walkObjects(row, func(o fyne.CanvasObject) {
			if tx, ok := o.(*canvas.Text); ok {
				texts = append(texts, tx.Text)
			}
		})
		assert.Contains(t, texts, "A4")
	})
}
