package kz

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

type iinCase struct {
	name     string
	in       string
	today    civil.Date
	number   string
	valid    bool
	birth    string // YYYY-MM-DD or ""
	sex      Sex
	century  int
	errors   []string
	warnings []string
}

func iinCases() []iinCase {
	none := []string{}
	return []iinCase{
		{"published, second pass", "061211600012", today, "061211600012", true, "2006-12-11", Female, 2000, none, none},
		{"published", "790303402568", today, "790303402568", true, "1979-03-03", Female, 1900, none, none},
		{"first pass 10, second 5", "850115300205", today, "850115300205", true, "1985-01-15", Male, 1900, none, none},
		{"spaces", " 0612 1160 0012 ", today, "061211600012", true, "2006-12-11", Female, 2000, none, none},
		{"hyphens and dashes", "061211-6000\u201312", today, "061211600012", true, "2006-12-11", Female, 2000, none, none},
		{"no-break spaces", "7903\u00a00340\u00a02568", today, "790303402568", true, "1979-03-03", Female, 1900, none, none},
		{"1800s male", withCheck("70010510001"), today, withCheck("70010510001"), true, "1870-01-05", Male, 1800, none, none},
		{"1800s female", withCheck("70010520001"), today, withCheck("70010520001"), true, "1870-01-05", Female, 1800, none, none},
		{"2000s male", withCheck("10022850001"), today, withCheck("10022850001"), true, "2010-02-28", Male, 2000, none, none},
		{"29 February 2000", withCheck("00022950001"), today, withCheck("00022950001"), true, "2000-02-29", Male, 2000, none, none},
		{"born today", withCheck("26112550001"), today, withCheck("26112550001"), true, "2026-11-25", Male, 2000, none, none},

		{"wrong check digit", "061211600013", today, "061211600013", false, "", "", 0, []string{CodeChecksum}, none},
		{"check digit unused", "850115300280", today, "850115300280", false, "", "", 0, []string{CodeChecksumUnused}, none},
		{"check digit unused, any last digit", "850115300287", today, "850115300287", false, "", "", 0, []string{CodeChecksumUnused}, none},
		{"11 digits", "06121160001", today, "06121160001", false, "", "", 0, []string{CodeLength}, none},
		{"13 digits", "0612116000120", today, "0612116000120", false, "", "", 0, []string{CodeLength}, none},
		{"letter O for zero", "O61211600012", today, "O61211600012", false, "", "", 0, []string{CodeNotDigits}, none},
		{"dot", "061211.600012", today, "061211.600012", false, "", "", 0, []string{CodeNotDigits}, none},
		{"full-width digits", "０６１２１１６０００１２", today, "０６１２１１６０００１２", false, "", "", 0, []string{CodeNotDigits}, none},
		{"empty", "", today, "", false, "", "", 0, []string{CodeEmpty}, none},
		{"separators only", " - ", today, "", false, "", "", 0, []string{CodeEmpty}, none},

		// Warnings: the check digit is right, so the number stays valid.
		{"month 13", withCheck("85131530020"), today, withCheck("85131530020"), true, "", Male, 1900, none, []string{CodeBirthDateInvalid}},
		{"30 February", withCheck("85023030020"), today, withCheck("85023030020"), true, "", Male, 1900, none, []string{CodeBirthDateInvalid}},
		{"29 February 1900", withCheck("00022930001"), today, withCheck("00022930001"), true, "", Male, 1900, none, []string{CodeBirthDateInvalid}},
		{"day 00", withCheck("85010030020"), today, withCheck("85010030020"), true, "", Male, 1900, none, []string{CodeBirthDateInvalid}},
		{"digit 7 is 0", withCheck("85011500020"), today, withCheck("85011500020"), true, "", "", 0, none, []string{CodeCenturyUnknown}},
		{"digit 7 is 9", withCheck("85011590020"), today, withCheck("85011590020"), true, "", "", 0, none, []string{CodeCenturyUnknown}},
		{"digit 7 is 7, 31 April", withCheck("85043170020"), today, withCheck("85043170020"), true, "", "", 0, none, []string{CodeBirthDateInvalid, CodeCenturyUnknown}},
		{"digit 7 is 8, 29 February", withCheck("01022980020"), today, withCheck("01022980020"), true, "", "", 0, none, []string{CodeCenturyUnknown}},
		{"born tomorrow", withCheck("26112650001"), today, withCheck("26112650001"), true, "2026-11-26", Male, 2000, none, []string{CodeBirthDateFuture}},
		{"2000s digit for a 1990s birth", withCheck("95061560002"), today, withCheck("95061560002"), true, "2095-06-15", Female, 2000, none, []string{CodeBirthDateFuture}},
		{"no today: no future check", withCheck("95061560002"), civil.Date{}, withCheck("95061560002"), true, "2095-06-15", Female, 2000, none, none},
		{"a BIN", "940140000385", today, "940140000385", true, "", "", 0, none, []string{CodeLooksLikeBIN}},
		{"a BIN with a wrong check digit", "940140000386", today, "940140000386", false, "", "", 0, []string{CodeChecksum}, []string{CodeLooksLikeBIN}},
	}
}

