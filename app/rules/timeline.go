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
	SourceDate  civil.Date `json:"source_date,omitzero"` // zero: the source shows no date
	Confidence  Confidence `json:"confidence"`
	// EffectiveFrom/EffectiveTo and DateBasis are the step's rule dates;
	// DateNote says so in words when they are not an act's (see DateBasis).
	EffectiveFrom civil.Date `json:"effective_from"`
	EffectiveTo   civil.Date `json:"effective_to"`
	DateBasis     DateBasis  `json:"date_basis"`
	DateNote      string     `json:"date_note,omitempty"`
	// Moved is true when the step was moved to its rule's not_before day.
	Moved bool `json:"moved,omitempty"`
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
	// Calendar lists each year the case's dates fall in whose calendar is
	// not fully published (derived, or outside the rules data), with what is
	// unknown, so a screen can show the reservation beside the dates.
	Calendar []CalendarYear `json:"calendar"`
}

// CalendarYear is the reservation about one year of the working-day
// calendar, with the notes already in the timeline's language.
type CalendarYear struct {
	Year     int           `json:"year"`
	Coverage kz.Coverage   `json:"coverage"`
	Notes    []kz.YearNote `json:"notes"`
}

// Warnings are the notes' texts, for a screen that shows them as lines.
func (cy CalendarYear) Warnings() []string {
	out := make([]string, 0, len(cy.Notes))
	for _, n := range cy.Notes {
		out = append(out, n.Message)
	}
	return out
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
	"sixteenth_birthday":       dateFact("sixteenth_birthday"),
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
	out := Timeline{RulesVersion: s.Version(), Lang: lang, Events: []Event{}, FilingDate: c.FilingDate,
		Problems: checklist.Problems, Calendar: []CalendarYear{}}
	for _, ev := range s.procedures.Timeline {
		if !ev.inForce(c.FilingDate) || !ev.When.eval(f) {
			continue
		}
		base, ok := anchors[ev.Anchor](f)
		if !ok {
			continue
		}
		d := base.AddDays(ev.CalendarDays)
		d = cal.AddWorkingDays(d, ev.WorkingDays)
		e := Event{
			ID: ev.ID, Date: d,
			Title: f.fill(ev.Title.In(lang)), Note: s.NameSources(f.fill(ev.Note.In(lang))),
			Source: ev.Source, Confidence: ev.Confidence,
			EffectiveFrom: ev.EffectiveFrom, EffectiveTo: ev.EffectiveTo,
			DateBasis: basisOf(ev.DateBasis, ev.EffectiveFrom),
		}
		e.DateNote = dateNote(e.DateBasis, e.EffectiveFrom, lang)
		if !ev.NotBefore.IsZero() && d.Before(ev.NotBefore) {
			// The step cannot happen before its regime began (fingerprinting
			// before 01.01.2024, D7): move it and say what that means.
			e.Date, e.Moved = ev.NotBefore, true
			if !cal.IsWorkingDay(e.Date) {
				e.Date = cal.NextWorkingDay(e.Date)
			}
			out.Problems = append(out.Problems, movedProblem(e, ev, c.FilingDate, lang))
		}
		e.At, e.WorkingDay = e.Date.String(), cal.IsWorkingDay(e.Date)
		if !e.WorkingDay {
			e.PrevWorkingDay, e.NextWorkingDay = cal.PrevWorkingDay(e.Date), cal.NextWorkingDay(e.Date)
		}
		if ev.Time != "" {
			hh, mm, _ := parseClock(ev.Time) // validated when the rules were loaded
			e.Time = e.Date.In(kz.Location(), hh, mm)
			e.At = e.Time.Format(time.RFC3339)
		}
		if src, ok := s.Source(ev.Source); ok {
			e.SourceTitle, e.SourceURL, e.SourceDate = src.Title, src.URL, src.Date
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
	out.Calendar = s.calendarYears(c.FilingDate, out.Events, lang)
	for _, cy := range out.Calendar {
		if cy.Year != c.FilingDate.Year() { // the filing year is reviewed already
			out.Problems = append(out.Problems, calendarProblem(cy, lang))
		}
	}
	return out
}

// movedProblem explains a step moved to its rule's first possible day. When
// the step had to come before filing and now cannot, it is a conflict the
// clerk must resolve (move the filing); otherwise only a remark.
func movedProblem(e Event, ev EventRule, filing civil.Date, lang i18n.Lang) Problem {
	precedesFiling := ev.Anchor == "filing_date" && (ev.CalendarDays < 0 || ev.WorkingDays < 0)
	if precedesFiling && !e.Date.Before(filing) {
		return Problem{Code: "step_before_regime", Severity: SevWarning,
			Message: i18n.T(lang, "rules.problem.step_before_regime", e.Title, ev.NotBefore.DMY(), e.Date.DMY(), filing.DMY())}
	}
	return Problem{Code: "step_moved", Severity: SevInfo,
		Message: i18n.T(lang, "rules.problem.step_moved", e.Title, ev.NotBefore.DMY(), e.Date.DMY())}
}

// calendarYears collects the years of the filing and of every step whose
// calendar is not fully published, with what is unknown about each.
func (s *Set) calendarYears(filing civil.Date, events []Event, lang i18n.Lang) []CalendarYear {
	cal := s.Calendar()
	years := map[int]bool{}
	if !filing.IsZero() {
		years[filing.Year()] = true
	}
	for _, e := range events {
		years[e.Date.Year()] = true
	}
	var list []int
	for y := range years {
		list = append(list, y)
	}
	sort.Ints(list)
	out := []CalendarYear{}
	for _, y := range list {
		info := cal.Year(y)
		if info.Coverage == kz.Published {
			continue
		}
		info = cal.WithMessages(info, lang)
		out = append(out, CalendarYear{Year: y, Coverage: info.Coverage, Notes: info.Notes})
	}
	return out
}

// calendarProblem turns a year's reservation into a warning: outside the
// data it is loud (days off may be missing), a derived year is a warning too
// because its orders and religious dates are not out.
func calendarProblem(cy CalendarYear, lang i18n.Lang) Problem {
	code := "calendar_derived"
	if cy.Coverage == kz.Outside {
		code = "calendar_outside"
	}
	return Problem{Code: code, Severity: SevWarning,
		Message: i18n.T(lang, "rules.problem."+code, cy.Year, strings.Join(cy.Warnings(), " "))}
}

// dateNote is what the clerk reads about a rule's date when it is not an
// act's: a reported date, or none known.
func dateNote(b DateBasis, from civil.Date, lang i18n.Lang) string {
	switch b {
	case DatedByReport:
		return i18n.T(lang, "rules.date.reported", from.DMY())
	case DateUnknown:
		return i18n.T(lang, "rules.date.unknown")
	}
	return ""
}
