package kz_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/kz"
	"dossier/app/rules"
)

func embeddedCalendar(t *testing.T) *kz.Calendar {
	t.Helper()
	set, err := rules.Embedded()
	require.NoError(t, err)
	return set.Calendar()
}

func dates(list string) []civil.Date {
	out := []civil.Date{}
	for _, s := range strings.Fields(list) {
		out = append(out, civil.MustParse(s))
	}
	return out
}

// The whole years must equal domain.md §6.3, which was cross-checked against
// the published calendars.
func TestCalendarWholeYears(t *testing.T) {
	cal := embeddedCalendar(t)
	cases := []struct {
		year     int
		derived  bool
		daysOff  string
		workWknd string
	}{
		{2023, false, `2023-01-02 2023-01-03 2023-03-08 2023-03-21 2023-03-22 2023-03-23 2023-05-01 2023-05-08
			2023-05-09 2023-06-28 2023-07-06 2023-07-07 2023-08-30 2023-10-25 2023-12-18`, "2023-07-01"},
		{2024, false, `2024-01-01 2024-01-02 2024-03-08 2024-03-21 2024-03-22 2024-03-25 2024-05-01 2024-05-07
			2024-05-08 2024-05-09 2024-07-08 2024-08-30 2024-10-25 2024-12-16`, "2024-05-04"},
		{2025, false, `2025-01-01 2025-01-02 2025-01-03 2025-01-07 2025-03-10 2025-03-21 2025-03-24 2025-03-25
			2025-05-01 2025-05-07 2025-05-09 2025-06-06 2025-07-07 2025-09-01 2025-10-27 2025-12-16`, "2025-01-05"},
		// 2026 as amended: no 31.08.2026 (D1; MLSP via taspanews.kz 18.03.2026:
		// 30 August is no longer a day off from 2026).
		{2026, false, `2026-01-01 2026-01-02 2026-01-07 2026-03-09 2026-03-23 2026-03-24 2026-03-25 2026-05-01
			2026-05-07 2026-05-11 2026-05-27 2026-07-06 2026-10-26 2026-12-16`, ""},
		// 2027: Constitution Day on 15.03.2027 and not on 30.08.2027 (D2;
		// referendum of 15.03.2026, echofm.online 16.03.2026, taspanews.kz 18.03.2026).
		{2027, true, `2027-01-01 2027-01-04 2027-01-07 2027-03-08 2027-03-15 2027-03-22 2027-03-23 2027-03-24 2027-05-03
			2027-05-07 2027-05-10 2027-07-06 2027-10-25 2027-12-16`, ""},
		// 2022 lies outside the data but carries Gov. Decree No. 713 of
		// 06.10.2021 (D4, pm.kz): Saturdays 5 March and 27 August worked for
		// Mondays 7 March and 29 August off.
		{2022, true, `2022-01-03 2022-01-04 2022-01-07 2022-03-07 2022-03-08 2022-03-21 2022-03-22 2022-03-23
			2022-05-02 2022-05-09 2022-05-10 2022-07-06 2022-08-29 2022-08-30 2022-10-25 2022-12-16`, "2022-03-05 2022-08-27"},
	}
	for _, c := range cases {
		info := cal.Year(c.year)
		assert.Equal(t, c.derived, info.Derived, "%d derived", c.year)
		assert.Equal(t, dates(c.daysOff), info.DaysOff, "%d days off", c.year)
		assert.Equal(t, dates(c.workWknd), info.WorkingWeekends, "%d working weekends", c.year)
	}
	assert.True(t, cal.Year(2031).Derived, "a year beyond the data is derived")
}

func TestWorkingDayArithmetic(t *testing.T) {
	cal := embeddedCalendar(t)
	d := civil.MustParse
	cases := []struct {
		name string
		got  civil.Date
		want civil.Date
	}{
		// The seed case: filed Friday 29.12.2023; 30–31 weekend, 1–2 January holidays.
		{"next after seed filing", cal.NextWorkingDay(d("2023-12-29")), d("2024-01-03")},
		{"working Saturday counts", cal.NextWorkingDay(d("2024-05-03")), d("2024-05-04")},
		{"transfer day off skipped", cal.NextWorkingDay(d("2024-05-06")), d("2024-05-10")},
		{"add 5 over Nauryz 2026", cal.AddWorkingDays(d("2026-03-20"), 5), d("2026-04-01")},
		{"the worked Sunday 5 Jan 2025", cal.AddWorkingDays(d("2025-01-06"), -1), d("2025-01-05")},
		{"add -1 back over New Year", cal.AddWorkingDays(d("2025-01-05"), -1), d("2024-12-31")},
		{"add 0 keeps the day", cal.AddWorkingDays(d("2025-01-04"), 0), d("2025-01-04")},
		{"prev before a Monday", cal.PrevWorkingDay(d("2026-03-09")), d("2026-03-06")},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.got, c.name)
	}
	assert.False(t, cal.IsWorkingDay(d("2025-01-07")), "Orthodox Christmas")
	assert.True(t, cal.IsWorkingDay(d("2025-01-05")), "Sunday 5 Jan 2025 was worked")
	assert.False(t, cal.IsWorkingDay(d("2024-06-16")), "Kurban Ait on a Sunday is still a Sunday")
	assert.True(t, cal.IsWorkingDay(d("2024-06-17")), "…and does not move")

	assert.Equal(t, 1, cal.WorkingDaysBetween(d("2023-12-29"), d("2024-01-03")))
	assert.Equal(t, 0, cal.WorkingDaysBetween(d("2025-01-06"), d("2025-01-06")))
	assert.Equal(t, -1, cal.WorkingDaysBetween(d("2024-01-03"), d("2023-12-29")))
	for _, n := range []int{1, 7, 20, 250} {
		start := d("2025-12-20")
		end := cal.AddWorkingDays(start, n)
		assert.Equal(t, n, cal.WorkingDaysBetween(start, end), "inverse for %d", n)
	}
}

