package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const seedCase = "testdata/seed_case.json"

type checklistOut struct {
	RulesVersion int `json:"rules_version"`
	Items        []struct {
		ID           string `json:"id"`
		Kind         string `json:"kind"`
		Status       string `json:"status"`
		Title        string `json:"title"`
		Reason       string `json:"reason"`
		Source       string `json:"source"`
		Confidence   string `json:"confidence"`
		Alternatives []struct {
			ID string `json:"id"`
		} `json:"alternatives"`
	} `json:"items"`
}

func (c checklistOut) status() map[string]string {
	m := map[string]string{}
	for _, it := range c.Items {
		m[it.ID] = it.Status
	}
	return m
}

// writeCase writes a variant of the seed case with replacements applied.
func writeCase(t *testing.T, replace ...string) string {
	t.Helper()
	data, err := os.ReadFile(seedCase)
	require.NoError(t, err)
	s := string(data)
	for i := 0; i+1 < len(replace); i += 2 {
		require.Contains(t, s, replace[i])
		s = strings.Replace(s, replace[i], replace[i+1], 1)
	}
	path := filepath.Join(t.TempDir(), "кейс с пробелами.json")
	require.NoError(t, os.WriteFile(path, []byte(s), 0o600))
	return path
}

// The acceptance case, end to end through the command line.
func TestSeedCaseThroughCLI(t *testing.T) {
	out, errOut, code := run(t, "checklist", "--json", seedCase)
	require.Equal(t, 0, code, errOut)
	var cl checklistOut
	require.NoError(t, json.Unmarshal([]byte(out), &cl))
	assert.NotZero(t, cl.RulesVersion)
	st := cl.status()
	for _, id := range []string{"passport", "application_letter", "employment_contract", "enbek_confirmation",
		"current_trp", "company_rka", "residence_rka", "owner_approval"} {
		assert.Equal(t, "required", st[id], id)
	}
	for _, id := range []string{"owner_consent", "health_insurance", "fingerprint_certificate"} {
		assert.Equal(t, "not_applicable", st[id], id)
	}
	for _, it := range cl.Items {
		if it.ID == "owner_approval" {
			assert.Equal(t, "action", it.Kind)
		}
		assert.NotEmpty(t, it.Title)
	}

	out, errOut, code = run(t, "timeline", seedCase, "--json")
	require.Equal(t, 0, code, errOut)
	var tl struct {
		Events []struct{ ID, At string } `json:"events"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &tl))
	at := map[string]string{}
	for _, e := range tl.Events {
		at[e.ID] = e.At
	}
	assert.Equal(t, "2023-12-29T12:00:00+06:00", at["owners_approval"])
	assert.Equal(t, "2024-01-03", at["expected_answer"])

	paper := writeCase(t, `"channel": "online"`, `"channel": "paper"`)
	out, _, code = run(t, "--json", "checklist", paper)
	require.Equal(t, 0, code)
	cl = checklistOut{}
	require.NoError(t, json.Unmarshal([]byte(out), &cl))
	assert.Equal(t, "required", cl.status()["owner_consent"], "on paper the notarized consent is required")

	in2025 := writeCase(t, `"filing_date": "2023-12-29"`, `"filing_date": "2025-02-03"`,
		`"permit_expires": "2024-01-03"`, `"permit_expires": "2025-02-10"`)
	out, _, code = run(t, "checklist", in2025, "--json=true")
	require.Equal(t, 0, code)
	cl = checklistOut{}
	require.NoError(t, json.Unmarshal([]byte(out), &cl))
	assert.Equal(t, "required", cl.status()["fingerprint_certificate"], "filed in 2025 the certificate is required")
}

func TestCaseCLIErrors(t *testing.T) {
	bad := writeCase(t, `"citizenship": "RU"`, `"citizenship": "ZZ", "hobby": "chess"`, `"birth_date": "1985-04-12"`, `"birth_date": "1985-02-30"`)
	_, errOut, code := run(t, "checklist", bad, "--lang", "en")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "applicant.citizenship")
	assert.Contains(t, errOut, "applicant.hobby")
	assert.Contains(t, errOut, "applicant.birth_date")
	assert.Equal(t, 4, strings.Count(errOut, "\n"), "one line per problem plus the heading: %s", errOut)

	_, errOut, code = run(t, "checklist", filepath.Join(t.TempDir(), "nope.json"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "nope.json")

	_, _, code = run(t, "checklist")
	assert.Equal(t, 2, code)
	_, _, code = run(t, "checklist", seedCase, seedCase)
	assert.Equal(t, 2, code)

	late := writeCase(t, `"filing_date": "2023-12-29"`, `"filing_date": "2024-01-20"`)
	out, _, code := run(t, "timeline", late)
	assert.Equal(t, 1, code, "a filing past the legal deadline is a problem")
	assert.Contains(t, out, "ОШИБКА")
}

func TestFlagConventions(t *testing.T) {
	want, _, code := run(t, "checklist", "--json", "--lang", "kk", seedCase)
	require.Equal(t, 0, code)
	for _, args := range [][]string{
		{"--lang=kk", "checklist", seedCase, "--json"},
		{"checklist", seedCase, "--lang", "kk", "--json"},
		{"--json", "--lang", "kk", "checklist", "--", seedCase},
		{"checklist", "-json", "-lang=kk", seedCase},
	} {
		got, errOut, code := run(t, args...)
		assert.Equal(t, 0, code, "%v: %s", args, errOut)
		assert.Equal(t, want, got, "%v", args)
	}
	_, errOut, code := run(t, "checklist", "--bogus", seedCase)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--bogus")
	_, errOut, code = run(t, "checklist", seedCase, "--lang")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--lang")
	_, _, code = run(t, "checklist", seedCase, "--lang", "de")
	assert.Equal(t, 2, code)
	_, _, code = run(t, "checklist", seedCase, "--today", "2024-02-30")
	assert.Equal(t, 2, code)
	_, errOut, code = run(t, "frobnicate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "frobnicate")
	_, _, code = run(t)
	assert.Equal(t, 2, code)
}

func TestCalendarCLI(t *testing.T) {
	out, errOut, code := run(t, "calendar", "2025", "--json")
	require.Equal(t, 0, code, errOut)
	var info struct {
		Year            int      `json:"year"`
		Derived         bool     `json:"derived"`
		DaysOff         []string `json:"days_off"`
		WorkingWeekends []string `json:"working_weekends"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &info))
	assert.Equal(t, 2025, info.Year)
	assert.False(t, info.Derived)
	assert.Equal(t, []string{"2025-01-05"}, info.WorkingWeekends)
	assert.Contains(t, info.DaysOff, "2025-01-03")
	assert.Len(t, info.DaysOff, 16)

	out, _, code = run(t, "calendar", "2027", "--json")
	require.Equal(t, 0, code)
	assert.Contains(t, out, `"derived": true`)

	out, _, code = run(t, "calendar", "2026", "--lang", "en")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "moved off a weekend: Nauryz")

	_, _, code = run(t, "calendar", "twenty")
	assert.Equal(t, 2, code)
}

