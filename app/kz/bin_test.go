package kz

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

type binCase struct {
	name       string
	in         string
	today      civil.Date
	number     string
	valid      bool
	registered string // YYYY-MM or ""
	entity     EntityType
	division   Division
	errors     []string
	warnings   []string
}

func binCases() []binCase {
	none := []string{}
	return []binCase{
		{"published", "940140000385", today, "940140000385", true, "1994-01", ResidentLegalEntity, Head, none, none},
		{"published", "990140004654", today, "990140004654", true, "1999-01", ResidentLegalEntity, Head, none, none},
		{"spaced", "9901 4000 4654", today, "990140004654", true, "1999-01", ResidentLegalEntity, Head, none, none},
		{"non-resident branch", withCheck("07055100123"), today, withCheck("07055100123"), true, "2007-05", NonResidentLegalEntity, Branch, none, none},
		{"resident representative office", withCheck("12104200777"), today, withCheck("12104200777"), true, "2012-10", ResidentLegalEntity, RepresentativeOffice, none, none},
		{"joint entrepreneur, farm", withCheck("18036300001"), today, withCheck("18036300001"), true, "2018-03", JointIndividualEntrepreneur, PeasantFarm, none, none},
		{"1990: the oldest year read", withCheck("90014000046"), today, withCheck("90014000046"), true, "1990-01", ResidentLegalEntity, Head, none, none},
		{"89 reads as 2089", withCheck("89014000046"), today, withCheck("89014000046"), true, "2089-01", ResidentLegalEntity, Head, none, []string{CodeRegisteredFuture}},
		{"this month", withCheck("26114000046"), today, withCheck("26114000046"), true, "2026-11", ResidentLegalEntity, Head, none, none},

		{"wrong check digit", "940140000386", today, "940140000386", false, "", "", "", []string{CodeChecksum}, none},
		{"check digit unused", withUnused("99054100"), today, withUnused("99054100"), false, "", "", "", []string{CodeChecksumUnused}, none},
		{"short", "94014000038", today, "94014000038", false, "", "", "", []string{CodeLength}, none},
		{"letter", "94014OOOO385", today, "94014OOOO385", false, "", "", "", []string{CodeNotDigits}, none},
		{"empty", "  ", today, "", false, "", "", "", []string{CodeEmpty}, none},

		{"month 13", withCheck("99134000046"), today, withCheck("99134000046"), true, "", ResidentLegalEntity, Head, none, []string{CodeRegisteredInvalid}},
		{"month 00", withCheck("99004000046"), today, withCheck("99004000046"), true, "", ResidentLegalEntity, Head, none, []string{CodeRegisteredInvalid}},
		{"next month", withCheck("26124000046"), today, withCheck("26124000046"), true, "2026-12", ResidentLegalEntity, Head, none, []string{CodeRegisteredFuture}},
		{"2030", withCheck("30014000046"), today, withCheck("30014000046"), true, "2030-01", ResidentLegalEntity, Head, none, []string{CodeRegisteredFuture}},
		{"no today: no future check", withCheck("30014000046"), civil.Date{}, withCheck("30014000046"), true, "2030-01", ResidentLegalEntity, Head, none, none},
		{"entity type 7", withCheck("99017000046"), today, withCheck("99017000046"), true, "1999-01", "", Head, none, []string{CodeEntityTypeUnknown}},
		{"division 9", withCheck("99014900046"), today, withCheck("99014900046"), true, "1999-01", ResidentLegalEntity, "", none, []string{CodeDivisionUnknown}},
		{"everything unknown", withCheck("99148400046"), today, withCheck("99148400046"), true, "", "", "", none,
			[]string{CodeRegisteredInvalid, CodeEntityTypeUnknown, CodeDivisionUnknown}},
		{"an IIN", "061211600012", today, "061211600012", true, "", "", "", none, []string{CodeLooksLikeIIN}},
		{"an IIN with a wrong check digit", "061211600019", today, "061211600019", false, "", "", "", []string{CodeChecksum}, []string{CodeLooksLikeIIN}},
	}
}

