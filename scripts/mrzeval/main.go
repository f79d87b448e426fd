// Command mrzeval measures the MRZ reader (app/mrz) on generated passport
// pages; docs/benchmarks.md has its figures and scripts/mrz-eval.sh runs it.
//
//	mrzeval gen  -out DIR -n N [-seed S] [-cards M] [-classes flatbed,phone]
//	                                     draw N pages per passport class
//	                                     (and M identity cards)
//	mrzeval read -dir DIR [-half report]   read them and score the reader
//	mrzeval tess -dir DIR [-half report] [-limit N]   the same with Tesseract
//	mrzeval fixture -out FILE [-dpi D] [-skew S] [-turn T] [-quality Q] [-blur B]
//	                                     the ICAO specimen on one page (test fixtures)
//
// Pages alternate between two halves, "tune" and "report": thresholds are
// chosen on the first and the figures reported on the second.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: mrzeval gen|read|tess …")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "read":
		err = read(os.Args[2:])
	case "tess":
		err = tess(os.Args[2:])
	case "fixture":
		err = fixture(os.Args[2:])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mrzeval:", err)
		os.Exit(1)
	}
}

// specimen is the ICAO 9303 Part 4 example, drawn once per class;
// specimenTD1 the Part 5 card's.
var (
	specimen    = []string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"}
	specimenTD1 = []string{"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"}
)

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	out := fs.String("out", "", "folder for the pages")
	n := fs.Int("n", 100, "pages per class")
	seed := fs.Uint64("seed", 20261207, "seed")
	workers := fs.Int("workers", 1, "pages drawn at once")
	cards := fs.Int("cards", 0, "identity-card pages (TD1, some TD2), flatbed-like")
	only := fs.String("classes", "flatbed,phone", "passport classes to draw -n pages of (a tuning set may need only one)")
	fs.Parse(args)
	drawn := map[string]bool{"card": true}
	for _, c := range strings.Split(*only, ",") {
		drawn[strings.TrimSpace(c)] = true
	}
	if *out == "" {
		return fmt.Errorf("gen: -out is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	type job struct {
		class string
		i     int
	}
	jobs := make(chan job)
	var mu sync.Mutex
	var all []truth
	var firstErr error
	// Each page's truth is also appended as it is drawn, so a run stopped
	// half-way leaves a usable set.
	jl, err := os.OpenFile(filepath.Join(*out, "truth.jsonl"), os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer jl.Close()
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				t, err := onePage(*out, fonts, *seed, j.class, j.i)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				all = append(all, t)
				if err == nil {
					b, _ := json.Marshal(t)
					jl.Write(append(b, '\n'))
				}
				mu.Unlock()
			}
		}()
	}
	// Classes interleaved, so that a run stopped early is still balanced.
	for i := 0; i < max(*n, *cards); i++ {
		for _, class := range []string{"flatbed", "phone", "card"} {
			if drawn[class] && ((class == "card" && i < *cards) || (class != "card" && i < *n)) {
				jobs <- job{class, i}
			}
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	b, _ := json.MarshalIndent(all, "", " ")
	return os.WriteFile(filepath.Join(*out, "truth.json"), b, 0o644)
}

// onePage draws page i of a class from its own random stream, so a page
// does not depend on how many were drawn before it.
func onePage(dir string, fonts *fontSet, seed uint64, class string, i int) (truth, error) {
	classNo := map[string]uint64{"flatbed": 0, "phone": 1, "card": 2}[class]
	r := rand.New(rand.NewPCG(seed, classNo<<32|uint64(i)))
	kind := pageKind(r, class, i)
	s := drawSpec(r, class, kind)
	s.lines = zoneText(r, class, kind)
	s.pageW, s.pageH = documentSize(class, s.lines)
	page, err := renderPage(r, fonts, s)
	if err != nil {
		return truth{}, err
	}
	img := undoForExif(compose(r, page, s), s.exif)
	data, err := encode(img, s)
	if err != nil {
		return truth{}, err
	}
	ext := ".jpg"
	if s.png {
		ext = ".png"
	}
	half := "tune"
	if i%2 == 1 {
		half = "report"
	}
	name := fmt.Sprintf("%s-%04d%s", class, i, ext)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		return truth{}, err
	}
	t := truth{File: name, Class: class, Kind: kind, Half: half, Lines: s.lines, Params: map[string]any{
		"dpi": round1(s.dpi), "blur": round1(s.blur), "quality": s.quality, "skew": round1(s.skew), "turn": s.turn,
		"exif": s.exif, "perspective": round1(s.persp * 100), "light": round1(s.light), "weight": round1(s.weight),
		"png": s.png, "bytes": len(data),
	}}
	if kind == "mrz" || kind == "specimen" {
		t.Fields = expectFields(s.lines)
	}
	return t, nil
}

// pageKind draws what a page holds: a zone, the specimen (page 1), none,
// or MRZ-like text that fails its checks (passports only).
func pageKind(r *rand.Rand, class string, i int) string {
	switch {
	case i == 1:
		return "specimen"
	case r.IntN(10) == 0:
		return "none"
	case class != "card" && r.IntN(9) == 0:
		return "fake"
	}
	return "mrz"
}

// zoneText draws the zone's lines for a page of that kind.
func zoneText(r *rand.Rand, class, kind string) []string {
	switch {
	case kind == "mrz" && class == "card":
		return cardIdentity(r)
	case kind == "mrz":
		return identity(r)
	case kind == "specimen" && class == "card":
		return specimenTD1
	case kind == "specimen":
		return specimen
	case kind == "fake":
		return fakeZone(r)
	}
	return nil
}

// documentSize is the page's size in mm: a passport's data page, or an
// ID-1 card (85.6 × 54) for TD1 zones and ID-2 (105 × 74) for TD2.
func documentSize(class string, lines []string) (float64, float64) {
	switch {
	case class != "card":
		return pageWmm, pageHmm
	case len(lines) == 2:
		return 105, 74
	}
	return 85.6, 54
}

func fixture(args []string) error {
	fs := flag.NewFlagSet("fixture", flag.ExitOnError)
	out := fs.String("out", "", "output file (.jpg or .png)")
	dpi := fs.Float64("dpi", 150, "resolution")
	skew := fs.Float64("skew", 0, "degrees")
	turn := fs.Int("turn", 0, "0 or 180")
	quality := fs.Int("quality", 75, "JPEG quality")
	blur := fs.Float64("blur", 0, "sigma in pixels")
	seed := fs.Uint64("seed", 1, "seed")
	fs.Parse(args)
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(*seed, 0))
	s := pageSpec{class: "flatbed", kind: "specimen", lines: specimen, dpi: *dpi, blur: *blur, quality: *quality, pageW: pageWmm, pageH: pageHmm,
		skew: *skew, turn: *turn, exif: 1, weight: 1, capMM: 2.35, pitchMM: 2.54, png: strings.HasSuffix(*out, ".png")}
	page, err := renderPage(r, fonts, s)
	if err != nil {
		return err
	}
	data, err := encode(compose(r, page, s), s)
	if err != nil {
		return err
	}
	return os.WriteFile(*out, data, 0o644)
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }
