package schedule

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"dossier/app/i18n"
	"dossier/app/store"
)

// hostileTexts are what a roster may hold after an import from another
// program, an older Dossier or a hand edit: control characters (U+001F
// among them, which the schedule once used to join columns), apostrophes,
// Kazakh letters, names longer than an Excel cell holds, text that looks
// like a formula or like Excel's own escapes, line breaks, broken UTF-8.
var hostileTexts = []string{
	"Ким\x1fЮрий",
	"\x01\x02\x03\x07\x08\x0b\x0c\x0e\x1b\x1e\x1f\x7f",
	"О'Брайен Д'Артаньян ‘Ли’ `Ким`",
	"Әлібек Ғани Қайрат Ңұр Өмір Ұлан Үміт Һәкім Іңкәр",
	strings.Repeat("Қазақстан ", 4000), // 40,000 characters, past Excel's 32,767
	"=HYPERLINK(\"http://example.invalid\",\"x\")",
	"_x0041_ _x001F_ _x005F_x0041_",
	"строка 1\r\nстрока 2\rстрока 3\n",
	"  пробелы вокруг  ",
	"\xff\xfe битый UTF-8 \xc3",
	"<b>&amp;</b> \"кавычки\" ]]>",
	"\t",
}

// hostileWorkspace stores one employee and one family member per hostile
// text, with that text in every text column the schedule shows (and the
// employer's), straight into the database as an older or hand-edited
// workspace would hold them: validation would refuse some of it, which is
// the point. Employee i's TRP expires on today+i+1 and their child's on
// today+i+1 as well, so the rows come out in a known order.
func hostileWorkspace(t *testing.T) (*store.Workspace, int) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	w, err := store.Open(ctx, dir, store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	db, err := sql.Open("sqlite", filepath.Join(dir, store.DBName)+"?_pragma=busy_timeout(10000)")
	require.NoError(t, err)
	defer db.Close()
	const now = "2026-11-25T00:00:00Z"
	for i, s := range hostileTexts {
		due := today.AddDays(i + 1).String()
		res, err := db.ExecContext(ctx, `INSERT INTO employers(name, bin, created, updated) VALUES (?, ?, ?, ?)`,
			s, fmt.Sprintf("%s%d", s, i), now, now)
		require.NoError(t, err)
		employer, err := res.LastInsertId()
		require.NoError(t, err)
		res, err = db.ExecContext(ctx, `INSERT INTO employees(employer_id, name_cyr, name_lat, citizenship,
			passport_no, contract_no, trp_no, trp_expiry, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			employer, s, s, s, s, s, s, due, now, now)
		require.NoError(t, err)
		employee, err := res.LastInsertId()
		require.NoError(t, err)
		res, err = db.ExecContext(ctx, `INSERT INTO family_members(employee_id, relation, name_cyr, name_lat,
			citizenship, passport_no, trp_no, trp_expiry, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			employee, s, s, s, s, s, s, due, now, now)
		require.NoError(t, err)
		member, err := res.LastInsertId()
		require.NoError(t, err)
		_, err = db.ExecContext(ctx, `INSERT INTO cases(employee_id, family_member_id, state, notes, created, updated)
			VALUES (?, NULL, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)`,
			employee, s, s, now, now, employee, member, s, s, now, now)
		require.NoError(t, err)
	}
	return w, 2 * len(hostileTexts)
}

// TestEveryoneListedWhateverTheirText: no person is left out of the
// schedule, or changed on the way, because of what their fields hold.
func TestEveryoneListedWhateverTheirText(t *testing.T) {
	w, people := hostileWorkspace(t)
	rows := collect(t, w, Options{Today: today, Calendar: calendar(t)})
	require.Equal(t, people, len(rows), "one TRP row for every employee and every family member")
	for i, s := range hostileTexts {
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
	for i, s := range hostileTexts {
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
