package schedule

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"dossier/app/clocks"
	"dossier/app/i18n"
	"dossier/app/rules"
)

// The schedule's sheet of legal clocks lists what app/clocks computes for
// the fixture on 25.11.2026: Иванов's contract ended 31.10.2026 (overdue),
// Каримов's passport expires 05.12.2026 before his TRP of 10.12.2026
// (Dossier's assumption), with the date cells as real dates.
func TestWriteFileClocksSheet(t *testing.T) {
	ctx := context.Background()
	w := fixture(t)
	set, err := rules.Embedded()
	require.NoError(t, err)
	opts := Options{Today: today, Calendar: calendar(t)}
	opts.normalise()
	items, err := clocks.Collect(ctx, w, set, "", today, opts.To, i18n.EN)
	require.NoError(t, err)
	require.NotEmpty(t, items)
	out := filepath.Join(t.TempDir(), "s.xlsx")
	_, err = WriteFile(ctx, w, out, WriteOptions{Options: opts, Lang: i18n.EN, Clocks: items})
	require.NoError(t, err)
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Schedule", "Summary by month", "Legal clocks"}, f.GetSheetList())
	rows, err := f.GetRows("Legal clocks")
	require.NoError(t, err)
	require.Len(t, rows, len(items)+1)
	assert.Equal(t, "Company", rows[0][0])
	found := map[string]bool{}
	for _, r := range rows[1:] {
		require.GreaterOrEqual(t, len(r), 10)
		found[r[2]+" | "+r[3]+" | "+r[6]+" | "+r[9]] = true
	}
	assert.True(t, found["Иванов Иван | 31.10.2026 | Employment contract ends | practice"], "%v", found)
	assert.True(t, found["Каримов Азиз | 05.12.2026 | Passport expires before the TRP | assumption"], "%v", found)
}
