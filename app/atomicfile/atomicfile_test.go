package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// names lists dir's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteReplacesWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))

	for _, c := range []struct {
		name string
		opts Options
	}{
		{"default", Options{}},
		{"no sync (a cache)", Options{NoSync: true}},
		{"own names", Options{Prefix: ".out-", Suffix: ".json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			boom := errors.New("disk full halfway")
			err := Write(path, c.opts, func(f *os.File) error {
				_, _ = f.WriteString("half")
				return boom
			})
			assert.ErrorIs(t, err, boom)
			got, _ := os.ReadFile(path)
			assert.Equal(t, "old", string(got), "a failed write leaves the old file")
			assert.Equal(t, []string{"out.json"}, names(t, dir), "and no temporary file")

			require.NoError(t, WriteBytes(path, []byte("new "+c.name), c.opts))
			got, _ = os.ReadFile(path)
			assert.Equal(t, "new "+c.name, string(got))
			assert.Equal(t, []string{"out.json"}, names(t, dir))
			require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
		})
	}
}

func TestPermission(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permissions")
	}
	dir := t.TempDir()
	private, shared := filepath.Join(dir, "private"), filepath.Join(dir, "shared")
	require.NoError(t, WriteBytes(private, []byte("x"), Options{}))
	require.NoError(t, WriteBytes(shared, []byte("x"), Options{Perm: 0o644}))
	st, err := os.Stat(private)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "private to the user unless asked")
	st, err = os.Stat(shared)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), st.Mode().Perm())
}

// Create and Commit: the name is chosen after the content is written (a
// file stored under its hash); Discard after Commit is harmless.
func TestCreateCommitDiscard(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir, Options{Prefix: "incoming-"})
	require.NoError(t, err)
	defer f.Discard()
	_, err = f.WriteString("content")
	require.NoError(t, err)
	require.NoError(t, f.Commit(filepath.Join(dir, "abc")))
	f.Discard()
	assert.Equal(t, []string{"abc"}, names(t, dir))
	assert.Error(t, f.Commit(filepath.Join(dir, "again")), "a file is committed once")

	g, err := Create(dir, Options{})
	require.NoError(t, err)
	g.Discard()
	assert.Equal(t, []string{"abc"}, names(t, dir), "discarded: nothing left")
}

// A commit into a folder that is gone fails and leaves nothing behind.
func TestCommitFailureRemovesTheTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir, Options{})
	require.NoError(t, err)
	err = f.Commit(filepath.Join(dir, "missing", "x"))
	assert.Error(t, err)
	assert.Empty(t, names(t, dir))
}

func TestFlusherSyncsLater(t *testing.T) {
	dir := t.TempDir()
	fl := NewFlusher()
	for _, n := range []string{"a", "b", "c"} {
		require.NoError(t, WriteBytes(filepath.Join(dir, n), []byte(n), Options{Later: fl}))
	}
	require.NoError(t, fl.Wait())
	assert.Equal(t, []string{"a", "b", "c"}, names(t, dir))

	fl.Sync(filepath.Join(dir, "gone"))
	assert.Error(t, fl.Wait(), "a file that cannot be synced is reported")
}
