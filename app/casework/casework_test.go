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
	require.NoError(t, os.WriteFile(filepath.Join(dir, "фото.heic.jpg"), scantest.HEICStub, 0o600))
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

func TestBuildStoredDemoCase(t *testing.T) {
	ctx := context.Background()
	require.NoError(t, bundle.Setup(t.TempDir()))
	dir := filepath.Join(t.TempDir(), "ws")
	today := civil.MustParse("2026-11-25")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today, Scans: true}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer ws.Close()
	var caseID int64
	require.NoError(t, ws.DB().QueryRowContext(ctx, "SELECT id FROM cases ORDER BY id LIMIT 1").Scan(&caseID))
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
