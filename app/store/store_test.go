package store

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

var today = civil.MustParse("2026-11-25")

func openTemp(t *testing.T) *Workspace {
	t.Helper()
	w, err := Open(context.Background(), filepath.Join(t.TempDir(), "ws"), Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	return w
}

// Valid identifiers computed with the mod-11 rule.
const (
	iinMale1990 = "900101300017" // 1990-01-01, male (century digit 3)
	binCompany  = "940140000385"
)

func TestIdentifierChecks(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		valid bool
		birth string
		sex   string
	}{
		{"published sample", "790303402568", true, "1979-03-03", "F"},
		{"published sample 2", "061211600012", true, "2006-12-11", "F"},
		{"test male", iinMale1990, true, "1990-01-01", "M"},
		{"wrong check digit", "790303402569", false, "", ""},
		{"too short", "79030340256", false, "", ""},
		{"letters", "79030340256X", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := ParseIIN(tt.s, today)
			assert.Equal(t, tt.valid, info.Valid)
			if tt.valid {
				assert.Equal(t, tt.birth, info.BirthDate.String())
				assert.Equal(t, tt.sex, info.Sex)
			}
		})
	}
	assert.True(t, ValidBIN(binCompany))
	assert.True(t, ValidBIN("990140004654"))
	assert.False(t, ValidBIN("990140004655"))
}

func TestOpenCreatesPrivateWorkspace(t *testing.T) {
	w := openTemp(t)
	v, err := w.Version(context.Background())
	require.NoError(t, err)
	assert.Equal(t, SchemaVersion, v)
	var mode string
	require.NoError(t, w.db.QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
	var fk int
	require.NoError(t, w.db.QueryRow("PRAGMA foreign_keys").Scan(&fk))
	assert.Equal(t, 1, fk)
	if runtime.GOOS != "windows" {
		for _, p := range []string{w.dir, filepath.Join(w.dir, FilesDir)} {
			st, err := os.Stat(p)
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o700), st.Mode().Perm(), p)
		}
		st, err := os.Stat(filepath.Join(w.dir, DBName))
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	}
}

func TestOpenMissingWithoutCreate(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "nope"), Options{})
	require.Error(t, err)
}

func TestSecondOpenIsRefused(t *testing.T) {
	w := openTemp(t)
	_, err := Open(context.Background(), w.dir, Options{})
	require.ErrorIs(t, err, ErrLocked)
	var le *LockedError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, os.Getpid(), le.PID)
	assert.Contains(t, Explain(i18n.RU, err), "уже открыта")
	require.NoError(t, w.Close())
	w2, err := Open(context.Background(), w.dir, Options{})
	require.NoError(t, err)
	require.NoError(t, w2.Close())
}

func TestNewerWorkspaceRefusedUntouched(t *testing.T) {
	w := openTemp(t)
	dir := w.dir
	_, err := w.db.Exec("PRAGMA user_version = 99")
	require.NoError(t, err)
	require.NoError(t, w.Close())
	before, err := os.ReadFile(filepath.Join(dir, DBName))
	require.NoError(t, err)

	_, err = Open(context.Background(), dir, Options{})
	require.ErrorIs(t, err, ErrTooNew)
	assert.Contains(t, Explain(i18n.EN, err), "newer Dossier")
	after, err := os.ReadFile(filepath.Join(dir, DBName))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(before, after), "a newer workspace must not be changed")
	// and the lock was released
	f, err := os.OpenFile(filepath.Join(dir, LockName), os.O_RDWR, 0)
	require.NoError(t, err)
	require.NoError(t, lockFile(f))
	f.Close()
}

