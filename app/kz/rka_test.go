package kz

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

type rkaCase struct {
	in       string
	number   string
	valid    bool
	errors   []string
	warnings []string
}

func rkaCases() []rkaCase {
	none := []string{}
	return []rkaCase{
		{"0201500012345678", "0201500012345678", true, none, none},
		{" 0201 5000 1234 5678 ", "0201500012345678", true, none, none},
		{"0201-5000-1234-5678", "0201500012345678", true, none, none},
		{"020150001234567", "020150001234567", true, none, []string{CodeLengthUnusual}},
		{"02015000123456789", "02015000123456789", true, none, []string{CodeLengthUnusual}},
		{"7", "7", true, none, []string{CodeLengthUnusual}},
		{"", "", false, []string{CodeEmpty}, none},
		{"   ", "", false, []string{CodeEmpty}, none},
		{"02015000123456/8", "02015000123456/8", false, []string{CodeNotDigits}, none},
		{"РКА 0201500012345678", "РКА0201500012345678", false, []string{CodeNotDigits}, none},
	}
}

func TestParseRKA(t *testing.T) {
	for _, c := range rkaCases() {
		got := ParseRKA(c.in)
		assert.Equal(t, c.number, got.Number, "%q", c.in)
		assert.Equal(t, c.valid, got.Valid, "%q", c.in)
		assert.Equal(t, c.errors, codes(got.Errors), "%q", c.in)
		assert.Equal(t, c.warnings, codes(got.Warnings), "%q", c.in)
	}
	w := ParseRKA("123").In(i18n.EN)
	assert.Contains(t, w.Warnings[0].Message, "this one has 3")
	e := ParseRKA("12№3").In(i18n.RU)
	assert.Contains(t, e.Errors[0].Message, "«№»")
}

// maxFuzzText caps the text a fuzz target hands to a parser.
const maxFuzzText = 128

func FuzzParseRKA(f *testing.F) {
	for _, c := range rkaCases() {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Bytes past maxFuzzText reach no other code (results keep 32
		// characters), and long inputs made each new finding's
		// minimisation take the fuzzer's whole minute: 2,237 executions in
		// 60 s before this cap.
		if len(s) > maxFuzzText {
			s = s[:maxFuzzText]
		}
		got := ParseRKA(s)
		require.NotNil(t, got.Errors)
		require.NotNil(t, got.Warnings)
		require.Equal(t, got.Valid, len(got.Errors) == 0)
		if got.Valid {
			_, err := strconv.ParseUint("1"+got.Number[:min(len(got.Number), 18)], 10, 64)
			require.NoError(t, err, "digits only")
			require.Equal(t, len(got.Number) != RKALength, Has(got.Warnings, CodeLengthUnusual))
			require.Equal(t, got, ParseRKA(got.Number))
		}
	})
}
