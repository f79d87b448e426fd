package scan

import (
	"context"
	"os"
	"os/exec"
	"sort"
	"testing"

	"dossier/app/pdfkit"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const workerEnv = "DOSSIER_SCAN_TEST_WORKER"

// TestMain doubles as the PDF worker: the tests start this same binary
// with workerEnv set, as the real program starts itself with scan-worker.
func TestMain(m *testing.M) {
	pdfkit.DisableConfigDir()
	if os.Getenv(workerEnv) == "1" {
		if err := RunWorker(context.Background(), os.Args[len(os.Args)-1:], os.Stdin, os.Stdout); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// testWorker runs this test binary as the worker process.
func testWorker(ctx context.Context, path string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], path)
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	return cmd
}

func testValidator(t testing.TB, o Options) *Validator {
	if raceEnabled && o.WorkerMemory == 0 {
		// The race detector's shadow memory does not fit the worker's
		// memory cap: under it, PDFs are checked in the test process
		// (the same code, without the process boundary).
		o.NoIsolation = true
	}
	if o.Worker == nil && !o.NoIsolation {
		o.Worker = testWorker
	}
	if o.CacheDir == "" && !o.NoCache {
		o.CacheDir = t.TempDir()
	}
	return New(o)
}

func writeCorpus(t testing.TB, cases []corpusCase) (string, []string) {
	dir := t.TempDir()
	var paths []string
	for _, c := range cases {
		paths = append(paths, writeFile(t, dir, c.name, c.data))
	}
	return dir, paths
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func TestCorpus(t *testing.T) {
	cases := corpus(t)
	_, paths := writeCorpus(t, cases)
	for _, isolated := range []bool{true, false} {
		v := testValidator(t, Options{NoIsolation: !isolated, NoCache: true})
		name := "in-process"
		if isolated {
			name = "worker"
		}
		t.Run(name, func(t *testing.T) {
			for i, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					r, err := v.Check(context.Background(), paths[i])
					require.NoError(t, err)
					assert.Equal(t, c.kind, r.Kind)
					assert.Equal(t, c.verdict, r.Verdict, "findings: %v", r.Codes())
					assert.Equal(t, sorted(c.codes), sorted(r.Codes()))
					for code, page := range c.pageCodes {
						for _, f := range r.Findings {
							if f.Code == code {
								assert.Equal(t, page, f.Page, code)
							}
						}
					}
				})
			}
		})
	}
}
