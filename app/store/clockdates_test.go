package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
)

func TestClockDatesRoundTrip(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	today := civil.MustParse("2026-12-07")
	e := Employee{NameCyr: "Каримов Алишер", Citizenship: "UZ", Status: StatusActive}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))

	all, err := w.AllClockDates(ctx)
	require.NoError(t, err)
	assert.Empty(t, all, "no row until the clerk enters a date")

	d := ClockDates{EmployeeID: e.ID, EntryDate: civil.MustParse("2026-07-01"), EntryBasis: EntryVisaFree,
		ContractSigned: civil.MustParse("2026-07-02"), WorkPermitExpiry: civil.MustParse("2027-07-01")}
	require.NoError(t, w.SaveClockDates(ctx, d))
	all, err = w.AllClockDates(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[int64]ClockDates{e.ID: d}, all)

	d.EntryBasis, d.ContractSigned, d.ArrivalRegistered = EntryVisa, civil.Date{}, civil.MustParse("2026-07-03")
	require.NoError(t, w.SaveClockDates(ctx, d))
	all, err = w.AllClockDates(ctx)
	require.NoError(t, err)
	assert.Equal(t, d, all[e.ID], "a second save replaces the row; a date can be cleared")

	one, err := w.ClockDatesOf(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, d, one)
	none, err := w.ClockDatesOf(ctx, e.ID+1000)
	require.NoError(t, err)
	assert.Equal(t, ClockDates{EmployeeID: e.ID + 1000}, none)

	d.EntryBasis = "tourist"
	err = w.SaveClockDates(ctx, d)
	assert.True(t, errors.Is(err, ErrEntryBasis), "%v", err)

	require.NoError(t, w.DeleteEmployee(ctx, e.ID))
	all, err = w.AllClockDates(ctx)
	require.NoError(t, err)
	assert.Empty(t, all, "the dates go with the employee")
}
