package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"dossier/app/civil"
)

// Employee statuses.
const (
	StatusActive    = "active"
	StatusDismissed = "dismissed"
)

// Family relations.
const (
	RelationSpouse = "spouse"
	RelationChild  = "child"
	RelationParent = "parent"
	RelationOther  = "other"
)

// Employee is a foreign employee and the documents that expire.
type Employee struct {
	ID         int64 `json:"id"`
	EmployerID int64 `json:"employer_id,omitempty"` // 0: none yet
	// EmployerChanged is the day the employee moved to the current employer;
	// the TRP must be re-issued within 15 days of it.
	EmployerChanged civil.Date `json:"employer_changed"`

	NameCyr     string     `json:"name_cyr"` // as in Kazakh records, Cyrillic
	NameLat     string     `json:"name_lat"` // as in the passport, Latin
	BirthDate   civil.Date `json:"birth_date"`
	Sex         string     `json:"sex"`         // "M", "F" or ""
	Citizenship string     `json:"citizenship"` // ISO 3166 alpha-2
	IIN         string     `json:"iin"`

	PassportNo     string     `json:"passport_no"`
	PassportExpiry civil.Date `json:"passport_expiry"`

	ContractNo    string     `json:"contract_no"`
	ContractStart civil.Date `json:"contract_start"`
	ContractEnd   civil.Date `json:"contract_end"`
	ContractESUTD bool       `json:"contract_esutd"` // registered in ESUTD (enbek.kz)

	TRPNo     string     `json:"trp_no"`
	TRPIssued civil.Date `json:"trp_issued"`
	TRPExpiry civil.Date `json:"trp_expiry"`

	FingerprintDate civil.Date `json:"fingerprint_date"`
	ResidenceRKA    string     `json:"residence_rka"`
	// ResidenceAddress is where the employee lives, in words (the RKA's
	// certificate spells it): the letter and the egov values carry it.
	ResidenceAddress string `json:"residence_address"`
	HousingOwners    string `json:"housing_owners"` // names of the owners, as the clerk wrote them
	Status           string `json:"status"`
}

// Name is the name to show: Cyrillic when known, else Latin.
func (e *Employee) Name() string {
	if e.NameCyr != "" {
		return e.NameCyr
	}
	return e.NameLat
}

const employeeCols = `id, employer_id, employer_changed, name_cyr, name_lat, birth_date, sex, citizenship, iin,
	passport_no, passport_expiry, contract_no, contract_start, contract_end, contract_esutd,
	trp_no, trp_issued, trp_expiry, fingerprint_date, residence_rka, housing_owners, status, residence_address`

func scanEmployee(row interface{ Scan(...any) error }) (Employee, error) {
	var e Employee
	err := row.Scan(&e.ID, nullID{&e.EmployerID}, nullDate{&e.EmployerChanged}, &e.NameCyr, &e.NameLat,
		nullDate{&e.BirthDate}, &e.Sex, &e.Citizenship, &e.IIN,
		&e.PassportNo, nullDate{&e.PassportExpiry}, &e.ContractNo, nullDate{&e.ContractStart},
		nullDate{&e.ContractEnd}, &e.ContractESUTD,
		&e.TRPNo, nullDate{&e.TRPIssued}, nullDate{&e.TRPExpiry}, nullDate{&e.FingerprintDate},
		&e.ResidenceRKA, &e.HousingOwners, &e.Status, &e.ResidenceAddress)
	return e, err
}

// SaveEmployee validates e and adds it (ID 0) or updates it. today fills the
// change-of-employer date when the employer changes and none is given.
func (w *Workspace) SaveEmployee(ctx context.Context, e *Employee, today civil.Date) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.SaveEmployee(ctx, e, today) })
}

