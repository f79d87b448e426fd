package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idJSON is the union of the iin and bin JSON documents.
type idJSON struct {
	Number     string        `json:"number"`
	Valid      bool          `json:"valid"`
	BirthDate  *string       `json:"birth_date"`
	Sex        *string       `json:"sex"`
	Century    *int          `json:"century"`
	Registered *string       `json:"registered"`
	EntityType *string       `json:"entity_type"`
	Division   *string       `json:"division"`
	Errors     []problemJSON `json:"errors"`
	Warnings   []problemJSON `json:"warnings"`
}

type problemJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func decodeID(t *testing.T, out string) idJSON {
	t.Helper()
	var v idJSON
	require.NoError(t, json.Unmarshal([]byte(out), &v), out)
	// errors and warnings are always arrays, never null or missing.
	var keys map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &keys))
	assert.Equal(t, "[", string(keys["errors"][:1]), out)
	assert.Equal(t, "[", string(keys["warnings"][:1]), out)
	return v
}

func codesOf(ps []problemJSON) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

func TestIINCommandJSON(t *testing.T) {
	out, errOut, code := run(t, "iin", "--json", "--today", "2026-11-25", "790303402568")
	require.Equal(t, ExitOK, code, errOut)
	assert.Empty(t, errOut)
	v := decodeID(t, out)
	assert.Equal(t, "790303402568", v.Number)
	assert.True(t, v.Valid)
	require.NotNil(t, v.BirthDate)
	assert.Equal(t, "1979-03-03", *v.BirthDate)
	require.NotNil(t, v.Sex)
	assert.Equal(t, "female", *v.Sex)
	require.NotNil(t, v.Century)
	assert.Equal(t, 1900, *v.Century, "first year of the hundred years of birth")
	assert.Nil(t, v.Registered, "no BIN fields in an IIN result")
	assert.Empty(t, v.Errors)
	assert.Empty(t, v.Warnings)

	// Flags after the argument, --x=v forms, separators inside the number.
	out2, errOut, code := run(t, "iin", "0612 1160-0012", "--json", "--today=2026-11-25", "--lang=en")
	require.Equal(t, ExitOK, code, errOut)
	v = decodeID(t, out2)
	assert.Equal(t, "061211600012", v.Number)
	assert.Equal(t, "2006-12-11", *v.BirthDate)
	assert.Equal(t, "female", *v.Sex, "digit 7 is 6: a woman born in the 2000s")
}

func TestIINCommandInvalid(t *testing.T) {
	out, errOut, code := run(t, "iin", "790303402569", "--json", "--lang", "en")
	assert.Equal(t, ExitProblems, code)
	assert.Empty(t, errOut, "the JSON already says what is wrong")
	v := decodeID(t, out)
	assert.False(t, v.Valid)
	assert.Equal(t, []string{"checksum"}, codesOf(v.Errors))
	assert.Contains(t, v.Errors[0].Message, "should be 8", "the expected check digit is told")
	assert.Nil(t, v.BirthDate, "nothing is read from an invalid number")

	// --lang kk in JSON: codes stay, messages are Kazakh.
	out, _, code = run(t, "iin", "790303402569", "--json", "--lang", "kk")
	assert.Equal(t, ExitProblems, code)
	v = decodeID(t, out)
	require.Len(t, v.Errors, 1)
	assert.Equal(t, "checksum", v.Errors[0].Code)
	assert.Contains(t, v.Errors[0].Message, "8 болуы керек")

	for _, bad := range []string{"79030340256", "7903034025681", "79030340256X", "   "} {
		out, _, code := run(t, "iin", "--json", bad)
		assert.Equal(t, ExitProblems, code, bad)
		v := decodeID(t, out)
		assert.False(t, v.Valid, bad)
		assert.Len(t, v.Errors, 1, bad)
	}
}

func TestIINCommandWarningsKeepExitZero(t *testing.T) {
	// A birth date after --today is a warning: the check digit is right.
	out, errOut, code := run(t, "iin", "--json", "--today", "2006-12-10", "061211600012")
	require.Equal(t, ExitOK, code, errOut)
	v := decodeID(t, out)
	assert.True(t, v.Valid)
	assert.Equal(t, []string{"birth_date_future"}, codesOf(v.Warnings))

	// The same number is fine the next day.
	out, _, code = run(t, "iin", "--json", "--today", "2006-12-11", "061211600012")
	require.Equal(t, ExitOK, code)
	assert.Empty(t, decodeID(t, out).Warnings)
}

func TestIINGivenABIN(t *testing.T) {
	out, _, code := run(t, "iin", "940140000385", "--lang", "en")
	assert.Equal(t, ExitOK, code, "the check digit is right, so it is only a warning")
	assert.Contains(t, out, "looks like a company's BIN")
	assert.Contains(t, out, "dossier bin 940140000385")

	out, _, code = run(t, "bin", "790303402568", "--lang", "en")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, out, "looks like a person's IIN")
	assert.Contains(t, out, "dossier iin 790303402568")

	out, _, _ = run(t, "iin", "--json", "940140000385")
	assert.Equal(t, []string{"looks_like_bin"}, codesOf(decodeID(t, out).Warnings))
}

