package kz

import "dossier/app/i18n"

// RKALength is the length an RKA is expected to have. It is an assumption:
// no official text on the code's structure was found, so another length is
// only a warning, and no check digit is tested.
const RKALength = 16

// RKAInfo is the result of checking a registration code of address (РКА),
// the number the real-estate register gives a building or a flat. The code
// is treated as an opaque string of digits.
type RKAInfo struct {
	// Number is the input without spaces and hyphens; when it has other
	// characters too, only its first 32 (then "…"), see clip.
	Number   string    `json:"number"`
	Valid    bool      `json:"valid"`
	Errors   []Problem `json:"errors"`
	Warnings []Problem `json:"warnings"`
}

// ParseRKA checks an RKA as a person typed it: spaces and hyphens are
// ignored; an empty code or any other character is an error; a length other
// than RKALength is a warning.
func ParseRKA(s string) RKAInfo {
	number, bad, ok := normalize(s)
	info := RKAInfo{Number: number, Errors: []Problem{}, Warnings: []Problem{}}
	switch {
	case number == "":
		info.Errors = append(info.Errors, newProblem("rka", CodeEmpty))
	case !ok:
		info.Number = clip(number)
		info.Errors = append(info.Errors, newProblem("rka", CodeNotDigits, showRune(bad)))
	default:
		info.Valid = true
		if len(number) != RKALength {
			info.Warnings = append(info.Warnings, newProblem("rka", CodeLengthUnusual, len(number)))
		}
	}
	return info
}

// In returns the result with its messages in lang.
func (r RKAInfo) In(lang i18n.Lang) RKAInfo {
	r.Errors = localize(r.Errors, lang)
	r.Warnings = localize(r.Warnings, lang)
	return r
}
