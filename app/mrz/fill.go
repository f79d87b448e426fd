package mrz

import (
	"strings"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// Fill statuses: what Propose did with one form field.
const (
	FillFilled    = "filled"       // the form was empty; the zone's sure value is put in
	FillTruncated = "truncated"    // filled, but the zone's names may be cut short
	FillSame      = "same"         // the form already says what the zone says
	FillKept      = "kept"         // the form says something else: kept, the difference shown
	FillUnsure    = "unsure"       // the zone's reading is not sure: left as it was, the reading shown
	FillNoValue   = "no_value"     // the zone has nothing the form can take (sex X, a partial date, no state)
	FillNoZone    = "zone_invalid" // the zone fails its checks: nothing is filled
)

// FName is the Latin name as the form holds it, surnames and given names
// in one field: the proposal for it is made from both of the zone's.
const FName = "name"

// Proposal is what the zone proposes for one form field. Field is the MRZ
// field (FName for the whole Latin name); Zone and Form are the two values
// as the clerk would type them.
type Proposal struct {
	Field  string `json:"field"`
	Status string `json:"status"`
	Zone   string `json:"zone,omitempty"`
	Form   string `json:"form,omitempty"`
}

// Filled reports whether the proposal put a value into the form.
func (p Proposal) Filled() bool { return p.Status == FillFilled || p.Status == FillTruncated }

// Message is the proposal's text in lang, for the note beside the field.
func (p Proposal) Message(lang i18n.Lang) string {
	return i18n.T(lang, "mrz.fill."+p.Status, FieldName(lang, p.Field), p.Zone, p.Form)
}

// Propose fills the empty fields of t from a decoded zone, for a clerk to
// confirm: only with values the zone is sure of (a check digit confirms
// them, or for the names, a sure reading of a zone whose checks all
// agree). A field the zone is unsure of is never filled: its proposal says
// why and shows the reading as a hint. A field the clerk already typed is
// never overwritten; a difference is reported instead. The six fields come
// back in the employee form's order.
func Propose(r *Result, t Typed) (Typed, []Proposal) {
	if r == nil || len(r.Fields) == 0 || (!r.Valid && !anyConfirmed(r)) {
		return t, []Proposal{{Field: FComposite, Status: FillNoZone}}
	}
	pr := proposer{r: r}
	pr.name(&t)
	number := r.Value(FDocumentNumber)
	pr.propose(FDocumentNumber, number, strings.TrimSpace(t.PassportNo), normNumber(t.PassportNo) == number,
		func() { t.PassportNo = number })
	alpha2 := ""
	if c, ok := LookupCountry(r.Value(FNationality)); ok {
		alpha2 = c.Alpha2 // "" for codes that are no state's citizens (XXA, UNO)
	}
	pr.propose(FNationality, alpha2, strings.TrimSpace(t.Citizenship), strings.EqualFold(strings.TrimSpace(t.Citizenship), alpha2),
		func() { t.Citizenship = alpha2 })
	pr.date(FBirthDate, r.BirthDate, &t.BirthDate)
	sex := r.Value(FSex)
	if sex != "M" && sex != "F" {
		sex = ""
	}
	typedSex := strings.ToUpper(strings.TrimSpace(t.Sex))
	pr.propose(FSex, sex, typedSex, typedSex == sex, func() { t.Sex = sex })
	pr.date(FExpiryDate, r.ExpiryDate, &t.PassportExpiry)
	return t, pr.out
}

// proposer collects Propose's proposals, field by field.
type proposer struct {
	r   *Result
	out []Proposal
}

// sure: the zone's field can be taken without a look.
func (pr *proposer) sure(name string) bool {
	if name == FName {
		return pr.sure(FSurname) && pr.sure(FGivenNames)
	}
	f := pr.r.Field(name)
	if f == nil || f.Uncertain {
		return false
	}
	if f.Checked {
		return f.Confirmed
	}
	return pr.r.Valid // no check digit of its own: only in a zone that passes every check
}

// propose settles one field: zone is the zone's value in the form's terms
// ("" when the zone has none the form can take), form the form's; set
// fills the form.
func (pr *proposer) propose(field, zone, form string, same bool, set func()) {
	p := Proposal{Field: field, Zone: zone, Form: form}
	switch {
	case zone == "":
		p.Status = FillNoValue
	case !pr.sure(field):
		p.Status = FillUnsure
	case form == "":
		p.Status = FillFilled
		set()
	case same:
		p.Status = FillSame
	default:
		p.Status = FillKept
	}
	pr.out = append(pr.out, p)
}

// name proposes the Latin name: surnames and given names, both of which
// must be sure.
func (pr *proposer) name(t *Typed) {
	r := pr.r
	zoneName := strings.TrimSpace(r.Value(FSurname) + " " + r.Value(FGivenNames))
	same := strings.TrimSpace(t.NameLat) != "" && latinOnly(t.NameLat) &&
		namesMatch(zoneWords(r), typedNameVariants(t.NameLat), r.NamesTruncated) != matchNone
	pr.propose(FName, zoneName, strings.TrimSpace(t.NameLat), same, func() { t.NameLat = zoneName })
	if p := &pr.out[len(pr.out)-1]; p.Status == FillFilled && r.NamesTruncated {
		p.Status = FillTruncated
	}
}

func (pr *proposer) date(field string, zone civil.Date, form *civil.Date) {
	z, f := "", ""
	if !zone.IsZero() {
		z = zone.DMY()
	}
	if !form.IsZero() {
		f = form.DMY()
	}
	pr.propose(field, z, f, zone.Equal(*form), func() { *form = zone })
}

// anyConfirmed: the check digit of the number or of a date confirms it, so
// the zone is a zone, whatever else failed. (Empty optional data "agrees"
// with its filler check digit on any page.)
func anyConfirmed(r *Result) bool {
	for _, name := range []string{FDocumentNumber, FBirthDate, FExpiryDate} {
		if f := r.Field(name); f != nil && f.Confirmed {
			return true
		}
	}
	return false
}

// normNumber writes a typed passport number as the zone holds it: upper
// case, without spaces, dashes or fillers.
func normNumber(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '<', '\u00a0':
			return -1
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}
