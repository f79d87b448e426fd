package kz

import (
	"dossier/app/civil"
	"dossier/app/i18n"
)

// Sex as digit 7 of an IIN encodes it: odd male, even female.
type Sex string

const (
	SexUnknown Sex = ""
	Male       Sex = "male"
	Female     Sex = "female"
)

// Text is the sex in words in lang ("" when unknown).
func (s Sex) Text(lang i18n.Lang) string {
	if s == SexUnknown {
		return ""
	}
	return i18n.T(lang, "kz.sex."+string(s))
}

// IINInfo is what an IIN (individual identification number, ИИН / ЖСН) says.
//
// Valid means 12 digits with the right check digit; warnings never change
// it, because foreigners' and old IINs have exceptions. BirthDate, Sex and
// Century are read only from a valid number that does not look like a BIN;
// each stays zero (and is left out of JSON) when its digits name nothing real.
type IINInfo struct {
	// Number is the input without spaces and hyphens; when it has other
	// characters too, only its first 32 (then "…"), see clip.
	Number    string     `json:"number"`
	Valid     bool       `json:"valid"`
	BirthDate civil.Date `json:"birth_date,omitzero"`
	Sex       Sex        `json:"sex,omitzero"`
	// Century is the first year of the hundred years of birth from digit 7:
	// 1800 (digits 1, 2), 1900 (3, 4) or 2000 (5, 6).
	Century  int       `json:"century,omitzero"`
	Errors   []Problem `json:"errors"`
	Warnings []Problem `json:"warnings"`
}

// ParseIIN checks an IIN as a person typed it: spaces and hyphens are
// ignored, anything else that is not a digit is an error, and so are a length
// other than 12 and a wrong check digit. From a valid number it reads the
// birth date (digits 1–6, YYMMDD), the century and the sex (digit 7); an
// impossible date, an unknown digit 7 or a birth date after today is a
// warning. today is the day a birth date must not be after; the zero date
// skips that check. Messages come in i18n.Default; In gives another language.
func ParseIIN(s string, today civil.Date) IINInfo {
	number, errs, twelve := check12("iin", s)
	info := IINInfo{Number: number, Valid: twelve && len(errs) == 0, Errors: nonNil(errs), Warnings: []Problem{}}
	if !twelve {
		return info
	}
	if Identify(number) == KindBIN {
		info.Warnings = append(info.Warnings, newProblem("iin", CodeLooksLikeBIN, int(number[4]-'0')))
		return info
	}
	if !info.Valid {
		return info
	}
	yy, mm, dd := two(number[0:2]), two(number[2:4]), two(number[4:6])
	shown := number[4:6] + "." + number[2:4] + "." + number[0:2] // dd.mm.yy, as people write dates
	d7 := int(number[6] - '0')
	if d7 < 1 || d7 > 6 {
		// No century: the day can still be impossible in every century
		// (month 13, 31 April); 29 February gets the benefit of a leap year.
		if _, err := civil.Valid(2000, mm, dd, shown); err != nil {
			info.Warnings = append(info.Warnings, newProblem("iin", CodeBirthDateInvalid, shown))
		}
		info.Warnings = append(info.Warnings, newProblem("iin", CodeCenturyUnknown, d7))
		return info
	}
	info.Century = 1800 + 100*((d7-1)/2)
	info.Sex = Female
	if d7%2 == 1 {
		info.Sex = Male
	}
	bd, err := civil.Valid(info.Century+yy, mm, dd, shown)
	switch {
	case err != nil:
		info.Warnings = append(info.Warnings, newProblem("iin", CodeBirthDateInvalid, shown))
	case !today.IsZero() && bd.After(today):
		info.BirthDate = bd
		info.Warnings = append(info.Warnings, newProblem("iin", CodeBirthDateFuture, bd.DMY()))
	default:
		info.BirthDate = bd
	}
	return info
}

// In returns the result with its messages in lang.
func (in IINInfo) In(lang i18n.Lang) IINInfo {
	in.Errors = localize(in.Errors, lang)
	in.Warnings = localize(in.Warnings, lang)
	return in
}

// two reads two ASCII digits.
func two(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func nonNil(ps []Problem) []Problem {
	if ps == nil {
		return []Problem{}
	}
	return ps
}
