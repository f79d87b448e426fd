package rules

import (
	"dossier/app/civil"
	"dossier/app/i18n"
)

// ItemKind tells a file to attach from something a person must do.
type ItemKind string

const (
	Document ItemKind = "document" // a file to attach
	Action   ItemKind = "action"   // a step someone takes: an approval, a visit
)

// Status is whether an item is needed for the case.
type Status string

const (
	Required      Status = "required"
	Optional      Status = "optional"
	NotApplicable Status = "not_applicable"
)

func (s Status) valid() bool { return s == Required || s == Optional || s == NotApplicable }

// Item is one line of a checklist, with its reason and where that comes from.
type Item struct {
	ID            string     `json:"id"`
	Kind          ItemKind   `json:"kind"`
	Status        Status     `json:"status"`
	Title         string     `json:"title"`
	Reason        string     `json:"reason"`
	Source        string     `json:"source"`
	SourceTitle   string     `json:"source_title,omitempty"`
	SourceURL     string     `json:"source_url,omitempty"`
	SourceDate    civil.Date `json:"source_date,omitzero"` // zero: the source shows no date
	Confidence    Confidence `json:"confidence"`
	EffectiveFrom civil.Date `json:"effective_from"`
	EffectiveTo   civil.Date `json:"effective_to"`
	// DateBasis says what the clause's dates rest on; DateNote says it in
	// words for a needed item whose date is not an act's ("" otherwise).
	DateBasis    DateBasis  `json:"date_basis,omitempty"`
	DateNote     string     `json:"date_note,omitempty"`
	Alternatives []AltTitle `json:"alternatives,omitempty"`
}

// AltTitle is one acceptable alternative document.
type AltTitle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Checklist is the answer for one case.
type Checklist struct {
	RulesVersion int        `json:"rules_version"`
	FilingDate   civil.Date `json:"filing_date"`
	Lang         i18n.Lang  `json:"lang"`
	Items        []Item     `json:"items"`
	Problems     []Problem  `json:"problems"`
}

// Item returns the item with the given ID.
func (c Checklist) Item(id string) (Item, bool) {
	for _, it := range c.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// inForce reports whether a clause applies on day d.
func (cl Clause) inForce(d civil.Date) bool {
	if !cl.EffectiveFrom.IsZero() && d.Before(cl.EffectiveFrom) {
		return false
	}
	if !cl.EffectiveTo.IsZero() && d.After(cl.EffectiveTo) {
		return false
	}
	return true
}

// Checklist decides every item for the case under the rules in force on its
// filing day, with texts in lang. It is a pure function of its inputs.
func (s *Set) Checklist(c Case, lang i18n.Lang) Checklist {
	f := s.factsOf(c)
	out := Checklist{RulesVersion: s.Version(), FilingDate: c.FilingDate, Lang: lang, Items: []Item{}}
	for _, rule := range s.procedures.Items {
		item := Item{ID: rule.ID, Kind: rule.Kind, Status: NotApplicable, Title: f.fill(rule.Title.In(lang))}
		for _, cl := range rule.Rules {
			if !cl.inForce(c.FilingDate) || !cl.When.eval(f) {
				continue
			}
			item.Status = cl.Status
			item.Reason = f.fill(cl.Reason.In(lang))
			item.Source = cl.Source
			item.Confidence = cl.Confidence
			item.EffectiveFrom, item.EffectiveTo = cl.EffectiveFrom, cl.EffectiveTo
			item.DateBasis = basisOf(cl.DateBasis, cl.EffectiveFrom)
			if item.Status != NotApplicable {
				// Only what the clerk must act on carries the reservation;
				// "not needed" lines would drown it.
				item.DateNote = dateNote(item.DateBasis, cl.EffectiveFrom, lang)
			}
			if src, ok := s.Source(cl.Source); ok {
				item.SourceTitle, item.SourceURL, item.SourceDate = src.Title, src.URL, src.Date
			}
			for _, alt := range cl.Alternatives {
				item.Alternatives = append(item.Alternatives, AltTitle{ID: alt.ID, Title: alt.Title.In(lang)})
			}
			break
		}
		if item.Reason == "" {
			// No clause matched: the item simply does not concern this case.
			item.Reason = i18n.T(lang, "rules.item.no_clause")
		}
		f.items[rule.ID] = item.Status
		out.Items = append(out.Items, item)
	}
	out.Problems = s.Review(c, lang)
	return out
}