// withUnused completes 8 digits to 11 whose check digit does not exist, and
// adds a last digit.
func withUnused(first8 string) string {
	for i := 0; i < 1000; i++ {
		s := first8 + string(rune('0'+i/100)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
		if r1, r2 := refPasses(s); r1 == 10 && r2 == 10 {
			return s + "0"
		}
	}
	panic("no unused number after " + first8)
}

func TestParseBIN(t *testing.T) {
	for _, c := range binCases() {
		t.Run(c.name, func(t *testing.T) {
			got := ParseBIN(c.in, c.today)
			assert.Equal(t, c.number, got.Number)
			assert.Equal(t, c.valid, got.Valid)
			assert.Equal(t, c.registered, got.Registered.String())
			assert.Equal(t, c.entity, got.EntityType)
			assert.Equal(t, c.division, got.Division)
			assert.Equal(t, c.errors, codes(got.Errors), "errors")
			assert.Equal(t, c.warnings, codes(got.Warnings), "warnings")
		})
	}
}

func TestParseBINMessages(t *testing.T) {
	got := ParseBIN("940140000386", today).In(i18n.EN)
	assert.Contains(t, got.Errors[0].Message, "should be 5, not 6")
	f := ParseBIN(withCheck("26124000046"), today).In(i18n.RU)
	assert.Contains(t, f.Warnings[0].Message, "12.2026")
	i := ParseBIN("061211600012", today).In(i18n.KK)
	assert.Contains(t, i.Warnings[0].Message, "ЖСН")
	assert.Equal(t, "non-resident legal entity", NonResidentLegalEntity.Text(i18n.EN))
	assert.Equal(t, "филиал", Branch.Text(i18n.RU))
	assert.Equal(t, "", EntityUnknown.Text(i18n.RU))
}

func TestBINJSON(t *testing.T) {
	data, err := json.Marshal(ParseBIN("940140000385", today))
	require.NoError(t, err)
	assert.JSONEq(t, `{"number":"940140000385","valid":true,"registered":"1994-01","entity_type":"resident_legal_entity","division":"head","errors":[],"warnings":[]}`, string(data))

	var back BINInfo
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, YearMonth{1994, 1}, back.Registered)
	assert.Error(t, json.Unmarshal([]byte(`{"registered":"1994-13"}`), &back))
	assert.Error(t, json.Unmarshal([]byte(`{"registered":"94-01"}`), &back))
}

func FuzzParseBIN(f *testing.F) {
	for _, c := range binCases() {
		f.Add(c.in)
	}
	f.Add("\xff940140000385")
	f.Fuzz(func(t *testing.T, s string) {
		got := ParseBIN(s, today)
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
			require.True(t, got.Registered.IsZero() && got.EntityType == "" && got.Division == "")
		}
		if !got.Registered.IsZero() {
			require.Equal(t, got.Number[:4], got.Registered.String()[2:4]+got.Registered.String()[5:7])
		}
		if !Has(got.Errors, CodeNotDigits) {
			again := ParseBIN(got.Number, today)
			require.Equal(t, got.Number, again.Number)
			require.Equal(t, got.Valid, again.Valid)
			require.Equal(t, got.Registered, again.Registered)
			require.Equal(t, got.EntityType, again.EntityType)
			require.Equal(t, got.Division, again.Division)
			require.Equal(t, codes(got.Errors), codes(again.Errors))
			require.Equal(t, codes(got.Warnings), codes(again.Warnings))
		}
		for _, l := range i18n.Langs {
			for _, p := range got.In(l).Warnings {
				require.NotContains(t, p.Message, "%!")
			}
		}
	})
}

// TestParseBINEveryMonth reads back the registration month of a valid BIN for
// every month the two-digit year can name (1990–2089), with every known
// entity type and division.
func TestParseBINEveryMonth(t *testing.T) {
	n := 0
	for year := 1990; year <= 2089; year++ {
		for month := 1; month <= 12; month++ {
			for e, entity := range map[byte]EntityType{'4': ResidentLegalEntity, '5': NonResidentLegalEntity, '6': JointIndividualEntrepreneur} {
				for d, division := range map[byte]Division{'0': Head, '1': Branch, '2': RepresentativeOffice, '3': PeasantFarm} {
					prefix := fmt.Sprintf("%02d%02d%c%c", year%100, month, e, d)
					number := ""
					for serial := 0; number == "" && serial < 10; serial++ {
						first11 := fmt.Sprintf("%s0000%d", prefix, serial)
						if _, ok := CheckDigit(first11); ok {
							number = withCheck(first11)
						}
					}
					got := ParseBIN(number, today)
					future := year > today.Year() || year == today.Year() && month > int(today.Month())
					if !got.Valid || got.Registered != (YearMonth{year, time.Month(month)}) ||
						got.EntityType != entity || got.Division != division ||
						future != Has(got.Warnings, CodeRegisteredFuture) || len(got.Warnings) > 1 {
						t.Fatalf("%s read as %+v, want %04d-%02d %s %s", number, got, year, month, entity, division)
					}
					n++
				}
			}
		}
	}
	assert.Equal(t, 100*12*3*4, n)
}
