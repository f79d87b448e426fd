package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/kz"
)

// Finding is one remark of Check about a rules file: where, what, how bad.
type Finding struct {
	Severity Severity `json:"severity"`
	// Code is stable (see docs/rules.md); Where names the place in the file
	// ("procedures.items[3] owner_consent rules[1]").
	Code  string `json:"code"`
	Where string `json:"where,omitempty"`
	Args  []any  `json:"-"`
	// Message is the remark for a person, filled by CheckReport.In.
	Message string `json:"message"`
}

// SectionCheck compares one section of the checked file with the rules the
// program has built in.
type SectionCheck struct {
	Name           string `json:"name"`
	Version        int    `json:"version"`
	BuiltinVersion int    `json:"builtin_version"`
	// WouldReplace is whether the section would take effect as an override:
	// only a higher version replaces the built-in one.
	WouldReplace bool `json:"would_replace"`
}

// CheckReport is the result of Check.
type CheckReport struct {
	Sections []SectionCheck `json:"sections"`
	Findings []Finding      `json:"findings"`
	// Changes are what the file would change against the rules in force
	// (only the sections that would replace them).
	Changes Changes `json:"changes"`
}

// HasErrors reports whether the file cannot be used as it is.
func (r CheckReport) HasErrors() bool {
	for _, f := range r.Findings {
		if f.Severity == SevError {
			return true
		}
	}
	return false
}

// In returns the report with every message in lang.
func (r CheckReport) In(lang i18n.Lang) CheckReport {
	out := r
	out.Findings = make([]Finding, len(r.Findings))
	for i, f := range r.Findings {
		f.Message = i18n.T(lang, "rules.check."+f.Code, f.Args...)
		out.Findings[i] = f
	}
	out.Changes = r.Changes.In(lang)
	return out
}

// checkClocksKept warns of a procedures section that would replace the
// built-in one without clocks: the section replaces the clocks with it, so
// a file written without them (older than the clocks, say) drops them all.
func checkClocksKept(version int, p Procedures, base *Set, add func(Severity, string, string, ...any)) {
	if version > base.info[SectionProcedures].Version && len(p.Clocks) == 0 && len(base.procedures.Clocks) > 0 {
		add(SevWarning, "clocks_dropped", "procedures.clocks", len(base.procedures.Clocks))
	}
}

// Check examines a rules file before a consultant passes it on or puts it in
// a workspace: the schema (strict, with line and column), dates, sources,
// overlapping clauses and holidays, references to unknown items, sources or
// holidays, and whether each section's version would replace the rules in
// force. It never changes anything; base is the set in force (the built-in
// rules, usually).
func Check(data []byte, base *Set) CheckReport {
	rep := CheckReport{Sections: []SectionCheck{}, Findings: []Finding{}}
	add := func(sev Severity, code, where string, args ...any) {
		rep.Findings = append(rep.Findings, Finding{Severity: sev, Code: code, Where: where, Args: args})
	}
	parts, err := parseFile(data)
	if err != nil {
		add(SevError, "parse", "", err.Error())
		return rep
	}
	if len(parts) == 0 {
		add(SevError, "no_section", "")
		return rep
	}
	// The combination in force if the file were applied, for cross-section
	// references (a holiday's source lives in procedures.sources).
	h, t, p := base.holidays, base.transfers, base.procedures
	for _, name := range sectionNames {
		v, ok := parts[name]
		if !ok {
			continue
		}
		sc := SectionCheck{Name: name, Version: parts.version(name), BuiltinVersion: base.info[name].Version}
		sc.WouldReplace = sc.Version > sc.BuiltinVersion
		rep.Sections = append(rep.Sections, sc)
		if !sc.WouldReplace {
			add(SevWarning, "version_not_higher", "", name, sc.Version, sc.BuiltinVersion)
		}
		if !plausibleVersion(sc.Version) {
			add(SevWarning, "version_form", "", name, sc.Version)
		}
		switch v := v.(type) {
		case kz.HolidayData:
			h = v
		case kz.TransferData:
			t = v
		case Procedures:
			p = v
		}
	}
	if _, ok := parts[SectionHolidays]; ok {
		checkHolidays(h, p, add)
	}
	if _, ok := parts[SectionTransfers]; ok {
		checkTransfers(h, t, p, add)
	}
	if _, ok := parts[SectionProcedures]; ok {
		checkProcedures(p, add)
		checkClocksKept(parts.version(SectionProcedures), p, base, add)
		// Holidays and transfers in force must still find their sources.
		if _, own := parts[SectionHolidays]; !own {
			checkHolidaySources(h, p, add)
		}
		if _, own := parts[SectionTransfers]; !own {
			checkTransferSources(t, p, add)
		}
	}
	if !rep.HasErrors() {
		taken := sections{}
		for _, sc := range rep.Sections {
			if sc.WouldReplace {
				taken[sc.Name] = parts[sc.Name]
			}
		}
		after := &Set{holidays: base.holidays, transfers: base.transfers, procedures: base.procedures, info: map[string]SectionInfo{}}
		for k, v := range base.info {
			after.info[k] = v
		}
		if err := after.apply(taken, "check"); err != nil {
			add(SevError, "parse", "", err.Error())
		} else {
			rep.Changes = Diff(base, after)
		}
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		return sevRank(rep.Findings[i].Severity) < sevRank(rep.Findings[j].Severity)
	})
	return rep
}