// SaveEmployee validates e and adds or updates it inside the transaction.
func (t *Tx) SaveEmployee(ctx context.Context, e *Employee, today civil.Date) error {
	if probs := ValidateEmployee(e, today); len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	now := t.w.stamp()
	args := []any{idArg(e.EmployerID), dateArg(e.EmployerChanged), e.NameCyr, e.NameLat,
		dateArg(e.BirthDate), e.Sex, e.Citizenship, e.IIN,
		e.PassportNo, dateArg(e.PassportExpiry), e.ContractNo, dateArg(e.ContractStart),
		dateArg(e.ContractEnd), boolArg(e.ContractESUTD),
		e.TRPNo, dateArg(e.TRPIssued), dateArg(e.TRPExpiry), dateArg(e.FingerprintDate),
		e.ResidenceRKA, e.HousingOwners, e.Status, e.ResidenceAddress}
	if e.ID == 0 {
		st, err := t.prepared(ctx, `INSERT INTO employees(employer_id, employer_changed, name_cyr, name_lat,
			birth_date, sex, citizenship, iin, passport_no, passport_expiry, contract_no, contract_start,
			contract_end, contract_esutd, trp_no, trp_issued, trp_expiry, fingerprint_date, residence_rka,
			housing_owners, status, residence_address, created, updated)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		var res sql.Result
		if err == nil {
			res, err = st.ExecContext(ctx, append(args, now, now)...)
		}
		if err != nil {
			return fmt.Errorf("add employee: %w", err)
		}
		e.ID, _ = res.LastInsertId()
		return t.logAction(ctx, "add", "employee", e.ID, e.Name())
	}
	var oldEmployer int64
	var oldChanged civil.Date
	st, err := t.prepared(ctx, "SELECT employer_id, employer_changed FROM employees WHERE id = ?")
	if err != nil {
		return fmt.Errorf("update employee %d: %w", e.ID, err)
	}
	err = st.QueryRowContext(ctx, e.ID).Scan(nullID{&oldEmployer}, nullDate{&oldChanged})
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("update employee %d: %w", e.ID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("update employee %d: %w", e.ID, err)
	}
	// A move to another company starts the 15-day re-issue clock: keep its
	// day on the employee and in the history of changes. A caller that did
	// not give a new day (the field still holds the previous change's)
	// means today.
	moved := oldEmployer != 0 && e.EmployerID != 0 && oldEmployer != e.EmployerID
	if moved {
		if e.EmployerChanged.IsZero() || e.EmployerChanged.Equal(oldChanged) {
			e.EmployerChanged = today
		}
		args[1] = dateArg(e.EmployerChanged)
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO employer_changes(employee_id, from_employer, to_employer,
			changed_on, recorded) VALUES (?,?,?,?,?)`, e.ID, oldEmployer, e.EmployerID, dateArg(e.EmployerChanged), now); err != nil {
			return fmt.Errorf("update employee %d: record change of employer: %w", e.ID, err)
		}
	}
	st, err = t.prepared(ctx, `UPDATE employees SET employer_id=?, employer_changed=?, name_cyr=?, name_lat=?,
		birth_date=?, sex=?, citizenship=?, iin=?, passport_no=?, passport_expiry=?, contract_no=?,
		contract_start=?, contract_end=?, contract_esutd=?, trp_no=?, trp_issued=?, trp_expiry=?,
		fingerprint_date=?, residence_rka=?, housing_owners=?, status=?, residence_address=?, updated=? WHERE id=?`)
	if err == nil {
		_, err = st.ExecContext(ctx, append(args, now, e.ID)...)
	}
	if err != nil {
		return fmt.Errorf("update employee %d: %w", e.ID, err)
	}
	return t.logAction(ctx, "update", "employee", e.ID, e.Name())
}

