package bundle

import (
	"context"
	"os"
	"testing"

	"dossier/app/scan"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dossier-pdfcpu-")
	if err != nil {
		panic(err)
	}
	if err := Setup(dir); err != nil {
		panic(err)
	}
	// The fixtures are small pictures (fast to make and merge) far below a
	// real scan's resolution: the tests' validator lets any resolution
	// through and keeps no cache. Tests of the verdict itself set their own.
	defaultValidator = func() *scan.Validator {
		return scan.New(scan.Options{NoCache: true, MinDPI: 1, WarnDPI: 2})
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var bg = context.Background()
