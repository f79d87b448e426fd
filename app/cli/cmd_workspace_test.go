package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"dossier/app/store"
)

func TestDemoScheduleBackupCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	out, errOut, code := run(t, "demo", "--workspace", dir, "--today", "2026-11-25", "--lang", "en")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "13 employees")

	_, errOut, code = run(t, "demo", "--workspace", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "уже есть сотрудники")

	xlsx := filepath.Join(t.TempDir(), "schedule.xlsx")
	out, errOut, code = run(t, "schedule", "--workspace", dir, "--out", xlsx, "--today", "2026-11-25", "--lang", "kk")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "кестесі")
	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	assert.Equal(t, []string{"Кесте", "Айлар бойынша қорытынды", "Құқықтық мерзімдер"}, f.GetSheetList(),
		"the demo's legal clocks (an ended contract, a change of employer) get their own sheet")
	f.Close()

	out, errOut, code = run(t, "schedule", "--workspace", dir, "--out", xlsx, "--today", "2026-11-25",
		"--employer", "990140004654", "--from", "2026-11-01", "--to", "2026-12-31", "--json")
	require.Equal(t, 0, code, errOut)
	var res struct {
		Summary struct{ Rows int } `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	assert.Equal(t, 2, res.Summary.Rows, "the other employer's change of employer and amber TRP")

	_, errOut, code = run(t, "schedule", "--workspace", dir, "--out", xlsx, "--from", "2027-01-01", "--to", "2026-01-01")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "конец раньше начала")
	_, _, code = run(t, "schedule", "--workspace", dir)
	assert.Equal(t, 2, code, "--out is required")
	_, errOut, code = run(t, "schedule", "--workspace", filepath.Join(t.TempDir(), "none"), "--out", xlsx)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "рабочей папки")

	zip := filepath.Join(t.TempDir(), "b.zip")
	_, errOut, code = run(t, "backup", "--workspace", dir, "--out", zip)
	require.Equal(t, 0, code, errOut)
	st, err := os.Stat(zip)
	require.NoError(t, err)
	assert.Positive(t, st.Size())
}

func TestWorkspaceLockedMessage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	w, err := store.Open(context.Background(), dir, store.Options{Create: true})
	require.NoError(t, err)
	defer w.Close()
	_, errOut, code := run(t, "backup", "--workspace", dir, "--out", filepath.Join(t.TempDir(), "b.zip"), "--lang", "en")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "open in another Dossier")
}

func TestImportCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	csv := filepath.Join(t.TempDir(), "roster.csv")
	require.NoError(t, os.WriteFile(csv, []byte("Список\n\nФИО;Гражданство;Паспорт;РВП до\n"+
		"Алиев Азиз;Узбекистан;FA1;01.02.2027\n"+
		"Ким Ольга;Марс;M2;01.02.2027\n"), 0o600))
	out, errOut, code := run(t, "import", "--workspace", dir, csv)
	assert.Equal(t, 1, code, "a row was skipped: %s", errOut)
	assert.Contains(t, out, "Добавлено: 1")
	assert.Contains(t, out, "строка 5:")
	assert.Contains(t, out, "Марс")

	out, _, code = run(t, "import", "--workspace", dir, "--json", "--delimiter", ";", "--encoding", "utf-8", csv)
	assert.Equal(t, 1, code)
	var res struct {
		Added, Updated int
		Skipped        []struct{ Line int }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	assert.Equal(t, 0, res.Added)
	assert.Equal(t, 1, res.Updated)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, 5, res.Skipped[0].Line)

	_, _, code = run(t, "import", "--workspace", dir, "--delimiter", "x", csv)
	assert.Equal(t, 2, code)
	_, errOut, code = run(t, "import", "--workspace", dir, filepath.Join(t.TempDir(), "missing.csv"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "не удалось прочитать")
	bad := filepath.Join(t.TempDir(), "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("a;b\n1;2\n"), 0o600))
	_, errOut, code = run(t, "import", "--workspace", dir, bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "строка заголовка")
	_, _, code = run(t, "import", csv)
	assert.Equal(t, 2, code, "--workspace is required")
}
