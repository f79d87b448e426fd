package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The fuzz targets are seeded with the sniffing table and the generated
// corpus. Run one with, for example:
//
//	go test ./app/scan -run '^$' -fuzz FuzzCheck -fuzztime 1m

func FuzzSniff(f *testing.F) {
	for _, c := range sniffCases {
		f.Add(c.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		k := Sniff(data)
		if k == "" {
			t.Fatal("empty kind")
		}
	})
}

// FuzzJPEGHeader reads mutated JPEG headers as validation does.
func FuzzJPEGHeader(f *testing.F) {
	for _, c := range corpus(f) {
		if Sniff(c.data) == KindJPEG {
			f.Add(c.data[:min(len(c.data), 4096)])
		}
	}
	f.Add(exifAPP1(6, true))
	// Walking segments, reading EXIF and stripping are app/jpegmeta's,
	// fuzzed there (FuzzStrip, FuzzReadAPP1); this reads what validation
	// takes from the header.
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = readJPEGInfo(data)
	})
}

func FuzzPNGHeader(f *testing.F) {
	f.Add(pngHeaderOnly(100, 100))
	f.Add(pngHeaderOnly(60000, 60000))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = readPNGInfo(data)
	})
}

// FuzzCheck runs the whole validation of one file in this process (the
// worker path runs the same code). Small limits keep each run quick; a
// crash, a hang past the test's deadline or a panic fails it.
func FuzzCheck(f *testing.F) {
	for _, c := range corpus(f) {
		if len(c.data) < 64<<10 {
			f.Add(c.data)
		}
	}
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, fx := range fixtures {
		if b, err := os.ReadFile(fx); err == nil && len(b) < 200<<10 {
			f.Add(b)
		}
	}
	f.Add(textPDF())
	f.Add(zeroPagePDF())
	f.Add(breakStartxref(textPDF()))
	dir := f.TempDir()
	v := New(Options{NoCache: true, NoIsolation: true, MaxPixels: 4_000_000, MemoryBudget: 64 << 20,
		MaxPages: 20, PDFTimeout: 5 * time.Second, Workers: 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz input")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := v.Check(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict == "" {
			t.Fatal("no verdict")
		}
	})
}
