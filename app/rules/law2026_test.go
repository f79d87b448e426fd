package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// The tests in this file pin the defects D1–D9 of the December 2026 domain
// check (shared/domain-2026.md), each with the source it was checked against.

// d1case is the case of D1/D2: a Russian worker extends online.
func d1case(filing, expires string) Case {
	return Case{
		Schema: 1, Purpose: "work", Kind: "extension", Channel: "online",
		FilingDate: civil.MustParse(filing),
		Applicant:  Applicant{Citizenship: "RU", BirthDate: civil.MustParse("1985-04-12"), PermitExpires: civil.MustParse(expires)},
		Employer:   Employer{Name: "X"},
		Housing:    Housing{Owners: 1},
	}
}

func eventAt(tl Timeline, id string) string {
	for _, e := range tl.Events {
		if e.ID == id {
			return e.At
		}
	}
	return ""
}

func problemCodes(ps []Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// D1, D2: the expected answer around the old and the new Constitution Day.
func TestConstitutionDayExpectedAnswer(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		name, filing, expires, answer, source string
	}{
		// D1: 31.08.2026 is a working day (MLSP via taspanews.kz 18.03.2026).
		{"D1 Friday 28.08.2026", "2026-08-28", "2026-09-04", "2026-08-31", "taspanews.kz 18.03.2026"},
		// D2: 15.03.2027 is Constitution Day (referendum 15.03.2026; echofm.online 16.03.2026).
		{"D2 Friday 12.03.2027", "2027-03-12", "2027-03-19", "2027-03-16", "echofm.online 16.03.2026"},
		// D2: 30.08.2027 is no longer a day off.
		{"D2 Friday 27.08.2027", "2027-08-27", "2027-09-03", "2027-08-30", "taspanews.kz 18.03.2026"},
		// Before the change 30 August still counted: Friday 29.08.2025 → Tuesday 02.09.2025
		// (Saturday 30.08.2025 moved to Monday 01.09.2025; calendar S43).
		{"2025 unchanged", "2025-08-29", "2025-09-05", "2025-09-02", "law_holidays, S43"},
		// 15 March before 2027 is a working day: Friday 13.03.2026 → Monday 16.03.2026.
		{"2026 no 15 March", "2026-03-13", "2026-03-20", "2026-03-16", "constitution_2026: from 2027"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := s.Timeline(d1case(c.filing, c.expires), i18n.RU)
			assert.Equal(t, c.answer, eventAt(tl, "expected_answer"), "source: %s", c.source)
		})
	}
}

// D3: a case whose dates fall outside the rules data carries a loud warning
// that names what is unknown; the timeline exposes it as data for the window.
func TestCalendarWarningsOnTimeline(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		name, filing, expires string
		codes                 []string
		years                 []int
	}{
		{"published year", "2026-05-04", "2026-05-20", []string{}, []int{}},
		{"derived 2027", "2027-05-04", "2027-05-20", []string{"calendar_derived"}, []int{2027}},
		{"outside 2028", "2028-05-04", "2028-05-20", []string{"calendar_outside"}, []int{2028}},
		// Filing in December 2027, answer in January 2028: both years are warned of.
		{"steps cross into 2028", "2027-12-31", "2028-01-10", []string{"calendar_derived", "calendar_outside"}, []int{2027, 2028}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := s.Timeline(d1case(c.filing, c.expires), i18n.RU)
			var got []string
			for _, p := range tl.Problems {
				if strings.HasPrefix(p.Code, "calendar_") {
					got = append(got, p.Code)
					assert.Equal(t, SevWarning, p.Severity)
				}
			}
			if got == nil {
				got = []string{}
			}
			assert.Equal(t, c.codes, got)
			years := []int{}
			for _, cy := range tl.Calendar {
				years = append(years, cy.Year)
				assert.NotEmpty(t, cy.Warnings())
			}
			assert.Equal(t, c.years, years)
		})
	}
	tl := s.Timeline(d1case("2028-05-04", "2028-05-20"), i18n.RU)
	msg := tl.Problems[len(tl.Problems)-1].Message
	assert.Contains(t, msg, "Курбан айт")
	assert.Contains(t, msg, "переносе дней отдыха")
}

// D5: on paper the owner may consent in person, by proxy or by a notarized
// consent (MIA amendment of Feb 2023: informburo.kz / Polisia.kz 08.02.2023).
func TestPaperOwnerConsentAlternatives(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		name, filing string
		alts         []string
		basis        DateBasis
	}{
		{"D5 after the amendment", "2023-12-29", []string{"owner_in_person", "owner_proxy", "notarized_consent"}, DatedByReport},
		{"before Feb 2023: notarized only", "2023-01-10", nil, DatedByReport},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cs := d1case(c.filing, "2024-01-03")
			cs.Channel = "paper"
			cl := s.Checklist(cs, i18n.RU)
			it, ok := cl.Item("owner_consent")
			require.True(t, ok)
			assert.Equal(t, Required, it.Status)
			var ids []string
			for _, a := range it.Alternatives {
				ids = append(ids, a.ID)
			}
			assert.Equal(t, c.alts, ids)
			assert.Equal(t, c.basis, it.DateBasis)
			assert.NotEmpty(t, it.DateNote, "a reported date says so where the clerk sees it")
			assert.NotContains(t, it.Reason, "не примет")
		})
	}
}

