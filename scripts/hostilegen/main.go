// Command hostilegen writes the hostile files scripts/bench-hostile.sh
// measures Dossier's memory on: small files whose cost is out of all
// proportion to their content.
//
//	hostilegen -out DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"dossier/app/scan/scantest"
)

func main() {
	out := flag.String("out", "hostile", "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	files := map[string][]byte{
		// A 1 MB PDF whose page content inflates to 1 GiB.
		"content-bomb.pdf": scantest.ContentBombPDF(1 << 30),
		// 5,000 pages where validation allows 300.
		"page-flood.pdf": scantest.ManyPagesPDF(5000),
		// A progressive JPEG of 996 scans: a CPU bomb for whoever opens it.
		"scan-bomb.jpg": scantest.ProgressiveJPEG(2000, 2000, 996),
		// Page boxes of nothing and of 1e308.
		"box-zero.pdf": scantest.BoxPDF("/MediaBox [0 0 0 0]", "", false),
		"box-huge.pdf": scantest.BoxPDF("/MediaBox [-1e308 -1e308 1e308 1e308]", "", false),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			fail(err)
		}
	}
	// Image bombs: colour PNGs of zero pixels, 390 KB and 190 KB on disk,
	// 400 MB and 196 MB decoded (the second within the pixel limit).
	for _, b := range []struct {
		name string
		w, h int
	}{{"image-bomb-100mp.png", 10000, 10000}, {"image-bomb-49mp.png", 7000, 7000}} {
		f, err := os.Create(filepath.Join(*out, b.name))
		if err != nil {
			fail(err)
		}
		if err := scantest.PNGBomb(f, b.w, b.h, 6); err != nil {
			fail(err)
		}
		if err := f.Close(); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "hostilegen:", err)
	os.Exit(1)
}
