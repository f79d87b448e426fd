package leftover

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMatches(t *testing.T) {
	for name, want := range map[string]bool{
		".schedule-123.xlsx":   true,
		".schedule-.xlsx":      false,
		".schedule-final.xlsx": false,
		".schedule-12a.xlsx":   false,
		"schedule-123.xlsx":    false,
		".schedule-123.xlsx~":  false,
	} {
		assert.Equal(t, want, Matches(name, ".schedule-", ".xlsx"), name)
	}
}

func TestSweepTakesOnlyDeadRunsLeftovers(t *testing.T) {
	dir := t.TempDir()
	// A killed run's file, a live run's file, a clerk's lookalikes.
	dead := filepath.Join(dir, ".schedule-111.xlsx")
	require.NoError(t, os.WriteFile(dead, []byte("half"), 0o600))
	live, err := Create(dir, ".schedule-", ".xlsx")
	require.NoError(t, err)
	defer live.Close()
	mine := []string{".schedule-final.xlsx", "schedule-222.xlsx", ".schedule-333.xlsx.bak"}
	for _, m := range mine {
		require.NoError(t, os.WriteFile(filepath.Join(dir, m), []byte("mine"), 0o600))
	}
	oldDir := filepath.Join(dir, ".schedule-444.xlsx")
	require.NoError(t, os.MkdirAll(filepath.Join(oldDir, "x"), 0o700))

	assert.Equal(t, 2, Sweep(dir, ".schedule-", ".xlsx"))
	_, err = os.Stat(dead)
	assert.ErrorIs(t, err, os.ErrNotExist)
	_, err = os.Stat(oldDir)
	assert.ErrorIs(t, err, os.ErrNotExist)
	_, err = os.Stat(live.Name())
	assert.NoError(t, err, "a running export keeps its file")
	for _, m := range mine {
		_, err := os.Stat(filepath.Join(dir, m))
		assert.NoError(t, err, m)
	}
	require.NoError(t, live.Close())
	assert.Equal(t, 1, Sweep(dir, ".schedule-", ".xlsx"), "once the run is gone its file is a leftover")
}
