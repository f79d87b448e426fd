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

// Snapshot is the roster at one moment: the employees, the dates their
// legal clocks run from, and the employers (an import sets a company's EDS
// expiry), each by ID.
type Snapshot struct {
	Employees map[int64]store.Employee
	Clocks    map[int64]store.ClockDates // an employee with none recorded is absent
	Employers map[int64]store.Employer
}

// Take reads every employee, whatever their status, with their clock
// dates, and every employer.
func Take(ctx context.Context, ws *store.Workspace) (Snapshot, error) {
	emps, err := ws.Employees(ctx, store.EmployeeFilter{})
	if err != nil {
		return Snapshot{}, fmt.Errorf("roster snapshot: %w", err)
	}
	s := Snapshot{Employees: make(map[int64]store.Employee, len(emps)), Employers: map[int64]store.Employer{}}
	for _, e := range emps {
		s.Employees[e.ID] = e
	}
	if s.Clocks, err = ws.AllClockDates(ctx); err != nil {
		return Snapshot{}, fmt.Errorf("roster snapshot: %w", err)
	}
	employers, err := ws.Employers(ctx)
	if err != nil {
		return Snapshot{}, fmt.Errorf("roster snapshot: %w", err)
	}
	for _, er := range employers {
		s.Employers[er.ID] = er
	}
	return s, nil
}

// clocksOf is an employee's clock dates in s, zero dates when none.
func (s Snapshot) clocksOf(id int64) store.ClockDates {
	if d, ok := s.Clocks[id]; ok {
		return d
	}
	return store.ClockDates{EmployeeID: id}
}

// Change is one employee as they were before the import and after it,
// with their clock dates.
type Change struct {
	Before, After             store.Employee
	ClocksBefore, ClocksAfter store.ClockDates
}

// EmployerChange is an employer the import changed (its EDS expiry).
type EmployerChange struct {
	Before, After store.Employer
}

// Undo is what an import did to the roster. Employers it created stay: an
// employee added since may already be theirs.
type Undo struct {
	Added     []store.Employee
	Changed   []Change
	Employers []EmployerChange
}

// Diff is what happened between before and after.
func Diff(before, after Snapshot) Undo {
	var u Undo
	for id, a := range after.Employees {
		b, ok := before.Employees[id]
		cb, ca := before.clocksOf(id), after.clocksOf(id)
		switch {
		case !ok:
			u.Added = append(u.Added, a)
		case a != b || ca != cb:
			u.Changed = append(u.Changed, Change{Before: b, After: a, ClocksBefore: cb, ClocksAfter: ca})
		}
	}
	for id, a := range after.Employers {
		if b, ok := before.Employers[id]; ok && a != b {
			u.Employers = append(u.Employers, EmployerChange{Before: b, After: a})
		}
	}
	return u
}

// Empty reports an import that changed nothing.
func (u Undo) Empty() bool { return len(u.Added) == 0 && len(u.Changed) == 0 && len(u.Employers) == 0 }

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
		if d, err := ws.ClockDatesOf(ctx, c.After.ID); err != nil || d != c.ClocksAfter {
			return false, err
		}
	}
	for _, c := range u.Employers {
		if er, err := ws.Employer(ctx, c.After.ID); err != nil || er != c.After {
			if errors.Is(err, store.ErrNotFound) {
				err = nil
			}
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
			if c.ClocksBefore != c.ClocksAfter {
				if err := tx.SaveClockDates(ctx, c.ClocksBefore); err != nil {
					return fmt.Errorf("undo import: %w", err)
				}
			}
		}
		for _, c := range u.Employers {
			er := c.Before
			if err := tx.SaveEmployer(ctx, &er); err != nil {
				return fmt.Errorf("undo import: %w", err)
			}
		}
		return tx.Log(ctx, "undo_import", "employee", 0,
			fmt.Sprintf("removed %d, restored %d", len(u.Added), len(u.Changed)))
	})
}
