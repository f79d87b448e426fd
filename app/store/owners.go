package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"dossier/app/civil"
)

// Owner is one owner of the housing the applicant lives in. Online, each
// owner approves the application with their own EDS on the filing day, and
// egov finds them by IIN; an owner abroad cannot come to the ЦОН or sign a
// consent at a notary here, which is why such cases are filed online.
type Owner struct {
	ID     int64  `json:"id"`
	CaseID int64  `json:"case_id"`
	Name   string `json:"name"`
	IIN    string `json:"iin"`
	Abroad bool   `json:"abroad"`
}

// Owners lists the housing owners recorded on a case, in the clerk's order.
func (w *Workspace) Owners(ctx context.Context, caseID int64) ([]Owner, error) {
	return owners(ctx, w.db, caseID)
}

func owners(ctx context.Context, q querier, caseID int64) ([]Owner, error) {
	rows, err := q.QueryContext(ctx,
		"SELECT id, case_id, name, iin, abroad FROM case_owners WHERE case_id = ? ORDER BY position, id", caseID)
	if err != nil {
		return nil, fmt.Errorf("list owners: %w", err)
	}
	defer rows.Close()
	out := []Owner{}
	for rows.Next() {
		var o Owner
		if err := rows.Scan(&o.ID, &o.CaseID, &o.Name, &o.IIN, &o.Abroad); err != nil {
			return nil, fmt.Errorf("list owners: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// SaveOwners replaces the owners of a case with list, after checking every
// one, and keeps the case's owner counts (which the checklist reads) equal
// to the list. Nothing is written when any owner is refused.
func (w *Workspace) SaveOwners(ctx context.Context, caseID int64, list []Owner) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.SaveOwners(ctx, caseID, list) })
}

// SaveOwners replaces the owners of a case inside the transaction.
func (t *Tx) SaveOwners(ctx context.Context, caseID int64, list []Owner) error {
	var probs []Problem
	abroad := 0
	for i := range list {
		probs = append(probs, ValidateOwner(&list[i])...)
		if list[i].Abroad {
			abroad++
		}
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	res, err := t.tx.ExecContext(ctx, "UPDATE cases SET owners_count = ?, owners_abroad = ?, updated = ? WHERE id = ?",
		len(list), abroad, t.w.stamp(), caseID)
	if err != nil {
		return fmt.Errorf("save owners: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("save owners of case %d: %w", caseID, ErrNotFound)
	}
	if _, err := t.tx.ExecContext(ctx, "DELETE FROM case_owners WHERE case_id = ?", caseID); err != nil {
		return fmt.Errorf("save owners: %w", err)
	}
	now := t.w.stamp()
	for i := range list {
		o := &list[i]
		res, err := t.tx.ExecContext(ctx,
			"INSERT INTO case_owners(case_id, position, name, iin, abroad, created) VALUES (?,?,?,?,?,?)",
			caseID, i, o.Name, o.IIN, boolArg(o.Abroad), now)
		if err != nil {
			return fmt.Errorf("save owners: %w", err)
		}
		o.ID, _ = res.LastInsertId()
		o.CaseID = caseID
	}
	return t.logAction(ctx, "owners", "case", caseID, fmt.Sprintf("%d/%d", len(list), abroad))
}

// EmployerChange is one move of an employee from one company to another,
// with the day it took effect: the TRP must be re-issued within 15 days of
// it (the legal clocks count from ChangedOn).
type EmployerChange struct {
	EmployeeID   int64      `json:"employee_id"`
	FromEmployer int64      `json:"from_employer"` // 0: the company was deleted since
	ToEmployer   int64      `json:"to_employer"`
	ChangedOn    civil.Date `json:"changed_on"`
	Recorded     time.Time  `json:"recorded"`
}

// EmployerChanges lists an employee's changes of employer, oldest first.
func (w *Workspace) EmployerChanges(ctx context.Context, employeeID int64) ([]EmployerChange, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT employee_id, from_employer, to_employer, changed_on, recorded
		FROM employer_changes WHERE employee_id = ? ORDER BY changed_on, id`, employeeID)
	if err != nil {
		return nil, fmt.Errorf("employer changes: %w", err)
	}
	defer rows.Close()
	var out []EmployerChange
	for rows.Next() {
		var c EmployerChange
		var recorded string
		if err := rows.Scan(&c.EmployeeID, nullID{&c.FromEmployer}, nullID{&c.ToEmployer}, nullDate{&c.ChangedOn}, &recorded); err != nil {
			return nil, fmt.Errorf("employer changes: %w", err)
		}
		c.Recorded, _ = time.Parse(time.RFC3339, recorded)
		out = append(out, c)
	}
	return out, rows.Err()
}

// OwnersFromText reads the owners an employee record names in free text
// (the roster's "housing owners" column: "Сергеев П.А.; Сергеева А.И."),
// one per part between semicolons, commas or line breaks, so a new case
// starts with them listed. IINs and "abroad" are for the clerk to add.
func OwnersFromText(s string) []Owner {
	var out []Owner
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' || r == '\r' }) {
		if name := strings.Join(strings.Fields(part), " "); name != "" {
			out = append(out, Owner{Name: name})
		}
	}
	return out
}
