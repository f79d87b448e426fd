package schedule

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"dossier/app/i18n"
	"dossier/app/schedule/scheduletest"
	"dossier/app/store"
)

// hostileWorkspace stores one employee and one family member per hostile
// text (scheduletest), employee i's and their family member's TRP expiring
// on today+i+1, so the rows come out in a known order.
func hostileWorkspace(t *testing.T) (*store.Workspace, int) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	w, err := store.Open(ctx, dir, store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	n, err := scheduletest.AddHostilePeople(ctx, dir, today.AddDays(1))
	require.NoError(t, err)
	return w, n
}

// TestEveryoneListedWhateverTheirText: no person is left out of the
// schedule, or changed on the way, because of what their fields hold.
func TestEveryoneListedWhateverTheirText(t *testing.T) {
	w, people := hostileWorkspace(t)
	rows := collect(t, w, Options{Today: today, Calendar: calendar(t)})
	require.Equal(t, people, len(rows), "one TRP row for every employee and every family member")
	for i, s := range scheduletest.HostileTexts {
		for k, r := range rows[2*i : 2*i+2] {
			assert.Equal(t, today.AddDays(i+1), r.Date, "text %d row %d", i, k)
			assert.Equal(t, ItemTRP, r.Item)
			assert.Equal(t, s, r.Person, "text %d: the name as stored", i)
			assert.Equal(t, s, r.Citizenship, "text %d", i)
			assert.Equal(t, s, r.Number, "text %d", i)
			assert.Equal(t, s, r.Employer, "text %d", i)
			assert.Equal(t, s, r.CaseState, "text %d", i)
			if r.Principal != "" {
				assert.Equal(t, s, r.Principal, "text %d", i)
				assert.Equal(t, s, r.Relation, "text %d", i)
			}
		}
	}

	// The workbook holds every one of them, each on its own row, with its
	// date, and the readable texts as they were (cut to Excel's limit).
	out := filepath.Join(t.TempDir(), "schedule.xlsx")
	sum, err := WriteFile(context.Background(), w, out, WriteOptions{Options: Options{Today: today, Calendar: calendar(t)}, Lang: i18n.EN})
	require.NoError(t, err)
	assert.Equal(t, people, sum.Rows)
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	sheet := f.GetSheetList()[0]
	sheetRows, err := f.GetRows(sheet)
	require.NoError(t, err)
	require.Equal(t, people+1, len(sheetRows), "the header and one row per person")
	for i, s := range scheduletest.HostileTexts {
		for k := range 2 {
			n := 2 + 2*i + k
			raw, err := f.GetCellValue(sheet, fmt.Sprintf("H%d", n), excelize.Options{RawCellValue: true})
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprint(serial(today.AddDays(i+1))), raw, "row %d: the date", n)
			number, err := f.GetCellValue(sheet, fmt.Sprintf("G%d", n))
			require.NoError(t, err)
			if readable(s) {
				assert.Equal(t, cut(s), number, "row %d: the number column as typed", n)
			} else {
				assert.NotEmpty(t, number, "row %d: something shows for the number", n)
			}
		}
	}
}

// readable reports whether s survives XML as it is: valid UTF-8 and no
// character XML 1.0 cannot carry.
func readable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// cut is s as an Excel cell keeps it: at most 32,767 UTF-16 units.
func cut(s string) string {
	units := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > 32767 {
			return s[:i]
		}
		units += u
	}
	return s
}
