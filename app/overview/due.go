package overview

import (
	"context"

	"dossier/app/civil"
	"dossier/app/clocks"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
)

// Pressing counts the items that are overdue or due within
// clocks.UrgentDays: what the attention bar puts first. Notices have no
// date and are left to the Due view.
func Pressing(items []clocks.Item) int {
	n := 0
	for _, it := range items {
		if it.Severity == clocks.Overdue || it.Severity == clocks.Urgent {
			n++
		}
	}
	return n
}

// DueByEmployer reads every company's legal clocks and counts the pressing
// items of each, by employer id (0: employees without an employer).
func DueByEmployer(ctx context.Context, ws *store.Workspace, set *rules.Set, today civil.Date) (map[int64]int, error) {
	d, err := LoadClocks(ctx, ws, set, today)
	return d.ByEmployer, err
}

// ClockSummary is what the roster needs of one employee's legal clocks
// (their own and their family's; notices have no date and do not count).
type ClockSummary struct {
	Dated    int // items with a due date
	Overdue  int
	Pressing int // overdue or due within clocks.UrgentDays
	// Nearest is the fewest days left of any dated item (negative:
	// overdue); valid when Dated > 0.
	Nearest int
}

// DueWithin reports an item overdue or due within days.
func (s ClockSummary) DueWithin(days int) bool { return s.Dated > 0 && s.Nearest <= days }

func (s *ClockSummary) add(it clocks.Item) {
	if it.Severity == clocks.Notice {
		return
	}
	if s.Dated == 0 || it.DaysLeft < s.Nearest {
		s.Nearest = it.DaysLeft
	}
	s.Dated++
	switch it.Severity {
	case clocks.Overdue:
		s.Overdue++
		s.Pressing++
	case clocks.Urgent:
		s.Pressing++
	}
}

// Clocks are the legal clocks read once for the roster: a summary per
// employee and the pressing count per employer (0: no employer), company
// clocks included.
type Clocks struct {
	ByEmployee map[int64]ClockSummary
	ByEmployer map[int64]int
}

// LoadClocks reads every company's legal clocks for the roster.
func LoadClocks(ctx context.Context, ws *store.Workspace, set *rules.Set, today civil.Date) (Clocks, error) {
	out := Clocks{ByEmployee: map[int64]ClockSummary{}, ByEmployer: map[int64]int{}}
	cos, err := clocks.Load(ctx, ws, set, "", today, i18n.Default)
	if err != nil {
		return out, err
	}
	for _, co := range cos {
		items := clocks.Compute(co, set, today, i18n.Default)
		if n := Pressing(items); n > 0 {
			out.ByEmployer[co.Employer.ID] += n
		}
		for _, it := range items {
			if it.EmployeeID != 0 {
				s := out.ByEmployee[it.EmployeeID]
				s.add(it)
				out.ByEmployee[it.EmployeeID] = s
			}
		}
	}
	return out, nil
}

// AttachClocks puts each employee's clock summary on their row.
func AttachClocks(rows []Row, c Clocks) {
	for i := range rows {
		rows[i].Clocks = c.ByEmployee[rows[i].Employee.ID]
	}
}
