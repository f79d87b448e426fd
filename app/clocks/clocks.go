// Package clocks computes every legal clock of a company's foreign
// employees: the dated things due (an arrival registration, a contract's
// entry in ESUTD, a permit's expiry…) from the employee's, the family's and
// the company's dates. The clocks themselves (lengths, periods in force,
// who they apply to, sources and confidence) are rules data
// (procedures.clocks); this package only finds each clock's anchor date
// and counts on the Kazakh working-day calendar. Everything here is a pure
// function of (people, company, rules, today).
package clocks

import (
	"cmp"
	"slices"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/rules"
	"dossier/app/store"
)

// Severity says how pressing an item is on the day it is computed.
type Severity string

const (
	Overdue Severity = "overdue" // the due day has passed
	Urgent  Severity = "urgent"  // due within UrgentDays
	Soon    Severity = "soon"    // due within SoonDays
	Later   Severity = "later"   // further out
	Notice  Severity = "notice"  // no date is established; something to know
)

// Windows of the severities, in calendar days from today.
const (
	UrgentDays = 7
	SoonDays   = 30
)

// Item is one dated thing due.
type Item struct {
	Clock       string     `json:"clock"` // the rule's id
	CompanyBIN  string     `json:"company_bin"`
	CompanyName string     `json:"company_name"`
	EmployeeID  int64      `json:"employee_id,omitempty"`
	FamilyID    int64      `json:"family_id,omitempty"`
	Person      string     `json:"person,omitempty"` // "" for a company's own clock
	Anchor      civil.Date `json:"anchor"`           // the day the clock started
	Due         civil.Date `json:"due"`
	DaysLeft    int        `json:"days_left"` // negative: overdue by that many days
	// WorkingDaysLeft counts the working days after today up to and
	// including the due day on the Kazakh calendar (negative: overdue).
	WorkingDaysLeft int              `json:"working_days_left"`
	Severity        Severity         `json:"severity"`
	Title           string           `json:"title"`
	Note            string           `json:"note"`
	Source          string           `json:"source"`
	SourceTitle     string           `json:"source_title"`
	SourceDate      civil.Date       `json:"source_date"` // zero: the source shows no date
	Confidence      rules.Confidence `json:"confidence"`
	DateBasis       rules.DateBasis  `json:"date_basis"`
	// AppliesTo names the people the rule's source speaks of (see
	// rules.ClockPopulations); AppliesName says it in words.
	AppliesTo string `json:"applies_to"`
	// Remarks are reservations about this item (a date assumed, a year's
	// calendar not published), in the requested language.
	Remarks []string `json:"remarks,omitempty"`
}

// Person is an employee with what the clocks need of them.
type Person struct {
	Employee store.Employee
	Dates    store.ClockDates
	Family   []store.FamilyMember
}

// Company is an employer with its people.
type Company struct {
	Employer store.Employer
	People   []Person
}

// Compute returns every clock item of the company, sorted by due date.
func Compute(co Company, set *rules.Set, today civil.Date, lang i18n.Lang) []Item {
	c := computer{set: set, cal: set.Calendar(), today: today, lang: lang, co: co.Employer, rules: set.Clocks()}
	if !co.Employer.EDSExpiry.IsZero() {
		c.runAnchor("eds_expiry", co.Employer.EDSExpiry, subject{everyone: true}, nil)
	}
	for _, p := range co.People {
		c.person(p)
	}
	slices.SortStableFunc(c.out, func(a, b Item) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Person, b.Person), cmp.Compare(a.Clock, b.Clock))
	})
	return c.out
}

// Within keeps the items due by today+days (and every overdue one and
// notice whose anchor is in that window or before).
func Within(items []Item, today civil.Date, days int) []Item {
	limit := today.AddDays(days)
	var out []Item
	for _, it := range items {
		if !it.Due.After(limit) {
			out = append(out, it)
		}
	}
	return out
}

// Of keeps the items of one employee: their own and their family's.
func Of(items []Item, employeeID int64) []Item {
	var out []Item
	for _, it := range items {
		if it.EmployeeID == employeeID && employeeID != 0 {
			out = append(out, it)
		}
	}
	return out
}

type computer struct {
	set   *rules.Set
	cal   *kz.Calendar
	today civil.Date
	lang  i18n.Lang
	co    store.Employer
	out   []Item
	rules []rules.ClockRule // the set's clocks, read once
	// ahead[i] counts the working days in (today, today+i], behind[i] those
	// in (today-i, today]: a roster of thousands asks the same days again
	// and again, and a contract ending in 2030 is 1,500 days away.
	ahead, behind []int
}

// workingDaysLeft is the calendar's WorkingDaysBetween(today, due), from
// the counts kept so far.
func (c *computer) workingDaysLeft(due civil.Date) int {
	n := c.today.DaysUntil(due)
	count := func(counts *[]int, upTo int, day func(i int) civil.Date) int {
		if len(*counts) == 0 {
			*counts = append(*counts, 0)
		}
		for i := len(*counts); i <= upTo; i++ {
			w := 0
			if c.cal.IsWorkingDay(day(i)) {
				w = 1
			}
			*counts = append(*counts, (*counts)[i-1]+w)
		}
		return (*counts)[upTo]
	}
	if n >= 0 {
		return count(&c.ahead, n, func(i int) civil.Date { return c.today.AddDays(i) })
	}
	return -count(&c.behind, -n, func(i int) civil.Date { return c.today.AddDays(1 - i) })
}

