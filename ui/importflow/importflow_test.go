package importflow

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/roster"
	"dossier/app/store"
	"dossier/ui/uikit"

	_ "dossier/app/posixlocale" // a locale Fyne can parse, before it reads one
)

// testApp is the window as a test double: a real workspace, a real lock
// around UI callbacks (Fyne's test driver runs them on the posting
// goroutine), and a count of the redraws an import asked for.
type testApp struct {
	win     fyne.Window
	ws      *store.Workspace
	lock    sync.Mutex
	bg      sync.WaitGroup
	written int
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	ws, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	a := &testApp{win: w, ws: ws}
	t.Cleanup(func() {
		a.bg.Wait()
		ws.Close()
	})
	return a
}

func (a *testApp) Kit() uikit.Kit {
	return uikit.Kit{P: i18n.Printer{Lang: i18n.RU}, Lang: i18n.RU, Win: a.win}
}
func (a *testApp) Workspace() *store.Workspace { return a.ws }
func (a *testApp) Now() time.Time              { return time.Now().In(kz.Location()) }
func (a *testApp) ImportWritten()              { a.written++ }

func (a *testApp) OnUI(fn func()) {
	fyne.Do(func() {
		a.lock.Lock()
		defer a.lock.Unlock()
		fn()
	})
}

func (a *testApp) Go(fn func()) {
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		fn()
	}()
}

// The preview comes first and writes nothing; confirmed, the import is
// written, the window is told, and it can be taken back.
func TestPreviewThenWriteThenUndo(t *testing.T) {
	app := newTestApp(t)
	f := New(app)
	path := filepath.Join(t.TempDir(), "roster.csv")
	csv := "ФИО;Гражданство;ИИН;Паспорт;РВП до\nНовикова Анна;Россия;790303402568;75 1234567;01.06.2027\n"
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))

	count := func() int {
		es, err := app.ws.Employees(context.Background(), store.EmployeeFilter{})
		require.NoError(t, err)
		return len(es)
	}
	shown := make(chan struct{}, 1)
	f.PreviewShown = func() {
		assert.Zero(t, count(), "the preview writes nothing")
		shown <- struct{}{}
	}
	done := make(chan error, 1)
	app.lock.Lock()
	f.Run(path, func(_ roster.Result, err error) { done <- err })
	app.lock.Unlock()
	select {
	case <-shown:
	case <-time.After(60 * time.Second):
		t.Fatal("no preview")
	}
	// The clerk confirms: the preview is the top overlay, a confirm dialog.
	app.lock.Lock()
	confirmTop(t, app.win)
	app.lock.Unlock()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(60 * time.Second):
		t.Fatal("the import did not finish")
	}
	assert.Equal(t, 1, count())
	app.lock.Lock()
	assert.Equal(t, 1, app.written, "the window redraws the employees")
	require.NotNil(t, f.Last(), "the import can be taken back")
	assert.Len(t, f.Last().Undo.Added, 1)
	app.lock.Unlock()

	undone := make(chan error, 1)
	app.lock.Lock()
	f.applyUndo(func(err error) { undone <- err })
	app.lock.Unlock()
	select {
	case err := <-undone:
		require.NoError(t, err)
	case <-time.After(60 * time.Second):
		t.Fatal("the undo did not finish")
	}
	assert.Zero(t, count(), "taken back")
	app.lock.Lock()
	assert.Nil(t, f.Last(), "offered no more")
	app.lock.Unlock()
}

// confirmTop taps the button labelled "ui.import.go" on the dialog on top.
func confirmTop(t *testing.T, w fyne.Window) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	require.NotNil(t, top, "a dialog")
	label := i18n.Printer{Lang: i18n.RU}.T("ui.import.go")
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == label {
				found = x
			}
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
			return
		}
		if wi, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wi).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	require.NotNil(t, found, "the confirm button")
	test.Tap(found)
}

// Changed fields are named by the file's own titles, in byte order; a field
// the file has no title for keeps its id.
func TestFieldTitles(t *testing.T) {
	res := roster.Result{Columns: map[string]string{"passport_no": "Паспорт", "iin": "ИИН"}}
	assert.Equal(t, "status, ИИН, Паспорт", fieldTitles(res, []string{"passport_no", "status", "iin"}))
	assert.Equal(t, "", fieldTitles(res, nil))
}
