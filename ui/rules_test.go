package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/ui/uikit"
)

func joined(u *ui) string {
	var s string
	u.locked(func() { s = strings.Join(texts(u.settingsScreen()), "\n") })
	return s
}

// The settings screen says which rules are in force; a newer file loaded from
// the window is checked, installed in the workspace and put in force; a file
// with errors leaves the rules as they were.
func TestRulesPanelAndLoadingAFile(t *testing.T) {
	u, _ := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	u.setLanguage(i18n.EN)
	before := u.rules.Version()
	assert.Contains(t, joined(u), fmt.Sprintf("Rules version %d are in force.", before))
	assert.Contains(t, joined(u), "Holidays: version 2026120701, built into the program")

	var got error
	wait(t, func(done func()) {
		u.locked(func() {
			u.installRules("../app/rules/testdata/rulescheck/bad_mixed.json", func(err error) { got = err; done() })
		})
	})
	require.Error(t, got)
	assert.Equal(t, before, u.rules.Version(), "a file with errors changes nothing")
	assert.NoFileExists(t, filepath.Join(u.ws.Dir(), rules.WorkspaceFile))

	wait(t, func(done func()) {
		u.locked(func() {
			u.installRules("../app/rules/testdata/rulescheck/good_transfer.json", func(err error) { got = err; done() })
		})
	})
	require.NoError(t, got)
	assert.Equal(t, 2027010101, u.rules.Version())
	assert.FileExists(t, filepath.Join(u.ws.Dir(), rules.WorkspaceFile))
	assert.Contains(t, joined(u), "Day-off transfers: version 2027010101, from the workspace's rules.json")

	// The file stays with the workspace: opening it again puts it in force.
	u.rules, _ = rules.Embedded()
	u.locked(u.useWorkspaceRules)
	assert.Equal(t, 2027010101, u.rules.Version())

	// A broken file in the workspace: the built-in rules, and the user is told.
	require.NoError(t, os.WriteFile(filepath.Join(u.ws.Dir(), rules.WorkspaceFile), []byte("{"), 0o600))
	u.locked(u.useWorkspaceRules)
	assert.Equal(t, before, u.rules.Version())
}

// A timeline in a year outside the rules data carries the warning line (D3).
func TestTimelineCalendarWarning(t *testing.T) {
	set, err := rules.Embedded()
	require.NoError(t, err)
	c := rules.Case{Schema: 1, Purpose: "work", Kind: "extension", Channel: "online",
		FilingDate: civil.MustParse("2028-05-04"),
		Applicant:  rules.Applicant{Citizenship: "RU", BirthDate: civil.MustParse("1985-04-12"), PermitExpires: civil.MustParse("2028-05-20")},
		Employer:   rules.Employer{Name: "X"}, Housing: rules.Housing{Owners: 1}}
	w := uikit.CalendarWarning(set.Timeline(c, i18n.RU))
	require.NotNil(t, w)
	assert.Contains(t, strings.Join(texts(w), "\n"), "⚠ ВНИМАНИЕ: 2028 год вне данных правил")
	c.FilingDate, c.Applicant.PermitExpires = civil.MustParse("2026-05-04"), civil.MustParse("2026-05-20")
	assert.Nil(t, uikit.CalendarWarning(set.Timeline(c, i18n.RU)))
}