func TestParseIIN(t *testing.T) {
	for _, c := range iinCases() {
		t.Run(c.name, func(t *testing.T) {
			got := ParseIIN(c.in, c.today)
			assert.Equal(t, c.number, got.Number)
			assert.Equal(t, c.valid, got.Valid)
			assert.Equal(t, c.birth, got.BirthDate.String())
			assert.Equal(t, c.sex, got.Sex)
			assert.Equal(t, c.century, got.Century)
			assert.Equal(t, c.errors, codes(got.Errors), "errors")
			assert.Equal(t, c.warnings, codes(got.Warnings), "warnings")
			for _, p := range append(got.Errors, got.Warnings...) {
				assert.NotEmpty(t, p.Message, "messages come filled in the default language")
			}
		})
	}
}

func TestParseIINMessages(t *testing.T) {
	got := ParseIIN("061211600013", today)
	require.Len(t, got.Errors, 1)
	assert.Contains(t, got.Errors[0].Message, "должна быть 2, а не 3", "Russian by default")
	en := got.In(i18n.EN)
	assert.Contains(t, en.Errors[0].Message, "should be 2, not 3")
	kk := got.In(i18n.KK)
	assert.Contains(t, kk.Errors[0].Message, "3 емес, 2 болуы керек")
	assert.Contains(t, got.Errors[0].Message, "должна быть 2", "In does not change the receiver")

	w := ParseIIN(withCheck("26112650001"), today).In(i18n.EN)
	require.Len(t, w.Warnings, 1)
	assert.Contains(t, w.Warnings[0].Message, "26.11.2026")

	w = ParseIIN(withCheck("85131530020"), today).In(i18n.EN)
	assert.Contains(t, w.Warnings[0].Message, "15.13.85", "the impossible date is quoted dd.mm.yy")

	b := ParseIIN("940140000385", today).In(i18n.RU)
	assert.Contains(t, b.Warnings[0].Message, "БИН")
	assert.Contains(t, b.Warnings[0].Message, "5-я цифра 4")

	n := ParseIIN("0612 1160 001x", today).In(i18n.RU)
	assert.Contains(t, n.Errors[0].Message, "«x»")
	l := ParseIIN("0612116000", today).In(i18n.EN)
	assert.Contains(t, l.Errors[0].Message, "this one has 10")
}

