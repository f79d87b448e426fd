package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

func TestEmployerDetailsRoundTrip(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	er := Employer{
		Name: "  ТОО  «Пример» ", BIN: "9401 4000 0385", RKA: "0204-2001-1234-5678", Address: "г. Алматы, ул. Примерная, 1",
		DirectorName: "Ахметов Ерлан", DirectorPosition: "Генеральный директор", ContactName: "Смагулова Дина",
		Phone: "+7 (727) 123-45-67", EDSExpiry: civil.MustParse("2024-06-30"),
	}
	require.NoError(t, w.SaveEmployer(ctx, &er))
	got, err := w.Employer(ctx, er.ID)
	require.NoError(t, err)
	want := er
	want.Name, want.BIN, want.RKA = "ТОО «Пример»", binCompany, "0204200112345678"
	assert.Equal(t, want, got, "stored as typed, identifiers as bare digits")

	got.DirectorName = "Ахметова Айгуль"
	got.EDSExpiry = civil.Date{}
	require.NoError(t, w.SaveEmployer(ctx, &got))
	again, err := w.Employer(ctx, er.ID)
	require.NoError(t, err)
	assert.Equal(t, "Ахметова Айгуль", again.DirectorName)
	assert.True(t, again.EDSExpiry.IsZero(), "an expiry can be cleared")
	list, err := w.Employers(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, again, list[0])
}

func TestEmployerRefusals(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	first := Employer{Name: "ТОО «Пример»", BIN: binCompany}
	require.NoError(t, w.SaveEmployer(ctx, &first))
	for _, tc := range []struct {
		name  string
		e     Employer
		field string
		text  string
	}{
		{"no name", Employer{BIN: "990140004654"}, "name", "не указано имя"},
		{"bad BIN", Employer{Name: "Б", BIN: "990140004655"}, "bin", "БИН 990140004655 неверен"},
		{"RKA with letters", Employer{Name: "Б", RKA: "0204A"}, "rka", "РКА «0204A» должен состоять из цифр"},
		{"phone with letters", Employer{Name: "Б", Phone: "звонить Дине"}, "phone", "не похож на номер"},
		{"phone too short", Employer{Name: "Б", Phone: "12-34"}, "phone", "не похож на номер"},
		{"BIN of another company", Employer{Name: "Б", BIN: binCompany}, "bin", "уже есть у компании «ТОО «Пример»»"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := w.SaveEmployer(ctx, &tc.e)
			require.ErrorIs(t, err, ErrInvalid)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Problems[0].Field)
			assert.Contains(t, Explain(i18n.RU, err), tc.text)
			assert.Zero(t, tc.e.ID, "nothing was added")
		})
	}
	// The company itself keeps its BIN on a later edit.
	first.Phone = "8 701 555 11 22"
	require.NoError(t, w.SaveEmployer(ctx, &first))
}

func TestOwnersDecideTheCaseCounts(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	e := Employee{NameCyr: "Иванов Иван", Citizenship: "RU", BirthDate: civil.MustParse("1985-04-12"),
		TRPIssued: civil.MustParse("2023-01-04"), TRPExpiry: civil.MustParse("2024-01-03")}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	c := Case{EmployeeID: e.ID, Kind: KindExtension, FilingDate: civil.MustParse("2023-12-29"), OwnersCount: 1}
	require.NoError(t, w.SaveCase(ctx, &c))

	list := []Owner{
		{Name: " Сергеев  Пётр ", IIN: "900101300017", Abroad: true},
		{Name: "Сергеева Анна"},
	}
	require.NoError(t, w.SaveOwners(ctx, c.ID, list))
	got, err := w.Owners(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "Сергеев Пётр", got[0].Name, "spaces tidied")
	assert.True(t, got[0].Abroad)
	assert.Equal(t, "Сергеева Анна", got[1].Name, "in the clerk's order")
	stored, err := w.Case(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, stored.OwnersCount)
	assert.Equal(t, 1, stored.OwnersAbroad, "owners_abroad is filled from the list")
	rc, err := w.RulesCase(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, rc.Housing.Owners)
	assert.Equal(t, 1, rc.Housing.OwnersAbroad)

	// A wrong IIN refuses the whole list and leaves the stored one.
	err = w.SaveOwners(ctx, c.ID, []Owner{{Name: "Ошибкин", IIN: "900101300018"}})
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, Explain(i18n.RU, err), "ИИН 900101300018 неверен")
	err = w.SaveOwners(ctx, c.ID, []Owner{{IIN: "900101300017"}})
	assert.Contains(t, Explain(i18n.EN, err), "no name")
	got, err = w.Owners(ctx, c.ID)
	require.NoError(t, err)
	assert.Len(t, got, 2)

	// The applicant's own housing has nobody to approve from abroad.
	stored.OwnedByApplicant = true
	require.NoError(t, w.SaveCase(ctx, &stored))
	rc, err = w.RulesCase(ctx, c.ID)
	require.NoError(t, err)
	assert.Zero(t, rc.Housing.OwnersAbroad)

	require.ErrorIs(t, w.SaveOwners(ctx, 999, nil), ErrNotFound)
}

