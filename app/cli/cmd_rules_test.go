package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The acceptance of issue 15 for the calendar command, each line checked
// against its source: D1 (taspanews.kz 18.03.2026), D2 (echofm.online
// 16.03.2026; Kurban Ait 2027 and 2027 transfer orders not published), D3
// (years outside first_year..last_year warn).
func TestCalendarCLIIssue15(t *testing.T) {
	cases := []struct {
		year        string
		has, hasNot []string
	}{
		{"2026", nil, []string{"31.08.2026", "!"}},
		{"2027", []string{"15.03.2027", "! Приказы о переносе дней отдыха на 2027 год не опубликованы", "Курбан айт", "не опубликована"},
			[]string{"30.08.2027"}},
		{"2028", []string{"! ВНИМАНИЕ: 2028 год вне данных правил", "Курбан айт (первый день) в 2028 году"}, nil},
		{"2022", []string{"! ВНИМАНИЕ: 2022 год вне данных правил", "07.03.2022", "29.08.2022", "05.03.2022", "27.08.2022"}, nil},
	}
	for _, c := range cases {
		out, errOut, code := run(t, "calendar", c.year)
		require.Equal(t, 0, code, errOut)
		for _, s := range c.has {
			assert.Contains(t, out, s, c.year)
		}
		for _, s := range c.hasNot {
			assert.NotContains(t, out, s, c.year)
		}
	}
	out, _, code := run(t, "calendar", "2028", "--json")
	require.Equal(t, 0, code)
	var info struct {
		Coverage string `json:"coverage"`
		Notes    []struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"notes"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &info))
	assert.Equal(t, "outside", info.Coverage)
	require.NotEmpty(t, info.Notes)
	assert.Equal(t, "outside_data", info.Notes[0].Code)
	assert.NotEmpty(t, info.Notes[0].Message)
}

func TestRulesCheckCLI(t *testing.T) {
	dir := "../rules/testdata/rulescheck/"
	cases := []struct {
		file     string
		code     int
		contains []string
	}{
		{dir + "good_transfer.json", 0, []string{"would replace the built-in", "added: day-off transfer: 09.01.2027 → 08.01.2027", "The file is usable."}},
		{dir + "bad_mixed.json", 1, []string{"both fall on 01.01", `source "nowhere"`, "already set by orders[3]",
			"would be ignored", "never reached", "The file has errors"}},
		{dir + "bad_syntax.json", 1, []string{"line 4, column 15"}},
		{"../../assets/rules/rules.json", 0, []string{"not higher than the built-in"}},
	}
	for _, c := range cases {
		out, errOut, code := run(t, "rules", "check", c.file, "--lang", "en")
		assert.Equal(t, c.code, code, "%s: %s%s", c.file, out, errOut)
		for _, s := range c.contains {
			assert.Contains(t, out, s, c.file)
		}
	}
	_, _, code := run(t, "rules", "check", dir+"missing.json")
	assert.Equal(t, 2, code, "an unreadable file is an input error")
	_, _, code = run(t, "rules", "frob")
	assert.Equal(t, 2, code)
	_, _, code = run(t, "rules")
	assert.Equal(t, 2, code)

	out, _, code := run(t, "rules", "check", dir+"bad_mixed.json", "--json")
	assert.Equal(t, 1, code)
	var rep struct {
		Valid    bool `json:"valid"`
		Findings []struct {
			Severity, Code, Where, Message string
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.False(t, rep.Valid)
	var codes []string
	for _, f := range rep.Findings {
		codes = append(codes, f.Code)
		assert.NotEmpty(t, f.Message)
	}
	assert.Subset(t, codes, []string{"holiday_overlap", "unknown_source", "transfer_overlap", "version_not_higher", "clause_shadowed"})
}

func TestRulesChangesCLI(t *testing.T) {
	out, errOut, code := run(t, "rules", "changes", "--lang", "en")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `2026112501 → 20261207\d\d`, out)
	assert.Contains(t, out, "added: holiday: Constitution Day (15.03, 2027–)")
	out, _, code = run(t, "rules", "changes", "--rules", "../rules/testdata/rulescheck/good_transfer.json", "--lang", "en")
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Equal(t, "  • added: day-off transfer: 09.01.2027 → 08.01.2027", lines[len(lines)-1])
}
