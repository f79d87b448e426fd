package overview

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/clocks"
	"dossier/app/demo"
	"dossier/app/rules"
	"dossier/app/store"
)

var today = civil.MustParse("2026-11-25")

func emp(name, trp, fp, birth string) store.Employee {
	e := store.Employee{NameCyr: name, Citizenship: "RU"}
	if trp != "" {
		e.TRPExpiry = civil.MustParse(trp)
	}
	if fp != "" {
		e.FingerprintDate = civil.MustParse(fp)
	}
	if birth != "" {
		e.BirthDate = civil.MustParse(birth)
	}
	return e
}

func TestComputeUrgency(t *testing.T) {
	cases := []struct {
		trp  string
		want Urgency
		days int
	}{
		{"2026-11-24", Expired, -1},
		{"2026-11-25", Soon, 0},
		{"2026-12-25", Soon, 30},
		{"2026-12-26", Later, 31},
		{"", Unknown, 0},
	}
	for _, c := range cases {
		r := Compute(emp("А", c.trp, "", ""), today)
		assert.Equal(t, c.want, r.Urgency, c.trp)
		assert.Equal(t, c.days, r.DaysLeft, c.trp)
	}
	assert.True(t, Compute(emp("А", "", "", "1990-01-01"), today).NoFingerprints)
	assert.False(t, Compute(emp("А", "", "2024-02-01", "1990-01-01"), today).NoFingerprints)
	assert.False(t, Compute(emp("А", "", "", "2012-01-01"), today).NoFingerprints, "a 14-year-old is not required")
	assert.True(t, Compute(emp("А", "", "", "2010-11-25"), today).NoFingerprints, "16 today")
}

func TestQueryAndSort(t *testing.T) {
	rows := []Row{
		Compute(emp("Борисов", "2026-11-01", "", "1990-01-01"), today),
		Compute(emp("Алиев", "2026-11-30", "2024-03-01", "1990-01-01"), today),
		Compute(emp("Ван Лэй", "2027-02-01", "2024-03-01", "1990-01-01"), today),
		Compute(emp("Гусейнов", "", "2024-03-01", "1990-01-01"), today),
	}
	rows[2].Employee.IIN = "790303402568"
	rows[3].OpenCase = store.StateDraft
	names := func(q Query) []string {
		var out []string
		for _, r := range rows {
			if q.Keep(r, today) {
				out = append(out, r.Employee.NameCyr)
			}
		}
		return out
	}
	assert.Equal(t, []string{"Борисов"}, names(Query{Filter: ExpiredOnly}))
	assert.Equal(t, []string{"Борисов", "Алиев"}, names(Query{Filter: ThisMonth}))
	assert.Equal(t, []string{"Алиев"}, names(Query{Filter: Within30}))
	assert.Equal(t, []string{"Алиев", "Ван Лэй"}, names(Query{Filter: Within90}))
	assert.Equal(t, []string{"Борисов"}, names(Query{Filter: NoFingerprints}))
	assert.Equal(t, []string{"Гусейнов"}, names(Query{Filter: WithOpenCase}))
	assert.Equal(t, []string{"Ван Лэй"}, names(Query{Text: "4025"}))
	assert.Equal(t, []string{"Алиев"}, names(Query{Text: "али"}), "case-insensitive Cyrillic")

	Sort(rows, ByPermit, false)
	assert.Equal(t, "Борисов", rows[0].Employee.NameCyr)
	assert.Equal(t, "Гусейнов", rows[3].Employee.NameCyr, "no date sorts last")
	Sort(rows, ByName, true)
	assert.Equal(t, "Гусейнов", rows[0].Employee.NameCyr)
}

func TestLoadDemo(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer ws.Close()
	rows, err := Load(ctx, ws, today)
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	seen := map[Urgency]bool{}
	open := 0
	for _, r := range rows {
		seen[r.Urgency] = true
		assert.NotEmpty(t, r.Employer, r.Employee.Name())
		if r.OpenCase != "" {
			open++
		}
	}
	assert.True(t, seen[Expired] && seen[Soon] && seen[Later], "the demo has every state: %v", seen)
	assert.Positive(t, open, "the seed case is open")
}

func TestAttention(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer ws.Close()
	rows, err := Load(ctx, ws, today)
	require.NoError(t, err)
	var emp store.Employee
	for _, r := range rows {
		if r.OpenCaseID == 0 {
			emp = r.Employee
			break
		}
	}
	c := store.Case{EmployeeID: emp.ID, Purpose: "work", Kind: "extension", Channel: "online", FilingDate: today, OwnersCount: 2}
	require.NoError(t, ws.SaveCase(ctx, &c))
	rows, err = Load(ctx, ws, today)
	require.NoError(t, err)
	filings, err := OnlineFilingsOn(ctx, ws, today)
	require.NoError(t, err)
	a := Attend(rows, filings)
	assert.Positive(t, a.Expired)
	assert.Positive(t, a.Within30)
	assert.Equal(t, []string{emp.Name()}, a.ApproveToday, "owners of today's online filing must approve by 12:00")
}