func TestRulesOverrideFlag(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "rules.json")
	require.NoError(t, os.WriteFile(good, []byte(`{"format":1,"transfers":{"version":99999999999,"orders":[
		{"working_day":"2026-06-13","day_off":"2026-06-12","act":"test","source":"S40","confidence":"official"}]}}`), 0o600))
	out, errOut, code := run(t, "calendar", "2026", "--json", "--rules", good)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "2026-06-12")
	assert.Contains(t, errOut, "replaces")

	broken := filepath.Join(dir, "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte("{\"format\":1,\n\"transfers\": {\"version\": 5,,}}"), 0o600))
	out, errOut, code = run(t, "calendar", "2026", "--json", "--rules", broken, "--lang", "en")
	assert.Equal(t, 0, code, "the embedded rules stay in force")
	assert.Contains(t, errOut, "line 2")
	assert.Contains(t, errOut, "embedded rules stay in force")
	assert.NotContains(t, out, "2026-06-12")
}

func TestHelpAndVersion(t *testing.T) {
	out, _, code := run(t, "help")
	require.Equal(t, 0, code)
	for _, cmd := range []string{"checklist", "timeline", "calendar", "version"} {
		assert.Contains(t, out, cmd)
	}
	out, _, code = run(t, "help", "checklist", "--lang", "en")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "CASE.json")
	out, _, code = run(t, "timeline", "--help")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "dossier timeline")
	_, _, code = run(t, "--help")
	assert.Equal(t, 0, code)

	out, _, code = run(t, "version", "--json")
	require.Equal(t, 0, code)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	assert.Contains(t, v, "version")
	assert.Contains(t, v, "commit")
	assert.NotZero(t, v["rules_version"])
	out, _, code = run(t, "--version")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Dossier")
}

func TestEveryCommandTranslated(t *testing.T) {
	for _, c := range commands() {
		for _, lang := range []string{"ru", "kk", "en"} {
			out, _, code := run(t, "help", c.Name, "--lang", lang)
			require.Equal(t, 0, code)
			assert.NotContains(t, out, "[cli.", "%s %s", c.Name, lang)
		}
	}
}

func TestTimelineToday(t *testing.T) {
	out, _, code := run(t, "timeline", seedCase, "--today", "2023-12-27", "--lang", "en")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "(in 2 days)")
	out, _, code = run(t, "timeline", seedCase, "--today=2024-01-03", "--lang", "ru")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "(прошло)")
	assert.Contains(t, out, "(сегодня)")
	out, _, code = run(t, "timeline", seedCase, "--today", "2023-12-28", "--json")
	require.Equal(t, 0, code)
	assert.Contains(t, out, `"days_left": 1`)
}

// The checklist and the timeline cite sources by title, never by the rules'
// internal IDs ("S10"), in every language.
func TestSourcesByTitleInTheCLI(t *testing.T) {
	for _, cmd := range []string{"checklist", "timeline"} {
		for _, lang := range []string{"ru", "kk", "en"} {
			out, _, code := run(t, cmd, seedCase, "--lang", lang)
			require.Equal(t, 0, code, cmd)
			assert.NotRegexp(t, `\bS[0-9]+\b`, out, "%s --lang %s", cmd, lang)
			assert.Contains(t, out, "dos-immigration.kz", "%s --lang %s", cmd, lang)
		}
	}
}
