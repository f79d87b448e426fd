package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

func embedded(t testing.TB) *Set {
	t.Helper()
	s, err := Embedded()
	require.NoError(t, err)
	return s
}

// seed is the case Dossier grew from (domain.md): a Russian worker extends
// online on 29.12.2023, permit expiring 03.01.2024, one owner abroad.
func seed() Case {
	return Case{
		Schema: 1, Purpose: "work", Kind: "extension", Channel: "online",
		FilingDate: civil.MustParse("2023-12-29"),
		Applicant: Applicant{
			Name: "Иванов Иван", Citizenship: "RU", BirthDate: civil.MustParse("1985-04-12"),
			PermitIssued: civil.MustParse("2023-01-04"), PermitExpires: civil.MustParse("2024-01-03"),
		},
		Employer: Employer{Name: "ТОО «Пример»", BIN: "940140000385"},
		Housing:  Housing{Owners: 1},
	}
}

func statuses(cl Checklist) map[string]Status {
	out := map[string]Status{}
	for _, it := range cl.Items {
		out[it.ID] = it.Status
	}
	return out
}

func TestSeedCaseChecklist(t *testing.T) {
	s := embedded(t)
	got := statuses(s.Checklist(seed(), i18n.RU))
	for _, id := range []string{"passport", "application_letter", "employment_contract", "enbek_confirmation",
		"current_trp", "company_rka", "residence_rka", "owner_approval"} {
		assert.Equal(t, Required, got[id], id)
	}
	for _, id := range []string{"owner_consent", "health_insurance", "fingerprint_certificate", "fingerprinting", "application_form"} {
		assert.Equal(t, NotApplicable, got[id], id)
	}
	cl := s.Checklist(seed(), i18n.RU)
	approval, _ := cl.Item("owner_approval")
	assert.Equal(t, Action, approval.Kind)
	assert.Equal(t, Practice, approval.Confidence)
	assert.Equal(t, "S11", approval.Source)
	assert.NotEmpty(t, approval.SourceURL)
	// L10: one owner reads as one owner, not «каждый собственник (1)».
	assert.Contains(t, approval.Reason, "собственник жилья подтверждает")
	assert.NotContains(t, approval.Reason, "(1)")
	two := seed()
	two.Housing.Owners = 2
	approval, _ = s.Checklist(two, i18n.RU).Item("owner_approval")
	assert.Contains(t, approval.Reason, "каждый из 2 собственников", "the owner count is filled into the reason")
}

func TestSeedCaseVariants(t *testing.T) {
	s := embedded(t)
	paper := seed()
	paper.Channel = "paper"
	got := statuses(s.Checklist(paper, i18n.RU))
	assert.Equal(t, Required, got["owner_consent"], "paper needs the notarized consent")
	assert.Equal(t, NotApplicable, got["owner_approval"])
	assert.Equal(t, Required, got["application_form"])

	in2025 := seed()
	in2025.FilingDate = civil.MustParse("2025-03-03")
	in2025.Applicant.PermitExpires = civil.MustParse("2025-03-10")
	got = statuses(s.Checklist(in2025, i18n.RU))
	assert.Equal(t, Required, got["fingerprint_certificate"], "filed in 2025 the certificate is required")
	assert.Equal(t, Required, got["fingerprinting"])

	in2025.Applicant.Fingerprinted = true
	got = statuses(s.Checklist(in2025, i18n.RU))
	assert.Equal(t, Required, got["fingerprint_certificate"])
	assert.Equal(t, NotApplicable, got["fingerprinting"], "already fingerprinted: no visit")

	owned := seed()
	owned.Housing = Housing{OwnedByApplicant: true}
	got = statuses(s.Checklist(owned, i18n.RU))
	assert.Equal(t, NotApplicable, got["owner_approval"])
	assert.Equal(t, NotApplicable, got["owner_consent"])

	uz := seed()
	uz.Applicant.Citizenship = "UZ"
	got = statuses(s.Checklist(uz, i18n.RU))
	assert.Equal(t, Required, got["health_insurance"], "non-EAEU citizens need insurance")
}

