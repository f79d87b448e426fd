package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/assets"
)

// Change is one difference between two rule sets.
type Change struct {
	// Kind is added, removed or changed.
	Kind string `json:"kind"`
	// Area is what changed: holiday, religious_date, transfer, coverage,
	// item, event, source or purpose.
	Area string `json:"area"`
	ID   string `json:"id"`
	// Label names the thing for a person (a holiday's or an item's title,
	// a transfer's dates), filled by Changes.In.
	Label string `json:"label"`
	// Fields are the parts of a changed item or step that differ, by their
	// names in the rules file ("rules", "title", "note", "effective_from"…).
	Fields []string  `json:"fields,omitempty"`
	name   i18n.Text // title in every language, where the data has one
	plain  string    // label without a language (dates, years)
}

// Changes is what changed from one rule set to another.
type Changes struct {
	FromVersion int      `json:"from_version"`
	ToVersion   int      `json:"to_version"`
	Entries     []Change `json:"entries"`
}

// In fills each change's label in lang.
func (c Changes) In(lang i18n.Lang) Changes {
	out := c
	out.Entries = make([]Change, len(c.Entries))
	for i, e := range c.Entries {
		e.Label = e.plain
		if len(e.name) > 0 {
			e.Label = e.name.In(lang)
			if e.plain != "" {
				e.Label += " (" + e.plain + ")"
			}
		}
		out.Entries[i] = e
	}
	return out
}

// Message renders a change as one line for a person.
func (e Change) Message(lang i18n.Lang) string {
	msg := i18n.T(lang, "rules.change."+e.Kind, i18n.T(lang, "rules.change.area."+e.Area), e.Label)
	if len(e.Fields) == 0 {
		return msg
	}
	words := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		if key := "rules.change.field." + f; i18n.Has(key) {
			words = append(words, i18n.T(lang, key))
		} else {
			words = append(words, f)
		}
	}
	return msg + " — " + strings.Join(words, ", ")
}

