package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"dossier/app/civil"
)

// Reports (the expiry schedule, the roster overview, later the view of
// every legal clock) read the whole roster at once. They read it through the
// typed methods here, never through SQL of their own: the columns and their
// meaning stay in this package, and a name holding any character arrives as
// it was stored.

// RosterFilter chooses whom ReadRoster reads.
type RosterFilter struct {
	// EmployerBIN limits the roster to the employees of one employer and
	// their families; "" reads every employer (and those without one).
	EmployerBIN string
	// Status limits the employees (and so their families) to one status,
	// such as StatusActive; "" reads all.
	Status string
	// DatedBy, when set, leaves out the employees who can have nothing due
	// by that day: those with no family member and none of the dates a
	// deadline runs from (passport expiry, contract end, TRP expiry, change
	// of employer) on or before it. A report over a window skips the
	// far-off part of a large roster this way; a new kind of deadline adds
	// its date to the list in rosterEmployeeQuery.
	DatedBy civil.Date
}

// RosterEmployee is an employee as a report reads them: the stored record,
// who employs them, and where their own newest case stands.
type RosterEmployee struct {
	Employee
	EmployerName string
	EmployerBIN  string
	// CaseState is the state of the newest case of the employee's own
	// (not a family member's), "" when there is none.
	CaseState string
}

// RosterFamilyMember is a family member as a report reads them, with the
// state of their own newest case ("" when none).
type RosterFamilyMember struct {
	FamilyMember
	CaseState string
}

// RosterVisitor receives what ReadRoster reads. Either function may be nil
// to skip that part; an error from one stops the reading and is returned.
type RosterVisitor struct {
	// Employee is called for every employee passing the filter, by id.
	Employee func(RosterEmployee) error
	// Family is called afterwards for every family member of those
	// employees, by id; the employee has always been passed to Employee.
	Family func(RosterFamilyMember) error
}

const rosterEmployeeQuery = `SELECT e.id, e.employer_id, e.employer_changed, e.name_cyr, e.name_lat, e.birth_date,
	e.sex, e.citizenship, e.iin, e.passport_no, e.passport_expiry, e.contract_no, e.contract_start,
	e.contract_end, e.contract_esutd, e.trp_no, e.trp_issued, e.trp_expiry, e.fingerprint_date,
	e.residence_rka, e.housing_owners, e.status,
	COALESCE(er.name, ''), COALESCE(er.bin, ''),
	COALESCE((SELECT c.state FROM cases c WHERE c.employee_id = e.id AND c.family_member_id IS NULL
		ORDER BY c.id DESC LIMIT 1), '')
FROM employees e
LEFT JOIN employers er ON er.id = e.employer_id
WHERE (?1 = '' OR er.bin = ?1) AND (?2 = '' OR e.status = ?2) AND (?3 = ''
	OR e.passport_expiry <= ?3 OR e.contract_end <= ?3 OR e.trp_expiry <= ?3 OR e.employer_changed <= ?3
	OR EXISTS (SELECT 1 FROM family_members f WHERE f.employee_id = e.id))
ORDER BY e.id`

// rosterFamilyQuery needs no DatedBy: every employee with a family passes it.
const rosterFamilyQuery = `SELECT f.id, f.employee_id, f.relation, f.name_cyr, f.name_lat, f.birth_date, f.sex,
	f.citizenship, f.iin, f.passport_no, f.passport_expiry, f.trp_no, f.trp_expiry, f.fingerprint_date,
	COALESCE((SELECT c.state FROM cases c WHERE c.family_member_id = f.id ORDER BY c.id DESC LIMIT 1), '')
FROM family_members f
JOIN employees e ON e.id = f.employee_id
LEFT JOIN employers er ON er.id = e.employer_id
WHERE (?1 = '' OR er.bin = ?1) AND (?2 = '' OR e.status = ?2)
ORDER BY f.id`

// ReadRoster reads the employees passing f, then their family members, in
// one read transaction, so a family member never arrives without the
// employee read before them even while someone edits the roster. Rows are
// passed one at a time: a report keeps only what it needs.
func (w *Workspace) ReadRoster(ctx context.Context, f RosterFilter, v RosterVisitor) error {
	tx, err := w.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read roster: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read only: nothing to keep or lose
	if v.Employee != nil {
		if err := readRosterEmployees(ctx, tx, f, v.Employee); err != nil {
			return fmt.Errorf("read roster: employees: %w", err)
		}
	}
	if v.Family != nil {
		if err := readRosterFamily(ctx, tx, f, v.Family); err != nil {
			return fmt.Errorf("read roster: family: %w", err)
		}
	}
	return nil
}

func readRosterEmployees(ctx context.Context, q querier, f RosterFilter, fn func(RosterEmployee) error) error {
	datedBy := ""
	if !f.DatedBy.IsZero() {
		datedBy = f.DatedBy.String()
	}
	rows, err := q.QueryContext(ctx, rosterEmployeeQuery, f.EmployerBIN, f.Status, datedBy)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r RosterEmployee
		e := &r.Employee
		if err := rows.Scan(&e.ID, nullID{&e.EmployerID}, nullDate{&e.EmployerChanged}, &e.NameCyr, &e.NameLat,
			nullDate{&e.BirthDate}, &e.Sex, &e.Citizenship, &e.IIN,
			&e.PassportNo, nullDate{&e.PassportExpiry}, &e.ContractNo, nullDate{&e.ContractStart},
			nullDate{&e.ContractEnd}, &e.ContractESUTD,
			&e.TRPNo, nullDate{&e.TRPIssued}, nullDate{&e.TRPExpiry}, nullDate{&e.FingerprintDate},
			&e.ResidenceRKA, &e.HousingOwners, &e.Status,
			&r.EmployerName, &r.EmployerBIN, &r.CaseState); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func readRosterFamily(ctx context.Context, q querier, f RosterFilter, fn func(RosterFamilyMember) error) error {
	rows, err := q.QueryContext(ctx, rosterFamilyQuery, f.EmployerBIN, f.Status)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r RosterFamilyMember
		m := &r.FamilyMember
		if err := rows.Scan(&m.ID, &m.EmployeeID, &m.Relation, &m.NameCyr, &m.NameLat, nullDate{&m.BirthDate},
			&m.Sex, &m.Citizenship, &m.IIN, &m.PassportNo, nullDate{&m.PassportExpiry}, &m.TRPNo,
			nullDate{&m.TRPExpiry}, nullDate{&m.FingerprintDate}, &r.CaseState); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CasesByState lists the cases in any of states (every case when none is
// given), oldest first: the roster overview finds each employee's open case
// and today's online filings in one read instead of one per employee.
func (w *Workspace) CasesByState(ctx context.Context, states ...string) ([]Case, error) {
	q := "SELECT " + caseCols + " FROM cases"
	args := make([]any, len(states))
	if len(states) > 0 {
		q += " WHERE state IN (?" + strings.Repeat(", ?", len(states)-1) + ")"
		for i, s := range states {
			args[i] = s
		}
	}
	rows, err := w.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("list cases by state: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("list cases by state: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
