package cli

import (
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
