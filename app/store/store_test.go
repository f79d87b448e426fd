package store

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
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
