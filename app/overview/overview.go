// Package overview answers the roster screen's questions: for each employee,
// how urgent their permit is, whether fingerprinting is missing, whether a
// case is open, and which rows a search and a filter keep. The screen only
// draws what this package computes.
package overview

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"dossier/app/civil"
	"dossier/app/clocks"
	"dossier/app/store"
)

// Urgency of a permit, by days left.
type Urgency int

const (
	Unknown Urgency = iota // no permit expiry recorded
	Expired                // past its expiry
	Soon                   // within SoonDays
	Later                  // further out
	// Awaiting: expired or due soon, but an application for the next
	// permit is filed; nothing to do but wait for the answer (and no fine:
	// that is settled before a late application goes in).
	Awaiting
)

// SoonDays is the window shown in amber, as in the Excel schedule.
const SoonDays = 30

// Row is one employee as the roster table shows them.
type Row struct {
	Employee store.Employee
	Employer string
	// DaysLeft until the permit expires (negative: expired); valid when
	// Urgency is not Unknown.
	DaysLeft int
	Urgency  Urgency
	// PassportDaysLeft likewise for the passport, with HasPassport.
	PassportDaysLeft int
	HasPassport      bool
	// ContractDaysLeft likewise for the employment contract, with HasContract.
	ContractDaysLeft int
	HasContract      bool
	// NoFingerprints: fingerprinting not recorded for an adult (16+ today).
	NoFingerprints bool
	// OpenCase is the state of the newest draft or filed case, or "".
	OpenCase   string
	OpenCaseID int64
	// Clocks sums up the legal clocks of the employee and their family
	// (filled by AttachClocks; zero until then).
	Clocks ClockSummary
}

