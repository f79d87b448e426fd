package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/store"
)

// TestFailuresReachTheClerkInTheirLanguage runs commands into failures a
// clerk meets and checks that stderr carries the catalogue's words, not the
// library's.
func TestFailuresReachTheClerkInTheirLanguage(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	_, errOut, code := run(t, "demo", "--workspace", ws, "--today", "2026-11-25")
	require.Equal(t, 0, code, errOut)
	plain := filepath.Join(t.TempDir(), "plain-file")
	require.NoError(t, os.WriteFile(plain, []byte("x"), 0o600))

	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			// The backup's folder is a file: "not a directory" before.
			_, errOut, code := run(t, "backup", "--workspace", ws, "--out", filepath.Join(plain, "b.zip"), "--lang", string(lang))
			assert.Equal(t, ExitUsage, code)
			assert.Contains(t, errOut, i18n.T(lang, "failure.not_folder"))
			assert.NotContains(t, errOut, "not a directory")

			// A failure the command did not foresee: a full disk.
			var stderr bytes.Buffer
			env := &Env{Stderr: &stderr, Lang: lang, P: i18n.Printer{Lang: lang}}
			full := fmt.Errorf("schedule: %w", &fs.PathError{Op: "write", Path: "/data/.schedule-1.xlsx", Err: syscall.ENOSPC})
			assert.Equal(t, ExitUsage, report(env, &Command{Name: "schedule"}, full))
			assert.Contains(t, stderr.String(), i18n.T(lang, "failure.disk_full"))
			assert.NotContains(t, stderr.String(), "no space left")

			// The workspace is open in another Dossier.
			w, err := store.Open(context.Background(), ws, store.Options{})
			require.NoError(t, err)
			_, errOut, code = run(t, "schedule", "--workspace", ws, "--out", filepath.Join(t.TempDir(), "s.xlsx"), "--lang", string(lang))
			w.Close()
			assert.Equal(t, ExitUsage, code)
			locked := i18n.T(lang, "store.locked", ws, "")
			assert.Contains(t, errOut, locked[:strings.Index(locked, ws)+len(ws)])
			assert.NotContains(t, errOut, store.ErrLocked.Error())
		})
	}
}

// TestOutputsNeverReplaceTheClerksFiles: schedule, backup and pack replace
// their own earlier output, never a file of the same name someone else made.
func TestOutputsNeverReplaceTheClerksFiles(t *testing.T) {
	packSetup(t)
	ws := filepath.Join(t.TempDir(), "ws")
	_, errOut, code := run(t, "demo", "--workspace", ws, "--today", "2026-11-25")
	require.Equal(t, 0, code, errOut)
	dir := t.TempDir()
	scan := jpegFile(t, dir, "scan.jpg", 1654, 2339) // A4 at 200 dpi: validation accepts it

	// Someone's own files under the names asked for.
	theirs := map[string][]byte{
		"report.xlsx":   makeZip(t, map[string]string{"xl/workbook.xml": `<workbook><sheets><sheet name="Budget"/></sheets></workbook>`}),
		"photos.zip":    makeZip(t, map[string]string{"photos/a.jpg": "jpeg"}),
		"contract.pdf":  []byte("%PDF-1.7\n1 0 obj<</Producer(Microsoft Word)>>endobj\n%%EOF\n"),
		"notes.txt.zip": []byte("not a zip at all"),
	}
	for name, data := range theirs {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
	for _, tc := range []struct {
		args []string
		file string
	}{
		{[]string{"schedule", "--workspace", ws, "--out"}, "report.xlsx"},
		{[]string{"backup", "--workspace", ws, "--out"}, "photos.zip"},
		{[]string{"backup", "--workspace", ws, "--out"}, "notes.txt.zip"},
		{[]string{"pack", scan, "--out"}, "contract.pdf"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			for _, lang := range i18n.Langs {
				_, errOut, code := run(t, append(append([]string{}, tc.args...), path, "--lang", string(lang))...)
				assert.Equal(t, ExitUsage, code, errOut)
				assert.Contains(t, errOut, i18n.T(lang, "failure.not_ours", path))
				got, err := os.ReadFile(path)
				require.NoError(t, err)
				assert.Equal(t, theirs[tc.file], got, "left as it was")
			}
			// Under a new name the output is written, and a second run
			// replaces Dossier's own file.
			fresh := filepath.Join(t.TempDir(), "new"+filepath.Ext(tc.file))
			for range 2 {
				_, errOut, code := run(t, append(append([]string{}, tc.args...), fresh)...)
				assert.Equal(t, ExitOK, code, errOut)
			}
		})
	}
}

func makeZip(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(content))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}
