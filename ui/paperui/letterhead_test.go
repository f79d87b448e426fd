package paperui

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// letterheadBody is a company's own letter, its fields split across runs
// as Word saves them.
const letterheadBody = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>ТОО «Алтын-Дала Құрылыс» · фирменный бланк</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Просим о {</w:t></w:r><w:r><w:t>procedure</w:t></w:r><w:r><w:t xml:space="preserve">} на срок до {term}.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">{applicant.name_latin}, {applicant.citizenship}, паспорт № {applicant.passport_number} до {applicant.passport_expires}.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Адрес: {housing.address}, РКА {housing.rka}. EXTRA</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Директор {employer.director_name}, {date}</w:t></w:r></w:p>
</w:body></w:document>`

func letterheadDocx(t *testing.T, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	require.NoError(t, err)
	_, err = io.WriteString(w, body)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// setLetterhead gives the fixture's company a letterhead in lang.
func (f *fixture) setLetterhead(lang, body string) {
	ctx := context.Background()
	list, err := f.ws.Employers(ctx)
	require.NoError(f.t, err)
	_, err = f.ws.SetLetterhead(ctx, list[0].ID, lang, "фирменный бланк.docx", letterheadDocx(f.t, body))
	require.NoError(f.t, err)
}

// docxBody is the text of a written .docx's body part.
func docxBody(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			require.NoError(t, err)
			defer rc.Close()
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return string(b)
		}
	}
	t.Fatal("no body")
	return ""
}

// TestLetterOnTheCompanysLetterhead: with a letterhead imported for the
// company, the letter's .docx is written on it, filled from the case; the
// dialog and the letter's preview say so and that the PDF keeps Dossier's
// layout. (Before, the dialog always wrote Dossier's own .docx.)
func TestLetterOnTheCompanysLetterhead(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	f.setLetterhead("ru", letterheadBody)
	d := f.open()
	f.locked(func() {
		assert.True(t, d.layout.Visible())
		assert.Contains(t, d.layout.Text, "на бланке компании «фирменный бланк.docx»")
		assert.Contains(t, d.layout.Text, "PDF — в оформлении Dossier, не на бланке")
		letter := tabText(t, d, 0)
		assert.Contains(t, letter, ".docx на бланке компании «фирменный бланк.docx»")
		assert.Contains(t, letter, "фирменный бланк\n", "the letterhead's own text")
		assert.Contains(t, letter, "O'CONNOR SEAN, Республика Индия, паспорт № Z1234567")
		assert.Contains(t, letter, "PDF в оформлении Dossier (не на бланке)")
		assert.Contains(t, letter, "ХОДАТАЙСТВО", "the PDF's text follows")
		assert.NotContains(t, tabText(t, d, 1), "бланке", "only the letter goes on the letterhead")
		test.Tap(d.write)
	})
	f.wait()
	letter := filepath.Join(f.papersDir, "ходатайство.ru.docx")
	body := docxBody(t, letter)
	assert.Contains(t, body, "фирменный бланк")
	assert.Contains(t, body, "EXTRA")
	assert.Contains(t, body, "Z1234567")
	assert.NotContains(t, body, "{")
	assert.NotContains(t, docxBody(t, filepath.Join(f.papersDir, "согласие-собственника-1.ru.docx")), "фирменный бланк")
	assert.FileExists(t, filepath.Join(f.papersDir, "ходатайство.ru.pdf"))

	// The Kazakh letter: the company has no Kazakh letterhead.
	f.locked(func() { findSelects(d.content)[0].SetSelectedIndex(1) })
	f.wait()
	f.locked(func() {
		assert.Contains(t, d.layout.Text, "нет бланка для ходатайства на казахском")
		assert.NotContains(t, tabText(t, d, 0), "на бланке компании")
		test.Tap(d.write)
	})
	f.wait()
	assert.NotContains(t, docxBody(t, filepath.Join(f.papersDir, "өтінішхат.kk.docx")), "фирменный бланк")
}

// TestNoLetterheadSaysDossiersLayout: without a letterhead the dialog says
// the letter is in Dossier's layout and where one is imported.
func TestNoLetterheadSaysDossiersLayout(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	d := f.open()
	f.locked(func() {
		assert.True(t, d.layout.Visible())
		assert.Contains(t, d.layout.Text, "нет бланка для ходатайства на русском")
		assert.Contains(t, d.layout.Text, "«Компании»")
		assert.False(t, d.write.Disabled())
	})
}

// TestLetterheadFieldTheCaseLacks: a letterhead using a field the case
// does not have (the IIN of a first-time applicant) stops the writing and
// names the field; the letter never falls back to Dossier's layout unseen.
func TestLetterheadFieldTheCaseLacks(t *testing.T) {
	f := newFixture(t, "Сапаров Ержан")
	f.setLetterhead("ru", strings.Replace(letterheadBody, "EXTRA", "ИИН {applicant.iin}", 1))
	d := f.open()
	f.locked(func() {
		assert.Contains(t, d.layout.Text, "«фирменный бланк.docx» не собрать")
		assert.Contains(t, d.layout.Text, "Сотрудник: ИИН")
		assert.True(t, d.write.Disabled())
		d.writeAll() // even if it were pressed
	})
	f.wait()
	_, err := os.Stat(f.papersDir)
	assert.True(t, os.IsNotExist(err), "nothing written")
}
