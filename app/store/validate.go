package store

import (
	"fmt"
	"strings"

	"dossier/app/civil"
	"dossier/app/cleantext"
	"dossier/app/i18n"
	"dossier/app/kz"
)

// Problem is one reason a record was refused: the field and a catalogue key
// with its arguments, so each screen shows it in its own language.
type Problem struct {
	Field string `json:"field"`
	Key   string `json:"key"`
	Args  []any  `json:"args,omitempty"`
}

// Text renders the problem in lang; FieldLabel arguments become the
// field's name in that language.
func (p Problem) Text(lang i18n.Lang) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if l, ok := a.(FieldLabel); ok {
			a = i18n.T(lang, "store.field."+string(l))
		}
		args[i] = a
	}
	return i18n.T(lang, p.Key, args...)
}

// FieldLabel is a message argument naming a field (its id, as in
// Problem.Field); Problem.Text shows it in the reader's language.
type FieldLabel string

// textField is one free-text field to clean before it is checked.
type textField struct {
	id string
	v  *string
}

// cleanText cleans each field in place (line breaks and tabs to spaces,
// invisible marks removed) and reports each that holds a character which
// cannot be stored: a control character or a bidirectional override, which
// break the schedule's rows and make a name read otherwise than it is.
func cleanText(fields ...textField) []Problem {
	var out []Problem
	for _, f := range fields {
		clean, bad := cleantext.Clean(*f.v)
		if bad >= 0 {
			out = append(out, Problem{Field: f.id, Key: "store.err.control_char", Args: []any{FieldLabel(f.id), cleantext.Code(bad)}})
			continue
		}
		*f.v = clean
	}
	return out
}

// ValidationError lists everything wrong with a record at once.
type ValidationError struct{ Problems []Problem }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Text(i18n.EN)
	}
	return fmt.Sprintf("%v: %s", ErrInvalid, strings.Join(parts, "; "))
}
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Text renders all problems in lang, one per line.
func (e *ValidationError) Text(lang i18n.Lang) string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Text(lang)
	}
	return strings.Join(parts, "; ")
}

// IIN is what a valid individual identification number tells.
type IIN struct {
	Number    string     // the digits, without the spaces or hyphens a person typed
	Valid     bool       // 12 digits with the right check digit
	BirthDate civil.Date // zero when the digits hold no real date
	Sex       string     // "M", "F" or "" when the century digit is unusual
}

// ParseIIN checks an IIN with the identifier rules of package kz and reads
// the birth date and sex from it.
func ParseIIN(s string, today civil.Date) IIN {
	info := kz.ParseIIN(s, today)
	out := IIN{Number: info.Number, Valid: info.Valid, BirthDate: info.BirthDate}
	switch info.Sex {
	case kz.Male:
		out.Sex = "M"
	case kz.Female:
		out.Sex = "F"
	}
	return out
}

// ValidBIN reports whether s is a business identification number with a
// correct check digit.
func ValidBIN(s string) bool { return kz.ParseBIN(s, civil.Date{}).Valid }

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ValidateEmployer normalises e in place (trims, writes the BIN and RKA as
// bare digits) and reports what is wrong with it.
func ValidateEmployer(e *Employer) []Problem {
	out := cleanText(textField{"employer_name", &e.Name}, textField{"bin", &e.BIN}, textField{"rka", &e.RKA}, textField{"address", &e.Address},
		textField{"director_name", &e.DirectorName}, textField{"director_position", &e.DirectorPosition},
		textField{"contact_name", &e.ContactName}, textField{"phone", &e.Phone})
	for _, f := range []*string{&e.Name, &e.BIN, &e.RKA, &e.Address, &e.DirectorName, &e.DirectorPosition, &e.ContactName, &e.Phone} {
		*f = strings.Join(strings.Fields(*f), " ")
	}
	if e.Name == "" {
		out = append(out, Problem{Field: "name", Key: "store.err.name_required"})
	}
	if e.BIN != "" {
		if info := kz.ParseBIN(e.BIN, civil.Date{}); info.Valid {
			e.BIN = info.Number
		} else {
			out = append(out, Problem{Field: "bin", Key: "store.err.bin_invalid", Args: []any{e.BIN}})
		}
	}
	if e.RKA != "" {
		if info := kz.ParseRKA(e.RKA); info.Valid {
			e.RKA = info.Number
		} else {
			out = append(out, Problem{Field: "rka", Key: "store.err.rka_digits", Args: []any{e.RKA}})
		}
	}
	if e.Phone != "" && !ValidPhone(e.Phone) {
		out = append(out, Problem{Field: "phone", Key: "store.err.phone", Args: []any{e.Phone}})
	}
	return out
}

// ValidPhone accepts what people write for a phone number: digits with
// spaces, hyphens, brackets and a leading plus, 6 to 15 digits in all.
func ValidPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 15
}

