package scan

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// benchScans makes (once, then reuses) n realistic scans: A4 at 300 dpi,
// colour JPEG, noisy paper with lines of text, 0.5–1.5 MB each. They live
// in the system temp folder so that repeated benchmark runs skip the
// generation (about a second per page).
func benchScans(b *testing.B, n int) []string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "dossier-scan-bench-v2")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	paths := make([]string, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	var mu sync.Mutex
	var failed error
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("скан %03d.jpg", i))
		if _, err := os.Stat(paths[i]); err == nil {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			w, h := a4px(300)
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, colourScan(textPage(w, h, 300, int64(1000+i), 4)), &jpeg.Options{Quality: 70}); err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
				return
			}
			if err := os.WriteFile(paths[i], buf.Bytes(), 0o644); err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	if failed != nil {
		b.Fatal(failed)
	}
	var total int64
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		if st.Size() < 500<<10 || st.Size() > 1536<<10 {
			b.Fatalf("%s: %d bytes, outside 0.5–1.5 MB", p, st.Size())
		}
		total += st.Size()
	}
	b.Logf("%d scans, %.1f MB in all", n, float64(total)/(1<<20))
	return paths
}

const benchFiles = 100

// BenchmarkDecodeSequential is the yardstick: reading and decoding each
// file once, one after another.
func BenchmarkDecodeSequential(b *testing.B) {
	paths := benchScans(b, benchFiles)
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() { reportCPU(b, cpu0) }()
	for range b.N {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkValidateCold validates the files with no cache: everything is
// decoded and analysed, on all CPUs.
func BenchmarkValidateCold(b *testing.B) {
	paths := benchScans(b, benchFiles)
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() { reportCPU(b, cpu0) }()
	for range b.N {
		v := New(Options{NoCache: true})
		rs, err := v.CheckAll(context.Background(), paths, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rs {
			if r.Verdict != Accept {
				b.Fatalf("%s: %s %v", r.File, r.Verdict, r.Codes())
			}
		}
	}
}

// BenchmarkValidateCached validates the same files again with a warm cache:
// hashing and one small JSON read per file.
func BenchmarkValidateCached(b *testing.B) {
	paths := benchScans(b, benchFiles)
	v := New(Options{CacheDir: b.TempDir()})
	if _, err := v.CheckAll(context.Background(), paths, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() { reportCPU(b, cpu0) }()
	for range b.N {
		rs, err := v.CheckAll(context.Background(), paths, nil)
		if err != nil {
			b.Fatal(err)
		}
		if !rs[0].Cached {
			b.Fatal("not cached")
		}
	}
}

// reportCPU adds the CPU seconds per operation, which (unlike wall-clock
// time) do not depend on how busy the machine is with other work.
func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric((cpuTime()-since).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkAnalyse is the part of validation that is Dossier's own: reduce
// a decoded 300-dpi A4 page to grey at about 100 dpi and measure it.
func BenchmarkAnalyse(b *testing.B) {
	w, h := a4px(300)
	img := colourScan(textPage(w, h, 300, 1, 4))
	b.ResetTimer()
	for range b.N {
		measure(reduceGrey(img, reduceFactor(w, h, 300)))
	}
}
