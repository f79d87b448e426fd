package clocks

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
)

// Every due date below was counted by hand on the 2026 production calendar
// (days off: 1–2, 7 Jan; 9 Mar for 8 Mar on a Sunday; 23–25 Mar for Nauryz
// with its weekend days; 1, 7, 11 May; 6 Jul; 16 Dec; Saturdays, Sundays).

var today = civil.MustParse("2026-12-07")

func d(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	return civil.MustParse(s)
}

func embedded(t *testing.T) *rules.Set {
	t.Helper()
	set, err := rules.Embedded()
	require.NoError(t, err)
	return set
}

// worker is an Uzbek employee with no TRP unless the case gives one.
func worker() store.Employee {
	return store.Employee{ID: 1, NameCyr: "Каримов Алишер", Citizenship: "UZ"}
}

type want struct {
	clock      string
	due        string
	source     string
	confidence rules.Confidence
	severity   Severity
}

func run(t *testing.T, set *rules.Set, co Company) []Item {
	t.Helper()
	return Compute(co, set, today, i18n.EN)
}

func find(items []Item, clock string) []Item {
	var out []Item
	for _, it := range items {
		if it.Clock == clock {
			out = append(out, it)
		}
	}
	return out
}

func check(t *testing.T, items []Item, w want) {
	t.Helper()
	got := find(items, w.clock)
	require.Len(t, got, 1, "clock %s in %+v", w.clock, items)
	it := got[0]
	assert.Equal(t, w.due, it.Due.String(), "due")
	if w.source != "" {
		assert.Equal(t, w.source, it.Source, "source")
	}
	if w.confidence != "" {
		assert.Equal(t, w.confidence, it.Confidence, "confidence")
	}
	if w.severity != "" {
		assert.Equal(t, w.severity, it.Severity, "severity")
	}
	assert.NotEmpty(t, it.Title)
	assert.NotEmpty(t, it.Note)
	assert.NotEmpty(t, it.SourceTitle)
}

