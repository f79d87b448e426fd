package kz

import (
	"fmt"
	"strings"
	"unicode"

	"dossier/app/i18n"
)

// Problem is one finding about an identifier: an error (the number is
// invalid) or a warning (the number passes its check digit but something in
// it looks wrong). Code is stable and meant for programs; Message is for
// people. Parsers fill Message in i18n.Default; In gives it in another
// language.
//
// Codes, by identifier (the severity never changes for a code):
//
//	IIN and BIN errors:
//	  empty            nothing but separators was entered
//	  not_digits       a character other than a digit, space or hyphen
//	  length           not 12 digits
//	  checksum         the 12th digit differs from the computed check digit
//	  checksum_unused  both passes of the check give 10: no such number is issued
//	IIN warnings:
//	  birth_date_invalid  digits 1–6 are not a real day (30 February, month 13)
//	  birth_date_future   the birth date is after today
//	  century_unknown     digit 7 is 0, 7, 8 or 9 (no century, no sex)
//	  looks_like_bin      digit 5 is 4, 5 or 6: the number has a BIN's shape
//	BIN warnings:
//	  registered_invalid  digits 3–4 are not a month 01–12
//	  registered_future   the registration month is after today's month
//	  entity_type_unknown digit 5 is 7, 8 or 9
//	  division_unknown    digit 6 is 4 to 9
//	  looks_like_iin      digit 5 is 0 to 3: the number has an IIN's shape
//	RKA:
//	  empty, not_digits   errors, as above
//	  length_unusual      warning: not 16 digits (16 is an assumption)
type Problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`

	// key and args rebuild Message in another language.
	key  string
	args []any
}

// Problem codes; see Problem for what each means.
const (
	CodeEmpty             = "empty"
	CodeNotDigits         = "not_digits"
	CodeLength            = "length"
	CodeChecksum          = "checksum"
	CodeChecksumUnused    = "checksum_unused"
	CodeBirthDateInvalid  = "birth_date_invalid"
	CodeBirthDateFuture   = "birth_date_future"
	CodeCenturyUnknown    = "century_unknown"
	CodeLooksLikeBIN      = "looks_like_bin"
	CodeRegisteredInvalid = "registered_invalid"
	CodeRegisteredFuture  = "registered_future"
	CodeEntityTypeUnknown = "entity_type_unknown"
	CodeDivisionUnknown   = "division_unknown"
	CodeLooksLikeIIN      = "looks_like_iin"
	CodeLengthUnusual     = "length_unusual"
)

// newProblem builds the problem code of identifier id ("iin", "bin", "rka");
// its text is the catalogue entry "kz.<id>.<code>".
func newProblem(id, code string, args ...any) Problem {
	key := "kz." + id + "." + code
	return Problem{Code: code, Message: i18n.T(i18n.Default, key, args...), key: key, args: args}
}

// In returns the problem with its message in lang. A problem that was read
// back from JSON has no catalogue key and keeps its message.
func (p Problem) In(lang i18n.Lang) Problem {
	if p.key != "" {
		p.Message = i18n.T(lang, p.key, p.args...)
	}
	return p
}

// localize returns a new slice with every message in lang; never nil, so
// that JSON shows [] rather than null.
func localize(ps []Problem, lang i18n.Lang) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = p.In(lang)
	}
	return out
}

// Has reports whether ps holds a problem with the code.
func Has(ps []Problem, code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}

// isSeparator reports the characters people type or paste inside a number:
// any Unicode space (including the no-break spaces office programs insert),
// the hyphen and dash family and the minus sign.
func isSeparator(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return unicode.IsSpace(r)
}

// normalize drops separators from s. It returns the rest, and the first
// character that is not an ASCII digit (ok false) if there is one.
func normalize(s string) (rest string, bad rune, ok bool) {
	var b strings.Builder
	b.Grow(len(s))
	ok = true
	for _, r := range s {
		if isSeparator(r) {
			continue
		}
		if ok && (r < '0' || r > '9') {
			bad, ok = r, false
		}
		b.WriteRune(r)
	}
	return b.String(), bad, ok
}

// clipRunes is how much of a text that is not a number results keep: enough
// to recognise it, not a whole pasted paragraph.
const clipRunes = 32

// clip cuts s to clipRunes characters (adding "…") and repairs broken UTF-8,
// for the Number of a result when the input was not a number.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	n := 0
	for i := range s {
		if n == clipRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// showRune renders a character for a message: itself when printable, else
// its code point, so that a stray control character is still visible.
func showRune(r rune) string {
	if unicode.IsPrint(r) {
		return string(r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// CheckDigit computes the check digit of a 12-digit IIN or BIN from its first
// 11 digits (Government resolution No. 565 of 11.06.2003): the sum of the
// digits weighted 1..11, modulo 11; when that gives 10, a second sum weighted
// 3..11, 1, 2, modulo 11. ok is false when first11 is not 11 ASCII digits, or
// when the second pass gives 10 too: such a number is not used.
//
// The check is weak in one place: digit 11 has the weight 11, which is 0
// modulo 11, so a mistake in digit 11 goes unnoticed whenever the first pass
// does not give 10 (790303402508 … 790303402598 all pass). A right check digit
// therefore does not prove the number right: compare what it encodes (the
// birth date) with the document.
func CheckDigit(first11 string) (digit int, ok bool) {
	if len(first11) != 11 {
		return 0, false
	}
	s1, s2 := 0, 0
	for i := 0; i < 11; i++ {
		c := first11[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d := int(c - '0')
		s1 += d * (i + 1)
		s2 += d * ((i+2)%11 + 1) // 3, 4, … 11, 1, 2
	}
	if r := s1 % 11; r != 10 {
		return r, true
	}
	if r := s2 % 11; r != 10 {
		return r, true
	}
	return 0, false
}

// check12 runs the checks IINs and BINs share. It returns the number without
// separators, the errors found, and whether the number is 12 digits (the
// structure the other fields are read from).
func check12(id, s string) (number string, errs []Problem, twelve bool) {
	number, bad, ok := normalize(s)
	switch {
	case number == "":
		return number, []Problem{newProblem(id, CodeEmpty)}, false
	case !ok:
		return clip(number), []Problem{newProblem(id, CodeNotDigits, showRune(bad))}, false
	case len(number) != IDLen:
		return number, []Problem{newProblem(id, CodeLength, len(number))}, false
	}
	want, used := CheckDigit(number[:11])
	got := int(number[11] - '0')
	switch {
	case !used:
		errs = append(errs, newProblem(id, CodeChecksumUnused))
	case want != got:
		errs = append(errs, newProblem(id, CodeChecksum, want, got))
	}
	return number, errs, true
}

// IDLen is the number of digits in an IIN and in a BIN.
const IDLen = 12

// Kind says which identifier a 12-digit number looks like.
type Kind string

const (
	KindUnknown Kind = ""
	KindIIN     Kind = "iin"
	KindBIN     Kind = "bin"
)

// Identify tells an IIN from a BIN by the 5th digit: in an IIN it is the tens
// of the birth day (0–3), in a BIN the entity type (4, 5 or 6). Anything that
// is not 12 digits once spaces and hyphens are dropped, or has another 5th
// digit, is KindUnknown. The check digit is not looked at.
func Identify(s string) Kind {
	number, _, ok := normalize(s)
	if !ok || len(number) != IDLen {
		return KindUnknown
	}
	switch d := number[4]; {
	case d >= '0' && d <= '3':
		return KindIIN
	case d >= '4' && d <= '6':
		return KindBIN
	}
	return KindUnknown
}
