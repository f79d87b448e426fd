// Package schedule answers "whose papers expire when, and when must we
// start": it lists, for a date range, every expiring TRP, passport and
// employment contract of the employees and their families, and every
// deadline an event sets (a child turning 16, a change of employer), with the
// day to start renewal on the Kazakh working-day calendar and the warnings a
// careful clerk would raise; and it writes that list to an Excel workbook.
package schedule

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/store"
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

// person is what the schedule needs of an employee or a family member. The
// plan keeps every person with a row, so dates are kept as day numbers.
type person struct {
	fid                                int64 // 0 for an employee
	name, principal, relation          string
	employer, employerBIN, citizenship string
	caseState                          string
	trpNo, passportNo, contractNo      string
	birth, passportExp, contractEnd    day
	trpIssued, trpExpiry, fingerprint  day
	changed                            day
	esutd                              bool
}

// personDates are a person's dates as dates.
type personDates struct {
	birth, passportExp, contractEnd, trpIssued, trpExpiry, fingerprint, changed civil.Date
}

func (p *person) dates() personDates {
	return personDates{birth: p.birth.date(), passportExp: p.passportExp.date(), contractEnd: p.contractEnd.date(),
		trpIssued: p.trpIssued.date(), trpExpiry: p.trpExpiry.date(), fingerprint: p.fingerprint.date(),
		changed: p.changed.date()}
}

func (d *personDates) compact(p *person) {
	p.birth, p.passportExp, p.contractEnd = dayOf(d.birth), dayOf(d.passportExp), dayOf(d.contractEnd)
	p.trpIssued, p.trpExpiry, p.fingerprint = dayOf(d.trpIssued), dayOf(d.trpExpiry), dayOf(d.fingerprint)
	p.changed = dayOf(d.changed)
}

// day is a date as the number of days since dayEpoch; 0 is no date.
type day int32

var dayEpoch = civil.New(1800, 1, 1)

func dayOf(d civil.Date) day {
	if d.IsZero() {
		return 0
	}
	return day(dayEpoch.DaysUntil(d))
}

func (n day) date() civil.Date {
	if n == 0 {
		return civil.Date{}
	}
	return dayEpoch.AddDays(int(n))
}

func employeePerson(e *store.RosterEmployee) (person, personDates) {
	return person{name: e.Name(), employer: e.EmployerName, employerBIN: e.EmployerBIN,
			citizenship: e.Citizenship, caseState: e.CaseState,
			trpNo: e.TRPNo, passportNo: e.PassportNo, contractNo: e.ContractNo, esutd: e.ContractESUTD},
		personDates{birth: e.BirthDate, passportExp: e.PassportExpiry, contractEnd: e.ContractEnd, trpIssued: e.TRPIssued,
			trpExpiry: e.TRPExpiry, fingerprint: e.FingerprintDate, changed: e.EmployerChanged}
}

func familyPerson(m *store.RosterFamilyMember, principal, employer, employerBIN string) (person, personDates) {
	return person{fid: m.ID, name: displayName(m.NameCyr, m.NameLat), relation: m.Relation,
			citizenship: m.Citizenship, caseState: m.CaseState, trpNo: m.TRPNo, passportNo: m.PassportNo,
			principal: principal, employer: employer, employerBIN: employerBIN},
		personDates{birth: m.BirthDate, passportExp: m.PassportExpiry, trpExpiry: m.TRPExpiry, fingerprint: m.FingerprintDate}
}

