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
	"sort"
	"strconv"
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
	IsWorkingDay(d civil.Date) bool
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

// person is what the schedule needs of an employee or a family member.
type person struct {
	eid, fid                                   int64
	name, principal, relation                  string
	employer, employerBIN, citizenship         string
	caseState                                  string
	trpNo, passportNo, contractNo              string
	birth, passportExp, contractEnd, trpIssued civil.Date
	trpExpiry, fingerprint, changed            civil.Date
	esutd                                      bool
}

// entry is a person as kept while the items are sorted: the columns as read,
// in one string, and the dates the items come from as day numbers. Details
// are parsed again only for the rows written, so 100,000 rows cost a few MiB.
type entry struct {
	line                                                string
	family                                              bool
	principal                                           int32 // for a family member, the employee's entry
	trpExpiry, passportExp, contractEnd, changed, birth int32
}

// item is one dated entry, kept small: the schedule sorts them all.
type item struct {
	date   int32 // day number, see dayNum
	person int32
	kind   uint8
}

var itemKinds = [...]Item{ItemContract, ItemEmployerChange, ItemPassport, ItemTRP, ItemTurns16}

const (
	kContract uint8 = iota
	kEmployerChange
	kPassport
	kTRP
	kTurns16
)

// dayEpoch anchors day numbers; 0 means no date.
var dayEpoch = civil.New(1800, 1, 1)

func dayNum(d civil.Date) int32 {
	if d.IsZero() {
		return 0
	}
	return int32(dayEpoch.DaysUntil(d))
}

func fromDayNum(n int32) civil.Date { return dayEpoch.AddDays(int(n)) }

// sep joins the columns of a person into one text value. Reading one
// column per row instead of eighteen makes loading several times faster; the
// unit separator never occurs in what a clerk types.
const sep = "\x1f"

// The queries return only people with something in the window: a date up to
// To and either overdue (before Today) or on or after From.
const employeesQuery = `
SELECT e.id || char(31) || e.name_cyr || char(31) || e.name_lat || char(31) || COALESCE(er.name, '') || char(31) ||
	COALESCE(er.bin, '') || char(31) || e.citizenship || char(31) || COALESCE(e.birth_date, '') || char(31) ||
	e.passport_no || char(31) || COALESCE(e.passport_expiry, '') || char(31) || e.contract_no || char(31) ||
	COALESCE(e.contract_end, '') || char(31) || e.contract_esutd || char(31) || e.trp_no || char(31) ||
	COALESCE(e.trp_issued, '') || char(31) || COALESCE(e.trp_expiry, '') || char(31) ||
	COALESCE(e.fingerprint_date, '') || char(31) || COALESCE(e.employer_changed, '') || char(31) ||
	COALESCE((SELECT c.state FROM cases c WHERE c.employee_id = e.id AND c.family_member_id IS NULL ORDER BY c.id DESC LIMIT 1), '')
FROM employees e
LEFT JOIN employers er ON er.id = e.employer_id
WHERE e.status = 'active' AND (?1 = '' OR er.bin = ?1) AND (
	(e.trp_expiry <= ?3 AND (e.trp_expiry >= ?2 OR e.trp_expiry < ?4)) OR
	(e.passport_expiry <= ?3 AND (e.passport_expiry >= ?2 OR e.passport_expiry < ?4)) OR
	(e.contract_end <= ?3 AND (e.contract_end >= ?2 OR e.contract_end < ?4)) OR
	e.employer_changed IS NOT NULL OR
	EXISTS (SELECT 1 FROM family_members f WHERE f.employee_id = e.id))`

const familyQuery = `
SELECT f.employee_id || char(31) || f.id || char(31) || f.name_cyr || char(31) || f.name_lat || char(31) ||
	f.relation || char(31) || f.citizenship || char(31) || COALESCE(f.birth_date, '') || char(31) ||
	f.passport_no || char(31) || COALESCE(f.passport_expiry, '') || char(31) || f.trp_no || char(31) ||
	COALESCE(f.trp_expiry, '') || char(31) || COALESCE(f.fingerprint_date, '') || char(31) ||
	COALESCE((SELECT c.state FROM cases c WHERE c.family_member_id = f.id ORDER BY c.id DESC LIMIT 1), '')
FROM family_members f
JOIN employees e ON e.id = f.employee_id AND e.status = 'active'`

func displayName(cyr, lat string) string {
	if cyr != "" {
		return cyr
	}
	return lat
}

// day reads an ISO date; anything else (NULL, a hand-edited value) is no date.
func day(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	d, err := civil.Parse(s)
	if err != nil {
		return civil.Date{}
	}
	return d
}

// parseEmployee reads an employee line of employeesQuery.
func parseEmployee(line string) (person, bool) {
	f := strings.Split(line, sep)
	if len(f) != 18 {
		return person{}, false
	}
	var p person
	p.eid, _ = strconv.ParseInt(f[0], 10, 64)
	p.name = displayName(f[1], f[2])
	p.employer, p.employerBIN, p.citizenship = f[3], f[4], f[5]
	p.birth, p.passportNo, p.passportExp, p.contractNo, p.contractEnd = day(f[6]), f[7], day(f[8]), f[9], day(f[10])
	p.esutd = f[11] == "1"
	p.trpNo, p.trpIssued, p.trpExpiry, p.fingerprint, p.changed = f[12], day(f[13]), day(f[14]), day(f[15]), day(f[16])
	p.caseState = f[17]
	return p, true
}

