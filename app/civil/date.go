// Package civil provides Date, a calendar day with no time of day and no zone.
//
// Permits, passports and holidays are dated by calendar day. Carrying them as
// time.Time invites off-by-one bugs whenever a zone or a clock sneaks in, so
// the domain uses this small value type instead and converts to time.Time only
// at the edges (Kazakhstan wall-clock times, Excel cells).
package civil

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Date is a day in the proleptic Gregorian calendar. The zero value means
// "no date" (see IsZero) and marshals to JSON null.
type Date struct {
	// t is midnight UTC of the day; keeping a time.Time makes arithmetic exact.
	t time.Time
}

// ErrInvalid is returned (wrapped) for text that is not a real YYYY-MM-DD date.
var ErrInvalid = errors.New("not a valid date")

// New returns the date for the given year, month and day. It does not
// normalise: callers that need validation use Parse.
func New(year int, month time.Month, day int) Date {
	return Date{t: time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// Of returns the calendar day of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return New(y, m, d)
}

// MinYear and MaxYear bound the dates Dossier accepts from people and files.
// Year 1 would collide with the zero Date, which means "no date".
const (
	MinYear = 1800
	MaxYear = 9999
)

// Parse reads an ISO date, YYYY-MM-DD, and rejects impossible days such as
// 2023-02-30 instead of rolling them over, and years outside MinYear..MaxYear.
func Parse(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q: %w (expected YYYY-MM-DD)", s, ErrInvalid)
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil || y < MinYear || y > MaxYear {
		return Date{}, fmt.Errorf("%q: %w (expected YYYY-MM-DD, years %d to %d)", s, ErrInvalid, MinYear, MaxYear)
	}
	return Valid(y, m, d, s)
}

// ParseDMY reads the dd.mm.yyyy form Kazakh documents and clerks use.
func ParseDMY(s string) (Date, error) {
	if len(s) != 10 || s[2] != '.' || s[5] != '.' {
		return Date{}, fmt.Errorf("%q: %w (expected dd.mm.yyyy)", s, ErrInvalid)
	}
	d, err1 := strconv.Atoi(s[0:2])
	m, err2 := strconv.Atoi(s[3:5])
	y, err3 := strconv.Atoi(s[6:10])
	if err1 != nil || err2 != nil || err3 != nil || y < MinYear || y > MaxYear {
		return Date{}, fmt.Errorf("%q: %w (expected dd.mm.yyyy, years %d to %d)", s, ErrInvalid, MinYear, MaxYear)
	}
	return Valid(y, m, d, s)
}

// Valid builds a date from numbers and fails when the day does not exist.
// text is only used in the error message.
func Valid(y, m, d int, text string) (Date, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, fmt.Errorf("%q: %w", text, ErrInvalid)
	}
	dt := New(y, time.Month(m), d)
	if dt.Day() != d || int(dt.Month()) != m {
		return Date{}, fmt.Errorf("%q: %w (no such day)", text, ErrInvalid)
	}
	return dt, nil
}

// MustParse is Parse for constants in tests and tables; it panics on bad input.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) IsZero() bool             { return d.t.IsZero() }
func (d Date) Year() int                { return d.t.Year() }
func (d Date) Month() time.Month        { return d.t.Month() }
func (d Date) Day() int                 { return d.t.Day() }
func (d Date) Weekday() time.Weekday    { return d.t.Weekday() }
func (d Date) YearDay() int             { return d.t.YearDay() }
func (d Date) AddDays(n int) Date       { return Date{t: d.t.AddDate(0, 0, n)} }
func (d Date) AddDate(y, m, n int) Date { return Date{t: d.t.AddDate(y, m, n)} }
func (d Date) Before(o Date) bool       { return d.t.Before(o.t) }
func (d Date) After(o Date) bool        { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool        { return d.t.Equal(o.t) }

// Compare returns -1, 0 or +1 like cmp.Compare.
func (d Date) Compare(o Date) int { return d.t.Compare(o.t) }

// DaysUntil returns the number of calendar days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int {
	// Not via time.Duration: it saturates at about 292 years.
	return int((o.t.Unix() - d.t.Unix()) / 86400)
}

// IsWeekend reports Saturday or Sunday.
func (d Date) IsWeekend() bool {
	wd := d.t.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// In returns the wall-clock time h:m on day d in loc.
func (d Date) In(loc *time.Location, hour, min int) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), hour, min, 0, 0, loc)
}

// Time returns midnight UTC of the day, for APIs that need a time.Time.
func (d Date) Time() time.Time { return d.t }

// String is the ISO form YYYY-MM-DD used in files, flags and JSON; "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// DMY is the dd.mm.yyyy form shown to people.
func (d Date) DMY() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02.01.2006")
}

// AgeOn returns the completed years from birth date d to day on: a person born
// on 29 February turns a year older on 1 March in common years.
func (d Date) AgeOn(on Date) int {
	age := on.Year() - d.Year()
	if on.Month() < d.Month() || (on.Month() == d.Month() && on.Day() < d.Day()) {
		age--
	}
	return age
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date must be a string YYYY-MM-DD: %w", ErrInvalid)
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText and UnmarshalText make Date usable as a map key and in flags.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
