package kz

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// EntityType is a BIN's 5th digit in words.
type EntityType string

const (
	EntityUnknown               EntityType = ""
	ResidentLegalEntity         EntityType = "resident_legal_entity"         // 4
	NonResidentLegalEntity      EntityType = "non_resident_legal_entity"     // 5
	JointIndividualEntrepreneur EntityType = "joint_individual_entrepreneur" // 6, ИП(С)
)

var entityTypes = map[byte]EntityType{'4': ResidentLegalEntity, '5': NonResidentLegalEntity, '6': JointIndividualEntrepreneur}

// Text is the entity type in words in lang ("" when unknown).
func (t EntityType) Text(lang i18n.Lang) string {
	if t == EntityUnknown {
		return ""
	}
	return i18n.T(lang, "kz.entity_type."+string(t))
}

// Division is a BIN's 6th digit in words.
type Division string

const (
	DivisionUnknown      Division = ""
	Head                 Division = "head"                  // 0
	Branch               Division = "branch"                // 1
	RepresentativeOffice Division = "representative_office" // 2
	PeasantFarm          Division = "peasant_farm"          // 3, in joint entrepreneurship
)

var divisions = map[byte]Division{'0': Head, '1': Branch, '2': RepresentativeOffice, '3': PeasantFarm}

// Text is the division in words in lang ("" when unknown).
func (d Division) Text(lang i18n.Lang) string {
	if d == DivisionUnknown {
		return ""
	}
	return i18n.T(lang, "kz.division."+string(d))
}

// YearMonth is a calendar month, written YYYY-MM in JSON and MM.YYYY for
// people. The zero value means unknown.
type YearMonth struct {
	Year  int
	Month time.Month
}

func (m YearMonth) IsZero() bool { return m == YearMonth{} }

// String is the ISO form YYYY-MM; "" when zero.
func (m YearMonth) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// MY is the mm.yyyy form shown to people.
func (m YearMonth) MY() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d.%04d", int(m.Month), m.Year)
}

func (m YearMonth) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

var errYearMonth = errors.New("month must be YYYY-MM")

func (m *YearMonth) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*m = YearMonth{}
		return nil
	}
	if len(s) != 7 || s[4] != '-' {
		return fmt.Errorf("%q: %w", s, errYearMonth)
	}
	y, err1 := strconv.Atoi(s[:4])
	mo, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 1 || mo < 1 || mo > 12 {
		return fmt.Errorf("%q: %w", s, errYearMonth)
	}
	*m = YearMonth{Year: y, Month: time.Month(mo)}
	return nil
}

// BINInfo is what a BIN (business identification number, БИН / БСН) says.
//
// Valid means 12 digits with the right check digit (the IIN's algorithm).
// Registered, EntityType and Division are read only from a valid number that
// does not look like an IIN; each stays zero, with a warning, when its digits
// name nothing known.
type BINInfo struct {
	// Number is the input without spaces and hyphens; when it has other
	// characters too, only its first 32 (then "…"), see clip.
	Number string `json:"number"`
	Valid  bool   `json:"valid"`
	// Registered is the month of state registration or re-registration
	// (digits 1–4, YYMM). The two-digit year is read as 1990–2089 [an
	// assumption: legal entities of independent Kazakhstan date from 1991].
	Registered YearMonth  `json:"registered,omitzero"`
	EntityType EntityType `json:"entity_type,omitzero"`
	Division   Division   `json:"division,omitzero"`
	Errors     []Problem  `json:"errors"`
	Warnings   []Problem  `json:"warnings"`
}

// ParseBIN checks a BIN as a person typed it: spaces and hyphens are ignored,
// anything else that is not a digit is an error. today is the day the
// registration month must not be after; the zero date skips that check.
func ParseBIN(s string, today civil.Date) BINInfo {
	number, errs, twelve := check12("bin", s)
	info := BINInfo{Number: number, Valid: twelve && len(errs) == 0, Errors: nonNil(errs), Warnings: []Problem{}}
	if !twelve {
		return info
	}
	if Identify(number) == KindIIN {
		info.Warnings = append(info.Warnings, newProblem("bin", CodeLooksLikeIIN, int(number[4]-'0')))
		return info
	}
	if !info.Valid {
		return info
	}
	yy := int(number[0]-'0')*10 + int(number[1]-'0')
	mm := int(number[2]-'0')*10 + int(number[3]-'0')
	if mm < 1 || mm > 12 {
		info.Warnings = append(info.Warnings, newProblem("bin", CodeRegisteredInvalid, number[2:4]))
	} else {
		year := 2000 + yy
		if yy >= 90 {
			year = 1900 + yy
		}
		info.Registered = YearMonth{Year: year, Month: time.Month(mm)}
		if !today.IsZero() && (year > today.Year() || year == today.Year() && time.Month(mm) > today.Month()) {
			info.Warnings = append(info.Warnings, newProblem("bin", CodeRegisteredFuture, info.Registered.MY()))
		}
	}
	if t, ok := entityTypes[number[4]]; ok {
		info.EntityType = t
	} else {
		info.Warnings = append(info.Warnings, newProblem("bin", CodeEntityTypeUnknown, int(number[4]-'0')))
	}
	if d, ok := divisions[number[5]]; ok {
		info.Division = d
	} else {
		info.Warnings = append(info.Warnings, newProblem("bin", CodeDivisionUnknown, int(number[5]-'0')))
	}
	return info
}

// In returns the result with its messages in lang.
func (b BINInfo) In(lang i18n.Lang) BINInfo {
	b.Errors = localize(b.Errors, lang)
	b.Warnings = localize(b.Warnings, lang)
	return b
}
