package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWorkspaceRules(t *testing.T) {
	base := embedded(t)
	dir := t.TempDir()

	got, notes, err := ForWorkspace(dir, base)
	require.NoError(t, err)
	assert.Same(t, base, got, "no file: the built-in rules")
	assert.Empty(t, notes)

	good, err := os.ReadFile("testdata/rulescheck/good_transfer.json")
	require.NoError(t, err)
	bad, err := os.ReadFile("testdata/rulescheck/bad_mixed.json")
	require.NoError(t, err)

	_, rep, err := InstallInWorkspace(dir, bad, base)
	require.Error(t, err)
	assert.True(t, rep.HasErrors())
	assert.NoFileExists(t, filepath.Join(dir, WorkspaceFile), "a file with errors is not installed")

	over, rep, err := InstallInWorkspace(dir, good, base)
	require.NoError(t, err)
	assert.False(t, rep.HasErrors())
	assert.Equal(t, 2027010101, over.Version())
	assert.Equal(t, WorkspaceFile, over.Sections()[SectionTransfers].Origin)

	again, _, err := ForWorkspace(dir, base)
	require.NoError(t, err)
	assert.Equal(t, 2027010101, again.Version(), "the installed file is picked up next time")

	// A file broken by hand afterwards leaves the built-in rules in force.
	require.NoError(t, os.WriteFile(filepath.Join(dir, WorkspaceFile), []byte("{"), 0o600))
	kept, _, err := ForWorkspace(dir, base)
	require.Error(t, err)
	assert.Same(t, base, kept)
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temp file left behind")
}