// An employee whose extension is marked filed is no longer counted or shown
// as expired: the application is in, the answer is awaited.
func TestFiledExtensionIsAwaitedNotExpired(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer ws.Close()
	rows, err := Load(ctx, ws, today)
	require.NoError(t, err)
	var expired Row
	for _, r := range rows {
		if r.Urgency == Expired && r.OpenCaseID == 0 {
			expired = r
			break
		}
	}
	require.NotZero(t, expired.Employee.ID, "the demo has an expired permit without a case")
	before := Attend(rows, nil).Expired
	c := store.Case{EmployeeID: expired.Employee.ID, Purpose: "work", Kind: "extension", Channel: "online",
		FilingDate: today, OwnersCount: 1, State: store.StateFiled}
	require.NoError(t, ws.SaveCase(ctx, &c))
	rows, err = Load(ctx, ws, today)
	require.NoError(t, err)
	for _, r := range rows {
		if r.Employee.ID == expired.Employee.ID {
			assert.Equal(t, Awaiting, r.Urgency)
			assert.False(t, Query{Filter: ExpiredOnly}.Keep(r, today), "not under the expired filter")
		}
	}
	assert.Equal(t, before-1, Attend(rows, nil).Expired, "not counted as expired")
}

func TestPressingCountsOverdueAndThisWeek(t *testing.T) {
	items := []clocks.Item{{Severity: clocks.Overdue}, {Severity: clocks.Urgent}, {Severity: clocks.Soon},
		{Severity: clocks.Later}, {Severity: clocks.Notice}}
	assert.Equal(t, 2, Pressing(items))
}

// The demo on 07.12.2026: ТОО «Алтын Жол Логистика» has a change of
// employer on 20.11.2026 whose TRP re-issue (S3, 15 calendar days) was due
// 05.12.2026; ТОО «Пример» an employment contract that ended 03.01.2024.
func TestDueByEmployerDemo(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer ws.Close()
	set, err := rules.Embedded()
	require.NoError(t, err)
	due, err := DueByEmployer(ctx, ws, set, civil.MustParse("2026-12-07"))
	require.NoError(t, err)
	byBIN := map[string]int{}
	employers, err := ws.Employers(ctx)
	require.NoError(t, err)
	for _, er := range employers {
		byBIN[er.BIN] = due[er.ID]
	}
	assert.Equal(t, map[string]int{"990140004654": 1, "940140000385": 1}, byBIN)
}

// The roster's clock filters, around their edges: overdue by a day, due
// today, due in 7 and 8 days, in 30 and 31; a notice has no date and
// counts for nothing.
func TestClockFilters(t *testing.T) {
	summary := func(items ...clocks.Item) ClockSummary {
		var s ClockSummary
		for _, it := range items {
			s.add(it)
		}
		return s
	}
	item := func(days int, sev clocks.Severity) clocks.Item { return clocks.Item{DaysLeft: days, Severity: sev} }
	cases := []struct {
		name                 string
		s                    ClockSummary
		overdue, week, month bool
	}{
		{"none", summary(), false, false, false},
		{"a notice only", summary(item(-40, clocks.Notice)), false, false, false},
		{"overdue by a day", summary(item(-1, clocks.Overdue), item(200, clocks.Later)), true, true, true},
		{"due today", summary(item(0, clocks.Urgent)), false, true, true},
		{"due in 7 days", summary(item(7, clocks.Urgent)), false, true, true},
		{"due in 8 days", summary(item(8, clocks.Soon)), false, false, true},
		{"due in 30 days", summary(item(30, clocks.Soon)), false, false, true},
		{"due in 31 days", summary(item(31, clocks.Later), item(90, clocks.Later)), false, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Row{Clocks: tc.s}
			assert.Equal(t, tc.overdue, Query{Filter: ClocksOverdue}.Keep(r, today), "overdue")
			assert.Equal(t, tc.week, Query{Filter: ClocksWeek}.Keep(r, today), "week")
			assert.Equal(t, tc.month, Query{Filter: ClocksMonth}.Keep(r, today), "month")
		})
	}
	s := summary(item(-3, clocks.Overdue), item(2, clocks.Urgent), item(20, clocks.Soon), item(0, clocks.Notice))
	assert.Equal(t, ClockSummary{Dated: 3, Overdue: 1, Pressing: 2, Nearest: -3}, s)
}

// In the demo on 07.12.2026 the employee whose employer changed on
// 20.11.2026 has the TRP re-issue overdue (S3, due 05.12.2026): the
// overdue filter keeps them, and the employer's count matches.
func TestLoadClocksDemo(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer ws.Close()
	set, err := rules.Embedded()
	require.NoError(t, err)
	day := civil.MustParse("2026-12-07")
	rows, err := Load(ctx, ws, day)
	require.NoError(t, err)
	c, err := LoadClocks(ctx, ws, set, day)
	require.NoError(t, err)
	AttachClocks(rows, c)
	var overdue []string
	for _, r := range rows {
		if (Query{Filter: ClocksOverdue}).Keep(r, day) {
			overdue = append(overdue, r.Employee.Name())
			assert.True(t, r.Employee.EmployerChanged.Equal(civil.MustParse("2026-11-20")) || !r.Employee.ContractEnd.After(day), r.Employee.Name())
		}
	}
	assert.NotEmpty(t, overdue)
	total := 0
	for _, n := range c.ByEmployer {
		total += n
	}
	assert.Equal(t, 2, total)
}