func TestIINJSON(t *testing.T) {
	data, err := json.Marshal(ParseIIN("0612 1160 0012", today))
	require.NoError(t, err)
	assert.JSONEq(t, `{"number":"061211600012","valid":true,"birth_date":"2006-12-11","sex":"female","century":2000,"errors":[],"warnings":[]}`, string(data))

	data, err = json.Marshal(ParseIIN("061211600013", today).In(i18n.EN))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	assert.Equal(t, false, m["valid"])
	assert.NotContains(t, m, "birth_date", "unknown fields are left out")
	assert.NotContains(t, m, "sex")
	assert.NotContains(t, m, "century")
	errs := m["errors"].([]any)
	require.Len(t, errs, 1)
	assert.Equal(t, "checksum", errs[0].(map[string]any)["code"])
	assert.Contains(t, errs[0].(map[string]any)["message"], "should be 2")
	assert.Equal(t, []any{}, m["warnings"])
}

func FuzzParseIIN(f *testing.F) {
	for _, c := range iinCases() {
		f.Add(c.in)
	}
	f.Add("\xff\xfe061211600012")
	f.Add("0612\x001160")
	f.Fuzz(func(t *testing.T, s string) {
		got := ParseIIN(s, today)
		require.NotNil(t, got.Errors)
		require.NotNil(t, got.Warnings)
		if got.Valid {
			require.Empty(t, got.Errors)
			require.Len(t, got.Number, IDLen)
			want, ok := CheckDigit(got.Number[:IDLen-1])
			require.True(t, ok)
			require.Equal(t, want, int(got.Number[IDLen-1]-'0'))
		} else {
			require.NotEmpty(t, got.Errors)
			require.True(t, got.BirthDate.IsZero() && got.Sex == "" && got.Century == 0)
		}
		if !got.BirthDate.IsZero() {
			require.Equal(t, got.Number[:6], got.BirthDate.Time().Format("060102"))
			require.Equal(t, got.Century, got.BirthDate.Year()/100*100)
		}
		// The normalised number reads back the same.
		if !Has(got.Errors, CodeNotDigits) {
			again := ParseIIN(got.Number, today)
			require.Equal(t, got.Number, again.Number)
			require.Equal(t, got.Valid, again.Valid)
			require.Equal(t, got.BirthDate, again.BirthDate)
			require.Equal(t, got.Sex, again.Sex)
			require.Equal(t, codes(got.Errors), codes(again.Errors))
			require.Equal(t, codes(got.Warnings), codes(again.Warnings))
		}
		for _, l := range i18n.Langs {
			for _, p := range got.In(l).Errors {
				require.NotContains(t, p.Message, "%!")
			}
		}
	})
}

// TestParseIINEveryDay builds a valid IIN for every day of the three
// centuries the 7th digit can name, for both sexes, and reads it back.
func TestParseIINEveryDay(t *testing.T) {
	n := 0
	for d := civil.MustParse("1800-01-01"); d.Year() < 2100; d = d.AddDays(1) {
		for _, sex := range []Sex{Male, Female} {
			d7 := 1 + 2*(d.Year()/100-18)
			if sex == Female {
				d7++
			}
			prefix := d.Time().Format("060102") + string(rune('0'+d7))
			number := ""
			for serial := 0; number == "" && serial < 10; serial++ {
				first11 := prefix + "000" + string(rune('0'+serial))
				if _, ok := CheckDigit(first11); ok {
					number = withCheck(first11)
				}
			}
			require.NotEmpty(t, number, "no serial with a check digit for %s", d)
			got := ParseIIN(number, today)
			wantWarn := []string{}
			if d.After(today) {
				wantWarn = []string{CodeBirthDateFuture}
			}
			// Plain comparisons: testify on 200 000 values would be slow.
			if !got.Valid || got.BirthDate != d || got.Sex != sex || got.Century != d.Year()/100*100 ||
				strings.Join(codes(got.Warnings), ",") != strings.Join(wantWarn, ",") {
				t.Fatalf("%s read as %+v, want %s %s", number, got, d, sex)
			}
			n++
		}
	}
	assert.Equal(t, 2*109573, n, "days from 1800-01-01 to 2099-12-31, twice")
}