// changedFields names the top-level fields in which two values' JSON differ.
func changedFields(a, b any) []string {
	var x, y map[string]json.RawMessage
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if json.Unmarshal(ja, &x) != nil || json.Unmarshal(jb, &y) != nil {
		return nil
	}
	keys := map[string]bool{}
	for k := range x {
		keys[k] = true
	}
	for k := range y {
		keys[k] = true
	}
	var out []string
	for k := range keys {
		if string(x[k]) != string(y[k]) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Diff lists what changed from old to new: holidays, religious dates,
// transfer orders, the covered years, checklist items, timeline steps,
// sources and purposes. Items and steps count as changed when any clause,
// text, date or source in them differs. Entries come in that order, each
// area sorted by ID.
func Diff(old, new *Set) Changes {
	out := Changes{FromVersion: old.Version(), ToVersion: new.Version(), Entries: []Change{}}
	add := func(c Change) { out.Entries = append(out.Entries, c) }

	// Fixed holidays by ID.
	fixed := func(s *Set) map[string]any {
		m := map[string]any{}
		for _, f := range s.holidays.Fixed {
			m[f.ID] = f
		}
		return m
	}
	diffMaps(fixed(old), fixed(new), func(kind, id string, v any) {
		f := v.(kz.FixedHoliday)
		add(Change{Kind: kind, Area: "holiday", ID: id, name: f.Name, plain: fixedWhen(f)})
	})
	// Religious dates by ID and year.
	dated := func(s *Set) map[string]any {
		m := map[string]any{}
		for _, d := range s.holidays.Dated {
			m[fmt.Sprintf("%s/%d", d.ID, d.Date.Year())] = d
		}
		return m
	}
	diffMaps(dated(old), dated(new), func(kind, id string, v any) {
		d := v.(kz.DatedHoliday)
		add(Change{Kind: kind, Area: "religious_date", ID: id, name: d.Name, plain: d.Date.DMY()})
	})
	// Transfer orders by their days.
	transfers := func(s *Set) map[string]any {
		m := map[string]any{}
		for _, o := range s.transfers.Orders {
			m[o.WorkingDay.String()+"/"+o.DayOff.String()] = o
		}
		return m
	}
	diffMaps(transfers(old), transfers(new), func(kind, id string, v any) {
		o := v.(kz.Transfer)
		add(Change{Kind: kind, Area: "transfer", ID: id, plain: transferLabel(o)})
	})
	if old.holidays.FirstYear != new.holidays.FirstYear || old.holidays.LastYear != new.holidays.LastYear ||
		!equalJSON(old.holidays.DerivedYears, new.holidays.DerivedYears) {
		add(Change{Kind: "changed", Area: "coverage", ID: "years",
			plain: fmt.Sprintf("%d–%d → %d–%d", old.holidays.FirstYear, old.holidays.LastYear, new.holidays.FirstYear, new.holidays.LastYear)})
	}
	ruleChanges := func(area string, oldRules, newRules map[string]any, title func(any) i18n.Text) {
		diffMaps(oldRules, newRules, func(kind, id string, v any) {
			c := Change{Kind: kind, Area: area, ID: id, name: title(v)}
			if kind == "changed" {
				c.Fields = changedFields(oldRules[id], v)
			}
			add(c)
		})
	}
	ruleChanges("item", byID(old.procedures.Items, func(r ItemRule) string { return r.ID }),
		byID(new.procedures.Items, func(r ItemRule) string { return r.ID }),
		func(v any) i18n.Text { return v.(ItemRule).Title })
	ruleChanges("event", byID(old.procedures.Timeline, func(r EventRule) string { return r.ID }),
		byID(new.procedures.Timeline, func(r EventRule) string { return r.ID }),
		func(v any) i18n.Text { return v.(EventRule).Title })
	// Clock variants share an id; the date a variant takes effect tells them apart.
	clockKey := func(r ClockRule) string { return r.ID + "@" + r.EffectiveFrom.String() }
	ruleChanges("clock", byID(old.procedures.Clocks, clockKey), byID(new.procedures.Clocks, clockKey),
		func(v any) i18n.Text { return v.(ClockRule).Title })
	srcs := func(s *Set) map[string]any {
		m := map[string]any{}
		for id, src := range s.procedures.Sources {
			m[id] = src
		}
		return m
	}
	diffMaps(srcs(old), srcs(new), func(kind, id string, v any) {
		add(Change{Kind: kind, Area: "source", ID: id, plain: v.(Source).Title})
	})
	purposes := func(s *Set) map[string]any {
		m := map[string]any{}
		for _, p := range s.procedures.Purposes {
			m[p.ID] = p
		}
		return m
	}
	diffMaps(purposes(old), purposes(new), func(kind, id string, v any) {
		add(Change{Kind: kind, Area: "purpose", ID: id, name: v.(Purpose).Title})
	})
	return out
}

// diffMaps calls emit for every key added, removed or changed, in key order
// within each kind; v is the new value (the old one for removals).
func diffMaps(old, new map[string]any, emit func(kind, id string, v any)) {
	keys := map[string]bool{}
	for k := range old {
		keys[k] = true
	}
	for k := range new {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		o, inOld := old[k]
		n, inNew := new[k]
		switch {
		case !inOld:
			emit("added", k, n)
		case !inNew:
			emit("removed", k, o)
		case !equalJSON(o, n):
			emit("changed", k, n)
		}
	}
}

func equalJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

func fixedWhen(f kz.FixedHoliday) string {
	s := fmt.Sprintf("%02d.%02d", f.Day, int(f.Month))
	switch {
	case f.From != 0 && f.To != 0:
		s += fmt.Sprintf(", %d–%d", f.From, f.To)
	case f.From != 0:
		s += fmt.Sprintf(", %d–", f.From)
	case f.To != 0:
		s += fmt.Sprintf(", –%d", f.To)
	}
	return s
}

func transferLabel(o kz.Transfer) string {
	switch {
	case o.WorkingDay.IsZero():
		return "→ " + o.DayOff.DMY()
	case o.DayOff.IsZero():
		return o.WorkingDay.DMY() + " →"
	}
	return o.WorkingDay.DMY() + " → " + o.DayOff.DMY()
}

// Previous returns the rules the program's previous release had built in,
// kept so the window can say what changed with this one.
func Previous() (*Set, error) {
	parts, err := parseFile(assets.RulesPrevious)
	if err != nil {
		return nil, fmt.Errorf("previous rules: %w", err)
	}
	s := &Set{info: map[string]SectionInfo{}}
	if err := s.apply(parts, "previous"); err != nil {
		return nil, err
	}
	return s, nil
}

// ChangesInForce says what the rules in force change: against the built-in
// rules when an override file is in force, else against the previous
// release's built-in rules.
func ChangesInForce(s *Set) (Changes, error) {
	overridden := false
	for _, i := range s.info {
		if i.Origin != "embedded" {
			overridden = true
		}
	}
	var base *Set
	var err error
	if overridden {
		base, err = Embedded()
	} else {
		base, err = Previous()
	}
	if err != nil {
		return Changes{}, err
	}
	return Diff(base, s), nil
}

// byID keys rules by the id a diff matches them on.
func byID[T any](rules []T, id func(T) string) map[string]any {
	m := make(map[string]any, len(rules))
	for _, r := range rules {
		m[id(r)] = r
	}
	return m
}
