package mrz

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

var today = civil.New(2026, 12, 7)

// The specimen of ICAO Doc 9303 Part 4 (Anna Maria Eriksson of Utopia).
const (
	specimen1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
	specimen2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
)

func decodeText(t *testing.T, lines ...string) *Result {
	t.Helper()
	r, err := FromText(lines...)
	require.NoError(t, err)
	return Decode(r, today)
}

func TestCheckDigit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want byte
	}{
		{"L898902C3", '6'}, {"740812", '2'}, {"120415", '9'}, {"ZE184226B<<<<<", '1'},
		{"D23145890734", '9'}, {"<<<<<<<<<<<<<<", '0'}, {"", '0'}, {"AAAAAAAAA", '0'},
	} {
		got, ok := CheckDigit(tc.in)
		assert.True(t, ok, tc.in)
		assert.Equal(t, string(tc.want), string(got), tc.in)
	}
	_, ok := CheckDigit("ab")
	assert.False(t, ok, "lower case is not MRZ")
}

// The confusions the weights 7, 3, 1 cannot see, stated in the package doc.
func TestCheckDigitBlindSpots(t *testing.T) {
	base := "AB1234K67"
	d, _ := CheckDigit(base)
	for _, swap := range [][2]byte{{'K', '<'}, {'K', '0'}, {'K', 'A'}} {
		s := strings.Replace(base, string(swap[0]), string(swap[1]), 1)
		got, _ := CheckDigit(s)
		assert.Equal(t, d, got, "%c for %c goes unseen", swap[1], swap[0])
	}
	i1, _ := CheckDigit("ISI")
	i2, _ := CheckDigit("SSI")
	assert.Equal(t, i1, i2, "I and S differ by 10")
	o1, _ := CheckDigit("0")
	o2, _ := CheckDigit("O")
	assert.NotEqual(t, o1, o2, "0 and O are told apart")
}

func TestSpecimenTD3(t *testing.T) {
	res := decodeText(t, specimen1, specimen2)
	assert.Equal(t, TD3, res.Format)
	assert.True(t, res.Valid)
	assert.True(t, res.CompositeOK)
	want := map[string]string{
		FDocumentType: "P", FIssuingState: "UTO", FSurname: "ERIKSSON", FGivenNames: "ANNA MARIA",
		FDocumentNumber: "L898902C3", FNationality: "UTO", FBirthDate: "1974-08-12", FSex: "F",
		FExpiryDate: "2012-04-15", FOptional: "ZE184226B",
	}
	for name, v := range want {
		assert.Equal(t, v, res.Value(name), name)
	}
	for _, name := range []string{FDocumentNumber, FBirthDate, FExpiryDate, FOptional} {
		f := res.Field(name)
		assert.True(t, f.Checked && f.Confirmed && !f.Uncertain, name)
		assert.Equal(t, 1.0, f.Confidence, name)
	}
	for _, name := range []string{FSurname, FGivenNames, FNationality, FSex} {
		assert.False(t, res.Field(name).Checked, "%s has no check digit", name)
	}
	assert.False(t, res.NamesTruncated)
	assert.Equal(t, []string{specimen1, specimen2}, res.Lines)
	assert.Equal(t, []Span{{Line: 1, Start: 0, End: 9}}, res.Field(FDocumentNumber).Spans)
	assert.Equal(t, []Span{{Line: 0, Start: 15, End: 25}}, res.Field(FGivenNames).Spans)
	// Expired long ago: a warning, not an error.
	require.Len(t, res.Problems, 1)
	assert.Equal(t, CodeExpired, res.Problems[0].Code)
	assert.Contains(t, res.Problems[0].Message(i18n.EN), "15.04.2012")
}

