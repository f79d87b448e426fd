package mrz

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// Typed is what a clerk typed for an employee, in the fields the MRZ also
// holds. Citizenship is ISO 3166 alpha-2, as the employee form keeps it.
type Typed struct {
	NameLat        string     `json:"name_lat"`
	PassportNo     string     `json:"passport_no"`
	Citizenship    string     `json:"citizenship"`
	BirthDate      civil.Date `json:"birth_date"`
	Sex            string     `json:"sex"`
	PassportExpiry civil.Date `json:"passport_expiry"`
}

// Finding codes of CrossCheck; texts are "mrz.cross.<code>".
const (
	CrossMismatch     = "mismatch"             // the form and the zone disagree
	CrossUnsure       = "unsure"               // they disagree, but the zone's reading is uncertain
	CrossNotTyped     = "not_typed"            // the form is empty where the zone has a value
	CrossTruncated    = "name_truncated_match" // the zone's names are the typed ones, cut short
	CrossNotLatin     = "name_not_latin"
	CrossSpecialState = "nationality_special" // the zone's nationality is not a state (XXA, UNO, …)
	CrossInvalidZone  = "zone_invalid"        // the zone fails its checks: nothing is compared
	CrossNoZone       = "no_zone"             // no zone was found on the scan: nothing is compared
)

// Finding is one result of comparing a zone with the typed data. Field names
// the MRZ field (and so the form field and the crop to highlight); Zone and
// Form are the two values as shown to the clerk.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Field    string   `json:"field"`
	Zone     string   `json:"zone,omitempty"`
	Form     string   `json:"form,omitempty"`
}

// Message is the finding's text in lang.
func (f Finding) Message(lang i18n.Lang) string {
	key := "mrz.cross." + f.Code
	if !strings.Contains(i18n.T(lang, key), "%") {
		return i18n.T(lang, key) // a text that quotes nothing
	}
	return i18n.T(lang, key, FieldName(lang, f.Field), f.Zone, f.Form)
}

// CrossCheck compares a decoded zone with what was typed. A disagreement
// with a field the zone confirms (a check digit, or a sure reading of the
// names) is an error; with an uncertain field, a warning to compare with the
// page. An empty form field is reported as info (the zone can fill it). A
// zone whose checks fail as a whole yields only CrossInvalidZone: a wrong
// zone would otherwise accuse the clerk of the reader's mistakes.
func CrossCheck(r *Result, t Typed) []Finding {
	if r == nil || len(r.Fields) == 0 {
		return nil
	}
	var out []Finding
	disagree := func(field, zone, form string) {
		f := r.Field(field)
		sev, code := SevError, CrossMismatch
		if f == nil || f.Uncertain {
			sev, code = SevWarning, CrossUnsure
		}
		out = append(out, Finding{Code: code, Severity: sev, Field: field, Zone: zone, Form: form})
	}
	notTyped := func(field, zone string) {
		if zone != "" {
			out = append(out, Finding{Code: CrossNotTyped, Severity: SevInfo, Field: field, Zone: zone})
		}
	}
	if !r.Valid && (r.Field(FDocumentNumber) == nil || !r.Field(FDocumentNumber).Confirmed) &&
		(r.Field(FBirthDate) == nil || !r.Field(FBirthDate).Confirmed) {
		return []Finding{{Code: CrossInvalidZone, Severity: SevWarning, Field: FComposite}}
	}

	// Names.
	zoneName := strings.TrimSpace(r.Value(FSurname) + " " + r.Value(FGivenNames))
	switch {
	case strings.TrimSpace(t.NameLat) == "":
		notTyped(FSurname, zoneName)
	case !latinOnly(t.NameLat):
		out = append(out, Finding{Code: CrossNotLatin, Severity: SevError, Field: FSurname, Zone: zoneName, Form: t.NameLat})
	default:
		switch namesMatch(zoneWords(r), typedNameVariants(t.NameLat), r.NamesTruncated) {
		case matchExact:
		case matchTruncated:
			out = append(out, Finding{Code: CrossTruncated, Severity: SevInfo, Field: FGivenNames, Zone: zoneName, Form: t.NameLat})
		default:
			field := FSurname
			if f := r.Field(FGivenNames); f != nil && f.Uncertain {
				field = FGivenNames
			}
			disagree(field, zoneName, t.NameLat)
		}
	}

	// Passport number: compared without spaces, dashes or fillers.
	zoneNo := r.Value(FDocumentNumber)
	typedNo := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '<' || r == '\u00a0' {
			return -1
		}
		return unicode.ToUpper(r)
	}, t.PassportNo)
	switch {
	case typedNo == "":
		notTyped(FDocumentNumber, zoneNo)
	case typedNo != zoneNo:
		disagree(FDocumentNumber, zoneNo, t.PassportNo)
	}

	// Citizenship.
	nat := r.Value(FNationality)
	c, known := LookupCountry(nat)
	switch {
	case known && c.Alpha2 == "":
		out = append(out, Finding{Code: CrossSpecialState, Severity: SevWarning, Field: FNationality, Zone: nat + " (" + c.Name + ")", Form: t.Citizenship})
	case strings.TrimSpace(t.Citizenship) == "":
		if known {
			notTyped(FNationality, c.Alpha2)
		}
	case known && !strings.EqualFold(strings.TrimSpace(t.Citizenship), c.Alpha2):
		disagree(FNationality, nat+" = "+c.Alpha2, t.Citizenship)
	case !known:
		disagree(FNationality, nat, t.Citizenship)
	}

	// Dates and sex.
	compareDate := func(field string, zone civil.Date, raw string, form civil.Date) {
		switch {
		case form.IsZero():
			if !zone.IsZero() {
				notTyped(field, zone.DMY())
			}
		case zone.IsZero():
			// A partial date in the zone: compare the parts it gives.
			if _, partial, ok := parseYYMMDD(raw); ok && partial {
				d, _, _ := parseYYMMDD(raw)
				if form.Year()%100 != d[0] || (d[1] != 0 && int(form.Month()) != d[1]) {
					disagree(field, raw, form.DMY())
				}
			}
		case !zone.Equal(form):
			disagree(field, zone.DMY(), form.DMY())
		}
	}
	if f := r.Field(FBirthDate); f != nil {
		compareDate(FBirthDate, r.BirthDate, f.Raw, t.BirthDate)
	}
	if f := r.Field(FExpiryDate); f != nil {
		compareDate(FExpiryDate, r.ExpiryDate, f.Raw, t.PassportExpiry)
	}
	zoneSex := r.Value(FSex)
	typedSex := strings.ToUpper(strings.TrimSpace(t.Sex))
	switch {
	case typedSex == "":
		if zoneSex == "M" || zoneSex == "F" {
			notTyped(FSex, zoneSex)
		}
	case (zoneSex == "M" || zoneSex == "F") && zoneSex != typedSex:
		disagree(FSex, zoneSex, t.Sex)
	}
	return out
}

