package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dossier/app/civil"
	"dossier/app/i18n"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type caseFiles struct {
	scan, scan2, photo, png, pdf string
}

func makeCase(t *testing.T, dir string) (Input, caseFiles) {
	t.Helper()
	f := caseFiles{
		scan:  writeFile(t, dir, "scan1.jpg", encodeJPEG(t, scanImage(1240, 1754, 1, 20), 80)),
		scan2: writeFile(t, dir, "scan2.jpg", encodeJPEG(t, scanImage(1754, 1240, 3, 20), 80)), // landscape
		photo: writeFile(t, dir, "photo.jpg", withOrientation(encodeJPEG(t, scanImage(1600, 1200, 2, 10), 80), 6)),
		png:   writeFile(t, dir, "alpha.png", transparentPNG(t, 300, 400)),
		pdf:   samplePDF(t, dir, 2),
	}
	in := Input{
		Cover: Cover{Applicant: "Иванов Иван", Employer: "ТОО «Қазақ Тест»", Procedure: "РВП", Channel: "egov",
			FilingDate: civil.MustParse("2026-12-01"), RulesVersion: "2026.3",
			Actions: []Action{{Title: "Согласование собственников ЭЦП", Deadline: civil.MustParse("2026-12-03")}}},
		Documents: []Document{
			{ID: "passport", Title: "Паспорт", Status: Required, Files: []File{{Path: f.scan}, {Path: f.photo}}},
			{ID: "photo", Title: "Фотография 3×4", Status: Required, Files: []File{{Path: f.png}}},
			{ID: "contract", Title: "Трудовой договор", Status: Required, Files: []File{{Path: f.pdf}}},
			{ID: "medical", Title: "Медицинская справка", Status: Missing},
			{ID: "diploma", Title: "Диплом: копия (необязательно)", Status: Optional, Files: []File{{Path: f.scan2}}},
			{ID: "extra", Title: "Письмо работодателя", Status: Optional},
		}}
	return in, f
}

func sha(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestBuildPackage(t *testing.T) {
	dir := t.TempDir()
	in, f := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	var progress []Progress
	res, err := Build(bg, out, in, Options{Date: civil.MustParse("2026-11-25"), ProgramVersion: "test",
		Progress: func(p Progress) { progress = append(progress, p) }})
	require.NoError(t, err)

	// The result and the cover say what is missing.
	assert.Equal(t, []string{"Медицинская справка"}, res.Missing)
	require.Len(t, res.Merged, 1)
	assert.Equal(t, "Иванов_РВП_2026-12-01.pdf", res.Merged[0].Path)
	require.NotEmpty(t, progress)
	assert.Equal(t, progress[len(progress)-1].Total, progress[len(progress)-1].Done)

	merged := filepath.Join(out, res.Merged[0].Path)
	ctx := readPDFFile(t, merged)
	// cover 1 + passport 2 + photo 1 + contract 2 + diploma 1
	require.Equal(t, 7, ctx.PageCount)
	for i := 1; i <= ctx.PageCount; i++ {
		assert.True(t, isA4(pageShown(t, ctx, i)), "page %d is A4", i)
	}
	// Orientation as seen: scan portrait, phone photo turned upright
	// (portrait), transparent PNG portrait, the landscape scan landscape.
	p2, p3, p4, p7 := pageShown(t, ctx, 2), pageShown(t, ctx, 3), pageShown(t, ctx, 4), pageShown(t, ctx, 7)
	assert.Less(t, p2.w, p2.h)
	assert.Less(t, p3.w, p3.h, "EXIF-rotated photo stands in portrait")
	assert.Less(t, p4.w, p4.h)
	assert.Greater(t, p7.w, p7.h, "landscape scan on a landscape page")
	// JPEG data passed through byte for byte for the plain scan.
	require.Len(t, p2.images, 1)
	assert.Equal(t, "DCTDecode", p2.images[0].filter)
	scanData, _ := os.ReadFile(f.scan)
	assert.Equal(t, len(scanData), p2.images[0].bytes, "scan embedded unchanged")

	// Bookmarks: cover, then one per document in order, files as children.
	bms := bookmarks(t, ctx)
	var titles []string
	var pages []int
	for _, b := range bms {
		titles = append(titles, b.Title)
		pages = append(pages, b.Page)
	}
	assert.Equal(t, []string{"Содержание", "Паспорт", "Фотография 3×4", "Трудовой договор", "Диплом: копия (необязательно)"}, titles)
	assert.Equal(t, []int{1, 2, 4, 5, 7}, pages)
	require.Len(t, bms[1].Kids, 2)
	assert.Equal(t, "scan1.jpg", bms[1].Kids[0].Title)
	assert.Equal(t, "photo.jpg", bms[1].Kids[1].Title)
	assert.Equal(t, 3, bms[1].Kids[1].Page)

	// Cover text is extractable Cyrillic; the missing document and the
	// action are listed; page numbers on every page.
	cover := pageText(t, ctx, 1)
	for _, s := range []string{"Иванов Иван", "ТОО «Қазақ Тест»", "Содержание", "Паспорт", "стр. 2–3", "НЕТ ДОКУМЕНТА",
		"Медицинская справка", "Согласование собственников ЭЦП — до 03.12.2026", "01.12.2026", "не приложен"} {
		assert.Contains(t, cover, s)
	}
	for i := 1; i <= ctx.PageCount; i++ {
		assert.Contains(t, pageText(t, ctx, i), "стр. "+strconv.Itoa(i)+" из 7", "page number on page %d", i)
	}

	// Upload files: one per attached document, under budget, valid.
	var names []string
	for _, u := range res.Uploads {
		names = append(names, u.Path)
		st, err := os.Stat(filepath.Join(out, u.Path))
		require.NoError(t, err)
		assert.LessOrEqual(t, st.Size(), int64(DefaultMaxFileBytes))
		assert.Equal(t, st.Size(), u.Bytes)
		uctx := readPDFFile(t, filepath.Join(out, u.Path))
		assert.Equal(t, u.Pages, uctx.PageCount)
	}
	assert.Equal(t, []string{"upload/01_Паспорт.pdf", "upload/02_Фотография_3×4.pdf", "upload/03_Трудовой_договор.pdf",
		"upload/05_Диплом_копия_(необязательно).pdf"}, names)

	// The manifest: input hashes, outputs, changes, statuses.
	var man Manifest
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &man))
	assert.Equal(t, ManifestVersion, man.Schema)
	assert.Equal(t, "2026.3", man.RulesVersion)
	assert.Equal(t, filepath.Base(merged), man.Merged.Path)
	require.Len(t, man.Documents, 6)
	assert.Equal(t, sha(t, f.scan), man.Documents[0].Inputs[0].SHA256)
	assert.Equal(t, sha(t, f.photo), man.Documents[0].Inputs[1].SHA256)
	assert.Equal(t, 90, man.Documents[0].Inputs[1].Change.Rotated)
	assert.True(t, man.Documents[0].Inputs[1].Change.MetadataRemoved)
	assert.True(t, man.Documents[1].Inputs[0].Change.Flattened)
	assert.Equal(t, [2]int{2, 3}, man.Documents[0].Pages)
	assert.Equal(t, Missing, man.Documents[3].Status)
	up, err := os.Stat(filepath.Join(out, man.Documents[0].Upload[0].Path))
	require.NoError(t, err)
	assert.Equal(t, up.Size(), man.Documents[0].Upload[0].Bytes)
	assert.Len(t, man.Actions, 1)

	// No leftovers beside the output.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		assert.False(t, strings.Contains(e.Name(), tmpInfix) || strings.Contains(e.Name(), oldInfix), e.Name())
	}
}

func TestBuildLanguages(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	for _, tc := range []struct {
		lang  i18n.Lang
		cover []string
		num   string
	}{
		{i18n.KK, []string{"Мазмұны", "ҚҰЖАТ ЖОҚ", "03.12.2026 дейін"}, "1-бет, барлығы 7"},
		{i18n.EN, []string{"Contents", "MISSING", "by 03.12.2026"}, "page 1 of 7"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			out := filepath.Join(dir, "out-"+string(tc.lang))
			res, err := Build(bg, out, in, Options{Lang: tc.lang})
			require.NoError(t, err)
			ctx := readPDFFile(t, filepath.Join(out, res.Merged[0].Path))
			text := pageText(t, ctx, 1)
			for _, s := range tc.cover {
				assert.Contains(t, text, s)
			}
			assert.Contains(t, text, tc.num)
		})
	}
}
