package kz

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// The working-day calendar follows the law rather than a typed-in list of days:
//
//   - fixed public holidays (Law "On holidays in the RK", Art. 5);
//   - when such a holiday falls on a Saturday or Sunday, the next working day is
//     a day off; religious days (7 January, Kurban Ait) never move;
//   - Kurban Ait's date is set each year, so it comes as data per year;
//   - the government's (now the labour ministry's) transfer orders swap a
//     weekend day and a weekday for the five-day week, also data per year.
//
// The data lives in the rules file (sections "holidays" and "transfers") so a
// consultant can update it without a new release.

// FixedHoliday is a holiday on the same day every year.
type FixedHoliday struct {
	ID    string     `json:"id"`
	Month time.Month `json:"month"`
	Day   int        `json:"day"`
	Name  i18n.Text  `json:"name"`
	Shift bool       `json:"shift"` // moves to the next working day when on a weekend
	From  int        `json:"from_year,omitempty"`
	To    int        `json:"to_year,omitempty"`
	Src   string     `json:"source"`
	// ToSource is the source for To, when the holiday was abolished or moved
	// by a later act than the one that made it (Constitution Day, 30 August,
	// ends with 2025).
	ToSource string `json:"to_year_source,omitempty"`
	// Confidence is how sure the data is that the day is a holiday at all
	// (official, practice, assumption); empty means official: the Law
	// «О праздниках» itself. A holiday announced but not yet in the law
	// (15 March from 2027) is "practice".
	Confidence string `json:"confidence,omitempty"`
	// ShiftConfidence is how sure the data is of the weekend move; empty
	// means the same as Confidence. The move of a new holiday whose law text
	// was not found is an "assumption".
	ShiftConfidence string `json:"shift_confidence,omitempty"`
}

// sure reports whether a confidence value ("" counts as official) is official.
func sure(confidence string) bool { return confidence == "" || confidence == "official" }

// DatedHoliday is a holiday whose date is set year by year (Kurban Ait).
type DatedHoliday struct {
	ID         string     `json:"id"`
	Date       civil.Date `json:"date"`
	Name       i18n.Text  `json:"name"`
	Shift      bool       `json:"shift"`
	Source     string     `json:"source"`
	Confidence string     `json:"confidence"`
}

// HolidayData is the "holidays" section of the rules.
type HolidayData struct {
	Version int            `json:"version"`
	Fixed   []FixedHoliday `json:"fixed"`
	Dated   []DatedHoliday `json:"dated"`
	// FirstYear..LastYear are the years the data is meant to cover; outside them
	// the calendar still answers, from the fixed rules alone, and says so.
	FirstYear int `json:"first_year"`
	LastYear  int `json:"last_year"`
	// DerivedYears are covered years whose data is derived from the rules, not
	// from published calendars (e.g. next year before the orders are out).
	DerivedYears []int `json:"derived_years"`
}

// Transfer is one day-off transfer order: a weekend day becomes a working day
// and/or a weekday becomes a day off.
type Transfer struct {
	WorkingDay civil.Date `json:"working_day,omitempty"`
	DayOff     civil.Date `json:"day_off,omitempty"`
	Act        string     `json:"act"`
	Source     string     `json:"source"`
	Confidence string     `json:"confidence"`
}

// TransferData is the "transfers" section of the rules.
type TransferData struct {
	Version int        `json:"version"`
	Orders  []Transfer `json:"orders"`
}

// ErrCalendarData is returned (wrapped) for inconsistent calendar data.
var ErrCalendarData = errors.New("invalid calendar data")