// Employee returns the employee with id.
func (w *Workspace) Employee(ctx context.Context, id int64) (Employee, error) {
	e, err := scanEmployee(w.db.QueryRowContext(ctx, "SELECT "+employeeCols+" FROM employees WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("employee %d: %w", id, ErrNotFound)
	}
	return e, err
}

// The lookups a re-imported roster is matched with. Each repeats the
// condition of the partial index it needs (employees_iin is "WHERE iin <> ”",
// employees_passport "WHERE passport_no <> ”"): SQLite uses a partial index
// only when the query's WHERE clause contains that condition itself, and a
// bound "iin = ?" does not count, so without it every lookup scanned the
// whole table and an import of n rows took n² steps.
const (
	findByIIN      = "SELECT " + employeeCols + " FROM employees WHERE iin = ? AND iin <> '' ORDER BY id LIMIT 1"
	findByPassport = "SELECT " + employeeCols + " FROM employees WHERE passport_no = ? AND passport_no <> '' ORDER BY id LIMIT 1"
	// An employee first entered without an IIN is still the same person.
	findByPassportNoIIN = "SELECT " + employeeCols + " FROM employees WHERE iin = '' AND passport_no = ? AND passport_no <> '' ORDER BY id LIMIT 1"
)

// FindEmployee looks an employee up the way a re-imported roster is matched:
// by IIN when given, else by passport number. ok is false when none matches.
func (t *Tx) FindEmployee(ctx context.Context, iin, passportNo string) (e Employee, ok bool, err error) {
	var row *sql.Row
	switch {
	case iin != "":
		row = t.tx.QueryRowContext(ctx, findByIIN, iin)
	case passportNo != "":
		row = t.tx.QueryRowContext(ctx, findByPassport, passportNo)
	default:
		return e, false, nil
	}
	e, err = scanEmployee(row)
	if errors.Is(err, sql.ErrNoRows) {
		if iin != "" && passportNo != "" {
			row = t.tx.QueryRowContext(ctx, findByPassportNoIIN, passportNo)
			e, err = scanEmployee(row)
			if err == nil {
				return e, true, nil
			}
		}
		if errors.Is(err, sql.ErrNoRows) {
			return Employee{}, false, nil
		}
	}
	if err != nil {
		return e, false, fmt.Errorf("find employee: %w", err)
	}
	return e, true, nil
}

// EmployeeIndex matches roster rows to employees the way FindEmployee does,
// from keys loaded once: an import of n rows makes one query for all of
// them instead of one or two per row.
type EmployeeIndex struct {
	tx *Tx
	// Each key maps to every id that has it, lowest first, so Find returns
	// what FindEmployee's ORDER BY id would, and a key two employees share
	// still finds the other one after the first changes it.
	byIIN, byPassport, byPassportNoIIN map[string][]int64
}

// EmployeeIndex loads the identifying keys of every employee.
func (t *Tx) EmployeeIndex(ctx context.Context) (*EmployeeIndex, error) {
	ix := &EmployeeIndex{tx: t, byIIN: map[string][]int64{}, byPassport: map[string][]int64{}, byPassportNoIIN: map[string][]int64{}}
	rows, err := t.tx.QueryContext(ctx, "SELECT id, iin, passport_no FROM employees ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("index employees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var iin, passport string
		if err := rows.Scan(&id, &iin, &passport); err != nil {
			return nil, fmt.Errorf("index employees: %w", err)
		}
		ix.add(id, iin, passport)
	}
	return ix, rows.Err()
}

// each calls fn with every map and key that an employee with these keys is
// listed under.
func (ix *EmployeeIndex) each(iin, passport string, fn func(m map[string][]int64, key string)) {
	if iin != "" {
		fn(ix.byIIN, iin)
	}
	if passport != "" {
		fn(ix.byPassport, passport)
		if iin == "" {
			fn(ix.byPassportNoIIN, passport)
		}
	}
}

func (ix *EmployeeIndex) add(id int64, iin, passport string) {
	ix.each(iin, passport, func(m map[string][]int64, k string) {
		ids := m[k]
		i, found := slices.BinarySearch(ids, id)
		if !found {
			m[k] = slices.Insert(ids, i, id)
		}
	})
}

func (ix *EmployeeIndex) remove(id int64, iin, passport string) {
	ix.each(iin, passport, func(m map[string][]int64, k string) {
		ids := m[k]
		if i, found := slices.BinarySearch(ids, id); found {
			ids = slices.Delete(ids, i, i+1)
		}
		if len(ids) == 0 {
			delete(m, k)
		} else {
			m[k] = ids
		}
	})
}

// lowest is the first id under k, as FindEmployee's ORDER BY id gives.
func lowest(m map[string][]int64, k string) (int64, bool) {
	if ids := m[k]; len(ids) > 0 {
		return ids[0], true
	}
	return 0, false
}

// Find is FindEmployee over the index.
func (ix *EmployeeIndex) Find(ctx context.Context, iin, passportNo string) (Employee, bool, error) {
	var id int64
	var ok bool
	switch {
	case iin != "":
		id, ok = lowest(ix.byIIN, iin)
		if !ok && passportNo != "" {
			id, ok = lowest(ix.byPassportNoIIN, passportNo)
		}
	case passportNo != "":
		id, ok = lowest(ix.byPassport, passportNo)
	}
	if !ok {
		return Employee{}, false, nil
	}
	st, err := ix.tx.prepared(ctx, "SELECT "+employeeCols+" FROM employees WHERE id = ?")
	if err != nil {
		return Employee{}, false, fmt.Errorf("find employee: %w", err)
	}
	e, err := scanEmployee(st.QueryRowContext(ctx, id))
	if err != nil {
		return Employee{}, false, fmt.Errorf("find employee: %w", err)
	}
	return e, true, nil
}

// Saved keeps the index right after e was saved through the same
// transaction; old is the employee as it was before (zero for a new one).
func (ix *EmployeeIndex) Saved(old, e Employee) {
	if old.ID != 0 {
		ix.remove(old.ID, old.IIN, old.PassportNo)
	}
	ix.add(e.ID, e.IIN, e.PassportNo)
}

// EmployeeFilter narrows Employees.
type EmployeeFilter struct {
	EmployerID int64  // 0: all
	Status     string // "": all
}

// Employees lists employees by name.
func (w *Workspace) Employees(ctx context.Context, f EmployeeFilter) ([]Employee, error) {
	q := "SELECT " + employeeCols + " FROM employees WHERE 1=1"
	var args []any
	if f.EmployerID != 0 {
		q += " AND employer_id = ?"
		args = append(args, f.EmployerID)
	}
	if f.Status != "" {
		q += " AND status = ?"
		args = append(args, f.Status)
	}
	rows, err := w.db.QueryContext(ctx, q+" ORDER BY name_cyr, name_lat, id", args...)
	if err != nil {
		return nil, fmt.Errorf("list employees: %w", err)
	}
	defer rows.Close()
	var out []Employee
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return nil, fmt.Errorf("list employees: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// DeleteEmployee removes an employee with their family members and cases.
// Stored files stay (other cases may share them).
func (w *Workspace) DeleteEmployee(ctx context.Context, id int64) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.DeleteEmployee(ctx, id) })
}

