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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stripedScan is an A4 page at 212 dpi with sharp dark bars: an
// acceptable scan as far as the validator can tell.
func stripedScan(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 1754, 2480))
	for y := 0; y < 2480; y++ {
		for x := 0; x < 1754; x++ {
			v := uint8(235)
			if (y/12)%3 == 0 && (x/7)%4 != 0 && x > 150 && x < 1600 {
				v = 30
			}
			img.Pix[y*img.Stride+x] = v
		}
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}))
	return buf.Bytes()
}

func runCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestValidateCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "скан паспорта.jpg")
	require.NoError(t, os.WriteFile(good, stripedScan(t), 0o644))
	sub := filepath.Join(dir, "папка с файлами")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	heic := filepath.Join(sub, "IMG 0001.JPG")
	require.NoError(t, os.WriteFile(heic, append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 32)...), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(sub, ".DS_Store"), []byte("junk"), 0o644))
	cache := t.TempDir()

	tests := []struct {
		name     string
		args     []string
		code     int
		verdicts []string
	}{
		{"one good file", []string{"validate", "--json", "--cache", cache, good}, ExitOK, []string{"accept"}},
		{"folder with a HEIC, in input order", []string{"validate", "--json", "--cache", cache, good, sub}, ExitProblems, []string{"accept", "reject"}},
		{"missing path", []string{"validate", "--json", filepath.Join(dir, "нет такого.pdf")}, ExitUsage, nil},
		{"no paths", []string{"validate"}, ExitUsage, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := runCLI(tc.args...)
			require.Equal(t, tc.code, code, "stderr: %s", stderr)
			if tc.verdicts == nil {
				return
			}
			var got []struct {
				File     string `json:"file"`
				Verdict  string `json:"verdict"`
				Kind     string `json:"kind"`
				Pages    int    `json:"pages"`
				Findings []struct {
					Code     string `json:"code"`
					Severity string `json:"severity"`
					Page     *int   `json:"page"`
					Message  string `json:"message"`
				} `json:"findings"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &got), out)
			require.Len(t, got, len(tc.verdicts))
			for i, v := range tc.verdicts {
				assert.Equal(t, v, got[i].Verdict, got[i].File)
				for _, f := range got[i].Findings {
					assert.NotEmpty(t, f.Message)
					assert.NotContains(t, f.Message, "[scan.")
				}
			}
			assert.Equal(t, good, got[0].File)
			assert.Equal(t, "jpeg", got[0].Kind)
		})
	}
}

func TestValidateLanguages(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "пусто.pdf")
	require.NoError(t, os.WriteFile(p, nil, 0o644))
	seen := map[string]bool{}
	for _, lang := range []string{"ru", "kk", "en"} {
		code, out, _ := runCLI("validate", "--no-cache", "--lang", lang, p)
		require.Equal(t, ExitProblems, code)
		assert.NotContains(t, out, "[scan.")
		assert.False(t, seen[out], "same text in two languages")
		seen[out] = true
	}
}
