package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/papers"
	"dossier/app/pdfkit"
	"dossier/app/store"
	"dossier/app/store/storetest"
)

// storedPapersCase makes a workspace holding a paper filing with what its
// papers need (director "" leaves the director out) and closes it, as a
// clerk's workspace is between two runs. It returns the folder and the
// case's number.
func storedPapersCase(t *testing.T, director string) (string, int64) {
	t.Helper()
	w, id := storetest.PaperFiling(t, director)
	require.NoError(t, w.Close())
	return w.Dir(), id
}

func sha(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestPapersFromWorkspace: `dossier papers --workspace DIR --case N` fills
// the papers from the stored company, employee, case and owners, writes
// them, and records every .docx and PDF as a draft in the workspace, so
// that attaching one back is refused.
func TestPapersFromWorkspace(t *testing.T) {
	packSetup(t)
	ws, id := storedPapersCase(t, "Сапаров Ержан")
	out := filepath.Join(t.TempDir(), "papers")
	stdout, errOut, code := run(t, "papers", "--workspace", ws, "--case", "1", "--out", out, "--lang", "ru", "--today", "2026-12-07")
	require.Equal(t, ExitOK, code, errOut)
	for _, name := range []string{"ходатайство.ru.docx", "ходатайство.ru.pdf", "согласие-собственника-1.ru.pdf", "оригиналы.ru.pdf", "check.ru.txt"} {
		assert.FileExists(t, filepath.Join(out, name))
		assert.Contains(t, stdout, name)
	}
	rb, err := pdfkit.ReadBackFile(context.Background(), filepath.Join(out, "ходатайство.ru.pdf"))
	require.NoError(t, err)
	text, err := rb.Text(1)
	require.NoError(t, err)
	for _, want := range []string{"ТОО «Алтын-Дала Құрылыс»", "O'CONNOR SEAN", "Z1234567", "0204200198765432", "Сапаров Ержан"} {
		assert.Contains(t, text, want)
	}

	w, err := store.Open(context.Background(), ws, store.Options{})
	require.NoError(t, err)
	defer w.Close()
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	recorded := 0
	for _, e := range entries {
		path := filepath.Join(out, e.Name())
		d, ok, err := w.DraftOf(context.Background(), sha(t, path))
		require.NoError(t, err)
		if filepath.Ext(path) == ".txt" {
			assert.False(t, ok, "the check list is no paper")
			continue
		}
		require.True(t, ok, "%s is recorded", e.Name())
		assert.Equal(t, id, d.CaseID)
		recorded++
	}
	assert.Equal(t, 6, recorded, "letter, one consent (the other owner is abroad), originals: .docx and PDF")
	_, err = w.AttachPath(context.Background(), id, "application_letter", filepath.Join(out, "ходатайство.ru.pdf"))
	assert.ErrorIs(t, err, store.ErrDraft)
}

// A stored case lacking the director writes nothing and names the field as
// the window does (what and where), in the clerk's language.
func TestPapersFromWorkspaceMissingData(t *testing.T) {
	packSetup(t)
	ws, _ := storedPapersCase(t, "")
	for _, tc := range []struct{ lang, want string }{
		{"ru", "Компания: ФИО руководителя"}, {"kk", "Компания"},
	} {
		out := filepath.Join(t.TempDir(), "papers")
		_, errOut, code := run(t, "papers", "--workspace", ws, "--case", "1", "--out", out, "--lang", tc.lang, "--today", "2026-12-07")
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, errOut, tc.want)
		assert.NotContains(t, errOut, "employer.director_name", "named for the clerk, not by its path")
		assert.NoDirExists(t, out, "nothing may be written")
	}
}

func TestPapersFromWorkspaceUsage(t *testing.T) {
	ws, _ := storedPapersCase(t, "Сапаров Ержан")
	out := filepath.Join(t.TempDir(), "papers")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no case", []string{"--workspace", ws}, ExitUsage, "--case"},
		{"the case list", []string{"--workspace", ws}, ExitUsage, "О'Коннор Шон"},
		{"unknown case", []string{"--workspace", ws, "--case", "7"}, ExitUsage, "7"},
		{"both ways", []string{papersExample, "--workspace", ws, "--case", "1"}, ExitUsage, papersExample},
		{"no workspace", []string{"--case", "1"}, ExitUsage, "--workspace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"papers", "--out", out, "--lang", "ru"}, tc.args...)
			_, errOut, code := run(t, args...)
			assert.Equal(t, tc.code, code, errOut)
			assert.Contains(t, errOut, tc.want)
			assert.NoDirExists(t, out)
		})
	}
}

