package rules

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

const seedJSON = `{
  "schema": 1, "purpose": "work", "kind": "extension", "channel": "online",
  "filing_date": "2023-12-29",
  "applicant": {"name": "Иванов Иван", "citizenship": "RU", "birth_date": "1985-04-12",
                "permit_issued": "2023-01-04", "permit_expires": "2024-01-03", "fingerprinted": false},
  "employer": {"name": "ТОО «Пример»", "bin": "940140000385"},
  "housing": {"owned_by_applicant": false, "owners": 1}
}`

func TestParseCaseSeed(t *testing.T) {
	c, err := ParseCase([]byte(seedJSON))
	require.NoError(t, err)
	assert.Equal(t, seed(), c)
	out, err := MarshalCase(c)
	require.NoError(t, err)
	back, err := ParseCase(out)
	require.NoError(t, err)
	assert.Equal(t, c, back, "a marshalled case reads back the same")
}

func TestParseCaseDefaults(t *testing.T) {
	doc := strings.Replace(seedJSON, `"schema": 1, `, "", 1)
	doc = strings.Replace(doc, `, "owners": 1`, "", 1)
	c, err := ParseCase([]byte(doc))
	require.NoError(t, err)
	assert.Equal(t, CaseSchema, c.Schema, "schema may be omitted")
	assert.Equal(t, 1, c.Housing.Owners, "one owner unless told otherwise")
}

func TestParseCaseErrors(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(string) string
		codes []string
		paths []string
	}{
		{"unknown fields, each reported", func(s string) string {
			return strings.Replace(s, `"schema": 1,`, `"schema": 1, "foo": 1, "applicant_x": 2,`, 1)
		}, []string{"unknown_field", "unknown_field"}, []string{"applicant_x", "foo"}},
		{"nested unknown field", func(s string) string {
			return strings.Replace(s, `"owners": 1`, `"owners": 1, "landlord": "x"`, 1)
		}, []string{"unknown_field"}, []string{"housing.landlord"}},
		{"control character and bidi override", func(s string) string {
			s = strings.Replace(s, `"Иванов Иван"`, `"Иванов\u001fИван"`, 1)
			return strings.Replace(s, `"ТОО «Пример»"`, `"\u202eТОО"`, 1)
		}, []string{"control_char", "control_char"}, []string{"applicant.name", "employer.name"}},
		{"impossible date", func(s string) string {
			return strings.Replace(s, "1985-04-12", "1985-02-30", 1)
		}, []string{"date"}, []string{"applicant.birth_date"}},
		{"unknown country", func(s string) string {
			return strings.Replace(s, `"RU"`, `"XX"`, 1)
		}, []string{"country"}, []string{"applicant.citizenship"}},
		{"country not chosen yet", func(s string) string {
			return strings.Replace(s, `"RU"`, `""`, 1)
		}, []string{"country_empty"}, []string{"applicant.citizenship"}},
		{"kazakh citizen", func(s string) string {
			return strings.Replace(s, `"RU"`, `"kz"`, 1)
		}, []string{"kz_citizen"}, []string{"applicant.citizenship"}},
		{"bad enum", func(s string) string {
			return strings.Replace(s, `"online"`, `"fax"`, 1)
		}, []string{"value"}, []string{"channel"}},
		{"missing fields", func(s string) string {
			s = strings.Replace(s, `"filing_date": "2023-12-29",`, "", 1)
			return strings.Replace(s, `"permit_expires": "2024-01-03", `, "", 1)
		}, []string{"missing", "missing"}, []string{"filing_date", "applicant.permit_expires"}},
		{"wrong type", func(s string) string {
			return strings.Replace(s, `"owners": 1`, `"owners": "one"`, 1)
		}, []string{"type_int"}, []string{"housing.owners"}},
		{"born after filing", func(s string) string {
			return strings.Replace(s, "1985-04-12", "2024-04-12", 1)
		}, []string{"born_after_filing"}, []string{"applicant.birth_date"}},
		{"no owners", func(s string) string {
			return strings.Replace(s, `"owners": 1`, `"owners": 0`, 1)
		}, []string{"owners"}, []string{"housing.owners"}},
		{"family without principal", func(s string) string {
			return strings.Replace(s, `"purpose": "work"`, `"purpose": "family"`, 1)
		}, []string{"missing"}, []string{"principal"}},
		{"newer schema", func(s string) string {
			return strings.Replace(s, `"schema": 1`, `"schema": 7`, 1)
		}, []string{"schema_newer"}, []string{"schema"}},
		{"syntax", func(s string) string { return s[:len(s)-3] }, []string{"syntax"}, []string{""}},
		{"not an object", func(string) string { return `[1,2]` }, []string{"not_object"}, []string{""}},
	}
	for _, c := range cases {
		_, err := ParseCase([]byte(c.edit(seedJSON)))
		require.Error(t, err, c.name)
		assert.True(t, errors.Is(err, ErrCase), c.name)
		var ces CaseErrors
		require.True(t, errors.As(err, &ces), c.name)
		var codes, paths []string
		for _, ce := range ces {
			codes = append(codes, ce.Code)
			paths = append(paths, ce.Path)
			for _, l := range i18n.Langs {
				assert.NotContains(t, ce.Message(l), "[rules.", "%s: %s untranslated", c.name, ce.Code)
			}
		}
		assert.Equal(t, c.codes, codes, c.name)
		assert.Equal(t, c.paths, paths, c.name)
	}
}

func FuzzParseCase(f *testing.F) {
	f.Add([]byte(seedJSON))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"applicant":{"birth_date":"2023-02-29"},"housing":null}`))
	f.Add([]byte(`{"purpose":"family","principal":{"permit_expires":"2024-01-01"},"housing":{"owners":-1}}`))
	f.Add([]byte(`{"housing":5}`))
	s := embedded(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCase(data)
		if err != nil {
			var ces CaseErrors
			if !errors.As(err, &ces) || len(ces) == 0 {
				t.Fatalf("error without case errors: %v", err)
			}
			for _, ce := range ces {
				_ = ce.Message(i18n.RU)
			}
			return
		}
		// Any accepted case must produce a checklist and a timeline.
		cl := s.Checklist(c, i18n.RU)
		if len(cl.Items) == 0 {
			t.Fatal("accepted case gave an empty checklist")
		}
		_ = s.Timeline(c, i18n.KK)
	})
}
