package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/papers"
	"dossier/ui/letterheadui"
)

// TestCompanyLetterheadInTheWindow: the Companies screen shows each
// company's letterhead section; a letterhead imported there is what the
// case's Prepare papers writes the letter on, and says so; a refused file
// is named with what to do.
func TestCompanyLetterheadInTheWindow(t *testing.T) {
	useTempBundleSetup(t)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	u.locked(func() { u.setLanguage(i18n.RU) })
	caseID, _ := papersCase(t, u, "Сапаров Ержан")
	ctx := context.Background()
	sc, err := u.ws.Case(ctx, caseID)
	require.NoError(t, err)
	emp, err := u.ws.Employee(ctx, sc.EmployeeID)
	require.NoError(t, err)
	lib, err := papers.LoadLibrary()
	require.NoError(t, err)
	data, err := lib.StartingLetterhead("ru")
	require.NoError(t, err)
	dir := t.TempDir()
	good := filepath.Join(dir, "бланк.docx")
	require.NoError(t, os.WriteFile(good, data, 0o600))
	bad := filepath.Join(dir, "бланк без даты.docx")
	require.NoError(t, os.WriteFile(bad, []byte("PK\x03\x04 not really"), 0o600))

	var s *letterheadui.Section
	u.locked(func() {
		u.current = screenCompanies
		u.show()
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, u.p.T("letterheadui.title"))
		assert.Contains(t, all, "Ходатайство на русском: бланка нет")
		assert.NotNil(t, findButton(w.Content(), u.p.T("letterheadui.import")))
		s = u.letterheads[emp.EmployerID]
		require.NotNil(t, s)
		s.Import("ru", bad)
	})
	eventually(t, func() bool {
		var all string
		u.locked(func() { all = strings.Join(texts(w.Content()), "\n") })
		return strings.Contains(all, "«бланк без даты.docx» не принят")
	}, "the refusal on the company's card")
	u.locked(func() { s.Import("ru", good) })
	eventually(t, func() bool {
		var all string
		u.locked(func() { all = strings.Join(texts(w.Content()), "\n") })
		return strings.Contains(all, "бланк «бланк.docx», импортирован")
	}, "the letterhead named on the company's card")

	wait(t, func(done func()) { u.locked(func() { u.openCase(caseID, done) }) })
	dlg := openPapers(t, u, w)
	var text string
	u.locked(func() { text = strings.Join(texts(dlg), "\n") })
	assert.Contains(t, text, "на бланке компании «бланк.docx»")
	assert.Contains(t, text, "PDF — в оформлении Dossier")
}

// TestLetterheadPapersScreenshot writes Prepare papers on a company's
// letterhead into $DOSSIER_SHOTS (docs/screenshots for papers.md). Without
// the variable it does nothing.
func TestLetterheadPapersScreenshot(t *testing.T) {
	dir := os.Getenv("DOSSIER_SHOTS")
	if dir == "" {
		t.Skip("set DOSSIER_SHOTS to a folder to write the screenshot")
	}
	useTempBundleSetup(t)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	u.locked(func() { u.setLanguage(i18n.RU) })
	caseID, _ := papersCase(t, u, "Сапаров Ержан")
	ctx := context.Background()
	sc, err := u.ws.Case(ctx, caseID)
	require.NoError(t, err)
	emp, err := u.ws.Employee(ctx, sc.EmployeeID)
	require.NoError(t, err)
	lib, err := papers.LoadLibrary()
	require.NoError(t, err)
	data, err := lib.StartingLetterhead("ru")
	require.NoError(t, err)
	_, err = u.ws.SetLetterhead(ctx, emp.EmployerID, "ru", "Бланк ТОО Пример.docx", data)
	require.NoError(t, err)
	w.Resize(fyne.NewSize(1280, 800))
	openPapers(t, u, w)
	f, err := os.Create(filepath.Join(dir, "papers-letterhead.png"))
	require.NoError(t, err)
	defer f.Close()
	u.locked(func() { err = png.Encode(f, w.Canvas().Capture()) })
	require.NoError(t, err)
}