// TestBuildRefusesDraftLetter: the letter's PDF as `dossier papers` wrote
// it, given to `dossier build` for the letter's item, is rejected by its
// mark with a message that says to attach the signed scan; a PDF of typed
// text alone on that item is taken with a warning.
func TestBuildRefusesDraftLetter(t *testing.T) {
	packSetup(t)
	papersDir := filepath.Join(t.TempDir(), "papers")
	_, errOut, code := run(t, "papers", papersExample, "--out", papersDir, "--today", "2023-12-27")
	require.Equal(t, ExitOK, code, errOut)
	letter := filepath.Join(papersDir, "ходатайство.ru.pdf")
	out, errOut, code := run(t, "build", papersExample, "--out", filepath.Join(t.TempDir(), "pkg"),
		"--attach", "application_letter="+letter, "--today", "2023-12-27", "--lang", "en")
	assert.Equal(t, ExitProblems, code, errOut)
	assert.Contains(t, out, "ходатайство.ru.pdf")
	assert.Contains(t, out, "have it signed and stamped, scan the signed paper and attach the scan")
}

// TestPapersFromWorkspaceLetterhead: the company's letterhead imported into
// the workspace for Russian carries the Russian letter's .docx; the Kazakh
// letter, with no Kazakh letterhead, keeps Dossier's layout; --letterhead
// overrides the stored one.
func TestPapersFromWorkspaceLetterhead(t *testing.T) {
	packSetup(t)
	ws, id := storedPapersCase(t, "Сапаров Ержан")
	paras := append([]string{"БЛАНК АЛТЫН-ДАЛА"}, letterheadParas...)
	w, err := store.Open(context.Background(), ws, store.Options{})
	require.NoError(t, err)
	sc, err := w.Case(context.Background(), id)
	require.NoError(t, err)
	emp, err := w.Employee(context.Background(), sc.EmployeeID)
	require.NoError(t, err)
	_, err = papers.ImportLetterhead(context.Background(), w, emp.EmployerID, "ru", letterheadFile(t, paras...))
	require.NoError(t, err)
	require.NoError(t, w.Close())

	docxText := func(path string) string {
		zr, err := zip.OpenReader(path)
		require.NoError(t, err)
		defer zr.Close()
		var all strings.Builder
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, err := f.Open()
				require.NoError(t, err)
				b, err := io.ReadAll(rc)
				rc.Close()
				require.NoError(t, err)
				all.Write(b)
			}
		}
		return all.String()
	}
	tests := []struct {
		lang, letter string
		extra        []string
		onLetterhead string // text only the letterhead has; "" for Dossier's layout
	}{
		{"ru", "ходатайство.ru.docx", nil, "БЛАНК АЛТЫН-ДАЛА"},
		{"kk", "өтінішхат.kk.docx", nil, ""},
		{"ru", "ходатайство.ru.docx", []string{"--letterhead", letterheadFile(t, append([]string{"ДРУГОЙ БЛАНК"}, letterheadParas...)...)}, "ДРУГОЙ БЛАНК"},
	}
	for _, tc := range tests {
		out := filepath.Join(t.TempDir(), "papers")
		args := append([]string{"papers", "--workspace", ws, "--case", "1", "--out", out, "--lang", tc.lang, "--today", "2026-12-07"}, tc.extra...)
		_, errOut, code := run(t, args...)
		require.Equal(t, ExitOK, code, errOut)
		text := docxText(filepath.Join(out, tc.letter))
		assert.Contains(t, text, "O&#39;CONNOR SEAN") // XML's apostrophe
		if tc.onLetterhead != "" {
			assert.Contains(t, text, tc.onLetterhead, tc.lang)
			assert.NotContains(t, text, "{", "no placeholder left")
		} else {
			assert.NotContains(t, text, "БЛАНК", tc.lang)
		}
	}
}

// TestBuildWarnsTypedLetter: a PDF of typed text alone for the letter's
// item is packed, and build says it cannot carry a signature or a stamp;
// the same PDF for the contract is not warned about.
func TestBuildWarnsTypedLetter(t *testing.T) {
	packSetup(t)
	var buf bytes.Buffer
	require.NoError(t, pdfkit.CreateFromJSON(context.Background(), []byte(`{"paper":"A4P","pages":{"1":{"content":{"text":[
		{"value":"Letter of application","pos":[72,720],"font":{"name":"Helvetica","size":12}}]}}}}`), &buf))
	typed := filepath.Join(t.TempDir(), "letter from Word.pdf")
	require.NoError(t, os.WriteFile(typed, buf.Bytes(), 0o600))
	for _, tc := range []struct {
		item   string
		warned bool
	}{{"application_letter", true}, {"employment_contract", false}} {
		out, errOut, _ := run(t, "build", papersExample, "--out", filepath.Join(t.TempDir(), "pkg"),
			"--attach", tc.item+"="+typed, "--today", "2023-12-27", "--lang", "en")
		assert.Equal(t, tc.warned, strings.Contains(out, "Taken with a warning: letter from Word.pdf"), out+errOut)
		assert.Equal(t, tc.warned, strings.Contains(out, "cannot carry a handwritten signature or a stamp"), tc.item)
		assert.NotContains(t, out, "Left out: letter from Word.pdf")
	}
}
