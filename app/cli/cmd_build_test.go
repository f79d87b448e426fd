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

// textPage writes a readable 200-dpi A4 "scan" into dir.
func textPage(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, scantest.TextPage(), 0o600))
	return path
}

func TestBuildSeedCase(t *testing.T) {
	packSetup(t)
	dir := t.TempDir()
	passport := textPage(t, dir, "паспорт Иванова.jpg")
	letter := textPage(t, dir, "ходатайство.jpg")
	heic := filepath.Join(dir, "РВП.jpg")
	require.NoError(t, os.WriteFile(heic, scantest.HEICHeader, 0o600))
	out := filepath.Join(dir, "пакет")

	stdout, errOut, code := run(t, "build", seedCase, "--out", out, "--json", "--no-cache", "--reproducible",
		"--attach", "passport="+passport, "--attach=application_letter="+letter, "--attach", "current_trp="+heic,
		"--today", "2023-12-28")
	require.Equal(t, 1, code, "missing documents and a rejected file are problems: %s", errOut)
	var res struct {
		Dir    string `json:"dir"`
		Merged []struct {
			Path  string `json:"path"`
			Pages int    `json:"pages"`
		} `json:"merged"`
		Uploads  []struct{ Path string } `json:"uploads"`
		Missing  []string                `json:"missing"`
		Rejected []struct {
			Item     string `json:"item"`
			File     string `json:"file"`
			Findings []struct {
				Code string `json:"code"`
			} `json:"findings"`
		} `json:"rejected"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
	require.Len(t, res.Merged, 1)
	assert.Equal(t, 3, res.Merged[0].Pages, "cover + two pages")
	assert.FileExists(t, filepath.Join(out, filepath.Base(res.Merged[0].Path)))
	assert.FileExists(t, filepath.Join(out, "manifest.json"))
	assert.Len(t, res.Uploads, 2)
	require.Len(t, res.Rejected, 1)
	assert.Equal(t, "current_trp", res.Rejected[0].Item)
	assert.Contains(t, res.Missing, "Действующее разрешение на временное проживание", "a rejected file leaves its item missing")
	assert.NotContains(t, res.Missing, "Паспорт иностранца (все страницы с отметками)")

	// Human output names what is missing and what to do.
	stdout, _, code = run(t, "build", seedCase, "--out", out, "--lang", "en", "--attach", "passport="+passport)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "Required documents still missing")
	assert.Contains(t, stdout, "Owner's approval with EDS on egov — by 29.12.2023")

	_, errOut, code = run(t, "build", seedCase, "--out", out, "--attach", "visa="+passport)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "visa")
	_, _, code = run(t, "build", seedCase, "--out", out, "--attach", "passport")
	assert.Equal(t, 2, code)
	_, _, code = run(t, "build", seedCase, "--attach", "passport="+passport)
	assert.Equal(t, 2, code, "--out is required")
}

func TestOutputGuards(t *testing.T) {
	packSetup(t)
	dir := t.TempDir()
	a := textPage(t, dir, "a.jpg")
	for _, args := range [][]string{
		{"pack", "--out", a, a},   // would overwrite its own input
		{"pack", "--out", dir, a}, // --out is a folder
		{"pack", "--out", dir + "/p.pdf", "--max-file-mb", "NaN", a},
		{"pack", "--out", dir + "/p.pdf", "--max-file-mb", "1e-300", a},
		{"pack", "--out", dir + "/p.pdf", dir}, // an input that is a folder
		{"build", seedCase, "--out", dir + "/o", "--max-file-mb", "NaN"},
	} {
		_, errOut, code := run(t, append(args, "--lang", "en")...)
		assert.Equal(t, 2, code, "%v: %s", args, errOut)
		assert.NotContains(t, errOut, "[cli.", "%v", args)
	}
	st, err := os.Stat(a)
	require.NoError(t, err)
	assert.Positive(t, st.Size(), "the input survived")

	ws := filepath.Join(dir, "ws")
	_, errOut, code := run(t, "demo", "--workspace", ws, "--today", "2026-11-25")
	require.Equal(t, 0, code, errOut)
	for _, args := range [][]string{
		{"backup", "--workspace", ws, "--out", filepath.Join(ws, "dossier.db")},
		{"schedule", "--workspace", ws, "--out", filepath.Join(ws, "dossier.db")},
		{"backup", "--workspace", ws, "--out", filepath.Join(ws, "files", "b.zip")},
	} {
		_, errOut, code := run(t, append(args, "--lang", "en")...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, errOut, "inside the workspace folder", "%v", args)
	}
	_, _, code = run(t, "schedule", "--workspace", ws, "--out", filepath.Join(dir, "s.xlsx"), "--today", "2026-11-25")
	assert.Equal(t, 0, code, "the workspace still opens after the refused writes")
}