func TestSpecimenTD1AndTD2(t *testing.T) {
	td1 := decodeText(t, "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
	assert.Equal(t, TD1, td1.Format)
	assert.True(t, td1.Valid)
	assert.Equal(t, "D23145890", td1.Value(FDocumentNumber))
	assert.Equal(t, "ANNA MARIA", td1.Value(FGivenNames))
	assert.Equal(t, "1974-08-12", td1.Value(FBirthDate))

	long := decodeText(t, "I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
	assert.True(t, long.Valid)
	assert.Equal(t, "D23145890734", long.Value(FDocumentNumber), "a number longer than 9 runs into the optional data")

	td2 := decodeText(t, "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
	assert.Equal(t, TD2, td2.Format)
	assert.True(t, td2.Valid)
	assert.Equal(t, "D23145890", td2.Value(FDocumentNumber))
}

func TestFromTextShapes(t *testing.T) {
	for _, in := range [][]string{
		{specimen1 + specimen2},
		{specimen1 + "\n" + specimen2},
		{strings.ToLower(specimen1), " " + specimen2[:10] + " " + specimen2[10:] + " "},
		{strings.ReplaceAll(specimen1, "<", "«"), specimen2},
	} {
		res := decodeText(t, in...)
		assert.True(t, res.Valid, "%q", in)
	}
	for _, in := range [][]string{{specimen1}, {specimen1, specimen2[:43]}, {}, {"", ""}, {specimen1, specimen2, specimen2}} {
		_, err := FromText(in...)
		assert.ErrorIs(t, err, ErrShape, "%q", in)
	}
}

func TestCheckFailures(t *testing.T) {
	// One wrong digit in the passport number: its check and the composite fail.
	res := decodeText(t, specimen1, "L898912C36UTO7408122F1204159ZE184226B<<<<<10")
	assert.False(t, res.Valid)
	f := res.Field(FDocumentNumber)
	assert.False(t, f.Confirmed)
	assert.True(t, f.Uncertain)
	codes := problemCodes(res)
	assert.Contains(t, codes, CodeCheckFailed)
	assert.Contains(t, codes, CodeCompositeFailed)

	// Only the composite digit wrong: every field's own check passes, none is confirmed.
	res = decodeText(t, specimen1, specimen2[:43]+"1")
	assert.False(t, res.Valid)
	assert.Equal(t, []string{CodeCompositeFailed, CodeExpired}, sortedCodes(res))
	assert.False(t, res.Field(FBirthDate).Confirmed)

	// A 31 February with a matching check digit is still not a date.
	line2 := "L898902C36UTO740231" + string(mustCheck("740231")) + "F1204159ZE184226B<<<<<1"
	line2 += string(mustCheck(line2[0:10] + line2[13:20] + line2[21:43]))
	res = decodeText(t, specimen1, line2)
	assert.Contains(t, problemCodes(res), CodeBadDate)
	assert.False(t, res.Valid)

	// A character an MRZ cannot hold.
	res = decodeText(t, specimen1, "L898902C#6UTO7408122F1204159ZE184226B<<<<<10")
	assert.Contains(t, problemCodes(res), CodeBadChar)
}

func TestGrammarSettlesLookAlikes(t *testing.T) {
	// O typed for 0 in a date and 1 for I in the nationality: the grammar
	// puts them right and the check digit agrees.
	res := decodeText(t, specimen1, "L898902C36UT07408I22F1204159ZE184226B<<<<<10")
	assert.True(t, res.Valid, res.Problems)
	assert.Equal(t, "UTO", res.Value(FNationality))
	assert.Equal(t, "1974-08-12", res.Value(FBirthDate))
	assert.True(t, res.Field(FBirthDate).Corrected)
	assert.True(t, res.Field(FNationality).Corrected)
	assert.Equal(t, specimen2, res.Lines[1])
}

func TestCountries(t *testing.T) {
	for code, a2 := range map[string]string{"KAZ": "KZ", "D<<": "DE", "D": "DE", "UZB": "UZ", "GBD": "GB", "XXA": "", "UNO": "", "EUE": ""} {
		c, ok := LookupCountry(code)
		assert.True(t, ok, code)
		assert.Equal(t, a2, c.Alpha2, code)
	}
	_, ok := LookupCountry("DEU")
	assert.False(t, ok, "ICAO writes Germany as D")
	assert.Equal(t, "D", Alpha3For("de"))
	assert.Equal(t, "KAZ", Alpha3For("KZ"))
	assert.Equal(t, "", Alpha3For("QQ"))

	res := decodeText(t, "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4")
	assert.True(t, res.Valid, res.Problems)
	assert.Equal(t, "D", res.Value(FNationality))
	assert.Equal(t, "C01X00T47", res.Value(FDocumentNumber))
}

func TestDates(t *testing.T) {
	for _, tc := range []struct {
		yymmdd       string
		today        civil.Date
		birth, until string
	}{
		{"740812", today, "1974-08-12", "2074-08-12"},
		{"261207", today, "2026-12-07", "2026-12-07"},
		{"261208", today, "1926-12-08", "2026-12-08"},
		{"000229", today, "2000-02-29", "2000-02-29"},
		{"770101", civil.New(2026, 12, 7), "1977-01-01", "1977-01-01"},
		{"770101", civil.New(2030, 1, 1), "1977-01-01", "2077-01-01"},
	} {
		d, partial, ok := parseYYMMDD(tc.yymmdd)
		require.True(t, ok && !partial, tc.yymmdd)
		assert.Equal(t, tc.birth, birthCentury(d, tc.today).String(), "birth %s", tc.yymmdd)
		assert.Equal(t, tc.until, expiryCentury(d, tc.today).String(), "expiry %s on %s", tc.yymmdd, tc.today)
	}
	for _, bad := range []string{"741312", "740800", "740832", "7408", "AB0812", "740229"} {
		_, _, ok := parseYYMMDD(bad)
		assert.False(t, ok, bad)
	}
	for _, partial := range []string{"74<<<<", "7408<<"} {
		_, p, ok := parseYYMMDD(partial)
		assert.True(t, ok && p, partial)
	}
	// A birth date with unknown day and month decodes, with a note.
	line2 := "L898902C36UTO74<<<<" + string(mustCheck("74<<<<")) + "F1204159ZE184226B<<<<<1"
	line2 += string(mustCheck(line2[0:10] + line2[13:20] + line2[21:43]))
	res := decodeText(t, specimen1, line2)
	assert.True(t, res.Valid, res.Problems)
	assert.True(t, res.BirthDate.IsZero())
	assert.Contains(t, problemCodes(res), CodePartialDate)
}

func TestNames(t *testing.T) {
	full := "P<UTO" + "VAN<DER<BERG<VAN<DEN<HEUVEL<<JOHANNA<WILHELMINA"
	full = full[:44]
	res := decodeText(t, full, specimen2)
	assert.True(t, res.NamesTruncated)
	assert.Equal(t, "VAN DER BERG VAN DEN HEUVEL", res.Value(FSurname))
	assert.Equal(t, "JOHANNA WI", res.Value(FGivenNames))
	assert.Contains(t, problemCodes(res), CodeNamesTruncated)

	res = decodeText(t, "P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", specimen2)
	assert.Equal(t, "ERIKSSON", res.Value(FSurname))
	assert.Equal(t, "", res.Value(FGivenNames), "a single name: no secondary identifier")

	res = decodeText(t, "P<UTO<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", specimen2)
	assert.Contains(t, problemCodes(res), CodeNoSurname)
}

// Readings with alternatives, as the scan reader makes them.
func TestDecodeChoosesByCheckDigit(t *testing.T) {
	r, err := FromText(specimen1, specimen2)
	require.NoError(t, err)
	// The reader saw B in the passport number where the page has 8, and
	// was nearly as happy with 8: the check digit picks 8.
	r.Lines[1][1] = []Candidate{{'B', 0}, {'8', 0.6}, {'3', 3}}
	res := Decode(r, today)
	assert.True(t, res.Valid)
	f := res.Field(FDocumentNumber)
	assert.Equal(t, "L898902C3", f.Value)
	assert.Equal(t, "LB98902C3", f.Read)
	assert.True(t, f.Corrected && f.Confirmed && !f.Uncertain)

	// K and < look alike and the check digit cannot tell them apart: a
	// close call between them is uncertain even though every check passes.
	r, _ = FromText(specimen1, specimen2)
	r.Lines[1][36] = []Candidate{{'B', 0}, {'8', 0.5}}
	r.Lines[1][37] = []Candidate{{'<', 0}, {'K', 0.4}}
	res = Decode(r, today)
	assert.True(t, res.Valid)
	opt := res.Field(FOptional)
	assert.True(t, opt.Confirmed)
	assert.True(t, opt.Uncertain, "K/< survives every check")
	assert.Less(t, opt.Confidence, 0.8)

	// A doubtful letter in the names is uncertain: no check digit covers it.
	r, _ = FromText(specimen1, specimen2)
	r.Lines[0][6] = []Candidate{{'R', 0}, {'P', 0.3}}
	res = Decode(r, today)
	assert.True(t, res.Valid)
	assert.True(t, res.Field(FSurname).Uncertain)
	assert.False(t, res.Field(FDocumentNumber).Uncertain)

	// Two misreadings in the birth date that cancel out in its own check
	// (7→8 at weight 7, 4→5 at weight 3) do not cancel in the composite,
	// where the same positions carry other weights: the composite settles it.
	r, _ = FromText(specimen1, specimen2)
	r.Lines[1][13] = []Candidate{{'8', 0}, {'7', 0.3}}
	r.Lines[1][14] = []Candidate{{'5', 0}, {'4', 0.3}}
	res = Decode(r, today)
	assert.True(t, res.Valid, res.Problems)
	assert.True(t, res.CompositeOK)
	assert.Equal(t, "1974-08-12", res.Value(FBirthDate))
	assert.True(t, res.Field(FBirthDate).Corrected)
}

// MRZ-like text with a wrong check digit must not be "repaired" by reading
// the check digit as the one that would agree, however cheap that is.
func TestCheckDigitNotRepaired(t *testing.T) {
	r, err := FromText(specimen1, specimen2)
	require.NoError(t, err)
	r.Lines[1][9] = []Candidate{{'5', 0}, {'6', 0.3}} // printed 5, the sum wants 6
	res := Decode(r, today)
	f := res.Field(FDocumentNumber)
	assert.Equal(t, "L898902C3", f.Value)
	assert.False(t, f.Confirmed)
	assert.False(t, res.Valid)
	assert.Contains(t, problemCodes(res), CodeUnconfirmed)
}

func TestMessagesExist(t *testing.T) {
	for _, code := range []string{CodeShape, CodeBadChar, CodeCheckFailed, CodeCompositeFailed, CodeUnconfirmed, CodeBadDate,
		CodePartialDate, CodeExpired, CodeUnknownCountry, CodeUncertain, CodeNamesTruncated, CodeNoSurname} {
		for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
			p := Problem{Code: code, Field: FBirthDate}
			switch code {
			case CodeShape, CodeBadChar, CodeBadDate, CodePartialDate, CodeExpired, CodeUnknownCountry:
				p.Args = []string{"x"}
			}
			m := p.Message(lang)
			assert.NotContains(t, m, "[mrz.", code)
			assert.NotContains(t, m, "%!", code)
		}
	}
}

func mustCheck(s string) byte {
	d, ok := CheckDigit(s)
	if !ok {
		panic(s)
	}
	return d
}

func problemCodes(r *Result) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.Code)
	}
	return out
}