func TestFingerprintBoundaries(t *testing.T) {
	s := embedded(t)
	filing := civil.MustParse("2025-06-10")
	cases := []struct {
		name   string
		birth  string
		filing string
		kind   string
		issued string
		want   Status
	}{
		{"11 the day before the 12th birthday", "2013-06-11", "", "first", "", NotApplicable},
		{"12 on the filing day", "2013-06-10", "", "first", "", Optional},
		{"15 the day before the 16th birthday", "2009-06-11", "", "first", "", Optional},
		{"16 on the filing day", "2009-06-10", "", "first", "", Required},
		{"adult filed 31.12.2023", "1990-01-01", "2023-12-31", "first", "", NotApplicable},
		{"adult filed 01.01.2024", "1990-01-01", "2024-01-01", "first", "", Required},
		{"extension of a pre-2024 permit", "1990-01-01", "2024-02-01", "extension", "2023-03-01", Required},
		{"extension of a 2024 permit", "1990-01-01", "2025-02-01", "extension", "2024-03-01", Required},
	}
	for _, c := range cases {
		cs := seed()
		cs.Kind = c.kind
		cs.Applicant.BirthDate = civil.MustParse(c.birth)
		cs.FilingDate = filing
		if c.filing != "" {
			cs.FilingDate = civil.MustParse(c.filing)
		}
		cs.Applicant.PermitIssued = civil.Date{}
		if c.issued != "" {
			cs.Applicant.PermitIssued = civil.MustParse(c.issued)
		}
		cs.Applicant.PermitExpires = cs.FilingDate.AddDays(20)
		cl := s.Checklist(cs, i18n.EN)
		it, _ := cl.Item("fingerprint_certificate")
		assert.Equal(t, c.want, it.Status, c.name)
	}
	// The reason differs for a permit from before 2024.
	cs := seed()
	cs.FilingDate = civil.MustParse("2024-02-01")
	cs.Applicant.PermitExpires = civil.MustParse("2024-02-10")
	it, _ := s.Checklist(cs, i18n.EN).Item("fingerprint_certificate")
	assert.Contains(t, it.Reason, "first extension")
	assert.Equal(t, Practice, it.Confidence)
}

func TestOrder905Boundary(t *testing.T) {
	s := embedded(t)
	cs := seed()
	cs.Applicant.Citizenship = "CN"
	cs.Kind = "first"
	cs.Applicant.PermitExpires = civil.Date{}
	cs.Applicant.PermitIssued = civil.Date{}

	cs.FilingDate = civil.MustParse("2024-12-07")
	cl := s.Checklist(cs, i18n.EN)
	contract, _ := cl.Item("employment_contract")
	assert.Equal(t, Required, contract.Status)
	assert.Len(t, contract.Alternatives, 6, "before Order 905 any work basis will do")
	enbek, _ := cl.Item("enbek_confirmation")
	assert.Equal(t, Optional, enbek.Status)

	cs.FilingDate = civil.MustParse("2024-12-08")
	cl = s.Checklist(cs, i18n.EN)
	contract, _ = cl.Item("employment_contract")
	assert.Len(t, contract.Alternatives, 2, "from 08.12.2024 only an ESUTD or civil-law contract")
	assert.Equal(t, "S5", contract.Source)
	enbek, _ = cl.Item("enbek_confirmation")
	assert.Equal(t, Required, enbek.Status)
}

func TestFamilyCase(t *testing.T) {
	s := embedded(t)
	cs := seed()
	cs.Purpose = "family"
	cs.Applicant.Citizenship = "IN"
	cs.Principal = &Principal{Name: "Raj", Relation: "spouse", PermitExpires: civil.MustParse("2024-06-30")}
	got := statuses(s.Checklist(cs, i18n.EN))
	assert.Equal(t, Required, got["relationship_document"])
	assert.Equal(t, Required, got["principal_trp"])
	assert.Equal(t, NotApplicable, got["employment_contract"])
	assert.Equal(t, Required, got["health_insurance"])
	tl := s.Timeline(cs, i18n.EN)
	assert.Contains(t, eventIDs(tl), "principal_permit_expires")

	cs.Principal.PermitExpires = civil.MustParse("2023-12-01")
	tl = s.Timeline(cs, i18n.EN)
	assert.True(t, HasErrors(tl.Problems))
}

