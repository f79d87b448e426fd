package ui

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/scan"
	"dossier/app/scan/scantest"
	"dossier/app/store"
	"dossier/ui/paperui"
)

// papersCase opens a demo work case whose company, employee and owners
// carry what the employer's letter needs (director is "" to leave it out).
// It returns the case id and the folder chosen for the company's packages.
func papersCase(t *testing.T, u *ui, director string) (int64, string) {
	t.Helper()
	ctx := context.Background()
	caseID := anyOpenCase(t, u)
	sc, err := u.ws.Case(ctx, caseID)
	require.NoError(t, err)
	emp, err := u.ws.Employee(ctx, sc.EmployeeID)
	require.NoError(t, err)
	require.NotZero(t, emp.EmployerID, "the demo case has a company")
	er, err := u.ws.Employer(ctx, emp.EmployerID)
	require.NoError(t, err)
	er.Address, er.RKA, er.DirectorName, er.DirectorPosition = "г. Алматы, ул. Абая, 10", "0201000012345678", director, "Директор"
	require.NoError(t, u.ws.SaveEmployer(ctx, &er))
	emp.NameLat, emp.Citizenship, emp.PassportNo = "O'CONNOR SEAN-PATRICK", "IN", "Z1234567"
	emp.PassportExpiry, emp.ContractEnd = civil.MustParse("2034-02-28"), civil.MustParse("2027-06-30")
	emp.ResidenceAddress, emp.ResidenceRKA = "г. Алматы, мкр. Самал-2, д. 5, кв. 12", "0204200198765432"
	require.NoError(t, u.ws.SaveEmployee(ctx, &emp, civil.Of(nowKZ())))
	sc.Purpose, sc.OwnedByApplicant = store.PurposeWork, false
	sc.FilingDate = civil.Of(nowKZ()).AddDays(7) // papers are prepared before the filing day
	require.NoError(t, u.ws.SaveCase(ctx, &sc))
	require.NoError(t, u.ws.SaveOwners(ctx, caseID, []store.Owner{{Name: "Жақсыбекова Әйгерім", IIN: "900101300017"}}))
	root := t.TempDir()
	require.NoError(t, u.ws.SetSetting(ctx, packageDirKey(emp.EmployerID), root))
	u.caseEd.AfterDocs = func() {}
	wait(t, func(done func()) { u.openCase(caseID, done) })
	return caseID, root
}

// openPapers taps "Prepare papers" on the case screen and waits for the
// preview; it returns the dialog's content.
func openPapers(t *testing.T, u *ui, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	u.locked(func() {
		b := findButton(w.Content(), u.p.T("paperui.prepare"))
		require.NotNil(t, b, "the case screen offers Prepare papers")
		test.Tap(b)
	})
	var top fyne.CanvasObject
	eventually(t, func() bool {
		u.locked(func() { top = w.Canvas().Overlays().Top() })
		if top == nil {
			return false
		}
		var text string
		u.locked(func() { text = strings.Join(texts(top), "\n") })
		return !strings.Contains(text, u.p.T("paperui.preparing"))
	}, "the papers' preview")
	return top
}