// TestMigrationFromFirstSchema builds a workspace as the first release left
// it, with data, and checks that Open upgrades it in place and keeps the data.
func TestMigrationFromFirstSchema(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", dsn(filepath.Join(dir, DBName)))
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, migrate(ctx, db, 0, 1))
	_, err = db.Exec(`INSERT INTO employers(name, bin, created, updated) VALUES ('ТОО Старт', ?, 'x', 'x')`, binCompany)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO employees(employer_id, name_cyr, iin, trp_expiry, created, updated)
		VALUES (1, 'Иванов Иван', ?, '2027-01-03', 'x', 'x')`, iinMale1990)
	require.NoError(t, err)
	// Files attached under the first schema: positions with a gap where one
	// was removed, and two files sharing a position.
	_, err = db.Exec(`INSERT INTO cases(employee_id, created, updated) VALUES (1, 'x', 'x');
		INSERT INTO files(sha256, size, added) VALUES ('aa', 1, 'x');
		INSERT INTO case_files(case_id, item_id, sha256, name, position, added) VALUES
			(1, 'passport', 'aa', 'p3', 7, 'x'), (1, 'passport', 'aa', 'p1', 0, 'x'),
			(1, 'passport', 'aa', 'p2', 2, 'x'), (1, 'passport', 'aa', 'p2b', 2, 'x'),
			(1, 'photo', 'aa', 'f1', 4, 'x')`)
	require.NoError(t, err)
	var v int
	require.NoError(t, db.QueryRow("PRAGMA user_version").Scan(&v))
	require.Equal(t, 1, v)
	require.NoError(t, db.Close())

	w, err := Open(ctx, dir, Options{})
	require.NoError(t, err)
	defer w.Close()
	v, err = w.Version(ctx)
	require.NoError(t, err)
	assert.Equal(t, SchemaVersion, v)
	es, err := w.Employees(ctx, EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "Иванов Иван", es[0].NameCyr)
	assert.Equal(t, "2027-01-03", es[0].TRPExpiry.String())
	assert.True(t, es[0].EmployerChanged.IsZero())
	// The new tables of version 2 work.
	var tables int
	require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN ('scan_cache','case_findings','packages')").Scan(&tables))
	assert.Equal(t, 3, tables, "version 2 tables exist")
	// Version 3: every file has no rotation yet, and positions are dense in
	// the order they had.
	files, err := w.CaseFiles(ctx, 1)
	require.NoError(t, err)
	var got []string
	for _, f := range files {
		got = append(got, fmt.Sprintf("%s:%s@%d/%d", f.ItemID, f.Name, f.Position, f.Rotation))
	}
	assert.Equal(t, []string{"passport:p1@0/0", "passport:p2@1/0", "passport:p2b@2/0", "passport:p3@3/0", "photo:f1@0/0"}, got)
	require.NoError(t, w.SetCaseFileRotation(ctx, files[0].ID, 270))
	require.NoError(t, w.MoveCaseFileBy(ctx, files[0].ID, 1))
	files, err = w.CaseFiles(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, "p1", files[1].Name)
	assert.Equal(t, 270, files[1].Rotation, "the new column takes a rotation")
}

func TestEmployeeValidationAndRoundTrip(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	er := Employer{Name: "ТОО «Тест»", BIN: binCompany}
	require.NoError(t, w.SaveEmployer(ctx, &er))

	e := Employee{EmployerID: er.ID, NameCyr: "  Иванов   Иван ", Citizenship: "ru", IIN: iinMale1990,
		PassportNo: "75 1234567", PassportExpiry: civil.MustParse("2030-05-01"),
		TRPIssued: civil.MustParse("2026-01-10"), TRPExpiry: civil.MustParse("2027-01-09"), ContractESUTD: true}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	got, err := w.Employee(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, "Иванов Иван", got.NameCyr)
	assert.Equal(t, "RU", got.Citizenship)
	assert.Equal(t, "751234567", got.PassportNo)
	assert.Equal(t, "1990-01-01", got.BirthDate.String(), "birth date from the IIN")
	assert.Equal(t, "M", got.Sex)
	assert.True(t, got.ContractESUTD)
	assert.Equal(t, StatusActive, got.Status)

	// Moving to another employer sets the change date for the 15-day rule.
	er2 := Employer{Name: "ТОО «Второй»"}
	require.NoError(t, w.SaveEmployer(ctx, &er2))
	got.EmployerID = er2.ID
	require.NoError(t, w.SaveEmployee(ctx, &got, today))
	got2, err := w.Employee(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, today, got2.EmployerChanged)

	bad := []struct {
		name  string
		e     Employee
		field string
	}{
		{"no name", Employee{Citizenship: "RU"}, "name"},
		{"wrong IIN", Employee{NameCyr: "А", IIN: "900101300018"}, "iin"},
		{"IIN and birth disagree", Employee{NameCyr: "А", IIN: iinMale1990, BirthDate: civil.MustParse("1990-01-02")}, "birth_date"},
		{"citizen of KZ", Employee{NameCyr: "А", Citizenship: "KZ"}, "citizenship"},
		{"bad country", Employee{NameCyr: "А", Citizenship: "Россия"}, "citizenship"},
		{"contract backwards", Employee{NameCyr: "А", ContractStart: civil.MustParse("2026-02-01"), ContractEnd: civil.MustParse("2026-01-01")}, "contract_end"},
		{"birth in future", Employee{NameCyr: "А", BirthDate: civil.MustParse("2030-01-01")}, "birth_date"},
		{"bad status", Employee{NameCyr: "А", Status: "gone"}, "status"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			err := w.SaveEmployee(ctx, &tt.e, today)
			require.ErrorIs(t, err, ErrInvalid)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.field, ve.Problems[0].Field)
			for _, l := range i18n.Langs {
				assert.NotContains(t, ve.Text(l), "[store.")
			}
		})
	}
	err = w.SaveEmployer(ctx, &Employer{Name: "X", BIN: "940140000386"})
	require.ErrorIs(t, err, ErrInvalid)
}

func TestCasesFilesAndHistory(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	e := Employee{NameCyr: "Петров Пётр", Citizenship: "RU", PassportNo: "1"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	m := FamilyMember{EmployeeID: e.ID, Relation: RelationChild, NameCyr: "Петрова Анна", BirthDate: civil.MustParse("2015-04-01")}
	require.NoError(t, w.SaveFamilyMember(ctx, &m, today))
	c := Case{EmployeeID: e.ID, Kind: KindExtension, Channel: ChannelOnline, FilingDate: civil.MustParse("2023-12-29"),
		OwnersCount: 1, OwnersAbroad: 1}
	require.NoError(t, w.SaveCase(ctx, &c))
	assert.Equal(t, PurposeWork, c.Purpose)
	assert.Equal(t, StateDraft, c.State)
	require.ErrorIs(t, w.SaveCase(ctx, &Case{EmployeeID: e.ID, Channel: "fax"}), ErrInvalid)

	content := []byte("%PDF-1.4 passport scan")
	f1, err := w.AttachFile(ctx, c.ID, "passport", "passport.pdf", bytes.NewReader(content))
	require.NoError(t, err)
	f2, err := w.AttachFile(ctx, c.ID, "passport", "copy.pdf", bytes.NewReader(content))
	require.NoError(t, err)
	assert.Equal(t, f1.SHA256, f2.SHA256, "same content, same hash")
	assert.Equal(t, 1, f2.Position)
	stored, err := os.ReadFile(w.FilePath(f1.SHA256))
	require.NoError(t, err)
	assert.Equal(t, content, stored)
	entries, err := os.ReadDir(filepath.Dir(w.FilePath(f1.SHA256)))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "stored once")
	files, err := w.CaseFiles(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.Equal(t, int64(len(content)), files[0].Size)
	require.NoError(t, w.DetachFile(ctx, f2.ID))
	require.ErrorIs(t, w.DetachFile(ctx, f2.ID), ErrNotFound)

	require.NoError(t, w.CacheScan(ctx, f1.SHA256, "scan-1", `{"ok":true}`))
	res, ok, err := w.CachedScan(ctx, f1.SHA256, "scan-1")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, `{"ok":true}`, res)
	_, ok, err = w.CachedScan(ctx, f1.SHA256, "scan-2")
	require.NoError(t, err)
	assert.False(t, ok)

	require.NoError(t, w.ReplaceFindings(ctx, c.ID, []Finding{{ItemID: "passport", Code: "scan.low_dpi", Severity: "warning"}}))
	fs, err := w.Findings(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, fs, 1)

	require.NoError(t, w.SetSetting(ctx, SettingRenewalLead, "25"))
	v, err := w.Setting(ctx, SettingRenewalLead, "20")
	require.NoError(t, err)
	assert.Equal(t, "25", v)
	v, err = w.Setting(ctx, "missing", "x")
	require.NoError(t, err)
	assert.Equal(t, "x", v)

	h, err := w.History(ctx, 100)
	require.NoError(t, err)
	actions := map[string]bool{}
	for _, ev := range h {
		actions[ev.Action+" "+ev.Entity] = true
	}
	for _, want := range []string{"add employee", "add family", "add case", "attach case", "detach case_file", "update settings"} {
		assert.True(t, actions[want], want)
	}

	// Deleting the employee takes the family and cases along.
	require.NoError(t, w.DeleteEmployee(ctx, e.ID))
	var n int
	require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM cases").Scan(&n))
	assert.Zero(t, n)
	require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM family_members").Scan(&n))
	assert.Zero(t, n)
}

// caseWithFiles makes a case with files a, b, c, d on item "passport" and x
// on item "photo", and returns their IDs by name.
func caseWithFiles(t *testing.T, w *Workspace) (caseID int64, ids map[string]int64) {
	t.Helper()
	ctx := context.Background()
	e := Employee{NameCyr: "Петров Пётр", Citizenship: "RU"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	c := Case{EmployeeID: e.ID}
	require.NoError(t, w.SaveCase(ctx, &c))
	ids = map[string]int64{}
	for _, f := range []struct{ item, name string }{{"passport", "a"}, {"photo", "x"}, {"passport", "b"}, {"passport", "c"}, {"passport", "d"}} {
		cf, err := w.AttachFile(ctx, c.ID, f.item, f.name, strings.NewReader("content of "+f.name))
		require.NoError(t, err)
		ids[f.name] = cf.ID
	}
	return c.ID, ids
}

// order lists the case's files as item:name in stored order, and checks that
// positions within each item are 0, 1, 2, ….
func order(t *testing.T, w *Workspace, caseID int64) []string {
	t.Helper()
	files, err := w.CaseFiles(context.Background(), caseID)
	require.NoError(t, err)
	var out []string
	next := map[string]int{}
	for _, f := range files {
		assert.Equal(t, next[f.ItemID], f.Position, "positions of %s are dense", f.ItemID)
		next[f.ItemID]++
		out = append(out, f.ItemID+":"+f.Name)
	}
	return out
}

func countHistory(t *testing.T, w *Workspace, action string) int {
	t.Helper()
	var n int
	require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM history WHERE action = ? AND entity = 'case_file'", action).Scan(&n))
	return n
}

func TestMoveCaseFile(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		file  string
		by    int  // MoveCaseFileBy when to is unset
		to    *int // MoveCaseFile
		want  string
		moved bool
	}{
		{name: "down one", file: "b", by: 1, want: "a c b d", moved: true},
		{name: "up one", file: "c", by: -1, want: "a c b d", moved: true},
		{name: "up from the top stays", file: "a", by: -1, want: "a b c d"},
		{name: "down from the bottom stays", file: "d", by: 1, want: "a b c d"},
		{name: "to the top", file: "d", to: ptr(0), want: "d a b c", moved: true},
		{name: "past the end goes last", file: "a", to: ptr(99), want: "b c d a", moved: true},
		{name: "before the start goes first", file: "c", to: ptr(-5), want: "c a b d", moved: true},
		{name: "two places down", file: "a", by: 2, want: "b c a d", moved: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			caseID, ids := caseWithFiles(t, w)
			before := countHistory(t, w, "move")
			var err error
			if tt.to != nil {
				err = w.MoveCaseFile(ctx, ids[tt.file], *tt.to)
			} else {
				err = w.MoveCaseFileBy(ctx, ids[tt.file], tt.by)
			}
			require.NoError(t, err)
			var want []string
			for _, n := range strings.Fields(tt.want) {
				want = append(want, "passport:"+n)
			}
			want = append(want, "photo:x") // the other item is untouched
			assert.Equal(t, want, order(t, w, caseID))
			moves := 0
			if tt.moved {
				moves = 1
			}
			assert.Equal(t, before+moves, countHistory(t, w, "move"), "a move is in the history, a no-op is not")
		})
	}

	t.Run("unknown file", func(t *testing.T) {
		require.ErrorIs(t, w.MoveCaseFileBy(ctx, 99999, 1), ErrNotFound)
	})
	t.Run("removing a file closes the gap", func(t *testing.T) {
		caseID, ids := caseWithFiles(t, w)
		require.NoError(t, w.DetachFile(ctx, ids["b"]))
		assert.Equal(t, []string{"passport:a", "passport:c", "passport:d", "photo:x"}, order(t, w, caseID))
		require.NoError(t, w.MoveCaseFileBy(ctx, ids["d"], -1))
		assert.Equal(t, []string{"passport:a", "passport:d", "passport:c", "photo:x"}, order(t, w, caseID))
		// A file attached afterwards goes last.
		_, err := w.AttachFile(ctx, caseID, "passport", "e", strings.NewReader("e"))
		require.NoError(t, err)
		assert.Equal(t, []string{"passport:a", "passport:d", "passport:c", "passport:e", "photo:x"}, order(t, w, caseID))
	})
}

func ptr(i int) *int { return &i }

func TestRotateCaseFile(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	caseID, ids := caseWithFiles(t, w)
	id := ids["b"]
	rotation := func() int {
		files, err := w.CaseFiles(ctx, caseID)
		require.NoError(t, err)
		for _, f := range files {
			if f.ID == id {
				return f.Rotation
			}
			assert.Zero(t, f.Rotation, "other files keep theirs: %s", f.Name)
		}
		t.Fatal("file gone")
		return 0
	}
	require.Zero(t, rotation(), "a new file is not turned")
	tests := []struct {
		name string
		turn int // RotateCaseFile by turn when set is unset
		set  *int
		want int
		err  error
	}{
		{name: "a quarter clockwise", turn: 90, want: 90},
		{name: "another quarter", turn: 90, want: 180},
		{name: "a half turn back to upright", turn: 180, want: 0},
		{name: "anticlockwise wraps", turn: -90, want: 270},
		{name: "a full turn changes nothing", turn: 360, want: 270},
		{name: "set outright", set: ptr(90), want: 90},
		{name: "set upright", set: ptr(0), want: 0},
		{name: "not a quarter turn", turn: 45, want: 0, err: ErrInvalid},
		{name: "set to a full turn is refused", set: ptr(360), want: 0, err: ErrInvalid},
		{name: "set to an odd angle is refused", set: ptr(-90), want: 0, err: ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.set != nil {
				err = w.SetCaseFileRotation(ctx, id, *tt.set)
			} else {
				var got int
				got, err = w.RotateCaseFile(ctx, id, tt.turn)
				if err == nil {
					assert.Equal(t, tt.want, got)
				}
			}
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				var ve *ValidationError
				require.ErrorAs(t, err, &ve)
				for _, l := range i18n.Langs {
					assert.NotContains(t, ve.Text(l), "[store.")
				}
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, rotation())
		})
	}
	// Six steps changed it (the full turn and the refusals did not).
	assert.Equal(t, 6, countHistory(t, w, "rotate"))
	_, err := w.RotateCaseFile(ctx, 99999, 90)
	require.ErrorIs(t, err, ErrNotFound)
	// The database itself refuses an angle that is not a quarter turn.
	_, err = w.db.Exec("UPDATE case_files SET rotation = 45 WHERE id = ?", id)
	assert.Error(t, err)
}

func TestPutFileTooLarge(t *testing.T) {
	w := openTemp(t)
	_, _, err := w.PutFile(context.Background(), io.LimitReader(zeroReader{}, MaxFileSize+10))
	require.ErrorIs(t, err, ErrTooLarge)
	entries, err := os.ReadDir(filepath.Join(w.dir, FilesDir))
	require.NoError(t, err)
	assert.Empty(t, entries, "no temp file left behind")
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestBackupIsAWorkspace(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	e := Employee{NameCyr: "Сидоров", PassportNo: "N1"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	c := Case{EmployeeID: e.ID}
	require.NoError(t, w.SaveCase(ctx, &c))
	f, err := w.AttachFile(ctx, c.ID, "passport", "p.jpg", strings.NewReader("jpeg bytes"))
	require.NoError(t, err)

	out := filepath.Join(t.TempDir(), "backup.zip")
	var last int64
	require.NoError(t, w.Backup(ctx, out, func(done, total int64) { last = done }))
	assert.Positive(t, last)

	zr, err := zip.OpenReader(out)
	require.NoError(t, err)
	restored := t.TempDir()
	for _, zf := range zr.File {
		dst := filepath.Join(restored, filepath.FromSlash(zf.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o700))
		r, err := zf.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(r)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dst, data, 0o600))
	}
	zr.Close()
	w2, err := Open(ctx, restored, Options{})
	require.NoError(t, err)
	defer w2.Close()
	got, err := w2.Employees(ctx, EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	data, err := os.ReadFile(w2.FilePath(f.SHA256))
	require.NoError(t, err)
	assert.Equal(t, "jpeg bytes", string(data))
	verdict, err := w2.IntegrityCheck(ctx)
	require.NoError(t, err)
	assert.Equal(t, "ok", verdict)
}

func TestCloseCheckpointsLog(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	for i := 0; i < 20; i++ {
		require.NoError(t, w.SaveEmployee(ctx, &Employee{NameCyr: "Сотрудник", PassportNo: "P"}, today))
	}
	dir := w.dir
	require.NoError(t, w.Close())
	st, err := os.Stat(filepath.Join(dir, DBName+"-wal"))
	if err == nil {
		assert.Zero(t, st.Size(), "the log is folded into the database on close")
	} else {
		assert.True(t, errors.Is(err, os.ErrNotExist))
	}
}

// TestOpenSweepsLeftovers: what killed runs left in the workspace (a
// half-stored file, spilt rows, excelize's scratch files, a backup's
// database snapshot) goes when it opens; anything else stays.
func TestOpenSweepsLeftovers(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	w, err := Open(ctx, dir, Options{Create: true})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	tmp := filepath.Join(dir, TempDirName)
	require.NoError(t, os.MkdirAll(filepath.Join(tmp, "backup-123"), 0o700))
	leftovers := []string{
		filepath.Join(dir, FilesDir, ".incoming-55"),
		filepath.Join(tmp, "dossier-rows-77"),
		filepath.Join(tmp, "excelize-88"),
		filepath.Join(tmp, "backup-123", DBName),
	}
	for _, p := range leftovers {
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o600))
	}
	kept := []string{filepath.Join(dir, FilesDir, ".incoming-notes"), filepath.Join(tmp, "notes.txt")}
	for _, p := range kept {
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o600))
	}
	w, err = Open(ctx, dir, Options{})
	require.NoError(t, err)
	defer w.Close()
	for _, p := range leftovers {
		_, err := os.Stat(p)
		assert.ErrorIs(t, err, os.ErrNotExist, p)
	}
	for _, p := range kept {
		_, err := os.Stat(p)
		assert.NoError(t, err, p)
	}
}

// TestBackupKeepsItsCopyPrivate: the database snapshot is made in the
// workspace's private folder, not beside the zip, and a killed backup's
// leftovers beside the output go at the next backup.
func TestBackupKeepsItsCopyPrivate(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	outDir := t.TempDir()
	killed := []string{filepath.Join(outDir, ".dossier-backup-111"), filepath.Join(outDir, ".dossier-backup-222.zip")}
	require.NoError(t, os.MkdirAll(killed[0], 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(killed[0], DBName), []byte("copy"), 0o600))
	require.NoError(t, os.WriteFile(killed[1], []byte("PK partial"), 0o600))
	mine := filepath.Join(outDir, ".dossier-backup-old.zip")
	require.NoError(t, os.WriteFile(mine, []byte("mine"), 0o600))

	var besideOut, inWorkspace []string
	err := w.Backup(ctx, filepath.Join(outDir, "b.zip"), func(done, total int64) {
		entries, _ := os.ReadDir(outDir)
		for _, e := range entries {
			if e.IsDir() {
				besideOut = append(besideOut, e.Name())
			}
		}
		entries, _ = os.ReadDir(w.TempDir())
		for _, e := range entries {
			inWorkspace = append(inWorkspace, e.Name())
		}
	})
	require.NoError(t, err)
	assert.Empty(t, besideOut, "no copy of the database beside the output")
	assert.NotEmpty(t, inWorkspace, "the snapshot is in the workspace's tmp/")
	for _, p := range killed {
		_, err := os.Stat(p)
		assert.ErrorIs(t, err, os.ErrNotExist, p)
	}
	_, err = os.Stat(mine)
	assert.NoError(t, err)
	entries, err := os.ReadDir(w.TempDir())
	require.NoError(t, err)
	assert.Empty(t, entries, "the snapshot is removed after the backup")
}