func TestArrival(t *testing.T) {
	set := embedded(t)
	trp := func(e store.Employee) store.Employee {
		e.TRPIssued, e.TRPExpiry = d("2026-01-10"), d("2027-01-10")
		return e
	}
	kg := func(e store.Employee) store.Employee { e.Citizenship = "KG"; return e }
	same := func(e store.Employee) store.Employee { return e }
	cases := []struct {
		name   string
		emp    func(store.Employee) store.Employee
		dates  store.ClockDates
		want   []want
		absent []string
		remark string
	}{
		{"S52 practice: 3 working days over a weekend (entry Fri 26.06.2026)", same,
			store.ClockDates{EntryDate: d("2026-06-26"), EntryBasis: store.EntryVisaFree},
			[]want{{"arrival_notification", "2026-07-01", "S52", rules.Practice, Overdue}},
			[]string{"arrival_registration"}, ""},
		{"S52: the last entry under the old practice (Tue 30.06.2026)", same,
			store.ClockDates{EntryDate: d("2026-06-30"), EntryBasis: store.EntryVisaFree},
			[]want{{"arrival_notification", "2026-07-03", "S52", rules.Practice, Overdue}},
			[]string{"arrival_registration"}, ""},
		{"S52: Nauryz days 23–25 March are skipped (entry Fri 20.03.2026)", same,
			store.ClockDates{EntryDate: d("2026-03-20")},
			[]want{{"arrival_notification", "2026-03-30", "S52", rules.Practice, Overdue}}, nil, ""},
		{"S52: New Year and 7 January are skipped (entry 31.12.2025)", same,
			store.ClockDates{EntryDate: d("2025-12-31")},
			[]want{{"arrival_notification", "2026-01-08", "", "", ""}}, nil, ""},
		{"MIA Order 923 from 01.07.2026: visa-free, 30 calendar days", same,
			store.ClockDates{EntryDate: d("2026-07-01"), EntryBasis: store.EntryVisaFree},
			[]want{{"arrival_registration", "2026-07-31", "mia_923", rules.Practice, Overdue}},
			[]string{"arrival_notification", "trp_reentry_notification"}, ""},
		{"MIA Order 923: entry basis not recorded is taken as visa-free, and said", same,
			store.ClockDates{EntryDate: d("2026-11-20")},
			[]want{{"arrival_registration", "2026-12-20", "mia_923", rules.Assumption, Soon}}, nil,
			"entry basis"},
		{"MIA Order 923: not established for an entry on a visa (notice, not silence)", same,
			store.ClockDates{EntryDate: d("2026-07-01"), EntryBasis: store.EntryVisa},
			[]want{{"arrival_registration", "2026-07-01", "mia_923", rules.Assumption, Notice}},
			[]string{"arrival_notification"}, ""},
		{"MIA Order 923: re-registration after a move not established for a visa entry (notice)", same,
			store.ClockDates{EntryDate: d("2026-07-01"), EntryBasis: store.EntryVisa, AddressChanged: d("2026-08-10")},
			[]want{{"address_reregistration", "2026-08-10", "mia_923", rules.Assumption, Notice}}, nil, ""},
		{"MIA Order 923: not established for an EAEU citizen (notice)", kg,
			store.ClockDates{EntryDate: d("2026-07-01"), EntryBasis: store.EntryVisaFree},
			[]want{{"arrival_registration", "2026-07-01", "mia_923", rules.Assumption, Notice}}, nil, ""},
		{"MIA Order 923 not established for a TRP holder; S3 re-entry 3 days stays (Sat 04.07, not moved)", trp,
			store.ClockDates{EntryDate: d("2026-07-01"), EntryBasis: store.EntryVisaFree},
			[]want{
				{"arrival_registration", "2026-07-01", "mia_923", rules.Assumption, Notice},
				{"trp_reentry_notification", "2026-07-04", "S3", rules.Practice, Overdue},
			}, []string{"arrival_notification"}, ""},
		{"a registration on or after the entry stops the clocks", same,
			store.ClockDates{EntryDate: d("2026-07-01"), ArrivalRegistered: d("2026-07-05")},
			nil, []string{"arrival_registration", "arrival_notification"}, ""},
		{"MIA Order 923: re-registration 5 working days over Capital Day 6 July", same,
			store.ClockDates{AddressChanged: d("2026-07-01"), EntryBasis: store.EntryVisaFree},
			[]want{{"address_reregistration", "2026-07-09", "mia_923", rules.Practice, Overdue}}, nil, ""},
		{"re-registration: no rule before 01.07.2026", same,
			store.ClockDates{AddressChanged: d("2026-06-30"), EntryBasis: store.EntryVisaFree},
			nil, []string{"address_reregistration"}, ""},
		{"re-registration: a registration before the move does not stop it", same,
			store.ClockDates{AddressChanged: d("2026-12-04"), ArrivalRegistered: d("2026-11-01"), EntryBasis: store.EntryVisaFree},
			// Fri 04.12 → 7, 8, 9, 10, 11 December.
			[]want{{"address_reregistration", "2026-12-11", "mia_923", rules.Practice, Urgent}}, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Person{Employee: tc.emp(worker()), Dates: tc.dates}
			items := run(t, set, Company{People: []Person{p}})
			for _, w := range tc.want {
				check(t, items, w)
			}
			for _, id := range tc.absent {
				assert.Empty(t, find(items, id), "clock %s must not be due", id)
			}
			if tc.remark != "" {
				require.NotEmpty(t, items)
				assert.Contains(t, items[0].Remarks[0], tc.remark)
			}
		})
	}
}

