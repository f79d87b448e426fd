package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/scan/scantest"
)

const (
	mrzSpecimen1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
	mrzSpecimen2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
)

func TestMRZTextJSON(t *testing.T) {
	out, errOut, code := run(t, "mrz", "--json", "--today", "2026-12-07", "--text", mrzSpecimen1, mrzSpecimen2)
	require.Equal(t, ExitOK, code, errOut)
	var v struct {
		Source    string `json:"source"`
		Found     bool   `json:"found"`
		Format    string `json:"format"`
		Valid     bool   `json:"valid"`
		BirthDate string `json:"birth_date"`
		Fields    []struct {
			Name, Value          string
			Checked, Confirmed   bool
			Uncertain, Corrected bool
		} `json:"fields"`
		Problems []struct{ Code, Severity, Message string } `json:"problems"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v), out)
	assert.True(t, v.Valid && v.Found)
	assert.Equal(t, "TD3", v.Format)
	assert.Equal(t, "1974-08-12", v.BirthDate)
	assert.Len(t, v.Fields, 10)
	require.Len(t, v.Problems, 1)
	assert.Equal(t, "expired", v.Problems[0].Code)
	assert.Contains(t, v.Problems[0].Message, "15.04.2012")
}

func TestMRZTextHuman(t *testing.T) {
	out, _, code := run(t, "mrz", "--lang", "en", "--today", "2026-12-07", "--text", mrzSpecimen1+mrzSpecimen2)
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, out, "every check digit agrees")
	assert.Contains(t, out, "12.08.1974")
	assert.Contains(t, out, "the names have no check digit")

	// One digit off: exit 1 and the field named.
	out, _, code = run(t, "mrz", "--lang", "ru", "--text", mrzSpecimen1, "L898912C36UTO7408122F1204159ZE184226B<<<<<10")
	assert.Equal(t, ExitProblems, code)
	assert.Contains(t, out, "номер паспорта: контрольная цифра не сходится")
}

func TestMRZUsage(t *testing.T) {
	_, errOut, code := run(t, "mrz", "--lang", "en", "--text", mrzSpecimen1)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "line lengths 44")
	_, errOut, code = run(t, "mrz", "--lang", "en", "--text")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "no lines given")
	_, errOut, code = run(t, "mrz", "--lang", "en")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "--text")
	// Without --text the arguments are files: lines given by mistake are
	// reported as missing files, not read as a zone.
	out, errOut, code := run(t, "mrz", "--lang", "en", mrzSpecimen1, mrzSpecimen2)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, out, "no such file")
	assert.Contains(t, errOut, "could not be read")
}

func TestMRZFiles(t *testing.T) {
	dir := t.TempDir()
	typed := filepath.Join(dir, "typed.pdf")
	require.NoError(t, os.WriteFile(typed, scantest.TypedPDF(), 0o600))
	blank := filepath.Join(dir, "blank.jpg")
	require.NoError(t, os.WriteFile(blank, scantest.TextPage(), 0o600))
	scan := filepath.Join("..", "mrz", "testdata", "specimen-150dpi.jpg")

	out, _, code := run(t, "mrz", "--lang", "en", "--today", "2026-12-07", scan)
	assert.Equal(t, ExitOK, code, out)
	assert.Contains(t, out, "L898902C3")

	out, _, code = run(t, "mrz", "--lang", "en", blank)
	assert.Equal(t, ExitProblems, code)
	assert.Contains(t, out, "no machine-readable zone found")

	out, _, code = run(t, "mrz", "--lang", "ru", typed)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, out, "Dossier не отрисовывает страницы PDF")

	out, _, code = run(t, "mrz", "--json", "--today", "2026-12-07", scan, blank)
	assert.Equal(t, ExitProblems, code)
	var docs []struct {
		Source string
		Found  bool
		Turn   *int
		Lines  []string
	}
	require.NoError(t, json.Unmarshal([]byte(out), &docs), out)
	require.Len(t, docs, 2)
	assert.True(t, docs[0].Found)
	assert.Equal(t, []string{mrzSpecimen1, mrzSpecimen2}, docs[0].Lines)
	assert.False(t, docs[1].Found)
}