// A made-up order in a test rules file must change the calendar: nothing
// about a year is typed into code.
func TestMadeUpTransferOrderChangesCalendar(t *testing.T) {
	set, err := rules.Embedded()
	require.NoError(t, err)
	override := []byte(`{"format": 1, "transfers": {"version": 9999999999, "orders": [
		{"working_day": "2026-06-13", "day_off": "2026-06-12", "act": "test order", "source": "S40", "confidence": "official"}
	]}}`)
	over, notes, err := set.Override(override)
	require.NoError(t, err)
	require.Len(t, notes, 1)
	cal := over.Calendar()
	assert.False(t, cal.IsWorkingDay(civil.MustParse("2026-06-12")))
	assert.True(t, cal.IsWorkingDay(civil.MustParse("2026-06-13")))
	assert.Contains(t, cal.Year(2026).WorkingWeekends, civil.MustParse("2026-06-13"))
	// The override replaced the whole section: 2025's order is gone with it.
	assert.True(t, cal.IsWorkingDay(civil.MustParse("2025-01-03")))
	// The original set is untouched.
	assert.True(t, set.Calendar().IsWorkingDay(civil.MustParse("2026-06-12")))
}

func TestTimeZone(t *testing.T) {
	loc := kz.Location()
	before := civil.MustParse("2023-12-29").In(loc, 12, 0)
	after := civil.MustParse("2024-03-01").In(loc, 12, 0)
	_, off1 := before.Zone()
	_, off2 := after.Zone()
	assert.Equal(t, 6*3600, off1, "Almaty was UTC+6 before 1 March 2024")
	assert.Equal(t, 5*3600, off2, "and UTC+5 since")
	assert.Equal(t, "2023-12-29T12:00:00+06:00", before.Format("2006-01-02T15:04:05Z07:00"))
}

// One calendar serves the window, the schedule and validation at once.
func TestCalendarConcurrentUse(t *testing.T) {
	cal := embeddedCalendar(t)
	done := make(chan int)
	for g := 0; g < 8; g++ {
		go func(g int) {
			n := 0
			for y := 2000 + g; y < 2090; y += 3 {
				if cal.IsWorkingDay(civil.New(y, 3, 23)) {
					n++
				}
			}
			done <- n
		}(g)
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	assert.False(t, cal.IsWorkingDay(civil.MustParse("2026-03-23")))
}

// D3/D4: a year outside the rules data is computed only with notes that say
// what is unknown; a derived year says which of its dates are not published.
// Sources: holidays.first_year/last_year of the rules (docs/rules.md); D2 for
// 15 March (practice; its weekend move is Dossier's assumption).
func TestCalendarYearNotes(t *testing.T) {
	cal := embeddedCalendar(t)
	codes := func(y int) []string {
		out := []string{}
		for _, n := range cal.Year(y).Notes {
			out = append(out, n.Code+" "+n.Holiday+" "+n.Date.String())
		}
		return out
	}
	cases := []struct {
		year     int
		coverage kz.Coverage
		notes    []string
	}{
		{2023, kz.Published, []string{}},
		{2026, kz.Published, []string{}},
		// 2027: transfer orders not out, Kurban Ait an estimate, 15 March per
		// the new Constitution without the law's amendment.
		{2027, kz.Derived, []string{
			"no_transfer_orders  ",
			"estimated_holiday kurban_ait 2027-05-16",
			"practice_holiday constitution_day_2027 2027-03-15",
		}},
		// 2028: outside the data, nothing about religious dates or orders.
		{2028, kz.Outside, []string{
			"outside_data  ",
			"no_transfer_orders  ",
			"no_dated_holidays kurban_ait ",
			"practice_holiday constitution_day_2027 2028-03-15",
		}},
		// 15.03.2031 is a Saturday, so its move is an assumption.
		{2031, kz.Outside, []string{
			"outside_data  ",
			"no_transfer_orders  ",
			"no_dated_holidays kurban_ait ",
			"practice_holiday constitution_day_2027 2031-03-15",
			"assumed_shift constitution_day_2027 2031-03-15",
		}},
		// 2022: outside, but Decree No. 713's transfers are in the data.
		{2022, kz.Outside, []string{"outside_data  ", "no_dated_holidays kurban_ait "}},
	}
	for _, c := range cases {
		info := cal.Year(c.year)
		assert.Equal(t, c.coverage, info.Coverage, "%d coverage", c.year)
		assert.Equal(t, c.notes, codes(c.year), "%d notes", c.year)
	}
	// 15.03.2031 is a Saturday: the assumed move lands on Monday 17.03.2031.
	for _, n := range cal.Year(2031).Notes {
		if n.Code == kz.NoteAssumedShift {
			assert.Equal(t, civil.MustParse("2031-03-17"), n.MovedTo)
		}
	}
	msg := cal.NoteMessage(2028, kz.YearNote{Code: kz.NoteOutsideData}, "ru")
	assert.Contains(t, msg, "вне данных правил (2023–2027)")
	assert.Contains(t, msg, "Курбан айт")
}