func sortedCodes(r *Result) []string {
	out := problemCodes(r)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// td1With is the ICAO TD1 specimen with opt as its optional data (line 1)
// and the composite check digit made to agree.
func td1With(opt string) []string {
	l1 := "I<UTOD231458907" + opt + strings.Repeat("<", 15-len(opt))
	l2 := "7408122F1204159UTO<<<<<<<<<<<"
	d, _ := CheckDigit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
	return []string{l1, l2 + string(d), "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"}
}

// scanLike turns typed lines into a reader's reading: every position also
// offers a far second choice, as a clear scan does.
func scanLike(t *testing.T, lines []string) Reading {
	r, err := FromText(lines...)
	require.NoError(t, err)
	for _, l := range r.Lines {
		for i, cs := range l {
			other := byte('<')
			if cs[0].Char == '<' {
				other = 'K'
			}
			l[i] = append(cs, Candidate{Char: other, Cost: 8})
		}
	}
	return r
}

// TD1 optional data has no check digit of its own, only the composite,
// which covers some 40 characters: when the scan cannot settle the field,
// it is flagged even though the composite agrees.
func TestCompositeOnlyFieldDoubted(t *testing.T) {
	const optAt = 15 // where the optional data starts on line 1
	for _, tc := range []struct {
		name      string
		zone      []string
		edit      func(r Reading)
		value     string
		uncertain bool
	}{
		{"clear digits", td1With("315900"), nil, "315900", false},
		{"letter/digit twins a close second", td1With("3T59OO"), func(r Reading) {
			// The composite agrees with the misreading by chance (the case
			// seen on a card: 3T59OO for 315900).
			r.Lines[0][optAt+1] = []Candidate{{'T', 0}, {'1', 2.5}}
			r.Lines[0][optAt+4] = []Candidate{{'O', 0}, {'0', 2.5}}
			r.Lines[0][optAt+5] = []Candidate{{'O', 0}, {'0', 2.5}}
		}, "3T59OO", true},
		{"a letter among digits, far from any digit", td1With("3T5900"), nil, "3T5900", true},
		{"O for 0 twice would agree with the composite too", td1With("0000"), func(r Reading) {
			// Weights 3 and 7: 24·3 + 24·7 = 240, nothing to a check sum.
			for i := optAt; i < optAt+4; i++ {
				r.Lines[0][i] = []Candidate{{'0', 0}, {'O', 3}}
			}
		}, "0000", true},
		{"O for 0 far behind", td1With("0000"), func(r Reading) {
			for i := optAt; i < optAt+4; i++ {
				r.Lines[0][i] = []Candidate{{'0', 0}, {'O', 5}}
			}
		}, "0000", false},
		{"corrected by the composite", td1With("315900"), func(r Reading) {
			r.Lines[0][optAt] = []Candidate{{'8', 0}, {'3', 2.5}}
		}, "315900", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanLike(t, tc.zone)
			if tc.edit != nil {
				tc.edit(r)
			}
			res := Decode(r, today)
			require.True(t, res.Valid, res.Problems)
			f := res.Field(FOptional)
			assert.Equal(t, tc.value, f.Value)
			assert.Equal(t, tc.uncertain, f.Uncertain)
			assert.False(t, res.Field(FDocumentNumber).Uncertain)
		})
	}
	// Typed text offers no other reading: letters in the optional data are
	// taken as typed.
	res := decodeText(t, td1With("AB12")...)
	assert.True(t, res.Valid)
	assert.False(t, res.Field(FOptional).Uncertain)
}

// The composite digit, like a field's check digit, confirms only as it was
// read: a clear 6 is not taken for the 4 that would make a misread agree.
func TestCompositeDigitNotRepaired(t *testing.T) {
	r, err := FromText(specimen1, specimen2)
	require.NoError(t, err)
	r.Lines[1][43] = []Candidate{{'4', 0}, {'0', 0.4}} // printed 4, the sum wants 0
	res := Decode(r, today)
	assert.False(t, res.CompositeOK)
	assert.False(t, res.Valid)
	assert.Contains(t, problemCodes(res), CodeCompositeFailed)

	// On a card whose optional data was read with O for 0 twice, the
	// composite, read clearly, corrects both and the field is flagged.
	r = scanLike(t, td1With("606406"))
	r.Lines[0][16] = []Candidate{{'O', 0}, {'0', 0.3}}
	r.Lines[0][19] = []Candidate{{'O', 0}, {'0', 0.3}}
	res = Decode(r, today)
	assert.True(t, res.Valid, res.Problems)
	f := res.Field(FOptional)
	assert.Equal(t, "606406", f.Value)
	assert.True(t, f.Uncertain)
}