// subject is who a clock is computed for, as the populations of the rules
// need to know them on the anchor day.
type subject struct {
	everyone   bool // a company's clock: only "everyone" applies
	employeeID int64
	familyID   int64
	name       string
	citizen    string
	child      bool
	trpIssued  civil.Date
	trpExpiry  civil.Date
	entryBasis string
	hasEntry   bool // the entry basis matters (an employee's own clocks)
}

func (s subject) hasTRP(d civil.Date) bool {
	return !s.trpExpiry.IsZero() && !s.trpExpiry.Before(d) && (s.trpIssued.IsZero() || !s.trpIssued.After(d))
}

func (c *computer) eaeu(s subject) bool { return s.citizen != "" && c.set.InGroup("eaeu", s.citizen) }

// applies says whether population pop covers s on day d, with remarks on
// what was assumed to decide it.
func (c *computer) applies(pop string, s subject, d civil.Date) (bool, []string) {
	switch pop {
	case "everyone":
		return true, nil
	case "non_eaeu":
		if s.everyone || c.eaeu(s) {
			return false, nil
		}
		return true, c.citizenRemark(s)
	case "no_trp":
		return !s.everyone && !s.hasTRP(d), nil
	case "trp":
		return !s.everyone && s.hasTRP(d), nil
	case "visa_free":
		return c.visaFree(s, d)
	case "visa_entry":
		return !s.everyone && !c.eaeu(s) && !s.hasTRP(d) && s.entryBasis == store.EntryVisa, nil
	case "trp_or_eaeu":
		return !s.everyone && (c.eaeu(s) || s.hasTRP(d)), nil
	case "child":
		return s.child, nil
	}
	return false, nil
}

// visaFree decides the visa-free population: non-EAEU, no TRP on day d, and
// not entered on a visa. An entry basis not recorded is taken as visa-free,
// and the remark says so.
func (c *computer) visaFree(s subject, d civil.Date) (bool, []string) {
	if s.everyone || c.eaeu(s) || s.hasTRP(d) || s.entryBasis == store.EntryVisa {
		return false, nil
	}
	remarks := c.citizenRemark(s)
	if s.entryBasis == store.EntryUnknown {
		remarks = append(remarks, i18n.T(c.lang, "clocks.remark.entry_basis_unknown"))
	}
	return true, remarks
}

// citizenRemark says that a decision about citizenship was made without it.
func (c *computer) citizenRemark(s subject) []string {
	if s.citizen == "" {
		return []string{i18n.T(c.lang, "clocks.remark.citizenship_unknown")}
	}
	return nil
}

func (c *computer) person(p Person) {
	e := p.Employee
	d := p.Dates
	s := subject{employeeID: e.ID, name: e.Name(), citizen: e.Citizenship, trpIssued: e.TRPIssued,
		trpExpiry: e.TRPExpiry, entryBasis: d.EntryBasis, hasEntry: true}
	// A registration made on or after the day a clock started stops it.
	registered := func(since civil.Date) bool {
		return !d.ArrivalRegistered.IsZero() && !d.ArrivalRegistered.Before(since)
	}
	if !d.EntryDate.IsZero() && !registered(d.EntryDate) {
		c.runAnchor("entry_date", d.EntryDate, s, nil)
	}
	if !d.AddressChanged.IsZero() && !registered(d.AddressChanged) {
		c.runAnchor("address_changed", d.AddressChanged, s, nil)
	}
	if !d.ContractSigned.IsZero() && !e.ContractESUTD {
		c.runAnchor("contract_signed", d.ContractSigned, s, nil)
	}
	if !e.ContractEnd.IsZero() {
		c.runAnchor("contract_end", e.ContractEnd, s, nil)
		if !e.TRPExpiry.IsZero() && e.ContractEnd.Before(e.TRPExpiry) {
			c.runAnchor("contract_before_trp", e.ContractEnd, s, nil)
		}
	}
	if !d.WorkPermitExpiry.IsZero() {
		c.runAnchor("work_permit_expiry", d.WorkPermitExpiry, s, nil)
	}
	// The TRP must be re-issued after a change of employer; a TRP issued on
	// or after the change is taken as the re-issued one.
	if !e.EmployerChanged.IsZero() && (e.TRPIssued.IsZero() || e.TRPIssued.Before(e.EmployerChanged)) {
		c.runAnchor("employer_changed", e.EmployerChanged, s, nil)
	}
	if !e.PassportExpiry.IsZero() && !e.TRPExpiry.IsZero() && e.PassportExpiry.Before(e.TRPExpiry) {
		c.runAnchor("passport_before_trp", e.PassportExpiry, s, nil)
	}
	for _, m := range p.Family {
		fs := subject{employeeID: e.ID, familyID: m.ID, name: m.NameCyr, citizen: m.Citizenship,
			child: m.Relation == "child", trpExpiry: m.TRPExpiry}
		if fs.name == "" {
			fs.name = m.NameLat
		}
		if !e.TRPExpiry.IsZero() {
			var extra []string
			if m.TRPExpiry.After(e.TRPExpiry) {
				extra = append(extra, i18n.T(c.lang, "clocks.remark.family_trp_later", m.TRPExpiry.DMY()))
			}
			c.runAnchor("principal_trp_expiry", e.TRPExpiry, fs, extra)
		}
		// The 10-day rule runs from the 16th birthday; a fingerprinting on
		// or after that day is taken as the application made.
		if !m.BirthDate.IsZero() {
			sixteen := m.BirthDate.AddDate(16, 0, 0)
			if m.FingerprintDate.IsZero() || m.FingerprintDate.Before(sixteen) {
				c.runAnchor("sixteenth_birthday", sixteen, fs, nil)
			}
		}
		if !m.PassportExpiry.IsZero() && !m.TRPExpiry.IsZero() && m.PassportExpiry.Before(m.TRPExpiry) {
			c.runAnchor("passport_before_trp", m.PassportExpiry, fs, nil)
		}
	}
}

