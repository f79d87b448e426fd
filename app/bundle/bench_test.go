package bundle

import (
	"fmt"
	"path/filepath"
	"testing"
)

// Go benchmarks on small generated inputs; scripts/bench-bundle.sh runs the
// full-size comparison with the pdfcpu CLI and Ghostscript.

func benchScans(b *testing.B, n int) []File {
	dir := b.TempDir()
	var files []File
	for i := 0; i < n; i++ {
		files = append(files, File{Path: writeFile(b, dir, fmt.Sprintf("s%02d.jpg", i), encodeJPEG(b, scanImage(1240, 1754, uint64(i), 12), 80))})
	}
	return files
}

// BenchmarkPackPassthrough: scans whose JPEG data goes in unchanged.
func BenchmarkPackPassthrough(b *testing.B) {
	files := benchScans(b, 10)
	out := filepath.Join(b.TempDir(), "out.pdf")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Pack(bg, out, files, Options{MaxFileBytes: 1e9}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild: the same scans as a two-item case: merged PDF, uploads,
// manifest, folder swap.
func BenchmarkBuild(b *testing.B) {
	files := benchScans(b, 10)
	in := Input{Documents: []Document{
		{ID: "a", Title: "А", Status: Required, Files: files[:5]},
		{ID: "b", Title: "Б", Status: Required, Files: files[5:]},
	}}
	out := filepath.Join(b.TempDir(), "out")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(bg, out, in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSqueezePhoto: one EXIF-rotated 12-megapixel photo brought under
// 500 kB (decode, downscale to 200 dpi, turn, pick the quality).
func BenchmarkSqueezePhoto(b *testing.B) {
	dir := b.TempDir()
	path := writeFile(b, dir, "p.jpg", withOrientation(encodeJPEG(b, scanImage(4032, 3024, 9, 8), 90), 6))
	s, err := loadSource(File{Path: path})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := preparePicture(s, 500_000, budgetLevels); err != nil {
			b.Fatal(err)
		}
	}
}