// TestPreparePapersFromTheCase: the case screen's Prepare papers previews
// the letter filled from the workspace, writes it into the company's
// papers folder without completing its item, and the signed scan attached
// from the dialog goes to the letter's item and is checked.
func TestPreparePapersFromTheCase(t *testing.T) {
	useTempBundleSetup(t)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	u.locked(func() { u.setLanguage(i18n.RU) })
	caseID, root := papersCase(t, u, "Сапаров Ержан")
	w.Resize(fyne.NewSize(1280, 800))

	dlg := openPapers(t, u, w)
	var text string
	u.locked(func() { text = strings.Join(texts(dlg), "\n") })
	for _, want := range []string{"ХОДАТАЙСТВО", "O'CONNOR SEAN-PATRICK", "Z1234567", "Республика Индия",
		"г. Алматы, мкр. Самал-2, д. 5, кв. 12", "0204200198765432", "Сапаров Ержан"} {
		assert.Contains(t, text, want)
	}
	u.locked(func() {
		walkObjects(dlg, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok {
				text += "\n" + b.Text
			}
		})
	})
	assert.NotContains(t, text, "[paperui.", "every text of the dialog is in the catalogue")

	u.locked(func() { test.Tap(findButton(dlg, u.p.T("paperui.write"))) })
	letter := ""
	eventually(t, func() bool {
		matches, _ := filepath.Glob(filepath.Join(root, "papers", fmt.Sprintf("case-%d*", caseID), "ходатайство.ru.docx"))
		if len(matches) == 1 {
			letter = matches[0]
		}
		return letter != ""
	}, "the letter written into the company's papers folder")
	eventually(t, func() bool {
		u.locked(func() { text = strings.Join(texts(dlg), "\n") })
		return strings.Contains(text, filepath.Dir(letter))
	}, "the dialog saying where the papers went")
	assert.FileExists(t, strings.TrimSuffix(letter, ".docx")+".pdf")
	files, err := u.ws.CaseFiles(context.Background(), caseID)
	require.NoError(t, err)
	for _, f := range files {
		assert.NotEqual(t, paperui.ItemLetter, f.ItemID, "writing the letter attaches nothing to its item")
	}

	// The letter's PDF, copied elsewhere under another name and dropped on
	// the Files tab, is refused: the workspace knows it as the unsigned
	// draft, and the clerk is told what to do.
	waitDocs := docsWaiter(t, u)
	data, err := os.ReadFile(strings.TrimSuffix(letter, ".docx") + ".pdf")
	require.NoError(t, err)
	copied := filepath.Join(t.TempDir(), "скан 1.pdf")
	require.NoError(t, os.WriteFile(copied, data, 0o600))
	u.locked(func() { u.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(copied)}) })
	waitDocs()
	u.locked(func() {
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		shown := strings.Join(texts(top), "\n")
		assert.Contains(t, shown, "скан 1.pdf")
		assert.Contains(t, shown, "неподписанный черновик")
		assert.Contains(t, shown, "отсканируйте подписанный лист")
		top.Hide() // the error; the papers dialog stays
	})
	files, err = u.ws.CaseFiles(context.Background(), caseID)
	require.NoError(t, err)
	for _, f := range files {
		assert.NotEqual(t, "скан 1.pdf", f.Name, "the draft is not attached")
	}
	// Through the dialog's own "Attach the signed letter": a draft written
	// elsewhere (the command line, another day, in Kazakh) is known by the
	// workspace's record and refused before anything is copied.
	elsewhere := t.TempDir()
	var kkLetter string
	u.locked(func() {
		c, err := casework.PapersCase(context.Background(), u.ws, caseID, nil)
		require.NoError(t, err)
		ps, err := casework.BuildPapers(u.rules, c, "kk", civil.Of(nowKZ()))
		require.NoError(t, err)
		written, err := casework.WritePapers(context.Background(), u.ws, caseID, elsewhere, ps, nil, nil)
		require.NoError(t, err)
		kkLetter = copyTo(t, written[1].Path, filepath.Join(t.TempDir(), "хат.pdf"))
	})
	d := paperDialog(t, u)
	u.locked(func() { d.AttachScan(paperui.ItemLetter, kkLetter) })
	eventually(t, func() bool {
		u.locked(func() { text = strings.Join(texts(dlg), "\n") })
		return strings.Contains(text, "«хат.pdf = өтінішхат.kk.pdf» — неподписанный черновик")
	}, "the dialog refusing a recorded draft")

	scanPath := filepath.Join(t.TempDir(), "ходатайство подписанное.jpg")
	require.NoError(t, os.WriteFile(scanPath, scantest.TextPage(), 0o600))
	u.locked(func() { d.AttachScan(paperui.ItemLetter, scanPath) })
	waitDocs()
	var verdict scan.Verdict
	found := false
	u.locked(func() {
		for _, doc := range u.caseEd.Docs() {
			if doc.File.ItemID == paperui.ItemLetter && doc.File.Name == filepath.Base(scanPath) {
				found, verdict = true, doc.Result.Verdict
			}
		}
	})
	require.True(t, found, "the signed scan is on the letter's item")
	assert.NotEqual(t, scan.Reject, verdict)
}

// paperDialog is the dialog u.preparePapers opened last.
func paperDialog(t *testing.T, u *ui) *paperui.Dialog {
	t.Helper()
	var d *paperui.Dialog
	u.locked(func() { d = u.lastPapers })
	require.NotNil(t, d)
	return d
}

// TestPreparePapersRefusesMissingData: without a director the dialog names
// the field and writes nothing.
func TestPreparePapersRefusesMissingData(t *testing.T) {
	useTempBundleSetup(t)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	u.locked(func() { u.setLanguage(i18n.RU) })
	_, root := papersCase(t, u, "")
	dlg := openPapers(t, u, w)
	var text string
	u.locked(func() { text = strings.Join(texts(dlg), "\n") })
	assert.Contains(t, text, "Компания: ФИО руководителя")
	u.locked(func() { assert.True(t, findButton(dlg, u.p.T("paperui.write")).Disabled()) })
	_, err := os.Stat(filepath.Join(root, "papers"))
	assert.True(t, os.IsNotExist(err))
}

// TestPapersScreenshots writes the preview of the letter into
// $DOSSIER_SHOTS (docs/screenshots for the guide). Without the variable
// it does nothing.
func TestPapersScreenshots(t *testing.T) {
	dir := os.Getenv("DOSSIER_SHOTS")
	if dir == "" {
		t.Skip("set DOSSIER_SHOTS to a folder to write the screenshots")
	}
	useTempBundleSetup(t)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	u.locked(func() { u.setLanguage(i18n.RU) })
	papersCase(t, u, "Сапаров Ержан")
	w.Resize(fyne.NewSize(1280, 800))
	openPapers(t, u, w)
	f, err := os.Create(filepath.Join(dir, "papers-preview.png"))
	require.NoError(t, err)
	defer f.Close()
	u.locked(func() { err = png.Encode(f, w.Canvas().Capture()) })
	require.NoError(t, err)
}

func copyTo(t *testing.T, from, to string) string {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o600))
	return to
}