func sevRank(s Severity) int {
	switch s {
	case SevError:
		return 0
	case SevWarning:
		return 1
	}
	return 2
}

// plausibleVersion checks the YYYYMMDDNN convention: a real date and a counter.
func plausibleVersion(v int) bool {
	s := strconv.Itoa(v)
	if len(s) != 10 {
		return false
	}
	_, err := civil.Parse(s[0:4] + "-" + s[4:6] + "-" + s[6:8])
	return err == nil
}

type addFunc func(sev Severity, code, where string, args ...any)

func checkHolidays(h kz.HolidayData, p Procedures, add addFunc) {
	type span struct {
		id       string
		from, to int
	}
	byDay := map[string][]span{}
	for i, f := range h.Fixed {
		where := fmt.Sprintf("holidays.fixed[%d] %s", i, f.ID)
		key := fmt.Sprintf("%02d-%02d", f.Month, f.Day)
		from, to := f.From, f.To
		if to == 0 {
			to = 1 << 30
		}
		for _, o := range byDay[key] {
			if from <= o.to && o.from <= to {
				add(SevError, "holiday_overlap", where, f.ID, o.id, fmt.Sprintf("%02d.%02d", f.Day, f.Month))
			}
		}
		byDay[key] = append(byDay[key], span{f.ID, from, to})
		if f.To != 0 && f.ToSource == "" {
			add(SevInfo, "holiday_end_unsourced", where, f.ID, f.To)
		}
		if f.ToSource != "" {
			if _, ok := p.Sources[f.ToSource]; !ok {
				add(SevError, "unknown_source", where, f.ToSource)
			}
		}
		if f.From != 0 && f.From > h.LastYear+1 {
			add(SevInfo, "holiday_future", where, f.ID, f.From)
		}
	}
	seen := map[string]bool{}
	for i, d := range h.Dated {
		where := fmt.Sprintf("holidays.dated[%d] %s", i, d.ID)
		key := fmt.Sprintf("%s/%d", d.ID, d.Date.Year())
		if seen[key] {
			add(SevError, "dated_twice", where, d.ID, d.Date.Year())
		}
		seen[key] = true
		if y := d.Date.Year(); y < h.FirstYear || y > h.LastYear {
			add(SevWarning, "dated_outside", where, d.ID, d.Date.DMY(), h.FirstYear, h.LastYear)
		}
		if d.Confidence == "" {
			add(SevWarning, "no_confidence", where)
		}
	}
	for _, y := range h.DerivedYears {
		if y < h.FirstYear || y > h.LastYear {
			add(SevWarning, "derived_outside", "holidays.derived_years", y, h.FirstYear, h.LastYear)
		}
	}
	checkHolidaySources(h, p, add)
}

func checkHolidaySources(h kz.HolidayData, p Procedures, add addFunc) {
	for i, f := range h.Fixed {
		if _, ok := p.Sources[f.Src]; !ok {
			add(SevError, "unknown_source", fmt.Sprintf("holidays.fixed[%d] %s", i, f.ID), f.Src)
		}
	}
	for i, d := range h.Dated {
		if _, ok := p.Sources[d.Source]; !ok {
			add(SevError, "unknown_source", fmt.Sprintf("holidays.dated[%d] %s", i, d.ID), d.Source)
		}
	}
}

