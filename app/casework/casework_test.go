package casework

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/bundle"
	"dossier/app/civil"
	"dossier/app/demo"
	"dossier/app/i18n"
	"dossier/app/pdfkit"
	"dossier/app/rules"
	"dossier/app/scan"
	"dossier/app/scan/scantest"
	"dossier/app/store"
)

func TestAttachAndValidate(t *testing.T) {
	ctx := context.Background()
	ws, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	defer ws.Close()
	emp := store.Employee{NameCyr: "Иванов Иван", Citizenship: "RU", BirthDate: civil.MustParse("1985-04-12")}
	require.NoError(t, ws.SaveEmployee(ctx, &emp, civil.MustParse("2026-11-25")))
	c := store.Case{EmployeeID: emp.ID, Purpose: "work", Kind: "extension", Channel: "online", FilingDate: civil.MustParse("2026-12-01"), OwnersCount: 1}
	require.NoError(t, ws.SaveCase(ctx, &c))

	dir := filepath.Join(t.TempDir(), "сканы клиента")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "паспорт стр 1.jpg"), scantest.TextPage(), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "фото.heic.jpg"), scantest.HEICHeader, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("junk"), 0o600))

	attached, err := Attach(ctx, ws, c.ID, "passport", []string{dir, filepath.Join(dir, "нет такого.pdf")})
	assert.Error(t, err, "the missing path is reported")
	require.Len(t, attached, 2, "the folder's two real files are attached; hidden clutter is skipped")

	v := scan.New(scan.Options{CacheDir: filepath.Join(ws.Dir(), "cache", "scan"), NoIsolation: true})
	var seen int
	docs, err := Validate(ctx, ws, v, c.ID, func(p scan.Progress) { seen = p.Total })
	require.NoError(t, err)
	require.Len(t, docs, 2)
	assert.Equal(t, 2, seen)
	verdicts := map[string]scan.Verdict{}
	for _, d := range docs {
		verdicts[d.File.Name] = d.Result.Verdict
	}
	assert.NotEqual(t, scan.Reject, verdicts["паспорт стр 1.jpg"])
	assert.Equal(t, scan.Reject, verdicts["фото.heic.jpg"], "a HEIC photo renamed to .jpg is refused")

	stored, err := ws.Findings(ctx, c.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, stored, "findings are remembered on the case")

	// A second run comes from the cache.
	docs, err = Validate(ctx, ws, v, c.ID, nil)
	require.NoError(t, err)
	for _, d := range docs {
		assert.True(t, d.Result.Cached, d.File.Name)
	}
}

// demoCase makes a demo workspace with its sample scans (the builder set up
// in a temporary folder) and returns it with the case that has files.
func demoCase(t *testing.T) (ws *store.Workspace, caseID int64, today civil.Date) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, bundle.Setup(t.TempDir()))
	dir := filepath.Join(t.TempDir(), "ws")
	today = civil.MustParse("2026-11-25")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today, Scans: true}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	cases, err := ws.CasesByState(ctx)
	require.NoError(t, err)
	for _, c := range cases {
		files, err := ws.CaseFiles(ctx, c.ID)
		require.NoError(t, err)
		if len(files) > 0 {
			return ws, c.ID, today
		}
	}
	t.Fatal("the demo workspace has no case with files")
	return nil, 0, today
}

func TestBuildStoredDemoCase(t *testing.T) {
	ctx := context.Background()
	ws, caseID, today := demoCase(t)
	set, err := rules.Embedded()
	require.NoError(t, err)

	out := PackageDir(ws, caseID)
	res, rejected, err := BuildStored(ctx, ws, set, caseID, out, bundle.Options{Lang: i18n.RU, Date: today})
	require.NoError(t, err)
	assert.Empty(t, rejected, "the demo scans pass validation")
	require.Len(t, res.Merged, 1)
	assert.FileExists(t, filepath.Join(res.Dir, res.Merged[0].Path))
	assert.NotEmpty(t, res.Missing, "the demo case lacks some documents, and the package says so")
	pkgs, err := ws.Packages(ctx, caseID)
	require.NoError(t, err)
	assert.Len(t, pkgs, 1, "the build is recorded on the case")
}

