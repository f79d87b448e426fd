// Package schedule answers "whose papers expire when, and when must we
// start": it lists, for a date range, every expiring TRP, passport and
// employment contract of the employees and their families, and every
// deadline an event sets (a child turning 16, a change of employer), with the
// day to start renewal on the Kazakh working-day calendar and the warnings a
// careful clerk would raise; and it writes that list to an Excel workbook.
package schedule

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// Item is what a row is about.
type Item string

const (
	ItemTRP      Item = "trp"
	ItemPassport Item = "passport"
	ItemContract Item = "contract"
	// ItemTurns16: a child who turns 16 in Kazakhstan applies within 10
	// calendar days of the birthday (domain §2.6; fingerprinting from 16).
	ItemTurns16 Item = "turns16"
	// ItemEmployerChange: after a change of employer the TRP is re-issued
	// within 15 days (domain §2.6).
	ItemEmployerChange Item = "employer_change"
)

// Deadlines set by events, in calendar days (domain §2.6).
const (
	Turns16Days        = 10
	EmployerChangeDays = 15
	// LateFilingDays: a TRP may still be extended this many calendar days
	// after it expires; later, only after a fine (domain §2.6).
	LateFilingDays = 10
	// DefaultLeadDays is how many working days before an expiry renewal
	// should start. It is an assumption (no source sets it): four working
	// weeks leave time to gather papers and for the owners' approval.
	DefaultLeadDays = 20
)

// Calendar is the working-day calendar (kz.Calendar satisfies it).
type Calendar interface {
	AddWorkingDays(d civil.Date, n int) civil.Date
}

// Options choose the rows.
type Options struct {
	From, To civil.Date // inclusive; zero From is Today, zero To is From + 90 days
	Today    civil.Date
	// EmployerBIN limits the schedule to one employer (consultants keep several).
	EmployerBIN string
	// LeadDays is the working days before an expiry to start renewal.
	LeadDays int
	Calendar Calendar
	// EAEU reports whether a citizenship is of the Eurasian Economic Union.
	EAEU func(country string) bool
}

func (o *Options) normalise() {
	if o.From.IsZero() {
		o.From = o.Today
	}
	if o.To.IsZero() {
		o.To = o.From.AddDays(90)
	}
	if o.LeadDays <= 0 {
		o.LeadDays = DefaultLeadDays
	}
	if o.EAEU == nil {
		o.EAEU = func(c string) bool { return c == "AM" || c == "BY" || c == "KG" || c == "RU" }
	}
}

// Warning is a message key with arguments.
type Warning struct {
	Key  string `json:"key"`
	Args []any  `json:"args,omitempty"`
}

// Row is one line of the schedule.
type Row struct {
	Person      string     `json:"person"`
	Principal   string     `json:"principal,omitempty"` // for a family member: the employee
	Relation    string     `json:"relation,omitempty"`
	Employer    string     `json:"employer"`
	EmployerBIN string     `json:"employer_bin"`
	Citizenship string     `json:"citizenship"`
	Item        Item       `json:"item"`
	Number      string     `json:"number"`
	Date        civil.Date `json:"date"` // expiry, or the due date of an event
	DaysLeft    int        `json:"days_left"`
	StartBy     civil.Date `json:"start_by"`
	// Fingerprint: the person is 16 or older by the date and has no
	// fingerprint registration on record (needed for the TRP since 2024).
	Fingerprint bool      `json:"fingerprint_needed"`
	CaseState   string    `json:"case_state"`
	Warnings    []Warning `json:"warnings"`
}

// WarningsText joins the row's warnings in lang.
func (r Row) WarningsText(lang i18n.Lang) string {
	parts := make([]string, len(r.Warnings))
	for i, w := range r.Warnings {
		parts[i] = i18n.T(lang, w.Key, w.Args...)
	}
	return strings.Join(parts, "; ")
}

// The query lists every dated item of every active employee and family
// member, already in date order, so rows stream out without being held in
// memory. Dates are ISO text, so text order is date order.
const query = `
WITH emp AS (
	SELECT e.*, COALESCE(er.name, '') AS employer_name, COALESCE(er.bin, '') AS employer_bin
	FROM employees e LEFT JOIN employers er ON er.id = e.employer_id
	WHERE e.status = 'active' AND (?1 = '' OR er.bin = ?1)
),
people AS (
	SELECT e.id AS eid, 0 AS fid, e.name_cyr, e.name_lat, e.birth_date, e.citizenship,
		e.passport_no, e.passport_expiry, e.contract_no, e.contract_end, e.contract_esutd,
		e.trp_no, e.trp_issued, e.trp_expiry, e.fingerprint_date, e.employer_changed,
		e.employer_name, e.employer_bin, '' AS relation, '' AS principal,
		(SELECT c.state FROM cases c WHERE c.employee_id = e.id AND c.family_member_id IS NULL ORDER BY c.id DESC LIMIT 1) AS case_state
	FROM emp e
	UNION ALL
	SELECT e.id, f.id, f.name_cyr, f.name_lat, f.birth_date, f.citizenship,
		f.passport_no, f.passport_expiry, '', NULL, 1,
		f.trp_no, NULL, f.trp_expiry, f.fingerprint_date, NULL,
		e.employer_name, e.employer_bin, f.relation, CASE WHEN e.name_cyr <> '' THEN e.name_cyr ELSE e.name_lat END,
		(SELECT c.state FROM cases c WHERE c.family_member_id = f.id ORDER BY c.id DESC LIMIT 1)
	FROM family_members f JOIN emp e ON e.id = f.employee_id
),
items AS (
	SELECT 'trp' AS item, trp_no AS number, trp_expiry AS d, p.* FROM people p WHERE trp_expiry IS NOT NULL
	UNION ALL
	SELECT 'passport', passport_no, passport_expiry, p.* FROM people p WHERE passport_expiry IS NOT NULL
	UNION ALL
	SELECT 'contract', contract_no, contract_end, p.* FROM people p WHERE contract_end IS NOT NULL
	UNION ALL
	SELECT 'turns16', '', date(birth_date, '+16 years', '+10 days'), p.* FROM people p
		WHERE birth_date IS NOT NULL AND fid <> 0
	UNION ALL
	SELECT 'employer_change', '', date(employer_changed, '+15 days'), p.* FROM people p
		WHERE employer_changed IS NOT NULL
)
SELECT item, number, d, eid, fid, name_cyr, name_lat, birth_date, citizenship,
	passport_expiry, contract_end, contract_esutd, trp_issued, trp_expiry, fingerprint_date,
	employer_changed, employer_name, employer_bin, relation, principal, COALESCE(case_state, '')
FROM items
WHERE d IS NOT NULL AND d <= ?3 AND (d >= ?2 OR d < ?4)
ORDER BY d, name_cyr, name_lat, eid, fid, item`