func TestContractAndPermits(t *testing.T) {
	set := embedded(t)
	cases := []struct {
		name   string
		emp    func(*store.Employee)
		dates  store.ClockDates
		want   []want
		absent []string
	}{
		{"S29: ESUTD 5 working days, due 11.03 before the CAO art. 98 fine (S30)", nil,
			store.ClockDates{ContractSigned: d("2026-03-03")},
			[]want{{"esutd_entry", "2026-03-11", "S29", rules.Practice, Overdue}}, nil},
		{"S30: due on 12.03.2026, the first day of the CAO art. 98 fine (9 March off)", nil,
			store.ClockDates{ContractSigned: d("2026-03-04")},
			[]want{{"esutd_entry", "2026-03-12", "S30", rules.Practice, Overdue}}, nil},
		{"S29: 16 December skipped (signed Mon 14.12.2026)", nil,
			store.ClockDates{ContractSigned: d("2026-12-14")},
			[]want{{"esutd_entry", "2026-12-22", "S30", rules.Practice, Soon}}, nil},
		{"S29: a contract entered in ESUTD has no clock", func(e *store.Employee) { e.ContractESUTD = true },
			store.ClockDates{ContractSigned: d("2026-12-04")}, nil, []string{"esutd_entry"}},
		{"contract end, and before the TRP", func(e *store.Employee) {
			e.ContractEnd, e.TRPIssued, e.TRPExpiry = d("2026-12-31"), d("2026-06-01"), d("2027-06-01")
		}, store.ClockDates{},
			[]want{{"contract_end", "2026-12-31", "", "", Soon}, {"contract_before_trp", "2026-12-31", "S3", rules.Assumption, Soon}}, nil},
		{"contract ending with the TRP is not before it", func(e *store.Employee) {
			e.ContractEnd, e.TRPExpiry = d("2027-06-01"), d("2027-06-01")
		}, store.ClockDates{}, []want{{"contract_end", "2027-06-01", "", "", Later}}, []string{"contract_before_trp"}},
		{"MLSP Order 93 (2025): employer permit, non-EAEU; vacancy 15 days before", nil,
			store.ClockDates{WorkPermitExpiry: d("2026-12-20")},
			[]want{
				{"work_permit_expiry", "2026-12-20", "mlsp_93_2025", rules.Practice, Soon},
				{"work_permit_vacancy", "2026-12-05", "mlsp_93_2025", rules.Assumption, Overdue},
			}, nil},
		{"employer permit: not for an EAEU citizen", func(e *store.Employee) { e.Citizenship = "RU" },
			store.ClockDates{WorkPermitExpiry: d("2026-12-20")}, nil, []string{"work_permit_expiry", "work_permit_vacancy"}},
		{"S3: TRP re-issue 15 calendar days after the change, on 16 December though a day off", func(e *store.Employee) {
			e.EmployerChanged = d("2026-12-01")
		}, store.ClockDates{}, []want{{"trp_reissue", "2026-12-16", "S3", rules.Official, Soon}}, nil},
		{"S3: a TRP issued after the change ends the clock", func(e *store.Employee) {
			e.EmployerChanged, e.TRPIssued, e.TRPExpiry = d("2026-12-01"), d("2026-12-05"), d("2027-12-05")
		}, store.ClockDates{}, nil, []string{"trp_reissue"}},
		{"passport expiring before the TRP (Dossier's assumption)", func(e *store.Employee) {
			e.PassportExpiry, e.TRPExpiry = d("2027-01-15"), d("2027-03-01")
		}, store.ClockDates{}, []want{{"passport_before_trp", "2027-01-15", "dossier", rules.Assumption, Later}}, nil},
		{"passport expiring with the TRP is not before it", func(e *store.Employee) {
			e.PassportExpiry, e.TRPExpiry = d("2027-03-01"), d("2027-03-01")
		}, store.ClockDates{}, nil, []string{"passport_before_trp"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := worker()
			if tc.emp != nil {
				tc.emp(&e)
			}
			items := run(t, set, Company{People: []Person{{Employee: e, Dates: tc.dates}}})
			for _, w := range tc.want {
				check(t, items, w)
			}
			for _, id := range tc.absent {
				assert.Empty(t, find(items, id), "clock %s must not be due", id)
			}
		})
	}
}

