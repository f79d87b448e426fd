package kz

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// refPasses is the check of resolution No. 565 written out with its weight
// tables, independently of CheckDigit: the two remainders.
func refPasses(first11 string) (r1, r2 int) {
	w1 := [11]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	w2 := [11]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2}
	for i := 0; i < 11; i++ {
		d := int(first11[i] - '0')
		r1 += d * w1[i]
		r2 += d * w2[i]
	}
	return r1 % 11, r2 % 11
}

// withCheck completes 11 digits with their check digit (reference algorithm).
func withCheck(first11 string) string {
	r1, r2 := refPasses(first11)
	switch {
	case r1 != 10:
		return first11 + string(rune('0'+r1))
	case r2 != 10:
		return first11 + string(rune('0'+r2))
	}
	panic("no check digit for " + first11)
}

// codes lists the codes of ps, for compact comparisons.
func codes(ps []Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

var today = civil.MustParse("2026-11-25")

func TestCheckDigit(t *testing.T) {
	cases := []struct {
		first11 string
		want    int
		ok      bool
		why     string
	}{
		{"94014000038", 5, true, "published BIN"},
		{"99014000465", 4, true, "published BIN"},
		{"06121160001", 2, true, "published IIN; first pass gives 10, second 2"},
		{"79030340256", 8, true, "published IIN"},
		{"85011530020", 5, true, "first pass 10, second 5"},
		{"99040140010", 0, true, "first pass 10, second 0"},
		{"85011530028", 0, false, "both passes give 10"},
		{"94022840022", 0, false, "both passes give 10"},
		{"0612116000", 0, false, "10 digits"},
		{"061211600012", 0, false, "12 digits"},
		{"0612116000a", 0, false, "a letter"},
		{"", 0, false, "empty"},
	}
	for _, c := range cases {
		got, ok := CheckDigit(c.first11)
		assert.Equal(t, c.ok, ok, c.why+" "+c.first11)
		assert.Equal(t, c.want, got, c.why+" "+c.first11)
	}
	// The table's claims about the passes hold by the reference algorithm.
	r1, r2 := refPasses("06121160001")
	assert.Equal(t, []int{10, 2}, []int{r1, r2})
	r1, r2 = refPasses("85011530028")
	assert.Equal(t, []int{10, 10}, []int{r1, r2})
}

// TestCheckDigitAgainstReference compares CheckDigit with the written-out
// algorithm on many numbers, so every branch is met many times.
func TestCheckDigitAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(565, 2003))
	seen := map[string]int{}
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for j := 0; j < 11; j++ {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		s := b.String()
		r1, r2 := refPasses(s)
		got, ok := CheckDigit(s)
		want, wantOK, branch := r1, true, "first"
		if r1 == 10 {
			want, branch = r2, "second"
			if r2 == 10 {
				want, wantOK, branch = 0, false, "unused"
			}
		}
		seen[branch]++
		if got != want || ok != wantOK {
			t.Fatalf("CheckDigit(%s) = %d, %v; want %d, %v", s, got, ok, want, wantOK)
		}
	}
	for _, branch := range []string{"first", "second", "unused"} {
		assert.Greater(t, seen[branch], 100, branch)
	}
}

func TestIdentify(t *testing.T) {
	cases := map[string]Kind{
		"940140000385":   KindBIN,
		"990140004654":   KindBIN,
		"990150004654":   KindBIN, // shape only: the check digit is not looked at
		"061211600012":   KindIIN,
		"790303402568":   KindIIN,
		"7903 0340 2568": KindIIN,
		"9401-4000-0385": KindBIN,
		"940170000385":   KindUnknown, // digit 5 is 7
		"94014000038":    KindUnknown,
		"9401400003855":  KindUnknown,
		"94014000038O":   KindUnknown,
		"":               KindUnknown,
		"１２３４５６７８９０１２":   KindUnknown, // full-width digits are not digits here
	}
	for in, want := range cases {
		assert.Equal(t, want, Identify(in), in)
	}
}

func TestNormalizeSeparators(t *testing.T) {
	for _, in := range []string{
		"061211600012", " 061211600012 ", "0612 1160 0012", "0612-1160-0012",
		"0612\u00a01160\u00a00012", "0612\u202f1160\u20130012", "0612\t1160\n0012", "0612\u20111160\u20100012",
		"0612\u22121160\u22120012",
	} {
		got, _, ok := normalize(in)
		assert.True(t, ok, "%q", in)
		assert.Equal(t, "061211600012", got, "%q", in)
	}
	_, bad, ok := normalize("0612_1160")
	assert.False(t, ok)
	assert.Equal(t, '_', bad)
	_, bad, ok = normalize("12\x0734")
	assert.False(t, ok)
	assert.Equal(t, "U+0007", showRune(bad))
}

