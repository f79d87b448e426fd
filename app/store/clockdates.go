package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dossier/app/civil"
)

// Entry bases of a stay, for the registration rules that name visa-free
// stays (EntryUnknown: not recorded).
const (
	EntryUnknown  = ""
	EntryVisaFree = "visa_free"
	EntryVisa     = "visa"
)

// ClockDates are the dates of an employee that legal clocks run from and
// the employee record does not hold. A zero date is not recorded.
type ClockDates struct {
	EmployeeID int64      `json:"employee_id"`
	EntryDate  civil.Date `json:"entry_date"`  // last entry into Kazakhstan
	EntryBasis string     `json:"entry_basis"` // EntryVisaFree, EntryVisa or EntryUnknown
	// ArrivalRegistered: the arrival notification or registration was made
	// on this day; it stops the arrival and re-registration clocks started
	// on or before it.
	ArrivalRegistered civil.Date `json:"arrival_registered"`
	AddressChanged    civil.Date `json:"address_changed"`
	ContractSigned    civil.Date `json:"contract_signed"`
	// WorkPermitExpiry: the employer's permit to attract foreign labour for
	// this employee expires (non-EAEU employees).
	WorkPermitExpiry civil.Date `json:"work_permit_expiry"`
}

// ErrEntryBasis is returned (wrapped) for an entry basis not in the list.
var ErrEntryBasis = errors.New("unknown entry basis")

// SaveClockDates stores d for its employee, replacing what was there.
func (w *Workspace) SaveClockDates(ctx context.Context, d ClockDates) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.SaveClockDates(ctx, d) })
}

// SaveClockDates stores d inside the transaction (a roster import sets
// them with the employee).
func (t *Tx) SaveClockDates(ctx context.Context, d ClockDates) error {
	if d.EntryBasis != EntryUnknown && d.EntryBasis != EntryVisaFree && d.EntryBasis != EntryVisa {
		return fmt.Errorf("save clock dates: %w: %q", ErrEntryBasis, d.EntryBasis)
	}
	st, err := t.prepared(ctx, `INSERT INTO employee_clocks(employee_id, entry_date, entry_basis,
		arrival_registered, address_changed, contract_signed, work_permit_expiry, updated)
		VALUES (?,?,?,?,?,?,?,?)
		ON CONFLICT(employee_id) DO UPDATE SET entry_date=excluded.entry_date,
		entry_basis=excluded.entry_basis, arrival_registered=excluded.arrival_registered,
		address_changed=excluded.address_changed, contract_signed=excluded.contract_signed,
		work_permit_expiry=excluded.work_permit_expiry, updated=excluded.updated`)
	if err == nil {
		_, err = st.ExecContext(ctx, d.EmployeeID, dateArg(d.EntryDate), d.EntryBasis,
			dateArg(d.ArrivalRegistered), dateArg(d.AddressChanged), dateArg(d.ContractSigned),
			dateArg(d.WorkPermitExpiry), t.w.stamp())
	}
	if err != nil {
		return fmt.Errorf("save clock dates of employee %d: %w", d.EmployeeID, err)
	}
	return t.logAction(ctx, "update", "employee_clocks", d.EmployeeID, "")
}

// AllClockDates reads the clock dates of every employee that has any, by
// employee id: the due view reads them once next to ReadRoster.
func (w *Workspace) AllClockDates(ctx context.Context) (map[int64]ClockDates, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT employee_id, entry_date, entry_basis, arrival_registered,
		address_changed, contract_signed, work_permit_expiry FROM employee_clocks ORDER BY employee_id`)
	if err != nil {
		return nil, fmt.Errorf("read clock dates: %w", err)
	}
	defer rows.Close()
	out := map[int64]ClockDates{}
	for rows.Next() {
		var d ClockDates
		if err := rows.Scan(&d.EmployeeID, nullDate{&d.EntryDate}, &d.EntryBasis, nullDate{&d.ArrivalRegistered},
			nullDate{&d.AddressChanged}, nullDate{&d.ContractSigned}, nullDate{&d.WorkPermitExpiry}); err != nil {
			return nil, fmt.Errorf("read clock dates: %w", err)
		}
		out[d.EmployeeID] = d
	}
	return out, rows.Err()
}

// ClockDatesOf reads the clock dates of one employee; none stored gives
// zero dates for that employee.
func (w *Workspace) ClockDatesOf(ctx context.Context, employeeID int64) (ClockDates, error) {
	return clockDatesOf(ctx, w.db, employeeID)
}

// ClockDatesOf is the workspace's ClockDatesOf inside the transaction.
func (t *Tx) ClockDatesOf(ctx context.Context, employeeID int64) (ClockDates, error) {
	return clockDatesOf(ctx, t.tx, employeeID)
}

func clockDatesOf(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, employeeID int64) (ClockDates, error) {
	d := ClockDates{EmployeeID: employeeID}
	err := q.QueryRowContext(ctx, `SELECT entry_date, entry_basis, arrival_registered, address_changed,
		contract_signed, work_permit_expiry FROM employee_clocks WHERE employee_id = ?`, employeeID).Scan(
		nullDate{&d.EntryDate}, &d.EntryBasis, nullDate{&d.ArrivalRegistered}, nullDate{&d.AddressChanged},
		nullDate{&d.ContractSigned}, nullDate{&d.WorkPermitExpiry})
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("read clock dates of employee %d: %w", employeeID, err)
	}
	return d, nil
}
