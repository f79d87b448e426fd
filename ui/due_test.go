package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/store"
)

// The clerk enters an Uzbek employee's visa-free entry of three days ago in
// the clock-dates form; the Due screen then lists the online registration
// of MIA Order No. 923 (30 calendar days), with its source and confidence.
func TestDueScreenListsAClockEnteredInTheForm(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	p := u.p
	ctx := context.Background()
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	e := emps[0]
	e.Citizenship, e.TRPIssued, e.TRPExpiry = "UZ", civil.Date{}, civil.Date{}
	today := civil.Of(nowKZ())
	require.NoError(t, u.ws.SaveEmployee(ctx, &e, today))
	entry := today.AddDays(-3)

	u.locked(func() {
		u.editClockDates(e, nil)
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		formWidget(t, top, p.T("ui.due.entry_date")).(*appEntry).SetText(entry.DMY())
		basis := findSelect(top, p.T("ui.due.basis.visa_free"))
		require.NotNil(t, basis)
		basis.SetSelected(p.T("ui.due.basis.visa_free"))
		save := findButton(top, p.T("ui.emp.save"))
		require.NotNil(t, save)
		test.Tap(save)
	})
	d, err := u.ws.ClockDatesOf(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, entry, d.EntryDate)
	assert.Equal(t, store.EntryVisaFree, d.EntryBasis)

	var screen = func() string { return "" }
	u.locked(func() {
		s := u.dueScreen()
		screen = func() string { return strings.Join(texts(s), "\n") }
	})
	due := entry.AddDays(30).DMY()
	eventually(t, func() bool {
		var got string
		u.locked(func() { got = screen() })
		return strings.Contains(got, due)
	}, "the registration clock on the Due screen")
	var got string
	u.locked(func() { got = screen() })
	assert.Contains(t, got, e.Name())
	assert.Contains(t, got, "№ 923", "the source by its title")
	assert.NotContains(t, got, "mia_923", "not by the rules' ID")
	assert.Contains(t, got, p.T("ui.due.confidence.practice"))
}