// TestNotANumberIsClipped: a pasted sentence comes back recognisable but
// short in Number, and broken UTF-8 is repaired, for every identifier.
func TestNotANumberIsClipped(t *testing.T) {
	sentence := "Иванов Иван, паспорт N1234567, ИИН 790303402568, адрес: г. Алматы"
	want := "ИвановИван,паспортN1234567,ИИН79…"
	assert.Equal(t, want, ParseIIN(sentence, today).Number)
	assert.Equal(t, want, ParseBIN(sentence, today).Number)
	assert.Equal(t, want, ParseRKA(sentence).Number)

	junk := strings.Repeat("x", 40) + "\xff"
	assert.Equal(t, strings.Repeat("x", 32)+"…", ParseIIN(junk, today).Number)
	assert.Equal(t, "\uFFFD12", ParseIIN("\xff12", today).Number)
	assert.Equal(t, strings.Repeat("x", 32), ParseRKA(strings.Repeat("x", 32)).Number, "exactly the limit: no ellipsis")
}

// TestMessagesComplete makes every problem of every identifier resolve to a
// catalogue text in every language, with its arguments used up.
func TestMessagesComplete(t *testing.T) {
	byID := map[string][]string{
		"iin": {CodeEmpty, CodeNotDigits, CodeLength, CodeChecksum, CodeChecksumUnused,
			CodeBirthDateInvalid, CodeBirthDateFuture, CodeCenturyUnknown, CodeLooksLikeBIN},
		"bin": {CodeEmpty, CodeNotDigits, CodeLength, CodeChecksum, CodeChecksumUnused,
			CodeRegisteredInvalid, CodeRegisteredFuture, CodeEntityTypeUnknown, CodeDivisionUnknown, CodeLooksLikeIIN},
		"rka": {CodeEmpty, CodeNotDigits, CodeLengthUnusual},
	}
	for id, cs := range byID {
		for _, c := range cs {
			assert.True(t, i18n.Has("kz."+id+"."+c), "kz.%s.%s", id, c)
		}
	}
	// Problems as the parsers make them, with their real arguments.
	var all []Problem
	for _, s := range []string{"", "x", "1", "061211600013", "85011530028" + "0", withCheck("85131530020"),
		withCheck("27010150020"), withCheck("85011500020"), "940140000385"} {
		in := ParseIIN(s, today)
		all = append(all, in.Errors...)
		all = append(all, in.Warnings...)
	}
	for _, s := range []string{"", "x", "1", "940140000386", "85011530028" + "0", withCheck("99134000046"),
		withCheck("26124000046"), withCheck("99017000046"), withCheck("99014900046"), "061211600012"} {
		b := ParseBIN(s, today)
		all = append(all, b.Errors...)
		all = append(all, b.Warnings...)
	}
	for _, s := range []string{"", "x", "1"} {
		r := ParseRKA(s)
		all = append(all, r.Errors...)
		all = append(all, r.Warnings...)
	}
	got := map[string]bool{}
	for _, p := range all {
		got[p.key] = true
		for _, l := range i18n.Langs {
			msg := p.In(l).Message
			assert.NotContains(t, msg, "%!", "%s in %s: %s", p.key, l, msg)
			assert.False(t, strings.HasPrefix(msg, "["), "%s in %s: %s", p.key, l, msg)
		}
	}
	for id, cs := range byID {
		for _, c := range cs {
			assert.True(t, got["kz."+id+"."+c], "no test case produces kz.%s.%s", id, c)
		}
	}
}

func TestProblemFromJSONKeepsMessage(t *testing.T) {
	in := ParseIIN("061211600013", today).In(i18n.KK)
	data, err := json.Marshal(in)
	require.NoError(t, err)
	var back IINInfo
	require.NoError(t, json.Unmarshal(data, &back))
	require.Len(t, back.Errors, 1)
	assert.Equal(t, in.Errors[0].Message, back.Errors[0].In(i18n.EN).Message, "no key: the stored message stays")
	assert.Equal(t, CodeChecksum, back.Errors[0].Code)
}

// TestCheckDigitBlindSpot records a property of the algorithm, so that
// nobody "fixes" it: digit 11 has weight 11 in the first pass, which is 0
// modulo 11, so a mistake in that digit goes unseen unless the first pass
// gives 10. A valid check digit does not prove the number right.
func TestCheckDigitBlindSpot(t *testing.T) {
	for x := '0'; x <= '9'; x++ {
		n := "7903034025" + string(x) + "8"
		assert.True(t, ParseIIN(n, today).Valid, n)
	}
	// In digits 1–10 a substitution moves the first pass, so it is caught,
	// except when the first pass lands on 10 and the second pass happens to
	// give the old check digit (790307402568 is such a case).
	slipped := 0
	for i := 0; i < 10; i++ {
		for x := byte('0'); x <= '9'; x++ {
			n := []byte("790303402568")
			if n[i] == x {
				continue
			}
			n[i] = x
			if r1, _ := refPasses(string(n[:11])); r1 == 10 {
				if ParseIIN(string(n), today).Valid {
					slipped++
				}
				continue
			}
			assert.False(t, ParseIIN(string(n), today).Valid, string(n))
		}
	}
	assert.Equal(t, 1, slipped, "790307402568")
}
