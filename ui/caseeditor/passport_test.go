package caseeditor

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/mrz"
	"dossier/app/scan"
	"dossier/app/store"
)

// wsApp is the test window with a workspace open.
type wsApp struct {
	*testApp
	ws *store.Workspace
}

func (a *wsApp) Workspace() *store.Workspace { return a.ws }

// labelTexts lists the labels under o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// A passport scan on the case's passport item is compared with what was
// typed for the applicant: a wrong passport number is a finding under the
// file, with the zone's crop; a scan that agrees says so.
func TestPassportItemFindings(t *testing.T) {
	ctx := context.Background()
	ws, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	today := civil.New(2026, 12, 7)
	emp := store.Employee{NameCyr: "Эрикссон Анна", NameLat: "ERIKSSON ANNA MARIA", PassportNo: "L898902C8",
		BirthDate: civil.New(1974, 8, 12), Sex: "F", PassportExpiry: civil.New(2012, 4, 15), Status: store.StatusActive}
	require.NoError(t, ws.SaveEmployee(ctx, &emp, today))
	c := store.Case{EmployeeID: emp.ID}
	require.NoError(t, ws.SaveCase(ctx, &c))
	cf, err := ws.AttachPath(ctx, c.ID, passportItem, "../../app/mrz/testdata/specimen-150dpi.jpg")
	require.NoError(t, err)

	app := &wsApp{testApp: newTestApp(t), ws: ws}
	e := New(app)
	e.stored = &c
	doc := casework.Doc{File: cf, Result: scan.Result{Verdict: scan.Accept}}
	var box fyne.CanvasObject
	app.locked(func() { box = e.passportCheck(doc) })
	app.bg.Wait()
	app.locked(func() {
		all := strings.Join(labelTexts(box), "\n")
		want := mrz.Finding{Code: mrz.CrossMismatch, Field: mrz.FDocumentNumber, Zone: "L898902C3", Form: "L898902C8"}
		assert.Contains(t, all, want.Message(app.Kit().Lang))
		crops := 0
		for _, o := range box.(*fyne.Container).Objects {
			if img, ok := o.(*canvas.Image); ok && img.Image != nil {
				crops++
			}
		}
		assert.Equal(t, 1, crops, "the zone's crop is shown")
	})

	// Typed right, the item says the data agree (Utopia's nationality,
	// which is no state, is still pointed out).
	emp.PassportNo = "L898902C3"
	require.NoError(t, ws.SaveEmployee(ctx, &emp, today))
	app.locked(func() { box = e.passportCheck(doc) })
	app.bg.Wait()
	app.locked(func() {
		all := strings.Join(labelTexts(box), "\n")
		assert.NotContains(t, all, mrz.Finding{Code: mrz.CrossMismatch, Field: mrz.FDocumentNumber, Zone: "L898902C3", Form: "L898902C8"}.Message(app.Kit().Lang))
		assert.Contains(t, all, app.Kit().P.T("ui.mrz.check_title", "specimen-150dpi.jpg"))
	})

	// A rejected file is not read.
	app.locked(func() {
		box = e.passportCheck(casework.Doc{File: cf, Result: scan.Result{Verdict: scan.Reject}})
		assert.Empty(t, box.(*fyne.Container).Objects)
	})
}