// Each calls fn for every row of the schedule in date order. Rows before
// From are included when they are overdue (before Today) and still call for
// action: an expired document on record, a 16th birthday within the last
// year with no fingerprinting since, a change of employer with no TRP issued
// since.
func Each(ctx context.Context, db *sql.DB, opts Options, fn func(Row) error) error {
	opts.normalise()
	if opts.Calendar == nil {
		return fmt.Errorf("schedule: no working-day calendar")
	}
	rows, err := db.QueryContext(ctx, query, opts.EmployerBIN, opts.From.String(), opts.To.String(), opts.Today.String())
	if err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var (
			item, number, d, nameCyr, nameLat, citizenship string
			eid, fid                                       int64
			esutd                                          bool
			birth, passportExp, contractEnd, trpIssued     civil.Date
			trpExpiry, fingerprint, changed                civil.Date
			r                                              Row
		)
		err := rows.Scan(&item, &number, &d, &eid, &fid, &nameCyr, &nameLat, nd{&birth}, &citizenship,
			nd{&passportExp}, nd{&contractEnd}, &esutd, nd{&trpIssued}, nd{&trpExpiry}, nd{&fingerprint},
			nd{&changed}, &r.Employer, &r.EmployerBIN, &r.Relation, &r.Principal, &r.CaseState)
		if err != nil {
			return fmt.Errorf("schedule: %w", err)
		}
		date, err := civil.Parse(d)
		if err != nil {
			continue // a hand-edited, unreadable date: nothing to schedule
		}
		r.Person = nameCyr
		if r.Person == "" {
			r.Person = nameLat
		}
		r.Citizenship, r.Item, r.Number, r.Date = citizenship, Item(item), number, date
		r.DaysLeft = opts.Today.DaysUntil(date)
		overdue := date.Before(opts.From)

		switch r.Item {
		case ItemTRP, ItemPassport, ItemContract:
			r.StartBy = opts.Calendar.AddWorkingDays(date, -opts.LeadDays)
		case ItemTurns16:
			birthday := date.AddDays(-Turns16Days)
			if overdue && (birthday.Before(opts.Today.AddDate(-1, 0, 0)) || (!fingerprint.IsZero() && !fingerprint.Before(birthday))) {
				continue
			}
			r.StartBy = birthday
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.turns16", Args: []any{birthday.DMY(), Turns16Days}})
		case ItemEmployerChange:
			if overdue && !trpIssued.IsZero() && !trpIssued.Before(changed) {
				continue
			}
			r.StartBy = changed
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.employer_change", Args: []any{changed.DMY(), EmployerChangeDays}})
		}

		switch r.Item {
		case ItemTRP, ItemTurns16, ItemEmployerChange:
			on := date
			if !r.StartBy.IsZero() && r.StartBy.After(opts.Today) {
				on = r.StartBy
			}
			r.Fingerprint = fingerprint.IsZero() && !birth.IsZero() && birth.AgeOn(on) >= 16
		}
		if r.Item == ItemTRP {
			if !passportExp.IsZero() && trpExpiry.After(passportExp) {
				r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.trp_after_passport", Args: []any{passportExp.DMY()}})
			}
			if fid == 0 && !contractEnd.IsZero() && trpExpiry.After(contractEnd) {
				r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.trp_after_contract", Args: []any{contractEnd.DMY()}})
			}
			if fid == 0 && opts.EAEU(citizenship) && !trpIssued.IsZero() && trpExpiry.After(trpIssued.AddDate(1, 0, 0)) {
				r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.eaeu_year"})
			}
			if r.DaysLeft < -LateFilingDays {
				r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.late", Args: []any{LateFilingDays}})
			}
			if !passportExp.IsZero() && passportExp.Before(date.AddDate(1, 0, 0)) && !passportExp.Before(date) {
				r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.passport_caps_next", Args: []any{passportExp.DMY()}})
			}
		}
		if (r.Item == ItemContract || r.Item == ItemTRP) && fid == 0 && !contractEnd.IsZero() && !esutd {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.no_esutd"})
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	return nil
}

// nd scans a nullable ISO date column.
type nd struct{ d *civil.Date }

func (n nd) Scan(src any) error {
	*n.d = civil.Date{}
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	if s.Valid && s.String != "" {
		if d, err := civil.Parse(s.String); err == nil {
			*n.d = d
		}
	}
	return nil
}
