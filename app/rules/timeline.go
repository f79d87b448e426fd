package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/kz"
)

// Event is one dated step of a case.
type Event struct {
	ID string `json:"id"`
	// At is the date (YYYY-MM-DD), or the date and time with Kazakhstan's
	// offset of that day (2023-12-29T12:00:00+06:00) when the time matters.
	At          string     `json:"at"`
	Date        civil.Date `json:"-"`
	Time        time.Time  `json:"-"` // zero unless At has a time
	Title       string     `json:"title"`
	Note        string     `json:"note,omitempty"`
	Source      string     `json:"source"`
	SourceTitle string     `json:"source_title,omitempty"`
	SourceURL   string     `json:"source_url,omitempty"`
	Confidence  Confidence `json:"confidence"`
	// WorkingDay is false when the date falls on a weekend or public holiday.
	WorkingDay bool `json:"working_day"`
	// For a date that is not a working day: the working days around it.
	// Whether a deadline on a day off moves to the next working day is not
	// confirmed for these terms, so the window names both: the one before
	// is the safe one.
	PrevWorkingDay civil.Date `json:"-"`
	NextWorkingDay civil.Date `json:"-"`
	// DaysLeft counts calendar days from "today" (see Timeline.From) to the
	// event; negative once it has passed. Nil until From is called.
	DaysLeft *int `json:"days_left,omitempty"`
}

// Timeline is the dated plan of a case.
type Timeline struct {
	RulesVersion int        `json:"rules_version"`
	Lang         i18n.Lang  `json:"lang"`
	Events       []Event    `json:"events"`
	Problems     []Problem  `json:"problems"`
	FilingDate   civil.Date `json:"filing_date"`
}

// From returns a copy of the timeline with each event's DaysLeft counted
// from today. Kept apart from Timeline so that stays a pure function of the
// case and the rules.
func (tl Timeline) From(today civil.Date) Timeline {
	out := tl
	out.Events = make([]Event, len(tl.Events))
	for i, e := range tl.Events {
		n := today.DaysUntil(e.Date)
		e.DaysLeft = &n
		out.Events[i] = e
	}
	return out
}

// anchors are the case dates timeline events count from.
var anchors = map[string]func(facts) (civil.Date, bool){
	"filing_date":              dateFact("filing_date"),
	"permit_expires":           dateFact("permit_expires"),
	"principal_permit_expires": dateFact("principal_permit_expires"),
	"birth_date":               dateFact("birth_date"),
}

func dateFact(name string) func(facts) (civil.Date, bool) {
	return func(f facts) (civil.Date, bool) {
		v, ok := f.values[name].(civil.Date)
		return v, ok
	}
}

func parseClock(s string) (int, int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, 0, fmt.Errorf("%q is not a time HH:MM", s)
	}
	return hh, mm, nil
}

// Timeline dates the case's steps on the Kazakh working-day calendar, in
// date order.
func (s *Set) Timeline(c Case, lang i18n.Lang) Timeline {
	checklist := s.Checklist(c, lang)
	f := s.factsOf(c)
	for _, it := range checklist.Items {
		f.items[it.ID] = it.Status
	}
	cal := s.Calendar()
	out := Timeline{RulesVersion: s.Version(), Lang: lang, Events: []Event{}, FilingDate: c.FilingDate, Problems: checklist.Problems}
	for _, ev := range s.procedures.Timeline {
		if !ev.When.eval(f) {
			continue
		}
		base, ok := anchors[ev.Anchor](f)
		if !ok {
			continue
		}
		d := base.AddDays(ev.CalendarDays)
		d = cal.AddWorkingDays(d, ev.WorkingDays)
		e := Event{
			ID: ev.ID, Date: d, At: d.String(),
			Title: f.fill(ev.Title.In(lang)), Note: f.fill(ev.Note.In(lang)),
			Source: ev.Source, Confidence: ev.Confidence, WorkingDay: cal.IsWorkingDay(d),
		}
		if !e.WorkingDay {
			e.PrevWorkingDay, e.NextWorkingDay = cal.PrevWorkingDay(d), cal.NextWorkingDay(d)
		}
		if ev.Time != "" {
			hh, mm, _ := parseClock(ev.Time) // validated when the rules were loaded
			e.Time = d.In(kz.Location(), hh, mm)
			e.At = e.Time.Format(time.RFC3339)
		}
		if src, ok := s.Source(ev.Source); ok {
			e.SourceTitle, e.SourceURL = src.Title, src.URL
		}
		out.Events = append(out.Events, e)
	}
	sort.SliceStable(out.Events, func(i, j int) bool {
		a, b := out.Events[i], out.Events[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return false
	})
	return out
}