// item is one dated row to be, kept small: the schedule sorts them all.
type item struct {
	date   day
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

func displayName(cyr, lat string) string {
	if cyr != "" {
		return cyr
	}
	return lat
}

// Roster is where the schedule reads people: *store.Workspace is one. The
// schedule asks for the active employees and their families through the
// store's typed records, so every person stored is seen whatever their name
// holds.
type Roster interface {
	ReadRoster(ctx context.Context, f store.RosterFilter, v store.RosterVisitor) error
}

// Plan is a schedule computed but not yet written: its rows in date order,
// counted before any is made, so a writer can state the sheet's size first.
type Plan struct {
	opts     Options
	people   []person
	items    []item
	calendar *memoCalendar
}

// Len is the number of rows the plan makes.
func (pl *Plan) Len() int { return len(pl.items) }

// Load reads the roster and computes which rows the schedule has for opts,
// in date order. Rows before From are included when they are overdue
// (before Today) and still call for action: an expired document on record,
// a 16th birthday within the last year. Events already dealt with are left
// out: a 16th birthday with fingerprinting on or after it, a change of
// employer with a TRP issued since.
//
// Only people with a row are kept, and each row is a few bytes until it is
// made, so 100,000 rows need a few tens of MiB here; the workbook is
// streamed.
func Load(ctx context.Context, roster Roster, opts Options) (*Plan, error) {
	opts.normalise()
	if opts.Calendar == nil {
		return nil, fmt.Errorf("schedule: no working-day calendar")
	}
	pl := &Plan{opts: opts, calendar: &memoCalendar{cal: opts.Calendar, lead: opts.LeadDays, working: map[civil.Date]bool{}}}
	// Every employee read is remembered as a family member's principal,
	// whether or not they have a row themselves.
	type principal struct{ name, employer, employerBIN string }
	principals := map[int64]principal{}
	// Employers, citizenships, relations and case states repeat on
	// thousands of people: one copy of each is kept.
	interned := map[string]string{}
	intern := func(s string) string {
		if v, ok := interned[s]; ok {
			return v
		}
		interned[s] = s
		return s
	}
	err := roster.ReadRoster(ctx, store.RosterFilter{EmployerBIN: opts.EmployerBIN, Status: store.StatusActive, DatedBy: opts.To}, store.RosterVisitor{
		Employee: func(e store.RosterEmployee) error {
			p, d := employeePerson(&e)
			p.employer, p.employerBIN = intern(p.employer), intern(p.employerBIN)
			p.citizenship, p.caseState = intern(p.citizenship), intern(p.caseState)
			principals[e.ID] = principal{p.name, p.employer, p.employerBIN}
			pl.add(p, &d)
			return nil
		},
		Family: func(m store.RosterFamilyMember) error {
			// The store reads the family of exactly the employees read
			// above; were one ever missing, the member still gets rows.
			pr := principals[m.EmployeeID]
			p, d := familyPerson(&m, pr.name, pr.employer, pr.employerBIN)
			p.relation, p.citizenship, p.caseState = intern(p.relation), intern(p.citizenship), intern(p.caseState)
			pl.add(p, &d)
			return nil
		},
	})
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	// Date order; on one day, people by name, and a person's items together.
	slices.SortFunc(pl.items, func(x, y item) int {
		if x.date != y.date {
			return cmp.Compare(x.date, y.date)
		}
		if x.person != y.person {
			if c := strings.Compare(pl.people[x.person].name, pl.people[y.person].name); c != 0 {
				return c
			}
			return cmp.Compare(x.person, y.person)
		}
		return cmp.Compare(x.kind, y.kind)
	})
	return pl, nil
}

// add keeps p when any of their dates d makes a row in the window.
func (pl *Plan) add(p person, d *personDates) {
	o := &pl.opts
	idx := int32(len(pl.people))
	n := len(pl.items)
	put := func(kind uint8, date civil.Date) {
		if !date.IsZero() && !date.After(o.To) && (!date.Before(o.From) || date.Before(o.Today)) {
			pl.items = append(pl.items, item{date: dayOf(date), person: idx, kind: kind})
		}
	}
	put(kTRP, d.trpExpiry)
	put(kPassport, d.passportExp)
	if p.fid == 0 {
		put(kContract, d.contractEnd)
		// After a change of employer the TRP is re-issued within 15 days;
		// once a TRP is issued on or after the change, nothing is due.
		if !d.changed.IsZero() && (d.trpIssued.IsZero() || d.trpIssued.Before(d.changed)) {
			put(kEmployerChange, d.changed.AddDays(EmployerChangeDays))
		}
	} else if !d.birth.IsZero() {
		// A child turning 16 applies within 10 days of the birthday, unless
		// fingerprinted on or after it; a birthday more than a year past and
		// overdue is history.
		birthday := d.birth.AddDate(16, 0, 0)
		due := birthday.AddDays(Turns16Days)
		longPast := due.Before(o.From) && birthday.Before(o.Today.AddDate(-1, 0, 0))
		done := !d.fingerprint.IsZero() && !d.fingerprint.Before(birthday)
		if !longPast && !done {
			put(kTurns16, due)
		}
	}
	if len(pl.items) > n {
		d.compact(&p)
		pl.people = append(pl.people, p)
	}
}

// Each calls fn for every row of the plan, in date order.
func (pl *Plan) Each(ctx context.Context, fn func(Row) error) error {
	for n, it := range pl.items {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(makeRow(&pl.people[it.person], it.date.date(), itemKinds[it.kind], &pl.opts, pl.calendar)); err != nil {
			return err
		}
	}
	return nil
}

// Each reads the roster and calls fn for every row of the schedule in date
// order (see Load for which rows there are).
func Each(ctx context.Context, roster Roster, opts Options, fn func(Row) error) error {
	pl, err := Load(ctx, roster, opts)
	if err != nil {
		return err
	}
	return pl.Each(ctx, fn)
}

// makeRow fills in a row: the days left, the start date, fingerprinting and
// the warnings.
func makeRow(p *person, date civil.Date, kind Item, opts *Options, cal *memoCalendar) Row {
	d := p.dates()
	r := Row{Person: p.name, Principal: p.principal, Relation: p.relation, Employer: p.employer,
		EmployerBIN: p.employerBIN, Citizenship: p.citizenship, Item: kind, Date: date,
		DaysLeft: opts.Today.DaysUntil(date), CaseState: p.caseState}
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
		r.StartBy = birthday
		r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.turns16", Args: []any{birthday.DMY(), Turns16Days}})
	case ItemEmployerChange:
		r.StartBy = d.changed
		r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.employer_change", Args: []any{d.changed.DMY(), EmployerChangeDays}})
	}
	switch kind {
	case ItemTRP, ItemTurns16, ItemEmployerChange:
		on := date
		if !r.StartBy.IsZero() && r.StartBy.After(opts.Today) {
			on = r.StartBy
		}
		r.Fingerprint = d.fingerprint.IsZero() && !d.birth.IsZero() && d.birth.AgeOn(on) >= 16
	}
	employee := p.fid == 0
	if kind == ItemTRP {
		if !d.passportExp.IsZero() && d.trpExpiry.After(d.passportExp) {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.trp_after_passport", Args: []any{d.passportExp.DMY()}})
		}
		if employee && !d.contractEnd.IsZero() && d.trpExpiry.After(d.contractEnd) {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.trp_after_contract", Args: []any{d.contractEnd.DMY()}})
		}
		if employee && opts.EAEU(p.citizenship) && !d.trpIssued.IsZero() && d.trpExpiry.After(d.trpIssued.AddDate(1, 0, 0)) {
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
		if !d.passportExp.IsZero() && d.passportExp.Before(date.AddDate(1, 0, 0)) && !d.passportExp.Before(date) {
			r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.passport_caps_next", Args: []any{d.passportExp.DMY()}})
		}
	}
	if (kind == ItemContract || kind == ItemTRP) && employee && !d.contractEnd.IsZero() && !p.esutd {
		r.Warnings = append(r.Warnings, Warning{Key: "schedule.warn.no_esutd"})
	}
	return r
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
