// Package scheduletest makes workspaces that test the schedule: people whose
// every text column holds what a roster may carry after an import from
// another program, an older Dossier or a hand edit. The schedule's tests and
// scripts/check-schedule.sh (openpyxl and LibreOffice) use the same people.
package scheduletest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"dossier/app/civil"
	"dossier/app/store"
)

// HostileTexts: control characters (U+001F among them, which the schedule
// once used to join columns), apostrophes, Kazakh letters, a name longer
// than an Excel cell holds, text that looks like a formula or like Excel's
// own escapes, line breaks, surrounding spaces, broken UTF-8, markup.
var HostileTexts = []string{
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

// AddHostilePeople stores, in the workspace folder dir, one employer, one
// employee, one family member and a case for each of each of them per
// hostile text, with that text in every text column, straight into the
// database as an older or hand-edited workspace holds them (validation
// would refuse some of it, which is the point). Employee i and their family
// member have a TRP expiring on first+i. It returns how many people it
// added. The workspace may be open meanwhile: SQLite shares it.
func AddHostilePeople(ctx context.Context, dir string, first civil.Date) (int, error) {
	db, err := sql.Open("sqlite", filepath.Join(dir, store.DBName)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	const now = "2026-11-25T00:00:00Z"
	for i, s := range HostileTexts {
		due := first.AddDays(i).String()
		res, err := db.ExecContext(ctx, `INSERT INTO employers(name, bin, rka, address, created, updated)
			VALUES (?, ?, ?, ?, ?, ?)`, s, fmt.Sprintf("%s%d", s, i), s, s, now, now)
		if err != nil {
			return 0, fmt.Errorf("hostile employer %d: %w", i, err)
		}
		employer, _ := res.LastInsertId()
		res, err = db.ExecContext(ctx, `INSERT INTO employees(employer_id, name_cyr, name_lat, citizenship, iin,
			passport_no, contract_no, trp_no, trp_expiry, residence_rka, housing_owners, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			employer, s, s, s, s, s, s, s, due, s, s, now, now)
		if err != nil {
			return 0, fmt.Errorf("hostile employee %d: %w", i, err)
		}
		employee, _ := res.LastInsertId()
		res, err = db.ExecContext(ctx, `INSERT INTO family_members(employee_id, relation, name_cyr, name_lat,
			citizenship, iin, passport_no, trp_no, trp_expiry, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			employee, s, s, s, s, s, s, s, due, now, now)
		if err != nil {
			return 0, fmt.Errorf("hostile family member %d: %w", i, err)
		}
		member, _ := res.LastInsertId()
		if _, err = db.ExecContext(ctx, `INSERT INTO cases(employee_id, family_member_id, state, notes, created, updated)
			VALUES (?, NULL, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)`,
			employee, s, s, now, now, employee, member, s, s, now, now); err != nil {
			return 0, fmt.Errorf("hostile cases %d: %w", i, err)
		}
	}
	return 2 * len(HostileTexts), nil
}
