package bundle

import (
	"context"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dossier-pdfcpu-")
	if err != nil {
		panic(err)
	}
	if err := Setup(dir); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var bg = context.Background()
