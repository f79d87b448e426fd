package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const papersExample = "../../docs/examples/papers_case.json"

func TestPapersCommandWritesDOCX(t *testing.T) {
	packSetup(t)
	for _, lang := range []string{"ru", "kk"} {
		dir := filepath.Join(t.TempDir(), "out")
		out, errOut, code := run(t, "papers", papersExample, "--out", dir, "--lang", lang, "--today", "2023-12-27")
		require.Equal(t, ExitOK, code, errOut)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		assert.Len(t, names, 5, names) // letter and egov values (.docx, .pdf), check file
		assert.Contains(t, names, "check."+lang+".txt")
		for _, n := range names {
			assert.Contains(t, out, n)
		}
	}
}

// A case without the director and the passport number writes nothing and
// names both fields, in the clerk's language.
func TestPapersCommandMissingDataWritesNothing(t *testing.T) {
	packSetup(t)
	data, err := os.ReadFile(papersExample)
	require.NoError(t, err)
	s := strings.Replace(string(data), `"director_name": "Сейткали А. Б.",`, "", 1)
	s = strings.Replace(s, `"passport_number": "751234567",`, "", 1)
	require.NotEqual(t, string(data), s)
	casePath := filepath.Join(t.TempDir(), "case.json")
	require.NoError(t, os.WriteFile(casePath, []byte(s), 0o644))
	for _, lang := range []string{"ru", "kk"} {
		dir := filepath.Join(t.TempDir(), "out")
		_, errOut, code := run(t, "papers", casePath, "--out", dir, "--lang", lang)
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, errOut, "employer.director_name")
		assert.Contains(t, errOut, "applicant.passport_number")
		_, err := os.Stat(dir)
		assert.True(t, os.IsNotExist(err), "nothing may be written")
	}
}

func TestPapersCommandUsage(t *testing.T) {
	_, errOut, code := run(t, "papers", papersExample)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "--out")
	_, errOut, code = run(t, "papers", papersExample, "--out", t.TempDir(), "--lang", "en")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "--lang ru")
}
