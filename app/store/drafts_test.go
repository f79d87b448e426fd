package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

// TestDraftRefusedAtAttach: a paper Dossier wrote and recorded is refused
// by AttachFile, whatever name it comes back under and to whatever item; the
// refusal names the file and the paper and says what to do, in every
// language; a signed scan (other bytes) attaches; the refused copy is not
// left in the workspace.
func TestDraftRefusedAtAttach(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	caseID, _ := caseWithFiles(t, w)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	letterPDF := write("ходатайство.ru.pdf", "%PDF-1.7 the letter as Dossier drew it")
	letterDOCX := write("ходатайство.ru.docx", "PK the letter's docx")
	consent := write("согласие-1.kk.pdf", "%PDF-1.7 a consent draft")
	egov := write("egov.ru.pdf", "%PDF-1.7 the egov values")
	require.NoError(t, w.RecordDrafts(ctx, caseID, []DraftFile{
		{"letter", letterPDF}, {"letter", letterDOCX}, {"consent-1", consent}, {"egov", egov}}))

	tests := []struct {
		name, item, path string
		lang             i18n.Lang
		want             []string
	}{
		{"letter pdf", "application_letter", letterPDF, i18n.RU, []string{"ходатайство.ru.pdf", "ходатайство работодателя", "подпишите", "печать", "скан", "№"}},
		{"letter docx, other item", "passport", letterDOCX, i18n.EN, []string{"employer's letter", "signed and stamped", "attach the scan"}},
		{"consent", "owner_consent", consent, i18n.KK, []string{"келісімі", "мөр", "сканды тіркеңіз"}},
		{"egov sheet", "application_letter", egov, i18n.RU, []string{"рабочий лист", "не документ пакета"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			renamed := filepath.Join(t.TempDir(), "scan_0001.pdf") // the clerk renamed it
			data, err := os.ReadFile(tc.path)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(renamed, data, 0o644))
			_, err = w.AttachPath(ctx, caseID, tc.item, renamed)
			require.ErrorIs(t, err, ErrDraft)
			var de *DraftError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, caseID, de.Draft.CaseID)
			msg := Explain(tc.lang, err)
			assert.Contains(t, msg, "scan_0001.pdf")
			for _, want := range tc.want {
				assert.Contains(t, msg, want)
			}
			assert.NoFileExists(t, w.FilePath(de.Draft.SHA256), "a refused draft is not kept")
		})
	}
	files, err := w.CaseFiles(ctx, caseID)
	require.NoError(t, err)
	assert.Len(t, files, 5, "nothing was attached")

	_, err = w.AttachFile(ctx, caseID, "application_letter", "signed.jpg", strings.NewReader("a scan of the signed letter"))
	require.NoError(t, err)
}

// A draft recorded for a case that is later removed stays refused.
func TestDraftOfRemovedCase(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	caseID, _ := caseWithFiles(t, w)
	p := filepath.Join(t.TempDir(), "originals.ru.pdf")
	require.NoError(t, os.WriteFile(p, []byte("%PDF originals"), 0o644))
	require.NoError(t, w.RecordDrafts(ctx, caseID, []DraftFile{{"originals", p}}))
	_, err := w.db.Exec("DELETE FROM cases WHERE id = ?", caseID)
	require.NoError(t, err)
	sum, err := hashFile(p)
	require.NoError(t, err)
	d, ok, err := w.DraftOf(ctx, sum)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Zero(t, d.CaseID)
	assert.Equal(t, "originals", d.Paper)
	assert.NotContains(t, (&DraftError{Name: "x.pdf", Draft: d}).Message(i18n.EN), "case")
}
