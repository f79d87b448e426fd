package rosterundo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/store"
)

var today = civil.MustParse("2026-12-07")

func workspace(t *testing.T) *store.Workspace {
	ws, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	return ws
}

// An import adds one employee and changes another; the undo removes the one
// and restores the other, as one line of the history.
func TestUndoTakesTheImportBack(t *testing.T) {
	ctx := context.Background()
	ws := workspace(t)
	kept := store.Employee{NameCyr: "Иванов Иван", Citizenship: "RU", PassportNo: "P1", TRPExpiry: civil.MustParse("2027-01-10"), Status: store.StatusActive}
	require.NoError(t, ws.SaveEmployee(ctx, &kept, today))
	before, err := Take(ctx, ws)
	require.NoError(t, err)

	// The import: one new employee, one changed date.
	added := store.Employee{NameCyr: "Петрова Анна", Citizenship: "KG", PassportNo: "P2", Status: store.StatusActive}
	require.NoError(t, ws.SaveEmployee(ctx, &added, today))
	changed := kept
	changed.TRPExpiry = civil.MustParse("2028-01-10")
	require.NoError(t, ws.SaveEmployee(ctx, &changed, today))
	after, err := Take(ctx, ws)
	require.NoError(t, err)

	u := Diff(before, after)
	require.Len(t, u.Added, 1)
	require.Len(t, u.Changed, 1)
	ok, err := u.Available(ctx, ws)
	require.NoError(t, err)
	assert.True(t, ok)

	require.NoError(t, u.Apply(ctx, ws, today))
	_, err = ws.Employee(ctx, added.ID)
	assert.ErrorIs(t, err, store.ErrNotFound, "the added employee is gone")
	back, err := ws.Employee(ctx, kept.ID)
	require.NoError(t, err)
	assert.Equal(t, kept, back, "the changed employee is as before")
	hist, err := ws.History(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, "undo_import", hist[0].Action)
	ok, err = u.Available(ctx, ws)
	require.NoError(t, err)
	assert.False(t, ok, "not offered twice")
}

// Once the clerk edits an employee the import touched, or opens a case for
// an added one, the undo is no longer offered and refuses to run.
func TestUndoStopsOnceEdited(t *testing.T) {
	ctx := context.Background()
	for _, edit := range []string{"edit changed", "edit added", "case for added"} {
		ws := workspace(t)
		kept := store.Employee{NameCyr: "Иванов Иван", Citizenship: "RU", PassportNo: "P1", Status: store.StatusActive}
		require.NoError(t, ws.SaveEmployee(ctx, &kept, today))
		before, err := Take(ctx, ws)
		require.NoError(t, err)
		added := store.Employee{NameCyr: "Петрова Анна", Citizenship: "KG", PassportNo: "P2", Status: store.StatusActive}
		require.NoError(t, ws.SaveEmployee(ctx, &added, today))
		changed := kept
		changed.PassportNo = "P9"
		require.NoError(t, ws.SaveEmployee(ctx, &changed, today))
		after, err := Take(ctx, ws)
		require.NoError(t, err)
		u := Diff(before, after)

		switch edit {
		case "edit changed":
			changed.NameLat = "IVANOV IVAN"
			require.NoError(t, ws.SaveEmployee(ctx, &changed, today))
		case "edit added":
			added.NameLat = "PETROVA ANNA"
			require.NoError(t, ws.SaveEmployee(ctx, &added, today))
		case "case for added":
			c := store.Case{EmployeeID: added.ID, Purpose: "work", Kind: "first", Channel: "online", OwnersCount: 1}
			require.NoError(t, ws.SaveCase(ctx, &c))
		}
		ok, err := u.Available(ctx, ws)
		require.NoError(t, err)
		assert.False(t, ok, edit)
		assert.ErrorIs(t, u.Apply(ctx, ws, today), ErrStale, edit)
	}
}

// An import that only set clock dates and a company's EDS expiry is taken
// back too: the dates and the expiry are as they were.
func TestUndoRestoresClockDatesAndEDS(t *testing.T) {
	ctx := context.Background()
	ws := workspace(t)
	er := store.Employer{Name: "ТОО Альфа", BIN: "940140000385", EDSExpiry: civil.MustParse("2027-01-10")}
	require.NoError(t, ws.SaveEmployer(ctx, &er))
	kept := store.Employee{NameCyr: "Иванов Иван", Citizenship: "UZ", PassportNo: "P1", EmployerID: er.ID, Status: store.StatusActive}
	require.NoError(t, ws.SaveEmployee(ctx, &kept, today))
	old := store.ClockDates{EmployeeID: kept.ID, EntryDate: civil.MustParse("2026-11-01")}
	require.NoError(t, ws.SaveClockDates(ctx, old))
	before, err := Take(ctx, ws)
	require.NoError(t, err)

	moved := old
	moved.EntryDate, moved.EntryBasis = civil.MustParse("2026-12-03"), store.EntryVisaFree
	require.NoError(t, ws.SaveClockDates(ctx, moved))
	changedEr := er
	changedEr.EDSExpiry = civil.MustParse("2027-06-01")
	require.NoError(t, ws.SaveEmployer(ctx, &changedEr))
	after, err := Take(ctx, ws)
	require.NoError(t, err)

	u := Diff(before, after)
	require.Len(t, u.Changed, 1, "a change of clock dates alone is a change")
	require.Len(t, u.Employers, 1)
	require.NoError(t, u.Apply(ctx, ws, today))
	d, err := ws.ClockDatesOf(ctx, kept.ID)
	require.NoError(t, err)
	assert.Equal(t, old, d)
	back, err := ws.Employer(ctx, er.ID)
	require.NoError(t, err)
	assert.Equal(t, "2027-01-10", back.EDSExpiry.String())

	// Dates edited after the import stop the undo.
	require.NoError(t, ws.SaveClockDates(ctx, moved))
	u = Diff(before, after)
	require.NoError(t, ws.SaveClockDates(ctx, store.ClockDates{EmployeeID: kept.ID, EntryDate: civil.MustParse("2026-12-05")}))
	assert.ErrorIs(t, u.Apply(ctx, ws, today), ErrStale)
}