func TestBINCommandJSON(t *testing.T) {
	cases := []struct {
		number, registered, entity, division string
	}{
		{"940140000385", "1994-01", "resident_legal_entity", "head"},
		{"990140004654", "1999-01", "resident_legal_entity", "head"},
	}
	for _, c := range cases {
		out, errOut, code := run(t, "bin", c.number, "--json", "--today=2026-11-25")
		require.Equal(t, ExitOK, code, errOut)
		v := decodeID(t, out)
		assert.True(t, v.Valid)
		assert.Equal(t, c.number, v.Number)
		require.NotNil(t, v.Registered, out)
		assert.Equal(t, c.registered, *v.Registered)
		assert.Equal(t, c.entity, *v.EntityType)
		assert.Equal(t, c.division, *v.Division)
		assert.Nil(t, v.BirthDate, "no IIN fields in a BIN result")
		assert.Empty(t, v.Warnings)
	}
	out, _, code := run(t, "bin", "--json", "940140000386")
	assert.Equal(t, ExitProblems, code)
	v := decodeID(t, out)
	assert.False(t, v.Valid)
	assert.Equal(t, []string{"checksum"}, codesOf(v.Errors))
}

func TestIINHumanOutputInEachLanguage(t *testing.T) {
	cases := []struct {
		lang string
		want []string
	}{
		{"ru", []string{"ИИН 790303402568 — верный", "Дата рождения: 03.03.1979", "Пол: женский", "1900–1999"}},
		{"kk", []string{"ЖСН 790303402568 — дұрыс", "Туған күні: 03.03.1979", "Жынысы: әйел", "1900–1999"}},
		{"en", []string{"IIN 790303402568 is valid", "Birth date: 03.03.1979", "Sex: female", "1900–1999"}},
	}
	for _, c := range cases {
		out, errOut, code := run(t, "iin", "--lang", c.lang, "790303402568")
		require.Equal(t, ExitOK, code, errOut)
		for _, w := range c.want {
			assert.Contains(t, out, w, c.lang)
		}
		assert.NotContains(t, out, "[", "no missing catalogue key in %s", c.lang)
	}
	out, _, code := run(t, "iin", "--lang", "kk", "790303402569")
	assert.Equal(t, ExitProblems, code)
	assert.Contains(t, out, "ЖСН 790303402569 — ҚАТЕ")
	assert.Contains(t, out, "Қателер:")
	assert.Contains(t, out, "8 болуы керек", "the expected check digit, in Kazakh")
	assert.NotContains(t, out, "[")
}

func TestBINHumanOutput(t *testing.T) {
	out, errOut, code := run(t, "bin", "9901 4000 4654", "--lang", "ru")
	require.Equal(t, ExitOK, code, errOut)
	for _, w := range []string{"БИН 990140004654 — верный", "Месяц регистрации: 01.1999", "юридическое лицо-резидент", "Подразделение: головное"} {
		assert.Contains(t, out, w)
	}
	out, _, _ = run(t, "bin", "990140004654", "--lang", "en")
	for _, w := range []string{"BIN 990140004654 is valid", "Registered in: 01.1999", "Entity type: resident legal entity", "Division: head unit"} {
		assert.Contains(t, out, w)
	}
}

func TestIINUsageErrors(t *testing.T) {
	for _, name := range []string{"iin", "bin"} {
		out, errOut, code := run(t, name)
		assert.Equal(t, ExitUsage, code, name)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "dossier help "+name)

		out, errOut, code = run(t, name, "--lang", "en", "7903", "0340", "2568")
		assert.Equal(t, ExitUsage, code, name)
		assert.Empty(t, out)
		assert.Contains(t, errOut, `"7903 0340 2568"`, "shows how to quote the number")
		assert.Contains(t, errOut, "3 arguments")

		_, _, code = run(t, name, "--json", "--no-such-flag", "790303402568")
		assert.Equal(t, ExitUsage, code, name)
	}
	// A number after "--" is still the one argument.
	_, _, code := run(t, "iin", "--json", "--", "790303402568")
	assert.Equal(t, ExitOK, code)
}

func TestIINHelpListsCommands(t *testing.T) {
	out, _, code := run(t, "help", "--lang", "kk")
	require.Equal(t, ExitOK, code)
	assert.Contains(t, out, "ЖСН-ді тексеріп")
	assert.Contains(t, out, "БСН-ді тексеріп")
	out, _, code = run(t, "iin", "--help", "--lang", "en")
	require.Equal(t, ExitOK, code)
	assert.True(t, strings.Contains(out, "dossier iin") && strings.Contains(out, "NUMBER"), out)
}

func TestShownNumber(t *testing.T) {
	assert.Equal(t, "—", shownNumber(""))
	assert.Equal(t, "790303402568", shownNumber("790303402568"))
	assert.Equal(t, "12\uFFFD[2J\uFFFD", shownNumber("12\x1b[2J\xff"), "control and broken bytes are made visible, not sent")
	long := strings.Repeat("x", 100)
	assert.Equal(t, strings.Repeat("x", 40)+"…", shownNumber(long))

	out, _, code := run(t, "iin", "12\x1b[2Jab", "--lang", "en")
	assert.Equal(t, ExitProblems, code)
	assert.NotContains(t, out, "\x1b")
}
