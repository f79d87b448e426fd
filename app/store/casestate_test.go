package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

func TestCheckCaseState(t *testing.T) {
	yesterday, tomorrow := today.AddDays(-1), today.AddDays(1)
	tests := []struct {
		from, to string
		filed    civil.Date
		wantKey  string // "" when allowed
	}{
		{StateDraft, StateFiled, today, ""},
		{StateDraft, StateFiled, yesterday, ""},
		{StateDraft, StateFiled, tomorrow, "store.err.filing_date_future"},
		{StateDraft, StateFiled, civil.Date{}, "store.err.filing_date_required"},
		{StateDraft, StateApproved, today, "store.err.state_change"},
		{StateDraft, StateDraft, today, "store.err.state_change"},
		{StateFiled, StateApproved, today, ""},
		{StateFiled, StateRefused, tomorrow, ""}, // the date matters only when filing
		{StateFiled, StateDraft, today, ""},
		{StateApproved, StateRefused, today, "store.err.state_change"},
		{StateApproved, StateDraft, today, ""},
		{StateRefused, StateDraft, today, ""},
		{StateClosed, StateDraft, today, ""},
		{StateClosed, StateFiled, today, "store.err.state_change"},
	}
	for _, tc := range tests {
		probs := CheckCaseState(tc.from, tc.to, tc.filed, today)
		if tc.wantKey == "" {
			assert.Empty(t, probs, "%s → %s", tc.from, tc.to)
			continue
		}
		require.Len(t, probs, 1, "%s → %s", tc.from, tc.to)
		assert.Equal(t, tc.wantKey, probs[0].Key, "%s → %s", tc.from, tc.to)
		for _, l := range i18n.Langs {
			assert.NotContains(t, probs[0].Text(l), "[store.", "translated in %s", l)
		}
	}
	for _, s := range []string{StateDraft, StateFiled, StateApproved, StateRefused, StateClosed} {
		for _, next := range NextCaseStates(s) {
			assert.NotEqual(t, s, next, "a move changes the state")
		}
	}
}

func TestChangeCaseStateSavesAndRecords(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	e := Employee{NameCyr: "Петров Пётр", Citizenship: "RU", PassportNo: "1"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	c := Case{EmployeeID: e.ID, FilingDate: today.AddDays(10), OwnersCount: 1}
	require.NoError(t, w.SaveCase(ctx, &c))

	// Filing with the planned date still ahead is refused and changes nothing.
	err := w.ChangeCaseState(ctx, &c, StateFiled, today)
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	got, err := w.Case(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, StateDraft, got.State)

	c.FilingDate, c.Notes = today, "подано в ЦОН"
	require.NoError(t, w.ChangeCaseState(ctx, &c, StateFiled, today))
	got, err = w.Case(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, StateFiled, got.State)
	assert.Equal(t, today, got.FilingDate)
	assert.Equal(t, "подано в ЦОН", got.Notes, "the other fields are saved with the state")

	// The move is checked against the stored state, not the one passed in.
	stale := got
	stale.State = StateDraft
	require.NoError(t, w.ChangeCaseState(ctx, &stale, StateApproved, today))
	require.ErrorIs(t, w.ChangeCaseState(ctx, &stale, StateRefused, today), ErrInvalid, "approved cannot become refused")

	hist, err := w.History(ctx, 10)
	require.NoError(t, err)
	var moves []string
	for _, h := range hist {
		if h.Action == "state" && h.EntityID == c.ID {
			moves = append(moves, h.Detail)
		}
	}
	assert.Equal(t, []string{"filed → approved", "draft → filed " + today.DMY()}, moves)

	require.ErrorIs(t, w.ChangeCaseState(ctx, &Case{ID: 999, EmployeeID: e.ID}, StateFiled, today), ErrNotFound)
}