func TestChangeOfEmployerIsRecorded(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	a := Employer{Name: "ТОО «А»", BIN: binCompany}
	b := Employer{Name: "ТОО «Б»", BIN: "990140004654"}
	require.NoError(t, w.SaveEmployer(ctx, &a))
	require.NoError(t, w.SaveEmployer(ctx, &b))
	e := Employee{NameCyr: "Иванов Иван", Citizenship: "RU"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	e.EmployerID = a.ID
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	changes, err := w.EmployerChanges(ctx, e.ID)
	require.NoError(t, err)
	assert.Empty(t, changes, "the first company entered is not a change")

	moved := civil.MustParse("2026-11-20")
	e.EmployerID, e.EmployerChanged = b.ID, moved
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	// Back to the first company later, without a date: today.
	e.EmployerID = a.ID
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	changes, err = w.EmployerChanges(ctx, e.ID)
	require.NoError(t, err)
	require.Len(t, changes, 2)
	assert.Equal(t, EmployerChange{EmployeeID: e.ID, FromEmployer: a.ID, ToEmployer: b.ID, ChangedOn: moved}, changes[0].withoutRecorded())
	assert.Equal(t, EmployerChange{EmployeeID: e.ID, FromEmployer: b.ID, ToEmployer: a.ID, ChangedOn: today}, changes[1].withoutRecorded())
	got, err := w.Employee(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, today, got.EmployerChanged, "the employee carries the latest change")

	// Other edits do not count as a change.
	e.PassportNo = "N1234567"
	require.NoError(t, w.SaveEmployee(ctx, &e, today.AddDays(3)))
	changes, err = w.EmployerChanges(ctx, e.ID)
	require.NoError(t, err)
	assert.Len(t, changes, 2)
}

// withoutRecorded drops the moment of recording, which the test does not fix.
func (c EmployerChange) withoutRecorded() EmployerChange {
	c.Recorded = time.Time{}
	return c
}

func TestNewWorkspaceOnlyInAnEmptyFolder(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(home, "отчёт.docx"), []byte("x"), 0o600))
	_, err := Open(ctx, home, Options{Create: true})
	require.ErrorIs(t, err, ErrFolderNotEmpty)
	assert.Contains(t, Explain(i18n.RU, err), "пустой папке")
	_, err = os.Stat(filepath.Join(home, DBName))
	assert.ErrorIs(t, err, os.ErrNotExist, "the folder was not touched")
	_, err = os.Stat(filepath.Join(home, FilesDir))
	assert.ErrorIs(t, err, os.ErrNotExist, "the folder was not touched")

	// An empty folder (a file manager's litter aside) becomes one.
	empty := filepath.Join(home, "клиент А")
	require.NoError(t, os.Mkdir(empty, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(empty, ".DS_Store"), nil, 0o600))
	w, err := Open(ctx, empty, Options{Create: true})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	// A workspace with files in it opens again, with or without Create.
	require.NoError(t, os.WriteFile(filepath.Join(empty, "заметки.txt"), []byte("x"), 0o600))
	for _, create := range []bool{true, false} {
		w, err = Open(ctx, empty, Options{Create: create})
		require.NoError(t, err)
		require.NoError(t, w.Close())
	}
	// What a creation killed half-way leaves does not make a folder "not empty".
	half := filepath.Join(home, "прерванная")
	require.NoError(t, os.MkdirAll(filepath.Join(half, FilesDir), 0o700))
	require.NoError(t, os.MkdirAll(filepath.Join(half, TempDirName), 0o700))
	require.NoError(t, CheckNewWorkspaceDir(half))
	// A folder that does not exist yet is made.
	w, err = Open(ctx, filepath.Join(home, "новая"), Options{Create: true})
	require.NoError(t, err)
	require.NoError(t, w.Close())
}

func TestMigrationToCompanyDetails(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", dsn(filepath.Join(dir, DBName)))
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, migrate(ctx, db, 0, 3))
	_, err = db.Exec(`INSERT INTO employers(name, bin, rka, address, created, updated)
		VALUES ('ТОО Старт', ?, '0204200112345678', 'Алматы', 'x', 'x');
		INSERT INTO employees(employer_id, name_cyr, created, updated) VALUES (1, 'Иванов Иван', 'x', 'x');
		INSERT INTO cases(employee_id, owners_count, owners_abroad, created, updated) VALUES (1, 2, 1, 'x', 'x')`, binCompany)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	w, err := Open(ctx, dir, Options{})
	require.NoError(t, err)
	defer w.Close()
	er, err := w.Employer(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, Employer{ID: 1, Name: "ТОО Старт", BIN: binCompany, RKA: "0204200112345678", Address: "Алматы"}, er)
	rc, err := w.RulesCase(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, 2, rc.Housing.Owners, "a case from before the owner list keeps its counts")
	assert.Equal(t, 1, rc.Housing.OwnersAbroad)
}

func TestOwnersFromText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Сергеев Пётр", []string{"Сергеев Пётр"}},
		{" Сергеев  П.А.; Сергеева А.И. ", []string{"Сергеев П.А.", "Сергеева А.И."}},
		{"Иванов И.И., Петров П.П.\nСидоров С.С.", []string{"Иванов И.И.", "Петров П.П.", "Сидоров С.С."}},
		{" ; ,", nil},
	} {
		var got []string
		for _, o := range OwnersFromText(tc.in) {
			got = append(got, o.Name)
		}
		assert.Equal(t, tc.want, got, tc.in)
	}
}
