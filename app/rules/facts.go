package rules

import (
	"strconv"
	"strings"

	"dossier/app/civil"
)

// sixteenDays is how many calendar days after a 16th birthday the MIA rules
// (amendment in force 24.03.2024; S7, S8) give to apply for the permit.
const sixteenDays = 10

// facts is the vocabulary conditions speak: values computed from a case,
// plus the statuses of the items decided so far.
type facts struct {
	values map[string]any
	items  map[string]Status
}

func (s *Set) factsOf(c Case) facts {
	f := facts{values: map[string]any{}, items: map[string]Status{}}
	put := func(k string, v any) { f.values[k] = v }
	putDate := func(k string, d civil.Date) {
		if !d.IsZero() {
			put(k, d)
		}
	}
	put("purpose", c.Purpose)
	put("kind", c.Kind)
	put("channel", c.Channel)
	put("citizenship", c.Applicant.Citizenship)
	put("eaeu", s.InGroup("eaeu", c.Applicant.Citizenship))
	put("minsk_convention", s.InGroup("minsk_convention", c.Applicant.Citizenship))
	put("owned_by_applicant", c.Housing.OwnedByApplicant)
	put("owners", c.Housing.Owners)
	put("owners_abroad", c.Housing.OwnersAbroad)
	put("fingerprinted", c.Applicant.Fingerprinted)
	putDate("filing_date", c.FilingDate)
	putDate("birth_date", c.Applicant.BirthDate)
	putDate("permit_issued", c.Applicant.PermitIssued)
	putDate("permit_expires", c.Applicant.PermitExpires)
	if !c.Applicant.BirthDate.IsZero() && !c.FilingDate.IsZero() {
		// Age on the filing day decides fingerprinting: a 16th birthday on the
		// filing day already counts.
		put("age", c.Applicant.BirthDate.AgeOn(c.FilingDate))
		// The 10-day rule after a 16th birthday (MIA amendment in force
		// 24.03.2024) counts from the birthday itself; days_since_16 is
		// negative before it.
		sixteen := c.Applicant.BirthDate.AddDate(16, 0, 0)
		put("sixteenth_birthday", sixteen)
		put("sixteen_deadline", sixteen.AddDays(sixteenDays))
		put("days_since_16", sixteen.DaysUntil(c.FilingDate))
	}
	if c.Principal != nil {
		putDate("principal_permit_expires", c.Principal.PermitExpires)
		if c.Principal.Relation != "" {
			put("relation", c.Principal.Relation)
		}
	}
	return f
}

func (f facts) get(name string) (any, bool) {
	if id, ok := strings.CutPrefix(name, "item."); ok {
		st, known := f.items[id]
		return string(st), known
	}
	v, ok := f.values[name]
	return v, ok
}

// fill replaces {fact} placeholders in a rules text with the case's values,
// dates as dd.mm.yyyy. Unknown placeholders stay as written.
func (f facts) fill(text string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		name := text[open+1 : open+end]
		b.WriteString(text[:open])
		if v, ok := f.values[name]; ok {
			b.WriteString(formatFact(v))
		} else {
			b.WriteString(text[open : open+end+1])
		}
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

func formatFact(v any) string {
	switch v := v.(type) {
	case civil.Date:
		return v.DMY()
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	}
	return ""
}