// D6: the deadline is the expiry; "+10 days" (S10, an MIA order whose date
// was not found) is told as a risk with an unknown date, never as the last day.
func TestLateFilingIsARisk(t *testing.T) {
	s := embedded(t)
	tl := s.Timeline(seed(), i18n.RU)
	var latest, expires Event
	for _, e := range tl.Events {
		switch e.ID {
		case "latest_filing":
			latest = e
		case "permit_expires":
			expires = e
		}
	}
	assert.NotContains(t, latest.Title, "Последний день подачи")
	assert.Contains(t, latest.Title, "риском штрафа")
	assert.Equal(t, DateUnknown, latest.DateBasis)
	assert.Contains(t, latest.DateNote, "не найдена")
	assert.Equal(t, Practice, latest.Confidence)
	assert.Equal(t, "2024-01-03", expires.At)
	assert.Contains(t, expires.Note, "не позже этого дня")

	cases := []struct {
		filing string
		code   string
		sev    Severity
	}{
		{"2024-01-03", "", ""}, // on the day of expiry: in time
		{"2024-01-04", "filing_after_expiry", SevWarning},
		{"2024-01-13", "filing_after_expiry", SevWarning},
		{"2024-01-14", "filing_too_late", SevError},
	}
	for _, c := range cases {
		cs := seed()
		cs.FilingDate = civil.MustParse(c.filing)
		var got Problem
		for _, p := range s.Review(cs, i18n.RU) {
			if p.Code == "filing_after_expiry" || p.Code == "filing_too_late" {
				got = p
			}
		}
		assert.Equal(t, c.code, got.Code, c.filing)
		assert.Equal(t, c.sev, got.Severity, c.filing)
		assert.NotRegexp(t, `\bS[0-9]+\b`, got.Message, "sources by title, not by ID")
		if c.code == "filing_after_expiry" {
			assert.Contains(t, got.Message, "риском штрафа", "after expiry is a risk, not a right")
		}
	}
}

// D7: fingerprinting never before 01.01.2024 (S18: police release,
// regime in force 01.01.2024; seed: not yet in force on 29.12.2023).
func TestFingerprintingNotBeforeRegime(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		name, filing, want, problem string
	}{
		// 02.01.2024 filing: the day before would be 29.12.2023; clamped to
		// the first working day 03.01.2024, after the filing: a conflict.
		{"D7 filing 02.01.2024", "2024-01-02", "2024-01-03", "step_before_regime"},
		{"filing 03.01.2024", "2024-01-03", "2024-01-03", "step_before_regime"},
		{"filing 04.01.2024: day before is fine", "2024-01-04", "2024-01-03", ""},
		{"filing 10.01.2024", "2024-01-10", "2024-01-09", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cs := seed()
			cs.FilingDate = civil.MustParse(c.filing)
			cs.Applicant.PermitExpires = civil.MustParse("2024-01-20")
			tl := s.Timeline(cs, i18n.RU)
			assert.Equal(t, c.want, eventAt(tl, "fingerprinting"))
			codes := problemCodes(tl.Problems)
			if c.problem == "" {
				assert.NotContains(t, codes, "step_before_regime")
				assert.NotContains(t, codes, "step_moved")
			} else {
				assert.Contains(t, codes, c.problem)
			}
		})
	}
}