func eventIDs(tl Timeline) []string {
	var ids []string
	for _, e := range tl.Events {
		ids = append(ids, e.ID)
	}
	return ids
}

func TestSeedTimeline(t *testing.T) {
	s := embedded(t)
	tl := s.Timeline(seed(), i18n.RU)
	at := map[string]string{}
	for _, e := range tl.Events {
		at[e.ID] = e.At
	}
	assert.Equal(t, "2023-12-29", at["filing"])
	assert.Equal(t, "2023-12-29T12:00:00+06:00", at["owners_approval"])
	assert.Equal(t, "2024-01-03", at["expected_answer"])
	// D6: the +10 days stay on the timeline, but as a risk, not a deadline.
	assert.Equal(t, "2024-01-13", at["latest_filing"])
	assert.NotContains(t, at, "fingerprinting")
	assert.Empty(t, tl.Problems)

	// After March 2024 the deadline carries the new offset.
	later := seed()
	later.FilingDate = civil.MustParse("2024-03-04")
	later.Applicant.PermitExpires = civil.MustParse("2024-03-10")
	tl = s.Timeline(later, i18n.RU)
	for _, e := range tl.Events {
		if e.ID == "owners_approval" {
			assert.Equal(t, "2024-03-04T12:00:00+05:00", e.At)
		}
		if e.ID == "fingerprinting" {
			assert.Equal(t, "2024-03-01", e.At, "the working day before filing")
		}
	}
	assert.Contains(t, eventIDs(tl), "fingerprinting")
}

func TestLateFilingProblems(t *testing.T) {
	s := embedded(t)
	cs := seed()
	cs.FilingDate = civil.MustParse("2024-01-10")
	ps := s.Review(cs, i18n.EN)
	require.NotEmpty(t, ps)
	assert.Equal(t, "filing_after_expiry", ps[0].Code)
	assert.False(t, HasErrors(ps))

	cs.FilingDate = civil.MustParse("2024-01-15")
	assert.True(t, HasErrors(s.Review(cs, i18n.EN)))

	cs = seed()
	cs.Channel = "paper"
	cs.FilingDate = civil.MustParse("2023-12-30")
	ps = s.Review(cs, i18n.EN)
	require.Len(t, ps, 1)
	assert.Equal(t, "filing_day_off_paper", ps[0].Code)
	assert.Contains(t, ps[0].Message, "03.01.2024")
}

func TestEveryItemTranslated(t *testing.T) {
	s := embedded(t)
	for _, lang := range i18n.Langs {
		cl := s.Checklist(seed(), lang)
		for _, it := range cl.Items {
			assert.NotEmpty(t, it.Title, "%s %s", lang, it.ID)
			assert.NotEmpty(t, it.Reason, "%s %s", lang, it.ID)
		}
	}
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "rules.") {
			for _, l := range i18n.Langs {
				assert.NotContains(t, i18n.T(l, k), "[rules.", k)
			}
		}
	}
}

