package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/store"
)

// An unclosed quote once made `dossier import` report "added 3, skipped 1"
// for 5,000 lines. Now the line is reported, nothing is written and the exit
// status is 1; --partial writes the other rows.
func TestImportUnclosedQuoteWritesNothingWithoutPartial(t *testing.T) {
	lines := []string{"ФИО;Гражданство;Паспорт;РВП до"}
	for i := 1; i <= 300; i++ {
		lines = append(lines, fmt.Sprintf("Сотрудник %d;Узбекистан;FA%d;01.02.2027", i, i))
	}
	lines[4] = `Сотрудник 4;"Узбекистан;FA4;01.02.2027`
	csv := filepath.Join(t.TempDir(), "roster.csv")
	require.NoError(t, os.WriteFile(csv, []byte(strings.Join(lines, "\n")+"\n"), 0o600))
	dir := filepath.Join(t.TempDir(), "ws")
	count := func() int {
		w, err := store.Open(context.Background(), dir, store.Options{})
		require.NoError(t, err)
		defer w.Close()
		es, err := w.Employees(context.Background(), store.EmployeeFilter{})
		require.NoError(t, err)
		return len(es)
	}
	for _, lang := range i18n.Langs {
		out, errOut, code := run(t, "import", "--lang", string(lang), "--workspace", dir, csv)
		assert.Equal(t, 1, code, errOut)
		assert.Contains(t, out, i18n.T(lang, "cli.import.not_written", 1))
		assert.Contains(t, out, i18n.T(lang, "cli.import.skipped_line", 5, i18n.T(lang, "roster.unclosed_quote", 2)))
		assert.Equal(t, 0, count())
	}
	_, _, code := run(t, "import", "--workspace", dir, "--dry-run", csv)
	assert.Equal(t, 1, code)
	assert.Equal(t, 0, count())
	_, _, code = run(t, "import", "--workspace", dir, "--partial", csv)
	assert.Equal(t, 1, code, "lines were not read: still exit 1")
	assert.Equal(t, 299, count())
}

// A roster file that is not one gets a message from the catalogue, in the
// chosen language, with no library text.
func TestImportFileMessages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	docx := filepath.Join(t.TempDir(), "roster.xlsx")
	require.NoError(t, os.WriteFile(docx, []byte("PK\x03\x04garbage that is no zip"), 0o600))
	for _, lang := range i18n.Langs {
		_, errOut, code := run(t, "import", "--lang", string(lang), "--workspace", dir, docx)
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, i18n.T(lang, "roster.err.damaged_xlsx"))
		for _, raw := range []string{"zip:", "EOF", "not a valid", "[roster."} {
			assert.NotContains(t, errOut, raw)
		}
	}
}