// runAnchor computes every clock that runs from the anchor named anchor,
// dated date, for s: each clock id of the rules with that anchor, in rules
// order. A clock added in a rules file with a known anchor is computed
// like the built-in ones.
func (c *computer) runAnchor(anchor string, date civil.Date, s subject, extra []string) {
	var done []string
	for _, r := range c.rules {
		if r.Anchor == anchor && !slices.Contains(done, r.ID) {
			done = append(done, r.ID)
			c.run(r.ID, anchor, date, s, extra)
		}
	}
}

// run computes clock id from anchor for s: the first variant in force
// (on the anchor day, or on its due day when the variant says so) whose
// population covers s decides; none, no item.
func (c *computer) run(id, anchorName string, anchor civil.Date, s subject, extra []string) {
	for _, r := range c.rules {
		if r.ID != id || r.Anchor != anchorName {
			continue
		}
		due := c.due(r, anchor)
		on := anchor
		if r.PeriodOf == "due" {
			on = due
		}
		if !r.InForce(on) {
			continue
		}
		ok, remarks := c.applies(r.AppliesTo, s, anchor)
		if !ok {
			continue
		}
		it := c.item(r, anchor, due, s, append(extra, remarks...))
		// The clock applies to this person only on an assumption (an entry
		// basis or a citizenship not recorded): the item is no surer.
		if len(remarks) > 0 {
			it.Confidence = rules.Assumption
		}
		c.out = append(c.out, it)
		return
	}
}

// due counts the variant's calendar days, then its working days, from the
// anchor. A deadline in calendar days is not moved off a day off: that
// would be a reading of the law in the clerk's favour, and acting a day
// early costs nothing.
func (c *computer) due(r rules.ClockRule, anchor civil.Date) civil.Date {
	if r.Notice {
		return anchor
	}
	return c.cal.AddWorkingDays(anchor.AddDays(r.CalendarDays), r.WorkingDays)
}

func (c *computer) item(r rules.ClockRule, anchor, due civil.Date, s subject, remarks []string) Item {
	it := Item{Clock: r.ID, CompanyBIN: c.co.BIN, CompanyName: c.co.Name,
		EmployeeID: s.employeeID, FamilyID: s.familyID, Person: s.name,
		Anchor: anchor, Due: due, DaysLeft: c.today.DaysUntil(due),
		WorkingDaysLeft: c.workingDaysLeft(due),
		Title:           r.Title.In(c.lang), Note: c.set.NameSources(r.Note.In(c.lang)), Source: r.Source,
		Confidence: r.Confidence, DateBasis: r.Basis(), AppliesTo: r.AppliesTo, Remarks: remarks}
	if src, ok := c.set.Source(r.Source); ok {
		it.SourceTitle, it.SourceDate = src.Title, src.Date
	}
	if r.WorkingDays != 0 && c.cal.CoverageOf(due.Year()) != kz.Published {
		it.Remarks = append(it.Remarks, i18n.T(c.lang, "clocks.remark.calendar", due.Year()))
	}
	switch {
	case r.Notice:
		it.Severity = Notice
	case it.DaysLeft < 0:
		it.Severity = Overdue
	case it.DaysLeft <= UrgentDays:
		it.Severity = Urgent
	case it.DaysLeft <= SoonDays:
		it.Severity = Soon
	default:
		it.Severity = Later
	}
	return it
}

// SeverityName is the severity in lang.
func SeverityName(s Severity, lang i18n.Lang) string {
	return i18n.T(lang, "clocks.severity."+string(s))
}

// AppliesName says in lang whom a clock's source speaks of, and for whom
// nothing is established; "" for a clock of everyone it has a date for.
func AppliesName(pop string, lang i18n.Lang) string {
	if pop == "" || pop == "everyone" {
		return ""
	}
	return i18n.T(lang, "clocks.applies."+pop)
}