type nameMatch int

const (
	matchNone nameMatch = iota
	matchExact
	matchTruncated
)

func zoneWords(r *Result) []string {
	return strings.Fields(r.Value(FSurname) + " " + r.Value(FGivenNames))
}

// namesMatch compares the zone's words with each spelling of the typed
// name, in any order (forms put the surname first or last). A truncated
// zone may end with the beginning of a word and leave later words out.
func namesMatch(zone []string, variants [][]string, truncated bool) nameMatch {
	z := append([]string(nil), zone...)
	sort.Strings(z)
	for _, v := range variants {
		w := append([]string(nil), v...)
		sort.Strings(w)
		if strings.Join(w, " ") == strings.Join(z, " ") {
			return matchExact
		}
	}
	if !truncated || len(zone) == 0 {
		return matchNone
	}
	for _, v := range variants {
		left := map[string]int{}
		for _, w := range v {
			left[w]++
		}
		ok := true
		for i, w := range zone {
			if left[w] > 0 {
				left[w]--
				continue
			}
			if i == len(zone)-1 {
				ok = false
				for cand, n := range left {
					if n > 0 && strings.HasPrefix(cand, w) {
						ok = true
						break
					}
				}
				continue
			}
			ok = false
			break
		}
		if ok {
			return matchTruncated
		}
	}
	return matchNone
}

// typedNameVariants spells a typed Latin name the ways ICAO 9303 Part 3
// allows it in a zone: diacritics dropped, or the German and Nordic letters
// written out (Ä as AE, Ø as OE, ß as SS); apostrophes dropped; hyphens and
// other punctuation separate words.
func typedNameVariants(name string) [][]string {
	spell := func(expand bool) []string {
		var b strings.Builder
		for _, r := range strings.ToUpper(name) {
			if expand {
				if s, ok := expandLetter[r]; ok {
					b.WriteString(s)
					continue
				}
			}
			if s, ok := foldLetter[r]; ok {
				b.WriteString(s)
				continue
			}
			switch {
			case r == '\'' || r == '’' || r == '`':
			case r >= 'A' && r <= 'Z':
				b.WriteRune(r)
			default:
				base := []rune(norm.NFD.String(string(r)))
				if len(base) > 0 && base[0] >= 'A' && base[0] <= 'Z' {
					b.WriteRune(base[0])
				} else {
					b.WriteByte(' ')
				}
			}
		}
		return strings.Fields(b.String())
	}
	return [][]string{spell(false), spell(true)}
}

var expandLetter = map[rune]string{'Ä': "AE", 'Ö': "OE", 'Ü': "UE", 'Å': "AA", 'Æ': "AE", 'Ø': "OE", 'Œ': "OE", 'ẞ': "SS", 'Þ': "TH"}
var foldLetter = map[rune]string{'Æ': "AE", 'Ø': "O", 'Œ': "OE", 'ß': "SS", 'ẞ': "SS", 'Þ': "TH", 'Ð': "D", 'Đ': "D", 'Ł': "L", 'İ': "I", 'I': "I", 'ı': "I"}

// latinOnly: the name has no letters outside the Latin script (a Cyrillic
// name typed in the Latin field).
func latinOnly(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
