package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dossier/app/civil"
)

// Case values. Purpose, kind and channel are the facts the rules engine
// needs to build a checklist; state is where the case stands.
const (
	PurposeWork   = "work"
	PurposeFamily = "family"

	KindFirst     = "first"
	KindExtension = "extension"

	ChannelOnline = "online"
	ChannelPaper  = "paper"

	// How a paper filing proves the housing owners' consent (since Feb 2023
	// the owner in person or by proxy is an alternative to the notary).
	ConsentNotary   = "notary"
	ConsentInPerson = "in_person"
	ConsentProxy    = "proxy"

	StateDraft    = "draft"
	StateFiled    = "filed"
	StateApproved = "approved"
	StateRefused  = "refused"
	StateClosed   = "closed"
)

// Case is one application for a TRP: the employee's own (FamilyMemberID 0)
// or a family member's, whose principal is the employee.
type Case struct {
	ID             int64      `json:"id"`
	EmployeeID     int64      `json:"employee_id"`
	FamilyMemberID int64      `json:"family_member_id,omitempty"`
	Purpose        string     `json:"purpose"`
	Kind           string     `json:"kind"`
	Channel        string     `json:"channel"`
	FilingDate     civil.Date `json:"filing_date"`
	State          string     `json:"state"`
	// Housing: whether the applicant owns it, how many owners must consent,
	// and how many of them are abroad (they can only approve online).
	OwnedByApplicant bool `json:"owned_by_applicant"`
	OwnersCount      int  `json:"owners_count"`
	OwnersAbroad     int  `json:"owners_abroad"`
	// HousingConsent is how a paper filing proves the owners' consent:
	// notary, in_person or proxy ("": not chosen yet). Online, the owners
	// approve with their EDS and it does not apply.
	HousingConsent string    `json:"housing_consent"`
	Notes          string    `json:"notes"`
	Created        time.Time `json:"created"`
}

const caseCols = `id, employee_id, family_member_id, purpose, kind, channel, filing_date, state,
	owned_by_applicant, owners_count, owners_abroad, notes, created, housing_consent`

func scanCase(row interface{ Scan(...any) error }) (Case, error) {
	var c Case
	var created string
	err := row.Scan(&c.ID, &c.EmployeeID, nullID{&c.FamilyMemberID}, &c.Purpose, &c.Kind, &c.Channel,
		nullDate{&c.FilingDate}, &c.State, &c.OwnedByApplicant, &c.OwnersCount, &c.OwnersAbroad, &c.Notes, &created, &c.HousingConsent)
	c.Created, _ = time.Parse(time.RFC3339, created)
	return c, err
}

// ValidateCase checks a case's enumerations and counts.
func ValidateCase(c *Case) []Problem {
	var out []Problem
	if c.Purpose == "" {
		c.Purpose = PurposeWork
		if c.FamilyMemberID != 0 {
			c.Purpose = PurposeFamily
		}
	}
	if c.Kind == "" {
		c.Kind = KindExtension
	}
	if c.Channel == "" {
		c.Channel = ChannelOnline
	}
	if c.State == "" {
		c.State = StateDraft
	}
	check := func(field, v string, allowed ...string) {
		for _, a := range allowed {
			if v == a {
				return
			}
		}
		out = append(out, Problem{Field: field, Key: "store.err.bad_value", Args: []any{field, v}})
	}
	check("purpose", c.Purpose, PurposeWork, PurposeFamily)
	check("kind", c.Kind, KindFirst, KindExtension)
	check("channel", c.Channel, ChannelOnline, ChannelPaper)
	check("state", c.State, StateDraft, StateFiled, StateApproved, StateRefused, StateClosed)
	check("housing_consent", c.HousingConsent, "", ConsentNotary, ConsentInPerson, ConsentProxy)
	if c.OwnersCount < 0 || c.OwnersAbroad < 0 || c.OwnersAbroad > c.OwnersCount {
		out = append(out, Problem{Field: "owners_count", Key: "store.err.owners", Args: []any{c.OwnersCount, c.OwnersAbroad}})
	}
	if c.EmployeeID == 0 {
		out = append(out, Problem{Field: "employee_id", Key: "store.err.case_employee"})
	}
	return out
}