// Load reads the roster once and computes every row for today.
func Load(ctx context.Context, ws *store.Workspace, today civil.Date) ([]Row, error) {
	emps, err := ws.Employees(ctx, store.EmployeeFilter{})
	if err != nil {
		return nil, err
	}
	employers, err := ws.Employers(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, e := range employers {
		names[e.ID] = e.Name
	}
	open, err := openCases(ctx, ws)
	if err != nil {
		return nil, err
	}
	rows := make([]Row, 0, len(emps))
	for _, e := range emps {
		r := Compute(e, today)
		r.Employer = names[e.EmployerID]
		if c, ok := open[e.ID]; ok {
			r.OpenCase, r.OpenCaseID = c.state, c.id
			if c.state == store.StateFiled && (r.Urgency == Expired || r.Urgency == Soon) {
				r.Urgency = Awaiting
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

type openCase struct {
	id    int64
	state string
}

// openCases finds each employee's newest unfinished case in one read, so a
// roster of thousands loads without a query per row.
func openCases(ctx context.Context, ws *store.Workspace) (map[int64]openCase, error) {
	cases, err := ws.CasesByState(ctx, store.StateDraft, store.StateFiled)
	if err != nil {
		return nil, fmt.Errorf("open cases: %w", err)
	}
	out := map[int64]openCase{}
	for _, c := range cases {
		out[c.EmployeeID] = openCase{id: c.ID, state: c.State} // oldest first: the newest wins
	}
	return out, nil
}

// Compute derives a row's dates and flags for today.
func Compute(e store.Employee, today civil.Date) Row {
	r := Row{Employee: e}
	if !e.TRPExpiry.IsZero() {
		r.DaysLeft = today.DaysUntil(e.TRPExpiry)
		switch {
		case r.DaysLeft < 0:
			r.Urgency = Expired
		case r.DaysLeft <= SoonDays:
			r.Urgency = Soon
		default:
			r.Urgency = Later
		}
	}
	if !e.PassportExpiry.IsZero() {
		r.HasPassport = true
		r.PassportDaysLeft = today.DaysUntil(e.PassportExpiry)
	}
	if !e.ContractEnd.IsZero() {
		r.HasContract = true
		r.ContractDaysLeft = today.DaysUntil(e.ContractEnd)
	}
	adult := e.BirthDate.IsZero() || e.BirthDate.AgeOn(today) >= 16
	r.NoFingerprints = adult && e.FingerprintDate.IsZero()
	return r
}

// Filter is a quick filter of the roster screen.
type Filter string

const (
	All            Filter = "all"
	ExpiredOnly    Filter = "expired"
	ThisMonth      Filter = "this_month"
	Within30       Filter = "within_30"
	Within90       Filter = "within_90"
	NoFingerprints Filter = "no_fingerprints"
	WithOpenCase   Filter = "open_case"
	// The legal clocks (app/clocks) of the employee and their family:
	// one overdue, or one due within a week or a month (overdue included).
	ClocksOverdue Filter = "clocks_overdue"
	ClocksWeek    Filter = "clocks_week"
	ClocksMonth   Filter = "clocks_month"
)

// Filters lists the quick filters in the order they are offered.
var Filters = []Filter{All, ExpiredOnly, Within30, ThisMonth, Within90, NoFingerprints, WithOpenCase,
	ClocksOverdue, ClocksWeek, ClocksMonth}

// Query selects rows: a quick filter, an employer (0: all) and free text
// matched against names, IIN, passport and permit numbers.
type Query struct {
	Filter     Filter
	EmployerID int64
	Text       string
}

// Keep reports whether r passes q on day today.
func (q Query) Keep(r Row, today civil.Date) bool {
	if q.EmployerID != 0 && r.Employee.EmployerID != q.EmployerID {
		return false
	}
	return q.Filter.keeps(r, today) && q.matches(r)
}

// keeps reports whether r passes the quick filter on day today.
func (f Filter) keeps(r Row, today civil.Date) bool {
	switch f {
	case ExpiredOnly:
		return r.Urgency == Expired
	case ThisMonth:
		x := r.Employee.TRPExpiry
		return r.Urgency != Unknown && x.Year() == today.Year() && x.Month() == today.Month()
	case Within30:
		return r.Urgency == Soon
	case Within90:
		return r.Urgency != Unknown && r.DaysLeft >= 0 && r.DaysLeft <= 90
	case NoFingerprints:
		return r.NoFingerprints
	case WithOpenCase:
		return r.OpenCase != ""
	case ClocksOverdue:
		return r.Clocks.Overdue > 0
	case ClocksWeek:
		return r.Clocks.DueWithin(clocks.UrgentDays)
	case ClocksMonth:
		return r.Clocks.DueWithin(clocks.SoonDays)
	}
	return true
}

// matches reports whether the free text is in a name, a number or the
// employer's name (any text when there is none).
func (q Query) matches(r Row) bool {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	if text == "" {
		return true
	}
	e := r.Employee
	for _, field := range []string{e.NameCyr, e.NameLat, e.IIN, e.PassportNo, e.TRPNo, r.Employer} {
		if strings.Contains(strings.ToLower(field), text) {
			return true
		}
	}
	return false
}

// Column is a sortable column of the roster.
type Column int

const (
	ByName Column = iota
	ByEmployer
	ByCitizenship
	ByPermit
	ByPassport
	ByFingerprints
	ByCase
	// Added later; kept after the first ones so stored sort choices stay.
	ByIIN
	ByPassportNo
	ByContract
)

// Sort orders rows by a column; rows without a date sort last. Ties keep the
// name order, so the table never jumps around.
func Sort(rows []Row, col Column, descending bool) {
	dateKey := func(has bool, days int) int {
		if !has {
			return 1 << 30
		}
		return days
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		var c int
		switch col {
		case ByEmployer:
			c = cmp.Compare(a.Employer, b.Employer)
		case ByCitizenship:
			c = cmp.Compare(a.Employee.Citizenship, b.Employee.Citizenship)
		case ByPermit:
			c = cmp.Compare(dateKey(a.Urgency != Unknown, a.DaysLeft), dateKey(b.Urgency != Unknown, b.DaysLeft))
		case ByPassport:
			c = cmp.Compare(dateKey(a.HasPassport, a.PassportDaysLeft), dateKey(b.HasPassport, b.PassportDaysLeft))
		case ByFingerprints:
			c = cmp.Compare(boolKey(a.NoFingerprints), boolKey(b.NoFingerprints))
		case ByCase:
			c = cmp.Compare(a.OpenCase, b.OpenCase)
		case ByIIN:
			c = cmp.Compare(a.Employee.IIN, b.Employee.IIN)
		case ByPassportNo:
			c = cmp.Compare(a.Employee.PassportNo, b.Employee.PassportNo)
		case ByContract:
			c = cmp.Compare(dateKey(a.HasContract, a.ContractDaysLeft), dateKey(b.HasContract, b.ContractDaysLeft))
		}
		if c == 0 {
			c = cmp.Compare(strings.ToLower(a.Employee.Name()), strings.ToLower(b.Employee.Name()))
		}
		if descending {
			return -c
		}
		return c
	})
}

func boolKey(b bool) int {
	if b {
		return 0
	}
	return 1
}

// Attention is what the roster screen puts first: the counts that need
// action, and the cases whose owners must approve on egov today.
type Attention struct {
	Expired        int
	Within30       int
	NoFingerprints int
	// DueThisWeek counts the legal clocks (app/clocks) overdue or due
	// within a week; the caller fills it (see DueByEmployer).
	DueThisWeek int
	// ApproveToday lists employees whose online case is filed today: each
	// housing owner must approve with their EDS by 12:00.
	ApproveToday []string
}

// Attend summarises rows for today; filingToday says which open cases are
// online and filed today (case ID → true).
func Attend(rows []Row, filingToday map[int64]bool) Attention {
	var a Attention
	for _, r := range rows {
		switch r.Urgency {
		case Expired:
			a.Expired++
		case Soon:
			a.Within30++
		}
		if r.NoFingerprints {
			a.NoFingerprints++
		}
		if r.OpenCaseID != 0 && filingToday[r.OpenCaseID] {
			a.ApproveToday = append(a.ApproveToday, r.Employee.Name())
		}
	}
	return a
}

// OnlineFilingsOn returns the open online cases filed on day, whose owners
// must approve that day.
func OnlineFilingsOn(ctx context.Context, ws *store.Workspace, day civil.Date) (map[int64]bool, error) {
	cases, err := ws.CasesByState(ctx, store.StateDraft, store.StateFiled)
	if err != nil {
		return nil, fmt.Errorf("filings on %s: %w", day, err)
	}
	out := map[int64]bool{}
	for _, c := range cases {
		if c.Channel == store.ChannelOnline && c.FilingDate.Equal(day) && !c.OwnedByApplicant {
			out[c.ID] = true
		}
	}
	return out, nil
}
