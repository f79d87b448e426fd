package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

// TestForeignDatabaseUntouched: a dossier.db of another program is not
// converted into a workspace.
func TestForeignDatabaseUntouched(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, DBName)
	other, err := sql.Open("sqlite", db)
	require.NoError(t, err)
	_, err = other.Exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, sum REAL); INSERT INTO invoices(sum) VALUES (12.5)")
	require.NoError(t, err)
	require.NoError(t, other.Close())
	before, err := os.ReadFile(db)
	require.NoError(t, err)

	for _, opts := range []Options{{}, {Create: true}} {
		_, err = Open(context.Background(), dir, opts)
		require.ErrorIs(t, err, ErrNotWorkspace)
		for _, lang := range i18n.Langs {
			assert.Equal(t, i18n.T(lang, "store.not_workspace", dir, DBName), Explain(lang, err))
		}
	}
	after, err := os.ReadFile(db)
	require.NoError(t, err)
	assert.Equal(t, before, after)
	_, err = os.Stat(filepath.Join(dir, FilesDir))
	assert.ErrorIs(t, err, os.ErrNotExist, "nothing added")
}

// TestNewWorkspaceBesideForeignNames: a folder whose files/ or tmp/ holds
// someone's things, or whose dossier.lock is not Dossier's, does not become
// a workspace; what a killed creation leaves does.
func TestNewWorkspaceBesideForeignNames(t *testing.T) {
	ctx := context.Background()
	for name, setup := range map[string]func(dir string){
		"files": func(dir string) {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, FilesDir), 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(dir, FilesDir, "thesis.docx"), []byte("mine"), 0o600))
		},
		"tmp": func(dir string) {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, TempDirName, "backup-2024"), 0o700))
		},
		"dossier.lock": func(dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, LockName), []byte("my notes about the lock"), 0o600))
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ws")
			require.NoError(t, os.MkdirAll(dir, 0o700))
			setup(dir)
			_, err := Open(ctx, dir, Options{Create: true})
			require.ErrorIs(t, err, ErrNotWorkspace)
			var nw *NotWorkspaceError
			require.ErrorAs(t, err, &nw)
			assert.Equal(t, []string{name}, nw.Names)
			_, err = os.Stat(filepath.Join(dir, DBName))
			assert.ErrorIs(t, err, os.ErrNotExist, "nothing written")
		})
	}
	t.Run("killed creation", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "ws")
		require.NoError(t, os.MkdirAll(filepath.Join(dir, FilesDir), 0o700))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, TempDirName), 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(dir, LockName), []byte("4242\n"), 0o600))
		w, err := Open(ctx, dir, Options{Create: true})
		require.NoError(t, err)
		require.NoError(t, w.Close())
		w, err = Open(ctx, dir, Options{})
		require.NoError(t, err, "and it opens again as a workspace")
		require.NoError(t, w.Close())
	})
}
