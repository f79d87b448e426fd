package rules

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

func TestNameSources(t *testing.T) {
	s, err := Embedded()
	require.NoError(t, err)
	s10, ok := s.Source("S10")
	require.True(t, ok)
	s12, _ := s.Source("S12")
	s52, _ := s.Source("S52") // dated: its date follows the title
	for _, c := range []struct{ in, want string }{
		{"practice (S10) allows", "practice («" + s10.Title + "») allows"},
		{"(practice: S12, S52; the act)", "(practice: «" + s12.Title + "», «" + s52.Title + " (" + s52.Date.DMY() + ")»; the act)"},
		{"S999 is unknown, SS10 and S10x are not IDs", "S999 is unknown, SS10 and S10x are not IDs"},
		{"no source here", "no source here"},
	} {
		assert.Equal(t, c.want, s.NameSources(c.in), c.in)
	}
	assert.Equal(t, "S999", s.SourceName("S999"))
}

// No note a clerk reads (timeline steps, legal clocks) shows a source's
// internal ID, in any language.
func TestNotesCiteSourcesByTitle(t *testing.T) {
	s, err := Embedded()
	require.NoError(t, err)
	id := regexp.MustCompile(`\bS[0-9]+\b`)
	c, err := ParseCase([]byte(seedJSON)) // an extension: its latest filing day cites practice
	require.NoError(t, err)
	for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
		named := false
		for _, ev := range s.Timeline(c, lang).Events {
			assert.NotRegexp(t, id, ev.Note, "%s %s", ev.ID, lang)
			named = named || ev.ID == "latest_filing" && assert.Contains(t, ev.Note, "«fbrk.kz")
		}
		assert.True(t, named, "the latest filing day's note names its source (%s)", lang)
		for _, c := range s.procedures.Clocks {
			assert.NotRegexp(t, id, s.NameSources(c.Note.In(lang)), "%s %s", c.ID, lang)
		}
	}
}

func TestSourceLabel(t *testing.T) {
	d := civil.MustParse("2022-07-28")
	for _, c := range []struct {
		title string
		date  civil.Date
		want  string
	}{
		{"PwC: ESUTD within 5 working days", d, "PwC: ESUTD within 5 working days (28.07.2022)"},
		{"Order of 28.07.2022 No. 1", d, "Order of 28.07.2022 No. 1"}, // the title says it already
		{"gov.kz: a service page", civil.Date{}, "gov.kz: a service page"},
		{"", d, "S29"},
	} {
		assert.Equal(t, c.want, SourceLabel("S29", c.title, c.date), c.title)
	}
	s, err := Embedded()
	require.NoError(t, err)
	s29, ok := s.Source("S29")
	require.True(t, ok)
	require.False(t, s29.Date.IsZero(), "S29 is dated in the rules")
	assert.Contains(t, s.SourceName("S29"), s29.Date.DMY())
}