// TestBuildStoredFollowsOrderAndRotation: the clerk's reordering and
// rotations on a stored case reach the package. On the demo case a second
// passport page is attached and moved before the first, the passport scan
// (a landscape picture) is turned a quarter, and so is the contract (a
// portrait PDF page). The package is read back with pdfcpu.
func TestBuildStoredFollowsOrderAndRotation(t *testing.T) {
	ctx := context.Background()
	ws, caseID, today := demoCase(t)

	page2 := filepath.Join(t.TempDir(), "passport page 2.jpg")
	require.NoError(t, os.WriteFile(page2, scantest.TextPage(), 0o600))
	_, err := Attach(ctx, ws, caseID, "passport", []string{page2})
	require.NoError(t, err)
	files, err := ws.CaseFiles(ctx, caseID)
	require.NoError(t, err)
	byName := map[string]store.CaseFile{}
	for _, f := range files {
		byName[f.Name] = f
	}
	require.Contains(t, byName, "passport.jpg")
	require.Contains(t, byName, "contract.pdf")
	require.NoError(t, ws.MoveCaseFileBy(ctx, byName["passport page 2.jpg"].ID, -1))
	_, err = ws.RotateCaseFile(ctx, byName["passport.jpg"].ID, 90)
	require.NoError(t, err)
	_, err = ws.RotateCaseFile(ctx, byName["contract.pdf"].ID, 90)
	require.NoError(t, err)

	set, err := rules.Embedded()
	require.NoError(t, err)
	res, rejected, err := BuildStored(ctx, ws, set, caseID, PackageDir(ws, caseID), bundle.Options{Lang: i18n.RU, Date: today})
	require.NoError(t, err)
	require.Empty(t, rejected)

	docs := map[string]bundle.ManifestDoc{}
	for _, d := range res.Manifest.Documents {
		docs[d.ID] = d
	}
	pass, contract := docs["passport"], docs["employment_contract"]
	require.Len(t, pass.Inputs, 2)
	assert.Equal(t, "passport page 2.jpg", pass.Inputs[0].Name, "the moved page comes first")
	assert.Equal(t, "passport.jpg", pass.Inputs[1].Name)
	assert.Zero(t, pass.Inputs[0].Change.Rotated)
	assert.Equal(t, 90, pass.Inputs[1].Change.Rotated)
	require.Len(t, contract.Inputs, 1)
	assert.Equal(t, 90, contract.Inputs[0].Change.Rotated)

	// The merged PDF: page numbers fold /Rotate into the page box, so the
	// turn shows as the page's shape; the pictures are told apart by size.
	merged := readBack(t, filepath.Join(res.Dir, res.Merged[0].Path))
	first := pass.Pages[0]
	p1, p2 := shown(t, merged, first), shown(t, merged, first+1)
	assert.Equal(t, [2]int{1654, 2339}, p1.image, "the second page now comes first")
	assert.Less(t, p1.w, p1.h)
	assert.Greater(t, p2.image[0], p2.image[1], "the passport scan is stored landscape…")
	assert.Less(t, p2.w, p2.h, "…and shown portrait once turned")
	c := shown(t, merged, contract.Pages[0])
	assert.Greater(t, c.w, c.h, "the portrait contract page is shown landscape")

	// The upload files keep the turn as the pages' /Rotate.
	up := readBack(t, filepath.Join(res.Dir, pass.Upload[0].Path))
	require.Equal(t, 2, up.PageCount())
	assert.Zero(t, shown(t, up, 1).rotate)
	assert.Equal(t, [2]int{1654, 2339}, shown(t, up, 1).image)
	assert.Equal(t, 90, shown(t, up, 2).rotate, "the JPEG is turned through the page, not re-encoded")
	assert.Nil(t, pass.Inputs[1].Change.Recompressed)
	up = readBack(t, filepath.Join(res.Dir, contract.Upload[0].Path))
	assert.Equal(t, 90, shown(t, up, 1).rotate, "the PDF page is turned, its content kept")
}

func readBack(t *testing.T, path string) *pdfkit.ReadBack {
	t.Helper()
	rb, err := pdfkit.ReadBackFile(context.Background(), path)
	require.NoError(t, err)
	return rb
}

type shownPage struct {
	w, h   float64 // as a viewer shows it, /Rotate applied
	rotate int
	image  [2]int // pixel size of the page's (first) picture
}

func shown(t *testing.T, rb *pdfkit.ReadBack, nr int) shownPage {
	t.Helper()
	pg, err := rb.Page(nr)
	require.NoError(t, err)
	p := shownPage{w: pg.W, h: pg.H, rotate: pg.Rotate}
	if len(pg.Images) > 0 {
		p.image = [2]int{pg.Images[0].W, pg.Images[0].H}
	}
	return p
}
