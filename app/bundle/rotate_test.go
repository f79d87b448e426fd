package bundle

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
)

func TestOrientationOf(t *testing.T) {
	tests := []struct {
		name  string
		f     Fixes
		o     int
		turn  int
		pure  bool
		check string
	}{
		{name: "nothing", f: Fixes{}, o: 1, turn: 0, pure: true},
		{name: "clerk's quarter turn", f: Fixes{Rotate: 90}, o: 6, turn: 90, pure: true},
		{name: "anticlockwise is three quarters", f: Fixes{Orientation: 1, Rotate: -90}, o: 8, turn: 270, pure: true},
		{name: "phone photo turned once more", f: Fixes{Orientation: 6, Rotate: 90}, o: 3, turn: 180, pure: true},
		{name: "upside down turned back", f: Fixes{Orientation: 3, Rotate: 180}, o: 1, turn: 0, pure: true},
		{name: "out-of-range EXIF is ignored", f: Fixes{Orientation: 9, Rotate: 270}, o: 8, turn: 270, pure: true},
		// Mirrored orientations keep the clerk's turn: flip, then turn.
		{name: "mirror alone", f: Fixes{Orientation: 2}, o: 2, turn: 0},
		{name: "mirror then half turn flips vertically", f: Fixes{Orientation: 2, Rotate: 180}, o: 4, turn: 180},
		{name: "mirror then quarter turn is the transverse", f: Fixes{Orientation: 2, Rotate: 90}, o: 7, turn: 90},
		{name: "mirror then three quarters is the transpose", f: Fixes{Orientation: 2, Rotate: 270}, o: 5, turn: 270},
		{name: "transverse then quarter turn flips vertically", f: Fixes{Orientation: 7, Rotate: 90}, o: 4, turn: 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, turn, pure := orientationOf(tt.f)
			assert.Equal(t, tt.o, o, "orientation")
			assert.Equal(t, tt.turn, turn, "turn")
			assert.Equal(t, tt.pure, pure, "pure")
		})
	}
}

// TestBuildTurnsFilesTheClerkRotated: the clerk's rotation reaches the
// pages. A JPEG keeps its data and turns through /Rotate (on top of its EXIF
// orientation), a mirrored one is redrawn, and a PDF's pages get their
// /Rotate increased, in the merged file and in the upload files alike.
func TestBuildTurnsFilesTheClerkRotated(t *testing.T) {
	dir := t.TempDir()
	scanData := encodeJPEG(t, scanImage(620, 877, 1, 20), 80)
	scan := writeFile(t, dir, "scan.jpg", scanData)
	photo := writeFile(t, dir, "photo.jpg", withOrientation(encodeJPEG(t, scanImage(800, 600, 2, 10), 80), 6))
	mirrored := writeFile(t, dir, "mirrored.jpg", withOrientation(encodeJPEG(t, scanImage(600, 800, 3, 10), 80), 2))
	pdf := samplePDF(t, dir, 2)
	in := Input{
		Cover: Cover{Applicant: "Иванов Иван", FilingDate: civil.MustParse("2026-12-01")},
		Documents: []Document{
			{ID: "passport", Title: "Паспорт", Status: Required, Files: []File{
				{Path: scan, Fixes: &Fixes{Rotate: 90}},
				{Path: photo, Fixes: &Fixes{Orientation: 6, Rotate: 90}},
				{Path: mirrored, Fixes: &Fixes{Orientation: 2, Rotate: 90}},
			}},
			{ID: "contract", Title: "Договор", Status: Required, Files: []File{{Path: pdf, Fixes: &Fixes{Rotate: 270}}}},
		},
	}
	out := filepath.Join(dir, "out")
	res, err := Build(bg, out, in, Options{Date: civil.MustParse("2026-11-25")})
	require.NoError(t, err)

	// check reads pages from first on. Page numbers (pdfcpu watermarks) fold
	// a page's /Rotate into its box and content, so the merged file shows
	// the turns in its page boxes, the upload files (no numbers) as /Rotate.
	check := func(t *testing.T, path string, first int, numbered bool) {
		ctx := readPDFFile(t, path)
		rot := func(deg int) int {
			if numbered {
				return 0
			}
			return deg
		}
		// The portrait scan turned a quarter: landscape, same JPEG bytes.
		p := pageShown(t, ctx, first)
		assert.Equal(t, rot(90), p.rotate)
		assert.Greater(t, p.w, p.h, "the turned scan is seen landscape")
		require.Len(t, p.images, 1)
		assert.Equal(t, len(scanData), p.images[0].bytes, "turned without re-encoding")
		// The phone photo: EXIF 6 and a quarter more is a half turn.
		p = pageShown(t, ctx, first+1)
		assert.Equal(t, rot(180), p.rotate)
		assert.Greater(t, p.w, p.h, "800×600 turned half way stays landscape")
		// The mirrored picture is redrawn: no page rotation, pixels swapped.
		p = pageShown(t, ctx, first+2)
		assert.Zero(t, p.rotate)
		require.Len(t, p.images, 1)
		assert.Equal(t, [2]int{800, 600}, [2]int{p.images[0].w, p.images[0].h})
		assert.Greater(t, p.w, p.h)
		// The PDF's portrait pages turned three quarters: landscape.
		for nr := first + 3; nr < first+5 && nr <= ctx.PageCount; nr++ {
			p = pageShown(t, ctx, nr)
			assert.Equal(t, rot(270), p.rotate, "page %d", nr)
			assert.Greater(t, p.w, p.h, "page %d", nr)
		}
	}
	merged := readPDFFile(t, filepath.Join(out, res.Merged[0].Path))
	require.Equal(t, 6, merged.PageCount)
	t.Run("merged", func(t *testing.T) { check(t, filepath.Join(out, res.Merged[0].Path), 2, true) })

	var man Manifest
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &man))
	require.Len(t, man.Documents, 2)
	ins := append(man.Documents[0].Inputs, man.Documents[1].Inputs...)
	require.Len(t, ins, 4)
	assert.Equal(t, 90, ins[0].Change.Rotated)
	assert.Nil(t, ins[0].Change.Recompressed, "the scan kept its data")
	assert.Equal(t, 180, ins[1].Change.Rotated)
	assert.Equal(t, 90, ins[2].Change.Rotated)
	assert.Equal(t, 2, ins[2].Change.Orientation, "the mirror from EXIF is recorded as such")
	assert.Equal(t, 270, ins[3].Change.Rotated)

	// The upload files carry the same turns (the PDF is read again there).
	require.Len(t, man.Documents[0].Upload, 1)
	require.Len(t, man.Documents[1].Upload, 1)
	t.Run("uploads", func(t *testing.T) {
		pics := readPDFFile(t, filepath.Join(out, man.Documents[0].Upload[0].Path))
		require.Equal(t, 3, pics.PageCount)
		check(t, filepath.Join(out, man.Documents[0].Upload[0].Path), 1, false)
		pdf := filepath.Join(out, man.Documents[1].Upload[0].Path)
		ctx := readPDFFile(t, pdf)
		require.Equal(t, 2, ctx.PageCount)
		for nr := 1; nr <= 2; nr++ {
			p := pageShown(t, ctx, nr)
			assert.Equal(t, 270, p.rotate, "upload page %d", nr)
			assert.Greater(t, p.w, p.h, "upload page %d", nr)
		}
	})
}