// D8: owners approve by 12:00 on the filing day (S11, practice). The note
// always says so; a filing time after noon is a problem.
func TestFilingAfterNoon(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		name, time, channel string
		owned, problem      bool
	}{
		{"no time given", "", "online", false, false},
		{"morning", "09:30", "online", false, false},
		{"exactly noon", "12:00", "online", false, false},
		{"afternoon", "12:01", "online", false, true},
		{"Friday afternoon", "15:45", "online", false, true},
		{"paper has no EDS approval", "15:45", "paper", false, false},
		{"own housing: no owners", "15:45", "online", true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cs := seed()
			cs.FilingTime, cs.Channel = c.time, c.channel
			cs.Housing.OwnedByApplicant = c.owned
			assert.Equal(t, c.problem, contains(problemCodes(s.Review(cs, i18n.RU)), "filing_after_noon"))
		})
	}
	for _, owners := range []int{1, 3} {
		cs := seed()
		cs.Housing.Owners = owners
		n := 0
		for _, e := range s.Timeline(cs, i18n.RU).Events {
			if strings.HasPrefix(e.ID, "owners_approval") {
				n++
				assert.Contains(t, e.Note, "Подавайте утром", "the plain warning is always there")
				assert.Equal(t, "2023-12-29T12:00:00+06:00", e.At)
				if owners == 1 {
					assert.Equal(t, "Собственник жилья подтверждает заявку ЭЦП (до 12:00)", e.Title, "L10")
				} else {
					assert.Contains(t, e.Title, "Каждый из 3 собственников", "L10")
				}
			}
		}
		assert.Equal(t, 1, n)
	}
	_, err := ParseCase([]byte(`{"purpose":"work","kind":"first","channel":"online","filing_date":"2024-05-03","filing_time":"25:00",
		"applicant":{"citizenship":"RU","birth_date":"1985-04-12"},"employer":{"name":"X"},"housing":{"owners":1}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "filing_time")
}

// D9: a child who turned 16 files within 10 calendar days (MIA amendment in
// force 24.03.2024; S7, S8), in the checklist and on the timeline.
func TestTurned16(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		name, birth, filing string
		status              Status
		deadline            string
	}{
		{"five days after", "2008-06-01", "2024-06-06", Required, "2024-06-11"},
		{"on the birthday", "2008-06-01", "2024-06-01", Required, "2024-06-11"},
		{"tenth day", "2008-06-01", "2024-06-11", Required, "2024-06-11"},
		{"late: eleventh day", "2008-06-01", "2024-06-12", Required, "2024-06-11"},
		{"a day before 16", "2008-06-01", "2024-05-31", NotApplicable, ""},
		{"long past", "2000-06-01", "2024-06-06", NotApplicable, ""},
		{"before the rule (24.03.2024)", "2008-03-10", "2024-03-15", NotApplicable, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cs := Case{Schema: 1, Purpose: "family", Kind: "first", Channel: "online",
				FilingDate: civil.MustParse(c.filing),
				Applicant:  Applicant{Citizenship: "RU", BirthDate: civil.MustParse(c.birth)},
				Housing:    Housing{Owners: 1},
				Principal:  &Principal{Relation: "child", PermitExpires: civil.MustParse("2026-01-01")}}
			cl := s.Checklist(cs, i18n.RU)
			it, _ := cl.Item("apply_after_16")
			assert.Equal(t, c.status, it.Status)
			tl := s.Timeline(cs, i18n.RU)
			assert.Equal(t, c.deadline, eventAt(tl, "turned16_deadline"))
			if c.status == Required {
				assert.Contains(t, it.Reason, civil.MustParse(c.deadline).DMY())
			}
		})
	}
}

// Timeline notes speak of the case's own channel only (domain-2026 minor note).
func TestTimelineNotesOwnChannel(t *testing.T) {
	s := embedded(t)
	for _, ch := range []string{"online", "paper"} {
		cs := seed()
		cs.Channel = ch
		for _, e := range s.Timeline(cs, i18n.RU).Events {
			if ch == "paper" {
				assert.NotContains(t, e.Note, "egov", "%s: %s", ch, e.ID)
			} else {
				assert.NotContains(t, e.Note, "ЦОН", "%s: %s", ch, e.ID)
			}
			assert.NotContains(t, e.Note, "на бумаге —", e.ID)
		}
	}
}

// Every clause and step says what its date rests on; an unknown date is
// told to the clerk on the item (needed items only).
func TestUnknownDatesAreShown(t *testing.T) {
	s := embedded(t)
	cl := s.Checklist(seed(), i18n.RU)
	it, _ := cl.Item("current_trp") // S11, practice, undated
	assert.Equal(t, DateUnknown, it.DateBasis)
	assert.Contains(t, it.DateNote, "не найдена")
	it, _ = cl.Item("passport") // S1 with the order's date
	assert.Equal(t, DatedByAct, it.DateBasis)
	assert.Empty(t, it.DateNote)
	it, _ = cl.Item("health_insurance") // not applicable: no note
	assert.Empty(t, it.DateNote)
}

// MIA Order No. 923 of 17.11.2025, in force 01.07.2026 (24.kg 26.11.2025):
// visa-free immigrants register within 30 calendar days, no longer 3 working days.
func TestArrivalRegistrationOrder923(t *testing.T) {
	s := embedded(t)
	cases := []struct {
		filing, want, source string
	}{
		{"2026-06-30", "3 рабочих дней", "S12"},
		{"2026-07-01", "30 календарных дней", "mia_923"},
	}
	for _, c := range cases {
		cs := d1case(c.filing, "2027-01-01")
		cs.Kind = "first"
		it, _ := s.Checklist(cs, i18n.RU).Item("arrival_notification")
		assert.Contains(t, it.Reason, c.want, c.filing)
		assert.Equal(t, c.source, it.Source, c.filing)
	}
}
