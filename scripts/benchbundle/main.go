// Command benchbundle drives app/bundle for scripts/bench-bundle.sh: it
// builds a package (or packs files) from the inputs benchgen wrote and
// prints the wall time. Timing and peak memory come from /usr/bin/time.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"time"

	"dossier/app/bundle"
	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/demo"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/scan"
	"dossier/app/store"
)

func main() {
	mode := flag.String("mode", "build", "build (a case folder), pack (one PDF), or stored (rebuild a workspace case, as the window's Build button does)")
	wsDir := flag.String("ws", "", "stored: the workspace; made on the first run (demo case + the inputs attached, checked once), reused after")
	in := flag.String("in", "bench-inputs", "inputs folder")
	glob := flag.String("glob", "scan_*.jpg", "input files in the folder")
	out := flag.String("out", "bench-out", "output folder (build) or file (pack)")
	perDoc := flag.Int("per-doc", 5, "build: files per checklist item")
	maxMB := flag.Float64("max-file-mb", 10, "size budget per file")
	config := flag.String("config", filepath.Join(os.TempDir(), "dossier-bench-config"), "pdfcpu configuration folder")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile")
	memprofile := flag.String("memprofile", "", "write an allocation profile")
	scanCache := flag.String("scan-cache", "", "pack and build validate files without a verdict: the scan cache folder (\"\" = the user's cache, \"none\" = no cache)")
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
	opt := bundle.Options{MaxFileBytes: int64(*maxMB * 1e6), Date: civil.MustParse("2026-11-25"), ProgramVersion: "bench"}
	switch *scanCache {
	case "":
	case "none":
		opt.Validator = scan.New(scan.Options{NoCache: true})
	default:
		opt.Validator = scan.New(scan.Options{CacheDir: *scanCache})
	}
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
		in := bundle.Input{Cover: bundle.Cover{Applicant: "Бенчмарк Тест", Procedure: "РВП", FilingDate: civil.MustParse("2026-12-01")}}
		for i := 0; i < len(files); i += *perDoc {
			d := bundle.Document{ID: fmt.Sprintf("doc%02d", i / *perDoc), Title: fmt.Sprintf("Документ %d", i / *perDoc + 1), Status: bundle.Required}
			for _, f := range files[i:min(i+*perDoc, len(files))] {
				d.Files = append(d.Files, bundle.File{Path: f})
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
	case "stored":
		res, err := rebuildStored(*wsDir, files, *perDoc, *out, opt)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("wrote %s: %d pages, %d bytes; %d upload files\n", res.Merged[0].Path, res.Merged[0].Pages, res.Merged[0].Bytes, len(res.Uploads))
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

// rebuildStored builds the demo case of the workspace at dir the way the
// window does (casework.BuildStored: validation from the cache, by the
// stored files' hashes, then the build). When dir holds no workspace yet it
// is made first: a demo workspace whose first case gets the inputs attached,
// perDoc files to each of its document items in turn, and checked once.
func rebuildStored(dir string, files []string, perDoc int, out string, opt bundle.Options) (*bundle.Result, error) {
	ctx := context.Background()
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "dossier.db")); err != nil {
		if err := demo.Create(ctx, dir, demo.Options{Today: opt.Date}); err != nil {
			return nil, err
		}
		ws, err := store.Open(ctx, dir, store.Options{})
		if err != nil {
			return nil, err
		}
		id, err := firstCase(ctx, ws)
		if err == nil {
			err = attachAll(ctx, ws, set, id, files, perDoc)
		}
		if err == nil {
			_, err = casework.Validate(ctx, ws, casework.Validator(ws), id, nil)
		}
		ws.Close()
		if err != nil {
			return nil, err
		}
	}
	ws, err := store.Open(ctx, dir, store.Options{})
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	id, err := firstCase(ctx, ws)
	if err != nil {
		return nil, err
	}
	res, _, err := casework.BuildStored(ctx, ws, set, id, out, opt)
	return res, err
}

func firstCase(ctx context.Context, ws *store.Workspace) (int64, error) {
	cases, err := ws.CasesByState(ctx)
	if err != nil {
		return 0, err
	}
	if len(cases) == 0 {
		return 0, errors.New("the workspace has no case")
	}
	return cases[0].ID, nil
}

// attachAll spreads files over the case's document items, perDoc each.
func attachAll(ctx context.Context, ws *store.Workspace, set *rules.Set, caseID int64, files []string, perDoc int) error {
	rc, err := ws.RulesCase(ctx, caseID)
	if err != nil {
		return err
	}
	var items []string
	for _, it := range set.Checklist(rc, i18n.RU).Items {
		if it.Kind == rules.Document && it.Status != rules.NotApplicable {
			items = append(items, it.ID)
		}
	}
	if len(items) == 0 {
		return fmt.Errorf("the demo case has no document items")
	}
	for i := 0; i < len(files); i += perDoc {
		item := items[(i/perDoc)%len(items)]
		if _, err := casework.Attach(ctx, ws, caseID, item, files[i:min(i+perDoc, len(files))]); err != nil {
			return err
		}
	}
	return nil
}