// SaveCase opens a case (ID 0) or updates it.
func (w *Workspace) SaveCase(ctx context.Context, c *Case) error {
	return w.Update(ctx, func(tx *Tx) error { return tx.SaveCase(ctx, c) })
}

// SaveCase opens or updates a case inside the transaction.
func (t *Tx) SaveCase(ctx context.Context, c *Case) error {
	if probs := ValidateCase(c); len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	now := t.w.stamp()
	args := []any{c.EmployeeID, idArg(c.FamilyMemberID), c.Purpose, c.Kind, c.Channel, dateArg(c.FilingDate),
		c.State, boolArg(c.OwnedByApplicant), c.OwnersCount, c.OwnersAbroad, c.Notes, c.HousingConsent}
	if c.ID == 0 {
		res, err := t.tx.ExecContext(ctx, `INSERT INTO cases(employee_id, family_member_id, purpose, kind, channel,
			filing_date, state, owned_by_applicant, owners_count, owners_abroad, notes, housing_consent, created, updated)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, now, now)...)
		if err != nil {
			return fmt.Errorf("open case: %w", err)
		}
		c.ID, _ = res.LastInsertId()
		c.Created, _ = time.Parse(time.RFC3339, now)
		return t.logAction(ctx, "add", "case", c.ID, c.Purpose+"/"+c.Kind+"/"+c.Channel)
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE cases SET employee_id=?, family_member_id=?, purpose=?, kind=?,
		channel=?, filing_date=?, state=?, owned_by_applicant=?, owners_count=?, owners_abroad=?, notes=?,
		housing_consent=?, updated=? WHERE id=?`, append(args, now, c.ID)...)
	if err != nil {
		return fmt.Errorf("update case %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update case %d: %w", c.ID, ErrNotFound)
	}
	return t.logAction(ctx, "update", "case", c.ID, c.State)
}

// Case returns the case with id.
func (w *Workspace) Case(ctx context.Context, id int64) (Case, error) {
	c, err := scanCase(w.db.QueryRowContext(ctx, "SELECT "+caseCols+" FROM cases WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("case %d: %w", id, ErrNotFound)
	}
	return c, err
}

// Cases lists the cases of an employee (and their family), newest first.
func (w *Workspace) Cases(ctx context.Context, employeeID int64) ([]Case, error) {
	rows, err := w.db.QueryContext(ctx, "SELECT "+caseCols+" FROM cases WHERE employee_id = ? ORDER BY id DESC", employeeID)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Finding is a problem found on a case or one of its items (by scan
// validation or by the checklist), kept so the GUI can show it without
// checking again.
type Finding struct {
	ItemID   string `json:"item_id"`
	Code     string `json:"code"`
	Severity string `json:"severity"` // error, warning, info
	Detail   string `json:"detail"`
}

// ReplaceFindings stores the current findings of a case, replacing the
// previous set in one transaction.
func (w *Workspace) ReplaceFindings(ctx context.Context, caseID int64, fs []Finding) error {
	return w.Update(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, "DELETE FROM case_findings WHERE case_id = ?", caseID); err != nil {
			return fmt.Errorf("replace findings: %w", err)
		}
		now := w.stamp()
		for _, f := range fs {
			if _, err := tx.tx.ExecContext(ctx,
				"INSERT INTO case_findings(case_id, item_id, code, severity, detail, found) VALUES (?,?,?,?,?,?)",
				caseID, f.ItemID, f.Code, f.Severity, f.Detail, now); err != nil {
				return fmt.Errorf("replace findings: %w", err)
			}
		}
		return tx.logAction(ctx, "validate", "case", caseID, fmt.Sprint(len(fs)))
	})
}

// Findings returns the stored findings of a case.
func (w *Workspace) Findings(ctx context.Context, caseID int64) ([]Finding, error) {
	rows, err := w.db.QueryContext(ctx, "SELECT item_id, code, severity, detail FROM case_findings WHERE case_id = ? ORDER BY id", caseID)
	if err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var f Finding
		if err := rows.Scan(&f.ItemID, &f.Code, &f.Severity, &f.Detail); err != nil {
			return nil, fmt.Errorf("findings: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Package is a record of a package built for a case.
type Package struct {
	ID       int64     `json:"id"`
	CaseID   int64     `json:"case_id"`
	Built    time.Time `json:"built"`
	OutDir   string    `json:"out_dir"`
	Manifest string    `json:"manifest"` // the manifest JSON as written
}

// RecordPackage remembers that a package was built for a case.
func (w *Workspace) RecordPackage(ctx context.Context, p *Package) error {
	return w.Update(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, "INSERT INTO packages(case_id, built, out_dir, manifest) VALUES (?,?,?,?)",
			p.CaseID, p.Built.UTC().Format(time.RFC3339), p.OutDir, p.Manifest)
		if err != nil {
			return fmt.Errorf("record package: %w", err)
		}
		p.ID, _ = res.LastInsertId()
		return tx.logAction(ctx, "build", "case", p.CaseID, p.OutDir)
	})
}

// Packages lists the packages built for a case, newest first.
func (w *Workspace) Packages(ctx context.Context, caseID int64) ([]Package, error) {
	rows, err := w.db.QueryContext(ctx, "SELECT id, case_id, built, out_dir, manifest FROM packages WHERE case_id = ? ORDER BY id DESC", caseID)
	if err != nil {
		return nil, fmt.Errorf("packages: %w", err)
	}
	defer rows.Close()
	var out []Package
	for rows.Next() {
		var p Package
		var built string
		if err := rows.Scan(&p.ID, &p.CaseID, &built, &p.OutDir, &p.Manifest); err != nil {
			return nil, fmt.Errorf("packages: %w", err)
		}
		p.Built, _ = time.Parse(time.RFC3339, built)
		out = append(out, p)
	}
	return out, rows.Err()
}

// NextCaseStates lists the states a case in state may be moved to by hand,
// in the order a clerk meets them: a draft is filed; a filed case is
// approved or refused, or goes back to draft when it was marked filed by
// mistake; a decided or closed case can only be reopened as a draft.
func NextCaseStates(state string) []string {
	switch state {
	case StateDraft:
		return []string{StateFiled}
	case StateFiled:
		return []string{StateApproved, StateRefused, StateDraft}
	default:
		return []string{StateDraft}
	}
}

// CheckCaseState reports what forbids moving a case from one state to
// another: a move NextCaseStates does not offer, or filing without a filing
// date or with one after today.
func CheckCaseState(from, to string, filed, today civil.Date) []Problem {
	allowed := false
	for _, s := range NextCaseStates(from) {
		allowed = allowed || s == to
	}
	if !allowed {
		return []Problem{{Field: "state", Key: "store.err.state_change", Args: []any{from, to}}}
	}
	if to == StateFiled {
		switch {
		case filed.IsZero():
			return []Problem{{Field: "filing_date", Key: "store.err.filing_date_required"}}
		case filed.After(today):
			return []Problem{{Field: "filing_date", Key: "store.err.filing_date_future", Args: []any{filed.DMY()}}}
		}
	}
	return nil
}

// ChangeCaseState saves c (its other fields as given) in state to, checking
// the move from the state the case has in the workspace, and records the
// move in the history as "state: from → to". today is the day the clerk
// makes the change, for the filing-date check.
func (w *Workspace) ChangeCaseState(ctx context.Context, c *Case, to string, today civil.Date) error {
	return w.Update(ctx, func(tx *Tx) error {
		var from string
		err := tx.tx.QueryRowContext(ctx, "SELECT state FROM cases WHERE id = ?", c.ID).Scan(&from)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("case %d: %w", c.ID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("case %d state: %w", c.ID, err)
		}
		if probs := CheckCaseState(from, to, c.FilingDate, today); len(probs) > 0 {
			return &ValidationError{Problems: probs}
		}
		c.State = to
		if err := tx.SaveCase(ctx, c); err != nil {
			return err
		}
		detail := from + " → " + to
		if to == StateFiled {
			detail += " " + c.FilingDate.DMY()
		}
		return tx.logAction(ctx, "state", "case", c.ID, detail)
	})
}