func TestFamily(t *testing.T) {
	set := embedded(t)
	cases := []struct {
		name   string
		member store.FamilyMember
		want   []want
		absent []string
		remark string
	}{
		{"S8: child turns 16 on 10.12.2026, 10 calendar days to Sun 20.12 (not moved)",
			store.FamilyMember{Relation: "child", BirthDate: d("2010-12-10")},
			[]want{{"turned_16", "2026-12-20", "S8", rules.Practice, Soon}}, nil, ""},
		{"S8: the 16th birthday on 24.03.2024, the day the rule came into force",
			store.FamilyMember{Relation: "child", BirthDate: d("2008-03-24")},
			[]want{{"turned_16", "2024-04-03", "S8", rules.Practice, Overdue}}, nil, ""},
		{"S8: a 16th birthday on 23.03.2024, before the rule, starts no clock",
			store.FamilyMember{Relation: "child", BirthDate: d("2008-03-23")}, nil, []string{"turned_16"}, ""},
		{"S8: born 29.02.2012: 16 on 29.02.2028, due 10.03.2028",
			store.FamilyMember{Relation: "child", BirthDate: d("2012-02-29")},
			[]want{{"turned_16", "2028-03-10", "S8", rules.Practice, Later}}, nil, ""},
		{"S8: a fingerprinting after the birthday is taken as the application made",
			store.FamilyMember{Relation: "child", BirthDate: d("2010-11-30"), FingerprintDate: d("2026-12-03")},
			nil, []string{"turned_16"}, ""},
		{"S8: the rule is for children, not a spouse",
			store.FamilyMember{Relation: "spouse", BirthDate: d("2010-12-10")}, nil, []string{"turned_16"}, ""},
		{"S3: a family member's TRP cannot outlast the worker's; a later recorded one is flagged",
			store.FamilyMember{Relation: "spouse", TRPExpiry: d("2027-06-01")},
			[]want{{"family_trp_limit", "2027-03-01", "S3", rules.Official, Later}}, nil, "later than the worker"},
		{"S3: the worker's TRP expiry as the family member's limit",
			store.FamilyMember{Relation: "spouse", TRPExpiry: d("2027-03-01")},
			[]want{{"family_trp_limit", "2027-03-01", "S3", rules.Official, Later}}, nil, ""},
		{"family member's passport before their TRP",
			store.FamilyMember{Relation: "spouse", PassportExpiry: d("2027-01-01"), TRPExpiry: d("2027-03-01")},
			[]want{{"passport_before_trp", "2027-01-01", "dossier", rules.Assumption, Soon}}, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := worker()
			e.TRPIssued, e.TRPExpiry = d("2026-03-01"), d("2027-03-01")
			m := tc.member
			m.ID, m.EmployeeID, m.NameCyr = 7, 1, "Каримова Лола"
			items := run(t, set, Company{People: []Person{{Employee: e, Family: []store.FamilyMember{m}}}})
			var mine []Item
			for _, it := range items {
				if it.FamilyID == 7 {
					mine = append(mine, it)
				}
			}
			for _, w := range tc.want {
				check(t, mine, w)
			}
			for _, id := range tc.absent {
				assert.Empty(t, find(mine, id), "clock %s must not be due", id)
			}
			if tc.remark != "" {
				got := find(mine, tc.want[0].clock)
				require.NotEmpty(t, got)
				require.NotEmpty(t, got[0].Remarks)
				assert.Contains(t, got[0].Remarks[0], tc.remark)
			}
		})
	}
}

func TestCompanyEDSAndOrder(t *testing.T) {
	set := embedded(t)
	co := Company{
		Employer: store.Employer{ID: 3, Name: "ТОО Альфа", BIN: "123456789012", EDSExpiry: d("2026-12-10")},
		People: []Person{{Employee: func() store.Employee {
			e := worker()
			e.EmployerID, e.ContractEnd = 3, d("2026-12-08")
			return e
		}()}},
	}
	items := run(t, set, co)
	check(t, items, want{"eds_expiry", "2026-12-10", "S11", rules.Practice, Urgent})
	require.Len(t, items, 2)
	assert.Equal(t, "contract_end", items[0].Clock, "sorted by due date")
	assert.Equal(t, "", items[1].Person, "a company's own clock names no person")
	assert.Equal(t, "123456789012", items[1].CompanyBIN)
	assert.Len(t, Within(items, today, 1), 1)
	assert.Len(t, Within(items, today, 7), 2)
}

