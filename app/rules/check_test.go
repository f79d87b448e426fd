package rules

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/assets"
)

func findingCodes(r CheckReport) map[string]Severity {
	out := map[string]Severity{}
	for _, f := range r.Findings {
		out[f.Code] = f.Severity
	}
	return out
}

func TestCheck(t *testing.T) {
	base := embedded(t)
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/rulescheck/" + name)
		require.NoError(t, err)
		return b
	}
	cases := []struct {
		name   string
		data   []byte
		errors bool
		codes  map[string]Severity
	}{
		{"built-in file: same versions", assets.Rules, false, map[string]Severity{"version_not_higher": SevWarning}},
		{"a new transfer order", read("good_transfer.json"), false, map[string]Severity{}},
		{"mixed mistakes", read("bad_mixed.json"), true, map[string]Severity{
			"holiday_overlap": SevError, "unknown_source": SevError, "transfer_overlap": SevError,
			"version_not_higher": SevWarning, "transfer_no_act": SevWarning, "clause_shadowed": SevWarning}},
		{"syntax", read("bad_syntax.json"), true, map[string]Severity{"parse": SevError}},
		{"no section", []byte(`{"format": 1}`), true, map[string]Severity{"no_section": SevError}},
		{"odd version", []byte(`{"format": 1, "transfers": {"version": 2099999999, "orders": []}}`), false,
			map[string]Severity{"version_form": SevWarning}},
		{"dated holiday outside and twice", []byte(`{"format": 1, "holidays": {"version": 2027010101, "first_year": 2023, "last_year": 2027,
			"fixed": [], "dated": [
			{"id": "kurban_ait", "date": "2030-04-14", "name": {"ru": "к", "kk": "қ", "en": "k"}, "shift": false, "source": "S46", "confidence": "official"},
			{"id": "kurban_ait", "date": "2030-04-15", "name": {"ru": "к", "kk": "қ", "en": "k"}, "shift": false, "source": "S46"}]}}`), true,
			map[string]Severity{"dated_outside": SevWarning, "dated_twice": SevError, "no_confidence": SevWarning}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := Check(c.data, base).In(i18n.EN)
			assert.Equal(t, c.errors, rep.HasErrors(), "%+v", rep.Findings)
			got := findingCodes(rep)
			for code, sev := range c.codes {
				assert.Equal(t, sev, got[code], code)
			}
			for _, f := range rep.Findings {
				assert.NotEmpty(t, f.Message)
				assert.NotContains(t, f.Message, "%!", "message arguments match")
			}
		})
	}
}

func TestCheckDatesOfClauses(t *testing.T) {
	cases := []struct {
		clause string
		code   string
	}{
		{`"status": "required", "reason": {"ru": "р", "kk": "р", "en": "r"}, "source": "S1", "confidence": "official"`, "date_implicit"},
		{`"status": "required", "reason": {"ru": "р", "kk": "р", "en": "r"}, "source": "S1", "confidence": "official", "date_basis": "reported"`, "date_basis_without_date"},
		{`"status": "required", "reason": {"ru": "р", "kk": "р", "en": "r"}, "source": "S1", "confidence": "official", "date_basis": "unknown", "effective_from": "2024-01-01"`, "date_unknown_with_date"},
		{`"status": "required", "reason": {"ru": "р", "kk": "р", "en": "r"}, "source": "S1", "confidence": "official", "effective_from": "1900-01-01"`, "date_implausible"},
	}
	for _, c := range cases {
		data := []byte(`{"format": 1, "procedures": {"version": 2027010101, "sources": {"S1": {"title": "t", "url": "", "kind": "official"},
			"law_holidays": {"title": "t", "url": "", "kind": "official"}, "S46": {"title": "t", "url": "", "kind": "official"},
			"kurban_ait_2023": {"title": "t", "url": "", "kind": "official"}, "estimate": {"title": "t", "url": "", "kind": "assumption"},
			"transfer_2023": {"title": "t", "url": "", "kind": "official"}, "S40": {"title": "t", "url": "", "kind": "official"},
			"S41": {"title": "t", "url": "", "kind": "official"}, "transfer_2022": {"title": "t", "url": "", "kind": "official"},
			"constitution_2026": {"title": "t", "url": "", "kind": "practice"}, "constitution_2026_mlsp": {"title": "t", "url": "", "kind": "practice"}},
			"items": [{"id": "passport", "kind": "document", "title": {"ru": "п", "kk": "п", "en": "p"}, "rules": [{` + c.clause + `}]}]}}`)
		rep := Check(data, embedded(t))
		assert.Contains(t, findingCodes(rep), c.code, c.clause)
	}
}

func TestDiff(t *testing.T) {
	cur := embedded(t)
	assert.Empty(t, Diff(cur, cur).Entries, "a set does not differ from itself")

	prev, err := Previous()
	require.NoError(t, err)
	ch := Diff(prev, cur).In(i18n.EN)
	assert.Equal(t, 2026112501, ch.FromVersion)
	assert.Equal(t, cur.Version(), ch.ToVersion)
	want := map[string]string{
		"holiday/constitution_day":       "changed",
		"holiday/constitution_day_2027":  "added",
		"transfer/2022-03-05/2022-03-07": "added",
		"item/apply_after_16":            "added",
		"event/turned16_deadline":        "added",
		"source/constitution_2026":       "added",
		// The previous release had no clocks: each variant is named by its
		// start date, since variants of one clock share an id.
		"clock/arrival_registration@2026-07-01": "added",
	}
	got := map[string]string{}
	for _, e := range ch.Entries {
		got[e.Area+"/"+e.ID] = e.Kind
		assert.NotEmpty(t, e.Label)
		assert.NotContains(t, e.Message(i18n.RU), "%!")
	}
	for k, v := range want {
		assert.Equal(t, v, got[k], k)
	}
	for _, e := range ch.Entries {
		switch e.Area + "/" + e.ID {
		case "item/owner_consent":
			assert.Equal(t, []string{"rules", "title"}, e.Fields)
		case "event/fingerprinting":
			assert.Contains(t, e.Fields, "not_before")
			assert.Contains(t, e.Message(i18n.RU), "не раньше")
		}
	}
	removed := Diff(cur, prev)
	for _, e := range removed.Entries {
		if e.ID == "constitution_day_2027" {
			assert.Equal(t, "removed", e.Kind)
		}
	}

	// With an override in force the change list is against the built-in rules.
	over, _, err := cur.Override([]byte(`{"format": 1, "transfers": {"version": 2099010101, "orders": []}}`))
	require.NoError(t, err)
	ch, err = ChangesInForce(over)
	require.NoError(t, err)
	for _, e := range ch.Entries {
		assert.Equal(t, "removed", e.Kind)
		assert.Equal(t, "transfer", e.Area)
	}
	assert.Len(t, ch.Entries, 5)
}

func FuzzCheck(f *testing.F) {
	for _, name := range []string{"good_transfer.json", "bad_mixed.json", "bad_syntax.json"} {
		b, err := os.ReadFile("testdata/rulescheck/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"format":1,"holidays":{"version":1,"first_year":2023,"last_year":2023,"fixed":[],"dated":[]}}`))
	base, err := Embedded()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep := Check(data, base).In(i18n.EN)
		if rep.HasErrors() && len(rep.Changes.Entries) > 0 {
			t.Fatal("a file with errors reports no changes")
		}
	})
}
