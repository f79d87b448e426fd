package clocks

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
)

// The employee card's clocks come from the workspace as it is: the
// employee, their clock dates and family; the company's own EDS clock is
// the company's, not the employee's.
func TestForEmployee(t *testing.T) {
	ctx := context.Background()
	ws, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = ws.Close() })
	er := store.Employer{Name: "ТОО Альфа", BIN: "940140000385", EDSExpiry: d("2026-12-10")}
	require.NoError(t, ws.SaveEmployer(ctx, &er))
	e := worker()
	e.ID, e.EmployerID, e.Status = 0, er.ID, store.StatusActive
	require.NoError(t, ws.SaveEmployee(ctx, &e, today))
	// MIA Order 923 (in force 01.07.2026): a visa-free entry on Thu
	// 03.12.2026 is due for online registration 30 calendar days later,
	// Sat 02.01.2027 (not moved off the day off).
	require.NoError(t, ws.SaveClockDates(ctx, store.ClockDates{EmployeeID: e.ID, EntryDate: d("2026-12-03"), EntryBasis: store.EntryVisaFree}))
	child := store.FamilyMember{EmployeeID: e.ID, Relation: store.RelationChild, NameCyr: "Каримов Тимур", BirthDate: d("2010-12-10")}
	require.NoError(t, ws.SaveFamilyMember(ctx, &child, today))

	items, err := ForEmployee(ctx, ws, embedded(t), e.ID, today, i18n.EN)
	require.NoError(t, err)
	check(t, items, want{"arrival_registration", "2027-01-02", "mia_923", rules.Practice, Soon})
	check(t, items, want{"turned_16", "2026-12-20", "S8", rules.Practice, Soon})
	assert.Empty(t, find(items, "eds_expiry"), "the company's clock is not on the employee")

	reg := find(items, "arrival_registration")[0]
	assert.Equal(t, civil.MustParse("2025-11-17"), reg.SourceDate, "the order's date")
	// Mon 07.12 → Sat 02.01.2027: 8–11, 14, 15, 17, 18, 21–25, 28–31 December
	// (16 December and 1–2 January off): 17 working days.
	assert.Equal(t, 17, reg.WorkingDaysLeft)
	assert.Equal(t, 26, reg.DaysLeft)
	assert.Contains(t, AppliesName(reg.AppliesTo, i18n.EN), "no deadline is established")
	assert.Empty(t, AppliesName("everyone", i18n.EN))

	_, err = ForEmployee(ctx, ws, embedded(t), 999, today, i18n.EN)
	assert.ErrorIs(t, err, store.ErrNotFound)
}

// Every population a rule may name has its words in the three languages.
func TestAppliesNames(t *testing.T) {
	for pop := range rules.ClockPopulations {
		for _, l := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
			assert.NotContains(t, AppliesName(pop, l), "clocks.applies", "%s %s", pop, l)
		}
	}
}
