package schedule

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"dossier/app/civil"
)

// A permit more than ten days past expiry is warned "fine first" only while
// no application is in; a filed one waits for the answer.
func TestLateWarningStopsOnceFiled(t *testing.T) {
	cal := calendar(t)
	for _, c := range []struct {
		state string
		want  []string
	}{
		{"", []string{"schedule.warn.late"}},
		{"draft", []string{"schedule.warn.late"}},
		{"filed", []string{"schedule.warn.filed"}},
		{"approved", nil},
	} {
		p := person{name: "Иванов", trpExpiry: dayOf(d("2026-11-10")), caseState: c.state}
		opts := Options{Today: today, Calendar: cal}
		opts.normalise()
		r := makeRow(&p, p.trpExpiry.date(), ItemTRP, &opts, &memoCalendar{cal: cal, lead: opts.LeadDays, working: map[civil.Date]bool{}})
		assert.Equal(t, c.want, keys(r), "case %q", c.state)
	}
}
