package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/store"
)

// TestDueScreenshots writes the Due screen and the roster's attention bar
// as PNGs into $DOSSIER_SHOTS (docs/screenshots for the guide), rendered by
// Fyne's software painter on the demo workspace with a few clock dates.
// Without the variable it does nothing: it makes pictures, it checks little.
func TestDueScreenshots(t *testing.T) {
	dir := os.Getenv("DOSSIER_SHOTS")
	if dir == "" {
		t.Skip("set DOSSIER_SHOTS to a folder to write the screenshots")
	}
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	u.locked(func() { u.setLanguage(i18n.RU) })
	ctx := context.Background()
	today := civil.Of(nowKZ())
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	e := emps[0]
	e.Citizenship, e.TRPIssued, e.TRPExpiry = "UZ", civil.Date{}, civil.Date{}
	require.NoError(t, u.ws.SaveEmployee(ctx, &e, today))
	require.NoError(t, u.ws.SaveClockDates(ctx, store.ClockDates{EmployeeID: e.ID, EntryDate: today.AddDays(-20),
		EntryBasis: store.EntryVisaFree, ContractSigned: today.AddDays(-2), WorkPermitExpiry: today.AddDays(40)}))
	w.Resize(fyne.NewSize(1280, 800))
	shot := func(name string, id screenID, ready string) {
		u.locked(func() { u.current = id; u.showNow() })
		eventually(t, func() bool {
			var got string
			u.locked(func() { got = strings.Join(texts(w.Content()), "\n") })
			return strings.Contains(got, ready)
		}, name)
		var f *os.File
		f, err = os.Create(filepath.Join(dir, name))
		require.NoError(t, err)
		defer f.Close()
		u.locked(func() { err = png.Encode(f, w.Canvas().Capture()) })
		require.NoError(t, err)
	}
	shot("due.png", screenDue, e.Name())
	shot("employees-due.png", screenEmployees, e.Name())

	// The roster filtered to the clocks due within a week, the employee
	// selected: the clocks button with its count.
	u.locked(func() {
		week := u.p.T("ui.emp.filter.clocks_week")
		if sel := findSelect(w.Content(), week); sel != nil {
			sel.SetSelected(week)
		}
		if u.roster != nil && len(u.roster.shown) > 0 {
			u.roster.table.Select(widget.TableCellID{Row: 0, Col: 0})
		}
	})
	writeShot(t, u, w, filepath.Join(dir, "employees-clocks-filter.png"))

	// The employee's card of clocks, over the roster.
	u.locked(func() { u.showEmployeeClocks(e, nil) })
	eventually(t, func() bool {
		var got string
		u.locked(func() {
			if top := w.Canvas().Overlays().Top(); top != nil {
				got = strings.Join(texts(top), "\n")
			}
		})
		return strings.Contains(got, "mia_923")
	}, "the clock card")
	writeShot(t, u, w, filepath.Join(dir, "employee-clocks.png"))
}

// writeShot saves the window as a PNG.
func writeShot(t *testing.T, u *ui, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	u.locked(func() { err = png.Encode(f, w.Canvas().Capture()) })
	require.NoError(t, err)
}
