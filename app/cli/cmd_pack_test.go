package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"dossier/app/bundle"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func packSetup(t *testing.T) {
	dir := t.TempDir()
	old := setupBundle
	setupBundle = func() error { return bundle.Setup(dir) }
	t.Cleanup(func() { setupBundle = old })
}

func jpegFile(t *testing.T, dir, name string, w, h int) string {
	m := image.NewGray(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}))
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	return p
}

func TestPackCommand(t *testing.T) {
	packSetup(t)
	dir := t.TempDir()
	// A4 at 200 dpi, upright and on its side: validation accepts both.
	a := jpegFile(t, dir, "a.jpg", 1654, 2339)
	b := jpegFile(t, dir, "b.jpg", 2339, 1654)
	out := filepath.Join(dir, "out.pdf")

	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout or stderr
	}{
		{"packs two files", []string{"pack", "--out", out, a, b}, ExitOK, "out.pdf"},
		{"english", []string{"pack", "--lang", "en", "--out", out, a}, ExitOK, "Wrote"},
		{"no out", []string{"pack", a}, ExitUsage, "--out"},
		{"no files", []string{"pack", "--out", out}, ExitUsage, "не указаны"},
		{"missing file", []string{"pack", "--out", out, filepath.Join(dir, "nope.jpg")}, ExitUsage, "nope.jpg"},
		{"bad budget", []string{"pack", "--out", out, "--max-file-mb", "-1", a}, ExitUsage, "-1"},
		{"not a picture", []string{"pack", "--lang", "en", "--out", out, writeText(t, dir)}, ExitUsage, "plain text file"},
		{"low resolution left out", []string{"pack", "--lang", "en", "--out", filepath.Join(dir, "low.pdf"), a,
			jpegFile(t, dir, "small.jpg", 600, 800)}, ExitProblems, "Left out of the PDF: small.jpg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tc.args...)
			assert.Equal(t, tc.code, code, "stdout=%s stderr=%s", stdout, stderr)
			assert.Contains(t, stdout+stderr, tc.want)
		})
	}
	require.NoError(t, api.ValidateFile(context.Background(), out, nil, nil))
}

func writeText(t *testing.T, dir string) string {
	p := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(p, []byte("hello"), 0o644))
	return p
}

func TestPackCommandJSONAndSplit(t *testing.T) {
	packSetup(t)
	dir := t.TempDir()
	var files []string
	for _, n := range []string{"1.jpg", "2.jpg", "3.jpg"} {
		files = append(files, jpegFile(t, dir, n, 1200, 1700))
	}
	out := filepath.Join(dir, "big.pdf")
	// A budget so small that one page per file is the best there is.
	args := append([]string{"pack", "--json", "--out", out, "--max-file-mb", "0.05"}, files...)
	code, stdout, stderr := runCLI(args...)
	require.Contains(t, []int{ExitOK, ExitProblems}, code, stderr)
	var res struct {
		Merged []struct {
			Path  string `json:"path"`
			Bytes int64  `json:"bytes"`
		} `json:"merged"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
	require.Greater(t, len(res.Merged), 1, "split into parts")
	for _, m := range res.Merged {
		st, err := os.Stat(m.Path)
		require.NoError(t, err)
		assert.Equal(t, m.Bytes, st.Size())
	}
}

func TestPackCommandReproducible(t *testing.T) {
	packSetup(t)
	dir := t.TempDir()
	a := jpegFile(t, dir, "a.jpg", 1654, 2339)
	var sums [2][]byte
	for i := range sums {
		out := filepath.Join(dir, "r"+string(rune('0'+i))+".pdf")
		code, _, stderr := runCLI("pack", "--reproducible", "--today", "2026-11-25", "--out", out, a)
		require.Equal(t, ExitOK, code, stderr)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		sums[i] = data
	}
	assert.True(t, bytes.Equal(sums[0], sums[1]), "reproducible output differs between runs")
}