// Validate checks the holiday data for mistakes a person editing it could make.
func (h HolidayData) Validate() error {
	if h.FirstYear == 0 || h.LastYear < h.FirstYear {
		return fmt.Errorf("%w: first_year/last_year missing or reversed", ErrCalendarData)
	}
	// The calendar is computed eagerly for the covered years; bound them so a
	// mistyped year cannot make loading take forever.
	if h.FirstYear < 1992 || h.LastYear > 2100 || h.LastYear-h.FirstYear > 30 {
		return fmt.Errorf("%w: first_year..last_year must lie within 1992..2100 and span at most 30 years", ErrCalendarData)
	}
	for i, f := range h.Fixed {
		if f.ID == "" {
			return fmt.Errorf("%w: fixed[%d]: id is missing", ErrCalendarData, i)
		}
		if !validConfidence(f.Confidence) || !validConfidence(f.ShiftConfidence) {
			return fmt.Errorf("%w: fixed[%d] %s: confidence must be official, practice or assumption", ErrCalendarData, i, f.ID)
		}
		if f.From != 0 && f.To != 0 && f.To < f.From {
			return fmt.Errorf("%w: fixed[%d] %s: to_year %d is before from_year %d", ErrCalendarData, i, f.ID, f.To, f.From)
		}
		if _, err := civil.Valid(2024, int(f.Month), f.Day, fmt.Sprintf("%02d-%02d", f.Month, f.Day)); err != nil {
			return fmt.Errorf("%w: fixed[%d] %s: no such day %d.%d", ErrCalendarData, i, f.ID, f.Day, f.Month)
		}
	}
	for i, d := range h.Dated {
		if d.ID == "" || d.Date.IsZero() {
			return fmt.Errorf("%w: dated[%d]: id and date are required", ErrCalendarData, i)
		}
		if !validConfidence(d.Confidence) {
			return fmt.Errorf("%w: dated[%d] %s: confidence must be official, practice or assumption", ErrCalendarData, i, d.ID)
		}
	}
	return nil
}

func validConfidence(c string) bool {
	return c == "" || c == "official" || c == "practice" || c == "assumption"
}

// Validate checks the transfer orders.
func (t TransferData) Validate() error {
	for i, o := range t.Orders {
		if o.WorkingDay.IsZero() && o.DayOff.IsZero() {
			return fmt.Errorf("%w: orders[%d]: neither working_day nor day_off is set", ErrCalendarData, i)
		}
		if !o.WorkingDay.IsZero() && !o.WorkingDay.IsWeekend() {
			return fmt.Errorf("%w: orders[%d]: working_day %s is not a Saturday or Sunday", ErrCalendarData, i, o.WorkingDay)
		}
		if !o.DayOff.IsZero() && o.DayOff.IsWeekend() {
			return fmt.Errorf("%w: orders[%d]: day_off %s is already a weekend day", ErrCalendarData, i, o.DayOff)
		}
	}
	return nil
}

// DayOff explains why a weekday is not worked.
type DayOff struct {
	Date civil.Date
	// Holiday is the ID of the holiday behind the day off.
	Holiday string
	// Reason: "holiday", "shifted" (holiday on a weekend moved here) or "transfer".
	Reason string
}

// Calendar answers working-day questions for the five-day week that
// government bodies and the ЦОН work.
type Calendar struct {
	holidays  HolidayData
	transfers TransferData

	mu    sync.RWMutex
	years map[int]yearDays // computed on first use, then only read
}

type yearDays struct {
	off     map[civil.Date]DayOff // non-working weekdays
	working map[civil.Date]bool   // weekend days made working
}

// NewCalendar derives the calendar from the data.
func NewCalendar(h HolidayData, t TransferData) (*Calendar, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return &Calendar{holidays: h, transfers: t, years: map[int]yearDays{}}, nil
}

