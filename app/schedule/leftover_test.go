package schedule

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// TestWriteFileRemovesKilledRunsWorkbook: a half-written workbook a killed
// export left beside the output goes at the next export; a clerk's file of
// a similar name stays.
func TestWriteFileRemovesKilledRunsWorkbook(t *testing.T) {
	w := fixture(t)
	dir := t.TempDir()
	killed := filepath.Join(dir, ".schedule-4242.xlsx")
	require.NoError(t, os.WriteFile(killed, []byte("PK half a workbook"), 0o600))
	mine := filepath.Join(dir, ".schedule-final.xlsx")
	require.NoError(t, os.WriteFile(mine, []byte("mine"), 0o600))
	out := filepath.Join(dir, "schedule.xlsx")
	_, err := WriteFile(context.Background(), w, out, WriteOptions{
		Options: Options{Today: today, Calendar: calendar(t)}, TmpDir: w.TempDir()})
	require.NoError(t, err)
	_, err = os.Stat(killed)
	assert.ErrorIs(t, err, os.ErrNotExist)
	_, err = os.Stat(mine)
	assert.NoError(t, err)
}

func TestIsSchedule(t *testing.T) {
	w := fixture(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "schedule.xlsx")
	_, err := WriteFile(context.Background(), w, out, WriteOptions{Options: Options{Today: today, Calendar: calendar(t)}})
	require.NoError(t, err)
	assert.True(t, IsSchedule(out), "Dossier's own")

	save := func(name, sheet string) string {
		f := excelize.NewFile()
		defer f.Close()
		require.NoError(t, f.SetSheetName("Sheet1", sheet))
		p := filepath.Join(dir, name)
		require.NoError(t, f.SaveAs(p))
		return p
	}
	assert.True(t, IsSchedule(save("legacy.xlsx", "График")), "written before the creator was set")
	assert.False(t, IsSchedule(save("budget.xlsx", "Budget")), "someone's excelize workbook")
	text := filepath.Join(dir, "notes.xlsx")
	require.NoError(t, os.WriteFile(text, []byte("plain text"), 0o600))
	assert.False(t, IsSchedule(text))
}
