package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dossier/app/civil"
)

// Employer is a company (the receiving party) that employs foreigners: the
// clerk's own company, or for a consultant each client. The director and
// the contact sign and answer for the papers; the EDS keys' expiry is when
// the company can no longer sign on egov.
type Employer struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	BIN     string `json:"bin"`
	RKA     string `json:"rka"`     // registration code of the legal address
	Address string `json:"address"` // legal address

	DirectorName     string     `json:"director_name"`
	DirectorPosition string     `json:"director_position"`
	ContactName      string     `json:"contact_name"`
	Phone            string     `json:"phone"`
	EDSExpiry        civil.Date `json:"eds_expiry"`
}

const employerCols = "id, name, bin, rka, address, director_name, director_position, contact_name, phone, eds_expiry"

func scanEmployer(row interface{ Scan(...any) error }) (Employer, error) {
	var e Employer
	err := row.Scan(&e.ID, &e.Name, &e.BIN, &e.RKA, &e.Address,
		&e.DirectorName, &e.DirectorPosition, &e.ContactName, &e.Phone, nullDate{&e.EDSExpiry})
	return e, err
}

// SaveEmployer adds e (ID 0) or updates it, after validation.
func (w *Workspace) SaveEmployer(ctx context.Context, e *Employer) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.SaveEmployer(ctx, e) })
}

// SaveEmployer adds or updates e inside the transaction.
func (t *Tx) SaveEmployer(ctx context.Context, e *Employer) error {
	if probs := ValidateEmployer(e); len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	if e.BIN != "" {
		// A second company with the same BIN would split one client's
		// employees in two: say which company already has it.
		other, err := employerByBIN(ctx, t.tx, e.BIN)
		switch {
		case err == nil && other.ID != e.ID:
			return &ValidationError{Problems: []Problem{{Field: "bin", Key: "store.err.bin_taken", Args: []any{e.BIN, other.Name}}}}
		case err != nil && !errors.Is(err, ErrNotFound):
			return fmt.Errorf("save employer: %w", err)
		}
	}
	now := t.w.stamp()
	args := []any{e.Name, e.BIN, e.RKA, e.Address, e.DirectorName, e.DirectorPosition, e.ContactName, e.Phone, dateArg(e.EDSExpiry)}
	if e.ID == 0 {
		res, err := t.tx.ExecContext(ctx,
			`INSERT INTO employers(name, bin, rka, address, director_name, director_position, contact_name, phone,
			eds_expiry, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, append(args, now, now)...)
		if err != nil {
			return fmt.Errorf("add employer: %w", err)
		}
		e.ID, _ = res.LastInsertId()
		return t.logAction(ctx, "add", "employer", e.ID, e.Name)
	}
	res, err := t.tx.ExecContext(ctx,
		`UPDATE employers SET name=?, bin=?, rka=?, address=?, director_name=?, director_position=?,
		contact_name=?, phone=?, eds_expiry=?, updated=? WHERE id=?`, append(args, now, e.ID)...)
	if err != nil {
		return fmt.Errorf("update employer: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update employer %d: %w", e.ID, ErrNotFound)
	}
	return t.logAction(ctx, "update", "employer", e.ID, e.Name)
}

// EmployerByBIN finds an employer by BIN inside the transaction.
func (t *Tx) EmployerByBIN(ctx context.Context, bin string) (Employer, error) {
	return employerByBIN(ctx, t.tx, bin)
}

// EmployerByBIN finds an employer by BIN.
func (w *Workspace) EmployerByBIN(ctx context.Context, bin string) (Employer, error) {
	return employerByBIN(ctx, w.db, bin)
}

func employerByBIN(ctx context.Context, q querier, bin string) (Employer, error) {
	e, err := scanEmployer(q.QueryRowContext(ctx, "SELECT "+employerCols+" FROM employers WHERE bin = ?", strings.TrimSpace(bin)))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("employer BIN %s: %w", bin, ErrNotFound)
	}
	return e, err
}

// Employer returns the employer with id.
func (w *Workspace) Employer(ctx context.Context, id int64) (Employer, error) {
	e, err := scanEmployer(w.db.QueryRowContext(ctx, "SELECT "+employerCols+" FROM employers WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("employer %d: %w", id, ErrNotFound)
	}
	return e, err
}

// Employer reads one employer inside the transaction.
func (t *Tx) Employer(ctx context.Context, id int64) (Employer, error) {
	e, err := scanEmployer(t.tx.QueryRowContext(ctx, "SELECT "+employerCols+" FROM employers WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("employer %d: %w", id, ErrNotFound)
	}
	return e, err
}

// Employers lists all employers by name.
func (w *Workspace) Employers(ctx context.Context) ([]Employer, error) {
	return employers(ctx, w.db)
}

// Employers lists all employers inside the transaction.
func (t *Tx) Employers(ctx context.Context) ([]Employer, error) { return employers(ctx, t.tx) }

func employers(ctx context.Context, q querier) ([]Employer, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+employerCols+" FROM employers ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("list employers: %w", err)
	}
	defer rows.Close()
	var out []Employer
	for rows.Next() {
		e, err := scanEmployer(rows)
		if err != nil {
			return nil, fmt.Errorf("list employers: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
