package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The import matches rows to employees through EmployeeIndex; it must answer
// as FindEmployee does after every save in the same transaction, even when two
// employees share a key (an old passport kept on a dismissed record) and one
// of them changes it.
func TestEmployeeIndexAgreesWithFindAfterSaves(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	a := Employee{NameCyr: "Первый", Citizenship: "UZ", PassportNo: "FA1"}
	b := Employee{NameCyr: "Второй", Citizenship: "UZ", PassportNo: "FA1"}
	c := Employee{NameCyr: "Третий", Citizenship: "KG", IIN: "900101300017", PassportNo: "AC7"}
	d := Employee{NameCyr: "Четвёртый", Citizenship: "KG", IIN: "900101300017", PassportNo: "AC8"}
	for _, e := range []*Employee{&a, &b, &c, &d} {
		require.NoError(t, w.SaveEmployee(ctx, e, today))
	}

	steps := []struct {
		name string
		edit func(e *Employee)
		who  *Employee
	}{
		{"the first holder of a shared passport changes it", func(e *Employee) { e.PassportNo = "FA2" }, &a},
		{"the first holder of a shared IIN changes it", func(e *Employee) { e.IIN = "" }, &c},
		{"a key comes back to its first holder", func(e *Employee) { e.PassportNo = "FA1" }, &a},
	}
	queries := []struct{ iin, passport string }{
		{"", "FA1"}, {"", "FA2"}, {"900101300017", ""}, {"", "AC7"}, {"900101300017", "AC7"}, {"", "AC8"}, {"", "nobody"},
	}
	require.NoError(t, w.Update(ctx, func(tx *Tx) error {
		ix, err := tx.EmployeeIndex(ctx)
		require.NoError(t, err)
		check := func(step string) {
			for _, q := range queries {
				want, wantOK, err := tx.FindEmployee(ctx, q.iin, q.passport)
				require.NoError(t, err)
				got, gotOK, err := ix.Find(ctx, q.iin, q.passport)
				require.NoError(t, err)
				assert.Equal(t, wantOK, gotOK, "%s: found by %+v", step, q)
				assert.Equal(t, want.ID, got.ID, "%s: who has %+v", step, q)
			}
		}
		check("as loaded")
		for _, s := range steps {
			old := *s.who
			s.edit(s.who)
			require.NoError(t, tx.SaveEmployee(ctx, s.who, today))
			ix.Saved(old, *s.who)
			check(s.name)
		}
		return nil
	}))
}