func TestOverrideRules(t *testing.T) {
	s := embedded(t)
	older := []byte(`{"format":1,"transfers":{"version":1,"orders":[]}}`)
	_, notes, err := s.Override(older)
	require.NoError(t, err)
	require.Len(t, notes, 1)
	assert.Contains(t, notes[0], "ignored")

	bad := []struct {
		name string
		doc  string
		want string
	}{
		{"syntax with line", "{\"format\":1,\n\"holidays\": {\n  \"version\": 5,,\n}}", "line 3"},
		{"unknown field with line", "{\"format\":1,\n\"transfers\":{\"version\":99999999999,\n \"orderz\":[]}}", "line 3"},
		{"wrong type", "{\"format\":1,\"transfers\":{\"version\":\"new\"}}", "version"},
		{"working day not a weekend", `{"format":1,"transfers":{"version":99999999999,"orders":[{"working_day":"2026-06-10","act":"x","source":"S1","confidence":"official"}]}}`, "not a Saturday"},
		{"bad date", "{\"format\":1,\"transfers\":{\"version\":99999999999,\"orders\":[{\"day_off\":\"2026-02-30\"}]}}", "2026-02-30"},
		{"no sections", `{"format":1}`, "no section"},
		{"wrong format", `{"format":2}`, "format"},
		{"unknown fact", `{"format":1,"procedures":{"version":99999999999,"sources":{"S":{"title":"t","url":"","kind":"official"}},"items":[{"id":"x","kind":"document","title":{"ru":"a","kk":"b","en":"c"},"rules":[{"status":"required","reason":{"ru":"a","kk":"b","en":"c"},"source":"S","confidence":"official","when":{"fact":"agee","lt":3}}]}]}}`, "unknown fact"},
		{"item fact before item", `{"format":1,"procedures":{"version":99999999999,"sources":{"S":{"title":"t","url":"","kind":"official"}},"items":[{"id":"x","kind":"document","title":{"ru":"a","kk":"b","en":"c"},"rules":[{"status":"required","reason":{"ru":"a","kk":"b","en":"c"},"source":"S","confidence":"official","when":{"fact":"item.y","eq":"required"}}]}]}}`, "not listed before"},
		{"missing translation", `{"format":1,"procedures":{"version":99999999999,"sources":{"S":{"title":"t","url":"","kind":"official"}},"items":[{"id":"x","kind":"document","title":{"ru":"a","en":"c"},"rules":[]}]}}`, "lacks"},
	}
	for _, c := range bad {
		_, _, err := s.Override([]byte(c.doc))
		require.Error(t, err, c.name)
		assert.ErrorIs(t, err, ErrRulesFile, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
}

func TestOverrideProceduresChangesChecklist(t *testing.T) {
	s := embedded(t)
	doc := `{"format":1,"procedures":{"version":99999999999,
	  "country_groups":{"eaeu":["AM","BY","KG","RU"]},
	  "sources":{"NEW":{"title":"Новый приказ","url":"","kind":"official"}},
	  "items":[{"id":"passport","kind":"document","title":{"ru":"Паспорт","kk":"Төлқұжат","en":"Passport"},
	    "rules":[{"status":"required","reason":{"ru":"р","kk":"қ","en":"e"},"source":"NEW","confidence":"official","effective_from":"2026-01-01"}]}],
	  "timeline":[]}}`
	over, _, err := s.Override([]byte(doc))
	require.NoError(t, err)
	cl := over.Checklist(seed(), i18n.EN)
	require.Len(t, cl.Items, 1)
	assert.Equal(t, NotApplicable, cl.Items[0].Status, "the clause is not in force in 2023")
	cs := seed()
	cs.FilingDate = civil.MustParse("2026-02-02")
	cs.Applicant.PermitExpires = civil.MustParse("2026-02-05")
	assert.Equal(t, Required, over.Checklist(cs, i18n.EN).Items[0].Status)
	assert.Equal(t, 99999999999, over.Version())
	assert.Equal(t, "override", over.Sections()["procedures"].Origin)
	assert.Equal(t, "embedded", over.Sections()["holidays"].Origin)
}

func TestChecklistIsPure(t *testing.T) {
	s := embedded(t)
	a := s.Checklist(seed(), i18n.KK)
	b := s.Checklist(seed(), i18n.KK)
	assert.Equal(t, a, b)
}

// Rules files come from consultants' e-mail: whatever they contain, loading
// one must fail cleanly or give a usable set.
func FuzzOverride(f *testing.F) {
	f.Add([]byte(`{"format":1,"transfers":{"version":99999999999,"orders":[{"working_day":"2026-06-13","day_off":"2026-06-12","act":"t","source":"S40","confidence":"official"}]}}`))
	f.Add([]byte(`{"format":1,"holidays":{"version":99999999999,"first_year":2020,"last_year":2021,"fixed":[{"id":"x","month":2,"day":30,"name":{"ru":"a","kk":"b","en":"c"},"shift":true,"source":"S"}]}}`))
	f.Add([]byte(`{"format":1,"procedures":{"version":99999999999,"sources":{"S":{"title":"t","url":"","kind":"official"}},"items":[{"id":"x","kind":"action","title":{"ru":"a","kk":"b","en":"c"},"rules":[{"status":"optional","reason":{"ru":"a","kk":"b","en":"c"},"source":"S","confidence":"practice","when":{"any":[{"fact":"age","gte":16},{"not":{"fact":"eaeu","eq":true}}]}}]}],"timeline":[{"id":"e","anchor":"filing_date","working_days":-3,"time":"09:30","title":{"ru":"a","kk":"b","en":"c"},"source":"S","confidence":"assumption"}]}}`))
	f.Add([]byte("{\"format\":1,\n\"holidays\":{,}}"))
	s := embedded(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		over, _, err := s.Override(data)
		if err != nil {
			return
		}
		_ = over.Timeline(seed(), i18n.EN)
		_ = over.Calendar().Year(2026)
	})
}

func TestIdentifierProblems(t *testing.T) {
	s := embedded(t)
	cs := seed()
	cs.Applicant.IIN = "790303402568" // valid, born 03.03.1979
	ps := s.Review(cs, i18n.EN)
	require.Len(t, ps, 1)
	assert.Equal(t, "iin_birth_mismatch", ps[0].Code)
	assert.False(t, HasErrors(ps))

	cs.Applicant.BirthDate = civil.MustParse("1979-03-03")
	assert.Empty(t, s.Review(cs, i18n.EN))

	cs.Applicant.IIN = "790303402567"
	ps = s.Review(cs, i18n.RU)
	require.Len(t, ps, 1)
	assert.Equal(t, "iin_invalid", ps[0].Code)
	assert.Contains(t, ps[0].Message, "8", "the expected check digit is named")
	assert.True(t, HasErrors(ps))

	cs = seed()
	cs.Employer.BIN = "940140000386"
	ps = s.Review(cs, i18n.KK)
	require.Len(t, ps, 1)
	assert.Equal(t, "bin_invalid", ps[0].Code)
}

func TestBirthDateFromIIN(t *testing.T) {
	doc := strings.Replace(seedJSON, `"birth_date": "1985-04-12",`, `"iin": "790303402568",`, 1)
	c, err := ParseCase([]byte(doc))
	require.NoError(t, err)
	assert.Equal(t, civil.MustParse("1979-03-03"), c.Applicant.BirthDate)

	doc = strings.Replace(seedJSON, `"birth_date": "1985-04-12",`, `"iin": "790303402567",`, 1)
	_, err = ParseCase([]byte(doc))
	assert.ErrorContains(t, err, "applicant.iin", "an invalid IIN gives no birth date, and the error says why")
}

func TestFingerprintedAfterFiling(t *testing.T) {
	s := embedded(t)
	cs := seed()
	cs.Applicant.Fingerprinted = true
	cs.Applicant.FingerprintedOn = civil.MustParse("2024-01-05")
	ps := s.Review(cs, i18n.EN)
	require.Len(t, ps, 1)
	assert.Equal(t, "fingerprinted_after_filing", ps[0].Code)
	assert.False(t, HasErrors(ps))
}

// The seed's latest filing day, 13.01.2024, is a Saturday: the timeline
// names the working days around it.
func TestDayOffNamesTheWorkingDaysAround(t *testing.T) {
	tl := embedded(t).Timeline(seed(), i18n.RU)
	for _, e := range tl.Events {
		if e.ID == "latest_filing" {
			assert.False(t, e.WorkingDay)
			assert.Equal(t, civil.MustParse("2024-01-12"), e.PrevWorkingDay)
			assert.Equal(t, civil.MustParse("2024-01-15"), e.NextWorkingDay)
			return
		}
	}
	t.Fatal("no latest filing day")
}