// A due date on the derived 2027 calendar carries a remark that it may move.
func TestDerivedCalendarRemark(t *testing.T) {
	set := embedded(t)
	p := Person{Employee: worker(), Dates: store.ClockDates{ContractSigned: d("2027-01-04")}}
	items := run(t, set, Company{People: []Person{p}})
	got := find(items, "esutd_entry")
	require.Len(t, got, 1)
	require.NotEmpty(t, got[0].Remarks)
	assert.Contains(t, got[0].Remarks[len(got[0].Remarks)-1], "2027")
}

// Every message of the package exists in the three languages.
func TestSeverityNames(t *testing.T) {
	for _, s := range []Severity{Overdue, Urgent, Soon, Later, Notice} {
		for _, l := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
			assert.NotContains(t, SeverityName(s, l), "[", "%s %s", s, l)
		}
	}
}

// The working days left match the calendar's own count, ahead and behind,
// across the 2026 Nauryz days, New Year and 7 January 2027.
func TestWorkingDaysLeft(t *testing.T) {
	set := embedded(t)
	cal := set.Calendar()
	for _, from := range []string{"2026-03-20", "2026-12-07", "2026-12-31"} {
		c := computer{set: set, cal: cal, today: d(from)}
		for _, off := range []int{0, 1, 3, 9, 40, -1, -5, -40, 400, -400, 2, -2} {
			due := d(from).AddDays(off)
			assert.Equal(t, cal.WorkingDaysBetween(d(from), due), c.workingDaysLeft(due), "%s %+d", from, off)
		}
	}
	// By hand: from Mon 07.12.2026 to Tue 22.12.2026, 16 December off: 10.
	c := computer{set: set, cal: cal, today: today}
	assert.Equal(t, 10, c.workingDaysLeft(d("2026-12-22")))
	// Fri 04.12 is 1 working day behind Mon 07.12 (the day itself counts).
	assert.Equal(t, -1, c.workingDaysLeft(d("2026-12-04")))
}

// Of keeps an employee's own and family items, not the company's own.
func TestOf(t *testing.T) {
	items := []Item{{Clock: "a", EmployeeID: 1}, {Clock: "b", EmployeeID: 1, FamilyID: 7}, {Clock: "eds_expiry"}, {Clock: "c", EmployeeID: 2}}
	got := Of(items, 1)
	require.Len(t, got, 2)
	assert.Equal(t, "b", got[1].Clock)
	assert.Empty(t, Of(items, 0))
}

