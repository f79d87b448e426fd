// Command benchbundle drives app/bundle for scripts/bench-bundle.sh: it
// builds a package (or packs files) from the inputs benchgen wrote and
// prints the wall time. Timing and peak memory come from /usr/bin/time.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	_ "image/jpeg"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"dossier/app/bundle"
	"dossier/app/civil"
)

func main() {
	mode := flag.String("mode", "build", "build (a case folder) or pack (one PDF)")
	in := flag.String("in", "bench-inputs", "inputs folder")
	glob := flag.String("glob", "scan_*.jpg", "input files in the folder")
	out := flag.String("out", "bench-out", "output folder (build) or file (pack)")
	perDoc := flag.Int("per-doc", 5, "build: files per checklist item")
	cold := flag.Bool("cold", false, "decode every picture fully first, as scan validation does on a first build")
	maxMB := flag.Float64("max-file-mb", 10, "size budget per file")
	config := flag.String("config", filepath.Join(os.TempDir(), "dossier-bench-config"), "pdfcpu configuration folder")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile")
	memprofile := flag.String("memprofile", "", "write an allocation profile")
	sums := flag.String("sums", "", "build: a sha256sum file of the inputs; their hashes are then given to the builder as a stored case's are (the workspace knows them)")
	verify := flag.String("verify", "", "after the run, check the output: passthrough (JPEG data embedded unchanged) or photos (portrait, upright, ≥150 dpi)")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}

	files, err := filepath.Glob(filepath.Join(*in, *glob))
	if err != nil || len(files) == 0 {
		log.Fatalf("no inputs %s in %s", *glob, *in)
	}
	sort.Strings(files)
	// The configuration folder persists between runs, as it does for the
	// application: pdfcpu's config and the fonts are installed once.
	defer pprof.StopCPUProfile()
	if err := bundle.Setup(*config); err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	if *cold {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				log.Fatal(err)
			}
			if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
				log.Fatalf("%s: %v", f, err)
			}
		}
	}
	opt := bundle.Options{MaxFileBytes: int64(*maxMB * 1e6), Date: civil.MustParse("2026-11-25"), ProgramVersion: "bench"}
	if os.Getenv("BENCH_TRACE") != "" {
		opt.Progress = func(p bundle.Progress) {
			fmt.Fprintf(os.Stderr, "%6.3fs %d/%d %s\n", time.Since(start).Seconds(), p.Done, p.Total, p.Stage)
		}
	}
	switch *mode {
	case "pack":
		var fs []bundle.File
		for _, f := range files {
			fs = append(fs, bundle.File{Path: f})
		}
		res, err := bundle.Pack(context.Background(), *out, fs, opt)
		if err != nil {
			log.Fatal(err)
		}
		for _, m := range res.Merged {
			fmt.Printf("wrote %s: %d pages, %d bytes\n", m.Path, m.Pages, m.Bytes)
		}
		defer func() {
			if *verify != "" {
				if err := check(*verify, res.Merged[0].Path, files); err != nil {
					log.Fatalf("verify %s: %v", *verify, err)
				}
				fmt.Printf("verify %s: ok\n", *verify)
			}
		}()
	case "build":
		known, err := readSums(*sums)
		if err != nil {
			log.Fatal(err)
		}
		in := bundle.Input{Cover: bundle.Cover{Applicant: "Бенчмарк Тест", Procedure: "РВП", FilingDate: civil.MustParse("2026-12-01")}}
		for i := 0; i < len(files); i += *perDoc {
			d := bundle.Document{ID: fmt.Sprintf("doc%02d", i / *perDoc), Title: fmt.Sprintf("Документ %d", i / *perDoc + 1), Status: bundle.Required}
			for _, f := range files[i:min(i+*perDoc, len(files))] {
				sha, stored := known[filepath.Base(f)]
				d.Files = append(d.Files, bundle.File{Path: f, SHA256: sha, Stored: stored})
			}
			in.Documents = append(in.Documents, d)
		}
		res, err := bundle.Build(context.Background(), *out, in, opt)
		if err != nil {
			log.Fatal(err)
		}
		var up int64
		for _, u := range res.Uploads {
			up += u.Bytes
		}
		fmt.Printf("wrote %s: %d pages, %d bytes; %d upload files, %d bytes\n", res.Merged[0].Path, res.Merged[0].Pages, res.Merged[0].Bytes, len(res.Uploads), up)
	default:
		log.Fatalf("unknown mode %q", *mode)
	}
	fmt.Printf("elapsed %.2fs\n", time.Since(start).Seconds())
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
}

// readSums reads "HASH  NAME" lines as sha256sum writes them, keyed by base name.
func readSums(path string) (map[string]string, error) {
	out := map[string]string{}
	if path == "" {
		return out, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		sha, name, ok := strings.Cut(strings.TrimSpace(line), "  ")
		if ok {
			out[filepath.Base(strings.TrimPrefix(name, "*"))] = sha
		}
	}
	return out, nil
}
