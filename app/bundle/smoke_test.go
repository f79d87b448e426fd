package bundle

import (
	"os"
	"path/filepath"
	"testing"

	"dossier/app/civil"
	"github.com/stretchr/testify/require"
)

func TestSmoke(t *testing.T) {
	dir := t.TempDir()
	scan := writeFile(t, dir, "scan1.jpg", encodeJPEG(t, scanImage(1240, 1754, 1, 20), 80))
	photo := writeFile(t, dir, "photo.jpg", withOrientation(encodeJPEG(t, scanImage(1600, 1200, 2, 10), 80), 6))
	pngf := writeFile(t, dir, "alpha.png", transparentPNG(t, 300, 200))
	pdf := samplePDF(t, dir, 2)
	in := Input{Cover: Cover{Applicant: "Иванов Иван", Employer: "ТОО «Қазақ Тест»", Procedure: "РВП", Channel: "egov",
		FilingDate: civil.MustParse("2026-12-01"), RulesVersion: "2026.3",
		Actions: []Action{{Title: "Согласование собственников ЭЦП", Deadline: civil.MustParse("2026-12-03")}}},
		Documents: []Document{
			{ID: "passport", Title: "Паспорт", Status: Required, Files: []File{{Path: scan}, {Path: photo}}},
			{ID: "photo", Title: "Фотография", Status: Required, Files: []File{{Path: pngf}}},
			{ID: "contract", Title: "Трудовой договор", Status: Required, Files: []File{{Path: pdf}}},
			{ID: "medical", Title: "Медицинская справка", Status: Missing},
		}}
	out := filepath.Join(dir, "out")
	if d := os.Getenv("BUNDLE_SMOKE_OUT"); d != "" {
		out = d
	}
	res, err := Build(bg, out, in, Options{Date: civil.MustParse("2026-11-25"), ProgramVersion: "test"})
	require.NoError(t, err)
	t.Logf("%+v", res)
	for _, u := range res.Uploads {
		t.Logf("%+v", u)
	}
}