// parseFamily reads a family line of familyQuery; principal is the employee.
func parseFamily(line string, principal *person) (person, bool) {
	f := strings.Split(line, sep)
	if len(f) != 13 {
		return person{}, false
	}
	var p person
	p.eid, _ = strconv.ParseInt(f[0], 10, 64)
	p.fid, _ = strconv.ParseInt(f[1], 10, 64)
	p.name, p.relation, p.citizenship, p.birth = displayName(f[2], f[3]), f[4], f[5], day(f[6])
	p.passportNo, p.passportExp, p.trpNo, p.trpExpiry, p.fingerprint = f[7], day(f[8]), f[9], day(f[10]), day(f[11])
	p.caseState = f[12]
	if principal != nil {
		p.principal, p.employer, p.employerBIN = principal.name, principal.employer, principal.employerBIN
	}
	return p, true
}

// details parses the entry's line into a person.
func details(entries []entry, i int32) person {
	e := &entries[i]
	if !e.family {
		p, _ := parseEmployee(e.line)
		return p
	}
	principal, _ := parseEmployee(entries[e.principal].line)
	p, _ := parseFamily(e.line, &principal)
	return p
}

// load reads the active people with something in the window, employees
// first, then family members (whose employee is always among the employees).
func load(ctx context.Context, db *sql.DB, opts *Options) ([]entry, error) {
	var entries []entry
	byEmployee := map[int64]int32{}
	rows, err := db.QueryContext(ctx, employeesQuery, opts.EmployerBIN, opts.From.String(), opts.To.String(), opts.Today.String())
	if err != nil {
		return nil, err
	}
	var line string
	for rows.Next() {
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		p, ok := parseEmployee(line)
		if !ok {
			continue
		}
		byEmployee[p.eid] = int32(len(entries))
		entries = append(entries, entry{line: line, trpExpiry: dayNum(p.trpExpiry), passportExp: dayNum(p.passportExp),
			contractEnd: dayNum(p.contractEnd), changed: dayNum(p.changed), birth: dayNum(p.birth)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.QueryContext(ctx, familyQuery)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		p, ok := parseFamily(line, nil)
		if !ok {
			continue
		}
		i, ok := byEmployee[p.eid]
		if !ok {
			continue // the employee is at another employer than the one asked for
		}
		entries = append(entries, entry{line: line, family: true, principal: i, trpExpiry: dayNum(p.trpExpiry),
			passportExp: dayNum(p.passportExp), birth: dayNum(p.birth)})
	}
	return entries, rows.Err()
}

// Each calls fn for every row of the schedule in date order. Rows before
// From are included when they are overdue (before Today) and still call for
// action: an expired document on record, a 16th birthday within the last
// year. Events already dealt with are left out: a 16th birthday with
// fingerprinting on or after it, a change of employer with a TRP issued since.
//
// The people are read once and only their dated items are sorted (a few
// bytes each), so 100,000 rows need a few MiB here; the workbook is streamed.
func Each(ctx context.Context, db *sql.DB, opts Options, fn func(Row) error) error {
	opts.normalise()
	if opts.Calendar == nil {
		return fmt.Errorf("schedule: no working-day calendar")
	}
	entries, err := load(ctx, db, &opts)
	if err != nil {
		return fmt.Errorf("schedule: %w", err)
	}
	from, to, today := dayNum(opts.From), dayNum(opts.To), dayNum(opts.Today)
	var items []item
	add := func(i int, kind uint8, d int32) {
		if d != 0 && d <= to && (d >= from || d < today) {
			items = append(items, item{date: d, person: int32(i), kind: kind})
		}
	}
	for i := range entries {
		e := &entries[i]
		add(i, kTRP, e.trpExpiry)
		add(i, kPassport, e.passportExp)
		if !e.family {
			add(i, kContract, e.contractEnd)
			if e.changed != 0 {
				add(i, kEmployerChange, e.changed+EmployerChangeDays)
			}
		} else if e.birth != 0 {
			add(i, kTurns16, dayNum(fromDayNum(e.birth).AddDate(16, 0, Turns16Days)))
		}
	}
	// Date order; on one day, people by name, and a person's items together.
	names := make(map[int32]string, 64)
	name := func(i int32) string {
		if n, ok := names[i]; ok {
			return n
		}
		n := nameOf(entries[i].line, entries[i].family)
		names[i] = n
		return n
	}
	sort.Slice(items, func(a, b int) bool {
		x, y := items[a], items[b]
		if x.date != y.date {
			return x.date < y.date
		}
		if x.person != y.person {
			if nx, ny := name(x.person), name(y.person); nx != ny {
				return nx < ny
			}
			return x.person < y.person
		}
		return x.kind < y.kind
	})
	cal := &memoCalendar{cal: opts.Calendar, lead: opts.LeadDays, working: map[civil.Date]bool{}}
	var cur int32 = -1
	var p person
	for n, it := range items {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if it.person != cur {
			cur, p = it.person, details(entries, it.person)
		}
		r, ok := makeRow(&p, fromDayNum(it.date), itemKinds[it.kind], &opts, cal)
		if !ok {
			continue
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// nameOf reads just the display name from a line, for sorting.
func nameOf(line string, family bool) string {
	f := strings.SplitN(line, sep, 5)
	if family {
		if len(f) < 4 {
			return ""
		}
		return displayName(f[2], f[3])
	}
	if len(f) < 3 {
		return ""
	}
	return displayName(f[1], f[2])
}

// makeRow fills in a row: the days left, the start date, fingerprinting and
// the warnings. ok is false for an overdue event that needs nothing more.
func makeRow(p *person, date civil.Date, kind Item, opts *Options, cal *memoCalendar) (Row, bool) {
	r := Row{Person: p.name, Principal: p.principal, Relation: p.relation, Employer: p.employer,
		EmployerBIN: p.employerBIN, Citizenship: p.citizenship, Item: kind, Date: date,
		DaysLeft: opts.Today.DaysUntil(date), CaseState: p.caseState}
	overdue := date.Before(opts.From)
	switch kind {
	case ItemTRP:
		r.Number = p.trpNo
		r.StartBy = cal.startBy(date)
	case ItemPassport:
		r.Number = p.passportNo
		r.StartBy = cal.startBy(date)
	case ItemContract:
		r.Number = p.contractNo
		r.StartBy = cal.startBy(date)
	case ItemTurns16:
		birthday := date.AddDays(-Turns16Days)
		if (overdue && birthday.Before(opts.Today.AddDate(-1, 0, 0))) || (!p.fingerprint.IsZero() && !p.fingerprint.Before(birthday)) {
			return r, false // long past, or already fingerprinted for it
		}
		r.StartBy = birthday
		r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.turns16", Args: []any{birthday.DMY(), Turns16Days}})
	case ItemEmployerChange:
		if !p.trpIssued.IsZero() && !p.trpIssued.Before(p.changed) {
			return r, false // the TRP was re-issued since
		}
		r.StartBy = p.changed
		r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.employer_change", Args: []any{p.changed.DMY(), EmployerChangeDays}})
	}
	switch kind {
	case ItemTRP, ItemTurns16, ItemEmployerChange:
		on := date
		if !r.StartBy.IsZero() && r.StartBy.After(opts.Today) {
			on = r.StartBy
		}
		r.Fingerprint = p.fingerprint.IsZero() && !p.birth.IsZero() && p.birth.AgeOn(on) >= 16
	}
	employee := p.fid == 0
	if kind == ItemTRP {
		if !p.passportExp.IsZero() && p.trpExpiry.After(p.passportExp) {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.trp_after_passport", Args: []any{p.passportExp.DMY()}})
		}
		if employee && !p.contractEnd.IsZero() && p.trpExpiry.After(p.contractEnd) {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.trp_after_contract", Args: []any{p.contractEnd.DMY()}})
		}
		if employee && opts.EAEU(p.citizenship) && !p.trpIssued.IsZero() && p.trpExpiry.After(p.trpIssued.AddDate(1, 0, 0)) {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.eaeu_year"})
		}
		// Once the application is in (marked filed), the fine question was
		// settled before it went in: late filing needs the fine decision
		// first. What is left is the answer.
		switch filed := p.caseState == "filed"; {
		case filed && r.DaysLeft < 0:
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.filed"})
		case !filed && p.caseState != "approved" && r.DaysLeft < -LateFilingDays:
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.late", Args: []any{LateFilingDays}})
		}
		if !p.passportExp.IsZero() && p.passportExp.Before(date.AddDate(1, 0, 0)) && !p.passportExp.Before(date) {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.passport_caps_next", Args: []any{p.passportExp.DMY()}})
		}
	}
	if (kind == ItemContract || kind == ItemTRP) && employee && !p.contractEnd.IsZero() && !p.esutd {
		r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.no_esutd"})
	}
	return r, true
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

// memoCalendar walks back working days with each day's status remembered:
// thousands of rows share a few hundred dates, and a calendar may compute
// years far from its data afresh on every call.
type memoCalendar struct {
	cal     Calendar
	lead    int
	working map[civil.Date]bool
	start   map[civil.Date]civil.Date
}

func (m *memoCalendar) isWorking(d civil.Date) bool {
	w, ok := m.working[d]
	if !ok {
		w = m.cal.IsWorkingDay(d)
		m.working[d] = w
	}
	return w
}

// startBy is the day lead working days before d (as AddWorkingDays(d, -lead)).
func (m *memoCalendar) startBy(d civil.Date) civil.Date {
	if s, ok := m.start[d]; ok {
		return s
	}
	if m.start == nil {
		m.start = map[civil.Date]civil.Date{}
	}
	s := d
	for n := 0; n < m.lead; n++ {
		s = s.AddDays(-1)
		for !m.isWorking(s) {
			s = s.AddDays(-1)
		}
	}
	m.start[d] = s
	return s
}