func checkTransfers(h kz.HolidayData, t kz.TransferData, p Procedures, add addFunc) {
	cal, err := kz.NewCalendar(h, kz.TransferData{})
	if err != nil {
		return // reported by the holidays section
	}
	used := map[civil.Date]int{}
	for i, o := range t.Orders {
		where := fmt.Sprintf("transfers.orders[%d]", i)
		for _, d := range []civil.Date{o.WorkingDay, o.DayOff} {
			if d.IsZero() {
				continue
			}
			if j, dup := used[d]; dup {
				add(SevError, "transfer_overlap", where, d.DMY(), j)
			}
			used[d] = i
		}
		if !o.DayOff.IsZero() && !cal.IsWorkingDay(o.DayOff) {
			add(SevWarning, "transfer_day_off_holiday", where, o.DayOff.DMY())
		}
		if !o.WorkingDay.IsZero() && !o.DayOff.IsZero() {
			if gap := o.WorkingDay.DaysUntil(o.DayOff); gap > 366 || gap < -366 {
				add(SevWarning, "transfer_far_apart", where, o.WorkingDay.DMY(), o.DayOff.DMY())
			}
		}
		if o.Confidence == "" {
			add(SevWarning, "no_confidence", where)
		}
		if o.Act == "" {
			add(SevWarning, "transfer_no_act", where)
		}
	}
	checkTransferSources(t, p, add)
}

func checkTransferSources(t kz.TransferData, p Procedures, add addFunc) {
	for i, o := range t.Orders {
		if _, ok := p.Sources[o.Source]; !ok {
			add(SevError, "unknown_source", fmt.Sprintf("transfers.orders[%d]", i), o.Source)
		}
	}
}

// checkProcedures adds what validate (which already ran: structure, enums,
// sources, item references) leaves to a person's judgement.
func checkProcedures(p Procedures, add addFunc) {
	for i, it := range p.Items {
		for j, c := range it.Rules {
			where := fmt.Sprintf("procedures.items[%d] %s rules[%d]", i, it.ID, j)
			checkDates(where, c.EffectiveFrom, c.EffectiveTo, c.DateBasis, add)
			// A clause with the same condition as an earlier one, in force on
			// a common day, is never reached on those days.
			for k := 0; k < j; k++ {
				e := it.Rules[k]
				if sameCond(e.When, c.When) && overlaps(e.EffectiveFrom, e.EffectiveTo, c.EffectiveFrom, c.EffectiveTo) {
					add(SevWarning, "clause_shadowed", where, k)
				}
			}
		}
	}
	for i, ev := range p.Timeline {
		where := fmt.Sprintf("procedures.timeline[%d] %s", i, ev.ID)
		if ev.DateBasis != DatedByCase {
			checkDates(where, ev.EffectiveFrom, ev.EffectiveTo, ev.DateBasis, add)
		}
		if !ev.NotBefore.IsZero() && !ev.EffectiveFrom.IsZero() && ev.EffectiveFrom.Before(ev.NotBefore) {
			add(SevInfo, "not_before_after_start", where, ev.NotBefore.DMY(), ev.EffectiveFrom.DMY())
		}
	}
	for id, src := range p.Sources {
		if !src.Kind.valid() {
			add(SevError, "source_kind", "procedures.sources."+id, string(src.Kind))
		}
		if src.Title == "" {
			add(SevError, "source_title", "procedures.sources."+id)
		}
	}
}

func checkDates(where string, from, to civil.Date, basis DateBasis, add addFunc) {
	switch {
	case from.IsZero() && basis == "":
		add(SevWarning, "date_implicit", where)
	case from.IsZero() && (basis == DatedByAct || basis == DatedByReport):
		add(SevError, "date_basis_without_date", where, string(basis))
	case !from.IsZero() && basis == DateUnknown:
		add(SevWarning, "date_unknown_with_date", where, from.DMY())
	}
	for _, d := range []civil.Date{from, to} {
		if !d.IsZero() && (d.Year() < 1991 || d.Year() > 2100) {
			add(SevWarning, "date_implausible", where, d.DMY())
		}
	}
}

func sameCond(a, b *Cond) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// overlaps reports whether two in-force periods (zero = open end) share a day.
func overlaps(aFrom, aTo, bFrom, bTo civil.Date) bool {
	startsBeforeEnd := func(from, to civil.Date) bool {
		return from.IsZero() || to.IsZero() || !from.After(to)
	}
	return startsBeforeEnd(aFrom, bTo) && startsBeforeEnd(bFrom, aTo)
}
