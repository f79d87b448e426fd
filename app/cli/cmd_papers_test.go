package cli

import (
	"archive/zip"
	"bytes"
	"io"
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
		check, err := os.ReadFile(filepath.Join(dir, "check."+lang+".txt"))
		require.NoError(t, err)
		assert.NotRegexp(t, `\bS\d+\b`, string(check), "sources by title, not the rules' key")
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

// letterheadFile writes a minimal letterhead .docx whose body is paragraphs.
func letterheadFile(t *testing.T, paras ...string) string {
	t.Helper()
	var body strings.Builder
	for _, p := range paras {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + p + `</w:t></w:r></w:p>`)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	require.NoError(t, err)
	_, err = w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	path := filepath.Join(t.TempDir(), "бланк.docx")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

var letterheadParas = []string{
	"Просим о {procedure} до {term}.",
	"{applicant.name_latin}, {applicant.citizenship}, паспорт {applicant.passport_number} до {applicant.passport_expires}",
	"{housing.address}, РКА {housing.rka}",
	"{employer.director_name} {date}",
}

func TestPapersCommandLetterhead(t *testing.T) {
	packSetup(t)
	dir := filepath.Join(t.TempDir(), "out")
	_, errOut, code := run(t, "papers", papersExample, "--out", dir, "--letterhead", letterheadFile(t, letterheadParas...), "--today", "2023-12-27")
	require.Equal(t, ExitOK, code, errOut)
	zr, err := zip.OpenReader(filepath.Join(dir, "ходатайство.ru.docx"))
	require.NoError(t, err)
	defer zr.Close()
	require.Len(t, zr.File, 1)
	rc, err := zr.File[0].Open()
	require.NoError(t, err)
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Contains(t, string(b), "IVANOV IVAN")
	assert.NotContains(t, string(b), "{")

	// Without {term} the letterhead is refused by name and nothing is written.
	dir = filepath.Join(t.TempDir(), "out2")
	paras := append([]string{"Просим о {procedure}."}, letterheadParas[1:]...)
	_, errOut, code = run(t, "papers", papersExample, "--out", dir, "--lang", "kk", "--letterhead", letterheadFile(t, paras...))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "{term}")
	_, err = os.Stat(dir)
	assert.True(t, os.IsNotExist(err), "nothing may be written")
}

// An oversized letterhead is refused before it is read, in the words the
// window uses (its size and the limit), and nothing is written.
func TestPapersCommandLetterheadTooLarge(t *testing.T) {
	packSetup(t)
	big := filepath.Join(t.TempDir(), "бланк.docx")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(25<<20)) // sparse: no 25 MB written
	require.NoError(t, f.Close())
	dir := filepath.Join(t.TempDir(), "out")
	_, errOut, code := run(t, "papers", papersExample, "--out", dir, "--lang", "ru", "--letterhead", big, "--today", "2026-12-07")
	assert.Equal(t, ExitUsage, code, errOut)
	assert.Contains(t, errOut, "бланк.docx")
	assert.Contains(t, errOut, "не более 20 МБ")
	_, err = os.Stat(dir)
	assert.True(t, os.IsNotExist(err), "nothing may be written")
}
