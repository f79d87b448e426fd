package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rosterFixture: employees at two employers, one without an employer, one
// dismissed, one whose dates are all far off (with and without a family),
// and cases whose newest state must win.
func rosterFixture(t *testing.T) (w *Workspace, ids map[string]int64) {
	ctx := context.Background()
	w = openTemp(t)
	ids = map[string]int64{}
	a := Employer{Name: "ТОО «Альфа»", BIN: "940140000385"}
	b := Employer{Name: "ТОО «Бета»", BIN: "990140004654"}
	require.NoError(t, w.SaveEmployer(ctx, &a))
	require.NoError(t, w.SaveEmployer(ctx, &b))
	for _, e := range []Employee{
		{EmployerID: a.ID, NameCyr: "Альфа Скоро", PassportNo: "A1", TRPExpiry: today.AddDays(30), ContractESUTD: true},
		{EmployerID: b.ID, NameLat: "Beta Soon", PassportNo: "B1", PassportExpiry: today.AddDays(10)},
		{NameCyr: "Без работодателя", PassportNo: "N1", ContractEnd: today.AddDays(5)},
		{EmployerID: a.ID, NameCyr: "Уволен", PassportNo: "D1", TRPExpiry: today.AddDays(3), Status: StatusDismissed},
		{EmployerID: a.ID, NameCyr: "Далеко", PassportNo: "F1", TRPExpiry: today.AddDate(5, 0, 0)},
		{EmployerID: a.ID, NameCyr: "Далеко с семьёй", PassportNo: "F2", TRPExpiry: today.AddDate(5, 0, 0)},
	} {
		require.NoError(t, w.SaveEmployee(ctx, &e, today))
		ids[e.Name()] = e.ID
	}
	child := FamilyMember{EmployeeID: ids["Далеко с семьёй"], Relation: RelationChild, NameCyr: "Ребёнок",
		BirthDate: today.AddDate(-15, 0, 0)}
	require.NoError(t, w.SaveFamilyMember(ctx, &child, today))
	ids["Ребёнок"] = child.ID
	dismissedChild := FamilyMember{EmployeeID: ids["Уволен"], NameCyr: "Ребёнок уволенного"}
	require.NoError(t, w.SaveFamilyMember(ctx, &dismissedChild, today))
	for _, c := range []Case{
		{EmployeeID: ids["Альфа Скоро"], State: StateClosed},
		{EmployeeID: ids["Альфа Скоро"], State: StateFiled},
		{EmployeeID: ids["Альфа Скоро"], FamilyMemberID: 0, State: StateDraft, Notes: "newest"},
		{EmployeeID: ids["Далеко с семьёй"], FamilyMemberID: child.ID, State: StateApproved},
	} {
		require.NoError(t, w.SaveCase(ctx, &c))
	}
	return w, ids
}

func readAll(t *testing.T, w *Workspace, f RosterFilter) (emps []RosterEmployee, fam []RosterFamilyMember) {
	require.NoError(t, w.ReadRoster(context.Background(), f, RosterVisitor{
		Employee: func(e RosterEmployee) error { emps = append(emps, e); return nil },
		Family:   func(m RosterFamilyMember) error { fam = append(fam, m); return nil },
	}))
	return emps, fam
}

func names(emps []RosterEmployee) []string {
	var out []string
	for _, e := range emps {
		out = append(out, e.Name())
	}
	return out
}

func TestReadRoster(t *testing.T) {
	w, ids := rosterFixture(t)

	emps, fam := readAll(t, w, RosterFilter{})
	assert.Equal(t, []string{"Альфа Скоро", "Beta Soon", "Без работодателя", "Уволен", "Далеко", "Далеко с семьёй"}, names(emps))
	assert.Len(t, fam, 2)

	emps, fam = readAll(t, w, RosterFilter{Status: StatusActive})
	assert.Equal(t, []string{"Альфа Скоро", "Beta Soon", "Без работодателя", "Далеко", "Далеко с семьёй"}, names(emps))
	require.Len(t, fam, 1, "the dismissed employee's family is left out with them")
	assert.Equal(t, "Ребёнок", fam[0].NameCyr)
	assert.Equal(t, ids["Далеко с семьёй"], fam[0].EmployeeID)
	assert.Equal(t, StateApproved, fam[0].CaseState, "the family member's own case")
	assert.Equal(t, RelationChild, fam[0].Relation)
	assert.Equal(t, today.AddDate(-15, 0, 0), fam[0].BirthDate)

	first := emps[0]
	assert.Equal(t, "ТОО «Альфа»", first.EmployerName)
	assert.Equal(t, "940140000385", first.EmployerBIN)
	assert.Equal(t, StateDraft, first.CaseState, "the newest of the employee's own cases")
	assert.Equal(t, today.AddDays(30), first.TRPExpiry)
	assert.True(t, first.ContractESUTD)
	assert.Empty(t, emps[2].EmployerName, "no employer")
	assert.Empty(t, emps[3].CaseState, "the family member's case is not the employee's")

	emps, fam = readAll(t, w, RosterFilter{EmployerBIN: "990140004654", Status: StatusActive})
	assert.Equal(t, []string{"Beta Soon"}, names(emps))
	assert.Empty(t, fam)

	// DatedBy leaves out only those with nothing dated by then and no family.
	emps, fam = readAll(t, w, RosterFilter{Status: StatusActive, DatedBy: today.AddDays(90)})
	assert.Equal(t, []string{"Альфа Скоро", "Beta Soon", "Без работодателя", "Далеко с семьёй"}, names(emps))
	assert.Len(t, fam, 1)

	// Either part may be skipped; an error from the visitor stops the read.
	stop := errors.New("stop")
	n := 0
	err := w.ReadRoster(context.Background(), RosterFilter{}, RosterVisitor{Family: func(RosterFamilyMember) error {
		n++
		return stop
	}})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 1, n)
}

func TestCasesByState(t *testing.T) {
	w, ids := rosterFixture(t)
	ctx := context.Background()
	open, err := w.CasesByState(ctx, StateDraft, StateFiled)
	require.NoError(t, err)
	require.Len(t, open, 2)
	assert.Equal(t, StateFiled, open[0].State, "oldest first")
	assert.Equal(t, "newest", open[1].Notes)
	assert.Equal(t, ids["Альфа Скоро"], open[1].EmployeeID)
	all, err := w.CasesByState(ctx)
	require.NoError(t, err)
	assert.Len(t, all, 4)
	assert.Equal(t, ids["Ребёнок"], all[3].FamilyMemberID)
	none, err := w.CasesByState(ctx, StateRefused)
	require.NoError(t, err)
	assert.Empty(t, none)
}