// Boundaries of each clock on the calendars they fall in, each with the
// source of the rule and, for the working days, of the calendar.
func TestBoundaries(t *testing.T) {
	set := embedded(t)
	cases := []struct {
		name   string
		emp    func(*store.Employee)
		dates  store.ClockDates
		family *store.FamilyMember
		want   want
		remark string // a reservation the item must carry
	}{
		// The 1 July 2026 change (MIA Order No. 923 as reported, 24.kg 26.11.2025).
		{"S52: entry Tue 30.06.2026 under the old practice: 3 working days to Fri 03.07", nil,
			store.ClockDates{EntryDate: d("2026-06-30"), EntryBasis: store.EntryVisa},
			nil, want{"arrival_notification", "2026-07-03", "S52", rules.Practice, Overdue}, ""},
		{"MIA Order 923: entry Sat 04.07.2026 → 30 calendar days, Mon 03.08", nil,
			store.ClockDates{EntryDate: d("2026-07-04"), EntryBasis: store.EntryVisaFree},
			nil, want{"arrival_registration", "2026-08-03", "mia_923", rules.Practice, Overdue}, ""},
		{"MIA Order 923: 30 calendar days end on Fri 01.01.2027, a holiday, not moved (entry 02.12.2026)", nil,
			store.ClockDates{EntryDate: d("2026-12-02"), EntryBasis: store.EntryVisaFree},
			nil, want{"arrival_registration", "2027-01-01", "mia_923", rules.Practice, Soon}, ""},
		// Working days over 31.08.2026: a working day from 2026 (taspanews.kz
		// 18.03.2026, the MLSP: 30 August no longer Constitution Day).
		{"MIA Order 923: re-registration 5 working days from Thu 27.08.2026 counts Mon 31.08 (D1)", nil,
			store.ClockDates{AddressChanged: d("2026-08-27"), EntryBasis: store.EntryVisaFree},
			nil, want{"address_reregistration", "2026-09-03", "mia_923", rules.Practice, Overdue}, ""},
		// 2027 is derived: Constitution Day 15.03.2027 (practice: echofm.online
		// 16.03.2026, inform.kz 12.02.2026), New Year moved to Mon 04.01, 7 January.
		{"S30: ESUTD 5 working days from Thu 11.03.2027 skip Constitution Day 15.03.2027: Fri 19.03", nil,
			store.ClockDates{ContractSigned: d("2027-03-11")},
			nil, want{"esutd_entry", "2027-03-19", "S30", rules.Practice, Later}, "2027"},
		{"S30: ESUTD from Wed 30.12.2026 over 1, 4 and 7 January 2027: Mon 11.01.2027", nil,
			store.ClockDates{ContractSigned: d("2026-12-30")},
			nil, want{"esutd_entry", "2027-01-11", "S30", rules.Practice, Later}, "2027"},
		{"S30: ESUTD from Sat 05.12.2026, a day off: Mon 7 … Fri 11 December", nil,
			store.ClockDates{ContractSigned: d("2026-12-05")},
			nil, want{"esutd_entry", "2026-12-11", "S30", rules.Practice, Urgent}, ""},
		{"S3: TRP re-issue 15 calendar days from 17.12.2026 ends Fri 01.01.2027, a holiday, not moved",
			func(e *store.Employee) { e.EmployerChanged = d("2026-12-17") }, store.ClockDates{},
			nil, want{"trp_reissue", "2027-01-01", "S3", rules.Official, Soon}, ""},
		// Birthdays (S8, MIA amendment in force 24.03.2024).
		{"S8: 16 on Tue 22.12.2026, due Fri 01.01.2027 (a holiday, not moved)", nil, store.ClockDates{},
			&store.FamilyMember{Relation: "child", BirthDate: d("2010-12-22")},
			want{"turned_16", "2027-01-01", "S8", rules.Practice, Soon}, ""},
		{"S8: 16 today (07.12.2026): due 17.12.2026", nil, store.ClockDates{},
			&store.FamilyMember{Relation: "child", BirthDate: d("2010-12-07")},
			want{"turned_16", "2026-12-17", "S8", rules.Practice, Soon}, ""},
		{"S8: 16 ten days ago (27.11.2026): due today, still this week", nil, store.ClockDates{},
			&store.FamilyMember{Relation: "child", BirthDate: d("2010-11-27")},
			want{"turned_16", "2026-12-07", "S8", rules.Practice, Urgent}, ""},
		{"S8: 16 eleven days ago (26.11.2026): overdue since yesterday", nil, store.ClockDates{},
			&store.FamilyMember{Relation: "child", BirthDate: d("2010-11-26")},
			want{"turned_16", "2026-12-06", "S8", rules.Practice, Overdue}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := worker()
			if tc.emp != nil {
				tc.emp(&e)
			}
			p := Person{Employee: e, Dates: tc.dates}
			if tc.family != nil {
				m := *tc.family
				m.ID, m.EmployeeID, m.NameCyr = 7, 1, "Каримов Тимур"
				p.Family = []store.FamilyMember{m}
			}
			items := run(t, set, Company{People: []Person{p}})
			check(t, items, tc.want)
			got := find(items, tc.want.clock)[0]
			assert.Equal(t, set.Calendar().WorkingDaysBetween(today, got.Due), got.WorkingDaysLeft)
			if tc.remark != "" {
				require.NotEmpty(t, got.Remarks)
				assert.Contains(t, got.Remarks[len(got.Remarks)-1], tc.remark)
			} else {
				for _, r := range got.Remarks {
					assert.NotContains(t, r, "calendar", "a published year carries no calendar remark")
				}
			}
		})
	}
}
