// Package rosterundo takes a roster import back as one step: the employees
// it added are removed and the fields it changed are put back as they were.
// It works from two pictures of the roster, before and after the import,
// so it needs nothing from the importer; and it is offered only while every
// employee the import touched is still exactly as the import left them: an
// employee edited since (or given a case or a family member) is the clerk's
// work, which an undo must never take away.
package rosterundo

import (
	"context"
	"errors"
	"fmt"

	"dossier/app/civil"
	"dossier/app/store"
)

// ErrStale means the roster changed since the import: the undo is no
// longer offered.
var ErrStale = errors.New("the employees were edited since the import")

// Snapshot is the roster at one moment, by employee ID.
type Snapshot map[int64]store.Employee

// Take reads every employee, whatever their status.
func Take(ctx context.Context, ws *store.Workspace) (Snapshot, error) {
	emps, err := ws.Employees(ctx, store.EmployeeFilter{})
	if err != nil {
		return nil, fmt.Errorf("roster snapshot: %w", err)
	}
	s := make(Snapshot, len(emps))
	for _, e := range emps {
		s[e.ID] = e
	}
	return s, nil
}

// Change is one employee as they were before the import and after it.
type Change struct {
	Before, After store.Employee
}

// Undo is what an import did to the roster.
type Undo struct {
	Added   []store.Employee
	Changed []Change
}

// Diff is what happened between before and after.
func Diff(before, after Snapshot) Undo {
	var u Undo
	for id, a := range after {
		b, ok := before[id]
		switch {
		case !ok:
			u.Added = append(u.Added, a)
		case a != b:
			u.Changed = append(u.Changed, Change{Before: b, After: a})
		}
	}
	return u
}

// Empty reports an import that changed nothing.
func (u Undo) Empty() bool { return len(u.Added) == 0 && len(u.Changed) == 0 }

// Available reports whether the undo may still run: every employee the
// import touched is as it left them, and no added one has a case or a
// family member since.
func (u Undo) Available(ctx context.Context, ws *store.Workspace) (bool, error) {
	if u.Empty() {
		return false, nil
	}
	for _, a := range u.Added {
		if ok, err := untouched(ctx, ws, a); !ok || err != nil {
			return false, err
		}
		cases, err := ws.Cases(ctx, a.ID)
		if err != nil {
			return false, err
		}
		fam, err := ws.FamilyMembers(ctx, a.ID)
		if err != nil {
			return false, err
		}
		if len(cases) > 0 || len(fam) > 0 {
			return false, nil
		}
	}
	for _, c := range u.Changed {
		if ok, err := untouched(ctx, ws, c.After); !ok || err != nil {
			return false, err
		}
	}
	return true, nil
}

func untouched(ctx context.Context, ws *store.Workspace, want store.Employee) (bool, error) {
	cur, err := ws.Employee(ctx, want.ID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return cur == want, nil
}

// Apply takes the import back in one transaction, recorded in the history
// as one line; it refuses with ErrStale when Available would say no.
func (u Undo) Apply(ctx context.Context, ws *store.Workspace, today civil.Date) error {
	ok, err := u.Available(ctx, ws)
	if err != nil {
		return fmt.Errorf("undo import: %w", err)
	}
	if !ok {
		return fmt.Errorf("undo import: %w", ErrStale)
	}
	return ws.Update(ctx, func(tx *store.Tx) error {
		for _, a := range u.Added {
			if err := tx.DeleteEmployee(ctx, a.ID); err != nil {
				return fmt.Errorf("undo import: %w", err)
			}
		}
		for _, c := range u.Changed {
			e := c.Before
			if err := tx.SaveEmployee(ctx, &e, today); err != nil {
				return fmt.Errorf("undo import: %w", err)
			}
		}
		return tx.Log(ctx, "undo_import", "employee", 0,
			fmt.Sprintf("removed %d, restored %d", len(u.Added), len(u.Changed)))
	})
}