// DeleteEmployee is Workspace.DeleteEmployee inside the caller's
// transaction (an import taken back removes its employees in one step).
func (t *Tx) DeleteEmployee(ctx context.Context, id int64) error {
	res, err := t.tx.ExecContext(ctx, "DELETE FROM employees WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("delete employee %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete employee %d: %w", id, ErrNotFound)
	}
	return t.logAction(ctx, "delete", "employee", id, "")
}

// FamilyMember is a relative who holds a TRP as the employee's family.
type FamilyMember struct {
	ID              int64      `json:"id"`
	EmployeeID      int64      `json:"employee_id"`
	Relation        string     `json:"relation"` // spouse, child, parent, other
	NameCyr         string     `json:"name_cyr"`
	NameLat         string     `json:"name_lat"`
	BirthDate       civil.Date `json:"birth_date"`
	Sex             string     `json:"sex"`
	Citizenship     string     `json:"citizenship"`
	IIN             string     `json:"iin"`
	PassportNo      string     `json:"passport_no"`
	PassportExpiry  civil.Date `json:"passport_expiry"`
	TRPNo           string     `json:"trp_no"`
	TRPExpiry       civil.Date `json:"trp_expiry"`
	FingerprintDate civil.Date `json:"fingerprint_date"`
}

const familyCols = `id, employee_id, relation, name_cyr, name_lat, birth_date, sex, citizenship, iin,
	passport_no, passport_expiry, trp_no, trp_expiry, fingerprint_date`

func scanFamily(row interface{ Scan(...any) error }) (FamilyMember, error) {
	var m FamilyMember
	err := row.Scan(&m.ID, &m.EmployeeID, &m.Relation, &m.NameCyr, &m.NameLat, nullDate{&m.BirthDate},
		&m.Sex, &m.Citizenship, &m.IIN, &m.PassportNo, nullDate{&m.PassportExpiry}, &m.TRPNo,
		nullDate{&m.TRPExpiry}, nullDate{&m.FingerprintDate})
	return m, err
}

// SaveFamilyMember validates m and adds or updates it.
func (w *Workspace) SaveFamilyMember(ctx context.Context, m *FamilyMember, today civil.Date) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.SaveFamilyMember(ctx, m, today) })
}

// SaveFamilyMember validates m and adds or updates it inside the transaction.
func (t *Tx) SaveFamilyMember(ctx context.Context, m *FamilyMember, today civil.Date) error {
	if probs := ValidateFamilyMember(m, today); len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	now := t.w.stamp()
	args := []any{m.EmployeeID, m.Relation, m.NameCyr, m.NameLat, dateArg(m.BirthDate), m.Sex,
		m.Citizenship, m.IIN, m.PassportNo, dateArg(m.PassportExpiry), m.TRPNo, dateArg(m.TRPExpiry),
		dateArg(m.FingerprintDate)}
	if m.ID == 0 {
		res, err := t.tx.ExecContext(ctx, `INSERT INTO family_members(employee_id, relation, name_cyr, name_lat,
			birth_date, sex, citizenship, iin, passport_no, passport_expiry, trp_no, trp_expiry,
			fingerprint_date, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, now, now)...)
		if err != nil {
			return fmt.Errorf("add family member: %w", err)
		}
		m.ID, _ = res.LastInsertId()
		return t.logAction(ctx, "add", "family", m.ID, m.NameCyr)
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE family_members SET employee_id=?, relation=?, name_cyr=?, name_lat=?,
		birth_date=?, sex=?, citizenship=?, iin=?, passport_no=?, passport_expiry=?, trp_no=?, trp_expiry=?,
		fingerprint_date=?, updated=? WHERE id=?`, append(args, now, m.ID)...)
	if err != nil {
		return fmt.Errorf("update family member %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update family member %d: %w", m.ID, ErrNotFound)
	}
	return t.logAction(ctx, "update", "family", m.ID, m.NameCyr)
}

// FamilyMembers lists the family of an employee, oldest first.
func (w *Workspace) FamilyMembers(ctx context.Context, employeeID int64) ([]FamilyMember, error) {
	rows, err := w.db.QueryContext(ctx, "SELECT "+familyCols+" FROM family_members WHERE employee_id = ? ORDER BY birth_date, id", employeeID)
	if err != nil {
		return nil, fmt.Errorf("list family: %w", err)
	}
	defer rows.Close()
	var out []FamilyMember
	for rows.Next() {
		m, err := scanFamily(rows)
		if err != nil {
			return nil, fmt.Errorf("list family: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