// ValidateOwner normalises a housing owner in place and reports what is
// wrong: a name is needed; an IIN, when given, must be valid (egov finds the
// owner by it).
func ValidateOwner(o *Owner) []Problem {
	out := cleanText(textField{"owner.name", &o.Name}, textField{"owner.iin", &o.IIN})
	o.Name = strings.Join(strings.Fields(o.Name), " ")
	o.IIN = strings.TrimSpace(o.IIN)
	if o.Name == "" {
		out = append(out, Problem{Field: "owner.name", Key: "store.err.owner_name"})
	}
	if o.IIN != "" {
		if info := kz.ParseIIN(o.IIN, civil.Date{}); info.Valid {
			o.IIN = info.Number
		} else {
			out = append(out, Problem{Field: "owner.iin", Key: "store.err.iin_invalid", Args: []any{o.IIN}})
		}
	}
	return out
}

// Person is what employees and family members share for validation.
type person struct {
	nameCyr, nameLat *string
	birth            *civil.Date
	sex              *string
	citizenship      *string
	iin              *string
	passportNo       *string
	trpIssued        civil.Date
	trpExpiry        civil.Date
}

// validatePerson normalises a person's fields in place (trims, upper-cases
// codes, fills birth date and sex from the IIN) and reports what is wrong.
func validatePerson(p person, today civil.Date) []Problem {
	var out []Problem
	*p.nameCyr = strings.Join(strings.Fields(*p.nameCyr), " ")
	*p.nameLat = strings.Join(strings.Fields(*p.nameLat), " ")
	*p.iin = strings.TrimSpace(*p.iin)
	*p.passportNo = strings.ToUpper(strings.Join(strings.Fields(*p.passportNo), ""))
	*p.citizenship = strings.ToUpper(strings.TrimSpace(*p.citizenship))
	*p.sex = strings.ToUpper(strings.TrimSpace(*p.sex))
	if *p.nameCyr == "" && *p.nameLat == "" {
		out = append(out, Problem{Field: "name", Key: "store.err.name_required"})
	}
	if *p.iin != "" {
		info := ParseIIN(*p.iin, today)
		switch {
		case !info.Valid:
			out = append(out, Problem{Field: "iin", Key: "store.err.iin_invalid", Args: []any{*p.iin}})
		default:
			*p.iin = info.Number
			if !info.BirthDate.IsZero() {
				if p.birth.IsZero() {
					*p.birth = info.BirthDate
				} else if !p.birth.Equal(info.BirthDate) {
					out = append(out, Problem{Field: "birth_date", Key: "store.err.iin_birth_mismatch",
						Args: []any{*p.iin, info.BirthDate.DMY(), p.birth.DMY()}})
				}
			}
			if *p.sex == "" {
				*p.sex = info.Sex
			}
		}
	}
	if *p.sex != "" && *p.sex != "M" && *p.sex != "F" {
		out = append(out, Problem{Field: "sex", Key: "store.err.sex", Args: []any{*p.sex}})
	}
	if !p.birth.IsZero() && !today.IsZero() && p.birth.After(today) {
		out = append(out, Problem{Field: "birth_date", Key: "store.err.birth_future", Args: []any{p.birth.DMY()}})
	}
	if c := *p.citizenship; c != "" {
		switch {
		case len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z':
			out = append(out, Problem{Field: "citizenship", Key: "store.err.citizenship", Args: []any{c}})
		case c == "KZ":
			out = append(out, Problem{Field: "citizenship", Key: "store.err.citizen_kz"})
		}
	}
	if !p.trpIssued.IsZero() && !p.trpExpiry.IsZero() && p.trpExpiry.Before(p.trpIssued) {
		out = append(out, Problem{Field: "trp_expiry", Key: "store.err.ends_before_start",
			Args: []any{p.trpIssued.DMY(), p.trpExpiry.DMY()}})
	}
	return out
}