// compute applies the holiday law to one year.
func (c *Calendar) compute(year int) yearDays {
	type hol struct {
		date  civil.Date
		id    string
		shift bool
	}
	var hols []hol
	for _, f := range c.holidays.Fixed {
		if (f.From != 0 && year < f.From) || (f.To != 0 && year > f.To) {
			continue
		}
		hols = append(hols, hol{civil.New(year, f.Month, f.Day), f.ID, f.Shift})
	}
	for _, d := range c.holidays.Dated {
		if d.Date.Year() == year {
			hols = append(hols, hol{d.Date, d.ID, d.Shift})
		}
	}
	sort.SliceStable(hols, func(i, j int) bool { return hols[i].date.Before(hols[j].date) })

	yd := yearDays{off: map[civil.Date]DayOff{}, working: map[civil.Date]bool{}}
	isHoliday := map[civil.Date]bool{}
	for _, h := range hols {
		isHoliday[h.date] = true
		if !h.date.IsWeekend() {
			yd.off[h.date] = DayOff{Date: h.date, Holiday: h.id, Reason: "holiday"}
		}
	}
	// A holiday on a weekend gives the next working day off; consecutive
	// weekend holidays (Nauryz on Saturday and Sunday) each take the next free
	// weekday, in date order.
	for _, h := range hols {
		if !h.shift || !h.date.IsWeekend() {
			continue
		}
		d := h.date.AddDays(1)
		for d.IsWeekend() || isHoliday[d] || yd.hasOff(d) {
			d = d.AddDays(1)
		}
		yd.off[d] = DayOff{Date: d, Holiday: h.id, Reason: "shifted"}
	}
	for _, o := range c.transfers.Orders {
		if !o.DayOff.IsZero() && o.DayOff.Year() == year {
			yd.off[o.DayOff] = DayOff{Date: o.DayOff, Reason: "transfer"}
		}
		if !o.WorkingDay.IsZero() && o.WorkingDay.Year() == year {
			yd.working[o.WorkingDay] = true
		}
	}
	return yd
}

func (y yearDays) hasOff(d civil.Date) bool { _, ok := y.off[d]; return ok }

// year returns the computed days of year y, computing them once. Safe for
// concurrent use: the GUI, the schedule and validation share one calendar.
func (c *Calendar) year(y int) yearDays {
	c.mu.RLock()
	yd, ok := c.years[y]
	c.mu.RUnlock()
	if ok {
		return yd
	}
	yd = c.compute(y)
	c.mu.Lock()
	c.years[y] = yd
	c.mu.Unlock()
	return yd
}

// IsWorkingDay reports whether d is a working day of the five-day week.
func (c *Calendar) IsWorkingDay(d civil.Date) bool {
	yd := c.year(d.Year())
	if d.IsWeekend() {
		return yd.working[d]
	}
	return !yd.hasOff(d)
}