// ValidateEmployee normalises e in place and reports what is wrong with it.
// today is the day the check is made (for a birth date in the future).
func ValidateEmployee(e *Employee, today civil.Date) []Problem {
	out := cleanText(textField{"name_cyr", &e.NameCyr}, textField{"name_lat", &e.NameLat}, textField{"iin", &e.IIN},
		textField{"sex", &e.Sex}, textField{"citizenship", &e.Citizenship}, textField{"passport_no", &e.PassportNo},
		textField{"contract_no", &e.ContractNo}, textField{"trp_no", &e.TRPNo}, textField{"residence_rka", &e.ResidenceRKA},
		textField{"housing_owners", &e.HousingOwners}, textField{"status", &e.Status},
		textField{"residence_address", &e.ResidenceAddress})
	out = append(out, validatePerson(person{
		nameCyr: &e.NameCyr, nameLat: &e.NameLat, birth: &e.BirthDate, sex: &e.Sex,
		citizenship: &e.Citizenship, iin: &e.IIN, passportNo: &e.PassportNo,
		trpIssued: e.TRPIssued, trpExpiry: e.TRPExpiry,
	}, today)...)
	if !e.ContractStart.IsZero() && !e.ContractEnd.IsZero() && e.ContractEnd.Before(e.ContractStart) {
		out = append(out, Problem{Field: "contract_end", Key: "store.err.ends_before_start",
			Args: []any{e.ContractStart.DMY(), e.ContractEnd.DMY()}})
	}
	e.ResidenceRKA = strings.TrimSpace(e.ResidenceRKA)
	// An address pasted from a certificate comes over several lines: the
	// letter prints it as one.
	e.ResidenceAddress = strings.Join(strings.Fields(e.ResidenceAddress), " ")
	if e.ResidenceRKA != "" && !allDigits(e.ResidenceRKA) {
		out = append(out, Problem{Field: "residence_rka", Key: "store.err.rka_digits", Args: []any{e.ResidenceRKA}})
	}
	if e.Status == "" {
		e.Status = StatusActive
	}
	if e.Status != StatusActive && e.Status != StatusDismissed {
		out = append(out, Problem{Field: "status", Key: "store.err.status", Args: []any{e.Status}})
	}
	return out
}

// ValidateFamilyMember normalises m in place and reports what is wrong.
func ValidateFamilyMember(m *FamilyMember, today civil.Date) []Problem {
	out := cleanText(textField{"name_cyr", &m.NameCyr}, textField{"name_lat", &m.NameLat}, textField{"iin", &m.IIN},
		textField{"sex", &m.Sex}, textField{"citizenship", &m.Citizenship}, textField{"passport_no", &m.PassportNo},
		textField{"trp_no", &m.TRPNo}, textField{"relation", &m.Relation})
	out = append(out, validatePerson(person{
		nameCyr: &m.NameCyr, nameLat: &m.NameLat, birth: &m.BirthDate, sex: &m.Sex,
		citizenship: &m.Citizenship, iin: &m.IIN, passportNo: &m.PassportNo,
		trpExpiry: m.TRPExpiry,
	}, today)...)
	switch m.Relation {
	case "":
		m.Relation = RelationOther
	case RelationSpouse, RelationChild, RelationParent, RelationOther:
	default:
		out = append(out, Problem{Field: "relation", Key: "store.err.relation", Args: []any{m.Relation}})
	}
	return out
}