// NextWorkingDay returns the first working day strictly after d.
func (c *Calendar) NextWorkingDay(d civil.Date) civil.Date {
	d = d.AddDays(1)
	for !c.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// PrevWorkingDay returns the last working day strictly before d.
func (c *Calendar) PrevWorkingDay(d civil.Date) civil.Date {
	d = d.AddDays(-1)
	for !c.IsWorkingDay(d) {
		d = d.AddDays(-1)
	}
	return d
}

// AddWorkingDays moves n working days from d: forward for n > 0, backward for
// n < 0. For n == 0 it returns d unchanged, working day or not.
func (c *Calendar) AddWorkingDays(d civil.Date, n int) civil.Date {
	for ; n > 0; n-- {
		d = c.NextWorkingDay(d)
	}
	for ; n < 0; n++ {
		d = c.PrevWorkingDay(d)
	}
	return d
}

// WorkingDaysBetween counts the working days after from up to and including
// to; negative when to is before from. It is the inverse of AddWorkingDays:
// AddWorkingDays(from, WorkingDaysBetween(from, to)) is to when to is a working day.
func (c *Calendar) WorkingDaysBetween(from, to civil.Date) int {
	if to.Before(from) {
		return -c.WorkingDaysBetween(to, from)
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// Coverage says how far a year's calendar rests on published data.
type Coverage string

const (
	// Published: a covered year whose holidays and transfer orders are in
	// the data from published calendars.
	Published Coverage = "published"
	// Derived: a covered year computed from the law before its own orders
	// and religious dates are out (next year).
	Derived Coverage = "derived"
	// Outside: a year beyond first_year..last_year. It is computed from the
	// fixed holidays alone; what is missing is listed in the year's notes.
	Outside Coverage = "outside"
)

// Codes of YearNote, each a thing the calendar of a year does not know for sure.
const (
	NoteOutsideData      = "outside_data"       // the year lies outside the rules data
	NoteNoTransferOrders = "no_transfer_orders" // no transfer order of the year is in the data
	NoteNoDatedHolidays  = "no_dated_holidays"  // religious holidays (Kurban Ait) of the year are not in the data
	NoteEstimatedHoliday = "estimated_holiday"  // a religious date that is an estimate, not the DUMK's date
	NotePracticeHoliday  = "practice_holiday"   // a holiday announced but not found in the law text
	NoteAssumedShift     = "assumed_shift"      // a weekend holiday moved to a weekday on Dossier's assumption
)

// YearNote is one reservation about a year's calendar. Notes are data, so the
// command line, the timeline and the window can each show them their way.
type YearNote struct {
	Code string `json:"code"`
	// Holiday and Date name the holiday concerned, where there is one.
	Holiday string     `json:"holiday,omitempty"`
	Date    civil.Date `json:"date,omitempty"`
	// MovedTo is the weekday an assumed_shift holiday moves to.
	MovedTo civil.Date `json:"moved_to,omitempty"`
	// Confidence is the holiday's confidence, where there is one.
	Confidence string `json:"confidence,omitempty"`
	// Message is the note for a person, filled by WithMessages (the
	// calendar itself speaks no language).
	Message string `json:"message,omitempty"`
}

// Warning reports whether the note is serious enough to be shown as a
// warning rather than a remark: the year's days off may well be incomplete.
func (n YearNote) Warning() bool {
	switch n.Code {
	case NoteOutsideData, NoteNoTransferOrders, NoteNoDatedHolidays, NoteEstimatedHoliday:
		return true
	}
	return false
}

// YearInfo is one year's exceptions to the plain Monday–Friday week.
type YearInfo struct {
	Year int `json:"year"`
	// Derived is true when the year's data is not from published calendars:
	// marked derived in the data, or outside the covered years.
	Derived bool `json:"derived"`
	// Coverage tells a published year from a derived one and from one
	// outside the data; Notes say what exactly is not known.
	Coverage Coverage   `json:"coverage"`
	Notes    []YearNote `json:"notes"`
	// DaysOff are the non-working weekdays, sorted.
	DaysOff []civil.Date `json:"days_off"`
	// WorkingWeekends are Saturdays and Sundays made working days, sorted.
	WorkingWeekends []civil.Date `json:"working_weekends"`
	// Details explains each day off, in the same order as DaysOff.
	Details []DayOff `json:"-"`
}

// Year returns the exceptions of year y.
func (c *Calendar) Year(y int) YearInfo {
	yd := c.year(y)
	info := YearInfo{Year: y, Coverage: c.CoverageOf(y), DaysOff: []civil.Date{}, WorkingWeekends: []civil.Date{}}
	info.Derived = info.Coverage != Published
	info.Notes = c.notes(y, yd, info.Coverage)
	for _, off := range yd.off {
		info.Details = append(info.Details, off)
	}
	sort.Slice(info.Details, func(i, j int) bool { return info.Details[i].Date.Before(info.Details[j].Date) })
	for _, off := range info.Details {
		info.DaysOff = append(info.DaysOff, off.Date)
	}
	for d := range yd.working {
		info.WorkingWeekends = append(info.WorkingWeekends, d)
	}
	sort.Slice(info.WorkingWeekends, func(i, j int) bool { return info.WorkingWeekends[i].Before(info.WorkingWeekends[j]) })
	return info
}

// CoverageOf says whether year y is published, derived or outside the data.
func (c *Calendar) CoverageOf(y int) Coverage {
	if !c.Covers(y) {
		return Outside
	}
	for _, dy := range c.holidays.DerivedYears {
		if dy == y {
			return Derived
		}
	}
	return Published
}

// Notes lists what the calendar of year y does not know for sure; empty for
// a published year whose holidays are all in the law.
func (c *Calendar) Notes(y int) []YearNote {
	return c.notes(y, c.year(y), c.CoverageOf(y))
}

func (c *Calendar) notes(y int, yd yearDays, cov Coverage) []YearNote {
	out := []YearNote{}
	if cov == Outside {
		out = append(out, YearNote{Code: NoteOutsideData})
	}
	if cov != Published {
		orders := false
		for _, o := range c.transfers.Orders {
			if o.WorkingDay.Year() == y || o.DayOff.Year() == y {
				orders = true
			}
		}
		if !orders {
			out = append(out, YearNote{Code: NoteNoTransferOrders})
		}
	}
	// Religious holidays come as dates per year: a year without one of the
	// kinds the data knows has a day off missing, not merely unconfirmed.
	kinds, have := []string{}, map[string]bool{}
	for _, d := range c.holidays.Dated {
		if !have[d.ID] {
			kinds = append(kinds, d.ID)
		}
		have[d.ID] = true
	}
	for _, id := range kinds {
		found := false
		for _, d := range c.holidays.Dated {
			if d.ID != id || d.Date.Year() != y {
				continue
			}
			found = true
			if !sure(d.Confidence) {
				out = append(out, YearNote{Code: NoteEstimatedHoliday, Holiday: d.ID, Date: d.Date, Confidence: d.Confidence})
			}
		}
		if !found {
			out = append(out, YearNote{Code: NoteNoDatedHolidays, Holiday: id})
		}
	}
	for _, f := range c.holidays.Fixed {
		if (f.From != 0 && y < f.From) || (f.To != 0 && y > f.To) {
			continue
		}
		date := civil.New(y, f.Month, f.Day)
		if !sure(f.Confidence) {
			out = append(out, YearNote{Code: NotePracticeHoliday, Holiday: f.ID, Date: date, Confidence: f.Confidence})
		}
		shiftConf := f.ShiftConfidence
		if shiftConf == "" {
			shiftConf = f.Confidence
		}
		if f.Shift && date.IsWeekend() && !sure(shiftConf) {
			n := YearNote{Code: NoteAssumedShift, Holiday: f.ID, Date: date, Confidence: shiftConf}
			for _, off := range yd.off {
				if off.Holiday == f.ID && off.Reason == "shifted" {
					n.MovedTo = off.Date
				}
			}
			out = append(out, n)
		}
	}
	return out
}

// Range is the first and last year the data covers.
func (c *Calendar) Range() (first, last int) {
	return c.holidays.FirstYear, c.holidays.LastYear
}

// WithMessages returns info with each note's Message filled in lang.
func (c *Calendar) WithMessages(info YearInfo, lang i18n.Lang) YearInfo {
	notes := make([]YearNote, len(info.Notes))
	for i, n := range info.Notes {
		n.Message = c.NoteMessage(info.Year, n, lang)
		notes[i] = n
	}
	info.Notes = notes
	return info
}

// NoteMessage renders a note for a person in lang.
func (c *Calendar) NoteMessage(y int, n YearNote, lang i18n.Lang) string {
	name := c.HolidayName(n.Holiday, lang)
	key := "kz.calendar.note." + n.Code
	switch n.Code {
	case NoteOutsideData:
		return i18n.T(lang, key, y, c.holidays.FirstYear, c.holidays.LastYear)
	case NoteNoTransferOrders:
		return i18n.T(lang, key, y)
	case NoteNoDatedHolidays:
		return i18n.T(lang, key, name, y)
	case NoteEstimatedHoliday, NotePracticeHoliday:
		return i18n.T(lang, key, name, n.Date.DMY())
	case NoteAssumedShift:
		return i18n.T(lang, key, name, n.Date.DMY(), n.MovedTo.DMY())
	}
	return n.Code
}

// Covers reports whether year y lies within the years the data covers.
func (c *Calendar) Covers(y int) bool {
	return y >= c.holidays.FirstYear && y <= c.holidays.LastYear
}

// HolidayName returns the localised name of a holiday ID, or "" if unknown.
func (c *Calendar) HolidayName(id string, lang i18n.Lang) string {
	for _, f := range c.holidays.Fixed {
		if f.ID == id {
			return f.Name.In(lang)
		}
	}
	for _, d := range c.holidays.Dated {
		if d.ID == id {
			return d.Name.In(lang)
		}
	}
	return ""
}
