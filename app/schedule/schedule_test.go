package schedule

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/rules"
	"dossier/app/store"
)

var today = civil.MustParse("2026-11-25")

func calendar(t testing.TB) *kz.Calendar {
	set, err := rules.Embedded()
	require.NoError(t, err)
	return set.Calendar()
}

func d(s string) civil.Date { return civil.MustParse(s) }

// fixture fills a workspace with people whose papers fall due in every way.
func fixture(t *testing.T) *store.Workspace {
	ctx := context.Background()
	w, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	a := store.Employer{Name: "ТОО «Альфа»", BIN: "940140000385"}
	b := store.Employer{Name: "ТОО «Бета»", BIN: "990140004654"}
	require.NoError(t, w.SaveEmployer(ctx, &a))
	require.NoError(t, w.SaveEmployer(ctx, &b))
	save := func(e store.Employee) store.Employee {
		require.NoError(t, w.SaveEmployee(ctx, &e, today))
		return e
	}
	// Expired TRP (overdue by more than 10 days), Russian, contract shorter than the TRP.
	ivanov := save(store.Employee{EmployerID: a.ID, NameCyr: "Иванов Иван", Citizenship: "RU", PassportNo: "P1",
		BirthDate: d("1985-03-01"), TRPNo: "T-1", TRPIssued: d("2025-11-11"), TRPExpiry: d("2026-11-10"),
		PassportExpiry: d("2030-01-01"), ContractEnd: d("2026-10-31"), ContractESUTD: true,
		FingerprintDate: d("2024-02-01")})
	// TRP expiring this month, no fingerprinting, passport expires before the TRP.
	save(store.Employee{EmployerID: a.ID, NameCyr: "Каримов Азиз", Citizenship: "UZ", PassportNo: "P2",
		BirthDate: d("1990-06-15"), TRPNo: "T-2", TRPExpiry: d("2026-12-10"), PassportExpiry: d("2026-12-05")})
	// Far outside the range: no rows.
	save(store.Employee{EmployerID: b.ID, NameCyr: "Петров Пётр", Citizenship: "BY", PassportNo: "P3",
		TRPExpiry: d("2028-01-01"), PassportExpiry: d("2035-01-01")})
	// Other employer, TRP in 60 days.
	lee := save(store.Employee{EmployerID: b.ID, NameLat: "Lee Min", Citizenship: "KR", PassportNo: "P4",
		TRPNo: "T-4", TRPExpiry: d("2027-01-24"), ContractEnd: d("2027-06-30")})
	// Dismissed: never on the schedule.
	save(store.Employee{EmployerID: a.ID, NameCyr: "Уволенный", PassportNo: "P5", TRPExpiry: d("2026-12-01"), Status: store.StatusDismissed})
	// A child turning 16 within the range.
	require.NoError(t, w.SaveFamilyMember(ctx, &store.FamilyMember{EmployeeID: ivanov.ID, Relation: store.RelationChild,
		NameCyr: "Иванова Мария", BirthDate: d("2010-12-20"), Citizenship: "RU"}, today))
	// A child under 12: nothing.
	require.NoError(t, w.SaveFamilyMember(ctx, &store.FamilyMember{EmployeeID: ivanov.ID, Relation: store.RelationChild,
		NameCyr: "Иванов Олег", BirthDate: d("2018-05-01"), Citizenship: "RU"}, today))
	// Lee moves to employer A: re-issue within 15 days.
	lee.EmployerID = a.ID
	require.NoError(t, w.SaveEmployee(ctx, &lee, today))
	c := store.Case{EmployeeID: ivanov.ID, State: store.StateFiled}
	require.NoError(t, w.SaveCase(ctx, &c))
	return w
}

func collect(t *testing.T, w *store.Workspace, opts Options) []Row {
	var rows []Row
	require.NoError(t, Each(context.Background(), w, opts, func(r Row) error {
		rows = append(rows, r)
		return nil
	}))
	return rows
}

func keys(r Row) []string {
	var out []string
	for _, w := range r.Warnings {
		out = append(out, w.Key)
	}
	return out
}

func TestEach(t *testing.T) {
	w := fixture(t)
	rows := collect(t, w, Options{Today: today, Calendar: calendar(t)})
	type want struct {
		person string
		item   Item
		date   string
	}
	var got []want
	for _, r := range rows {
		got = append(got, want{r.Person, r.Item, r.Date.String()})
	}
	assert.Equal(t, []want{
		{"Иванов Иван", ItemContract, "2026-10-31"},
		{"Иванов Иван", ItemTRP, "2026-11-10"},
		{"Каримов Азиз", ItemPassport, "2026-12-05"},
		{"Lee Min", ItemEmployerChange, "2026-12-10"},
		{"Каримов Азиз", ItemTRP, "2026-12-10"},
		{"Иванова Мария", ItemTurns16, "2026-12-30"},
		{"Lee Min", ItemTRP, "2027-01-24"},
	}, got)

	byKey := map[string]Row{}
	for _, r := range rows {
		byKey[r.Person+"/"+string(r.Item)] = r
	}
	iv := byKey["Иванов Иван/trp"]
	assert.Equal(t, -15, iv.DaysLeft)
	assert.Equal(t, "filed", iv.CaseState)
	assert.False(t, iv.Fingerprint, "fingerprinted in 2024")
	// His extension is marked filed: no fine warning, the answer is awaited
	// (issue 14: a filed extension was still warned "fine required").
	assert.ElementsMatch(t, []string{"schedule.warn.trp_after_contract", "schedule.warn.filed"}, keys(iv))
	assert.Equal(t, "ТОО «Альфа»", iv.Employer)

	kar := byKey["Каримов Азиз/trp"]
	assert.Equal(t, 15, kar.DaysLeft)
	assert.True(t, kar.Fingerprint)
	assert.Contains(t, keys(kar), "schedule.warn.trp_after_passport")
	// 20 working days before 10.12.2026 on the Kazakh calendar.
	assert.Equal(t, calendar(t).AddWorkingDays(d("2026-12-10"), -20), kar.StartBy)
	assert.True(t, kar.StartBy.Before(d("2026-11-13")), "20 working days are more than 4 calendar weeks: %s", kar.StartBy)

	maria := byKey["Иванова Мария/turns16"]
	assert.Equal(t, d("2026-12-20"), maria.StartBy)
	assert.True(t, maria.Fingerprint)
	assert.Equal(t, "Иванов Иван", maria.Principal)
	assert.Equal(t, "child", maria.Relation)

	lee := byKey["Lee Min/employer_change"]
	assert.Equal(t, today, lee.StartBy)
	assert.Equal(t, "ТОО «Альфа»", lee.Employer)
	assert.Contains(t, keys(byKey["Lee Min/trp"]), "schedule.warn.no_esutd")

	// One employer only.
	rows = collect(t, w, Options{Today: today, Calendar: calendar(t), EmployerBIN: "990140004654"})
	assert.Empty(t, rows, "everyone at Бета is outside the range or moved")
	rows = collect(t, w, Options{Today: today, Calendar: calendar(t), EmployerBIN: "990140004654", To: d("2028-12-31")})
	require.Len(t, rows, 1)
	assert.Equal(t, "Петров Пётр", rows[0].Person)

	// A wider range reaches the far items; a longer lead moves the start.
	rows = collect(t, w, Options{Today: today, Calendar: calendar(t), To: d("2030-12-31"), LeadDays: 40})
	assert.Len(t, rows, 10)
	for _, r := range rows {
		if r.Person == "Каримов Азиз" && r.Item == ItemTRP {
			assert.Equal(t, calendar(t).AddWorkingDays(d("2026-12-10"), -40), r.StartBy)
		}
	}
}

func TestEAEUYearWarning(t *testing.T) {
	ctx := context.Background()
	w, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	defer w.Close()
	for _, c := range []string{"KG", "UZ"} {
		require.NoError(t, w.SaveEmployee(ctx, &store.Employee{NameCyr: "Работник " + c, Citizenship: c, PassportNo: c,
			TRPIssued: d("2025-12-01"), TRPExpiry: d("2026-12-20")}, today))
	}
	rows := collect(t, w, Options{Today: today, Calendar: calendar(t)})
	require.Len(t, rows, 2)
	for _, r := range rows {
		if r.Citizenship == "KG" {
			assert.Contains(t, keys(r), "schedule.warn.eaeu_year")
		} else {
			assert.NotContains(t, keys(r), "schedule.warn.eaeu_year")
		}
	}
}

func TestWriteFileReadBack(t *testing.T) {
	w := fixture(t)
	out := filepath.Join(t.TempDir(), "schedule.xlsx")
	sum, err := WriteFile(context.Background(), w, out, WriteOptions{
		Options: Options{Today: today, Calendar: calendar(t)}, Lang: i18n.RU,
	})
	require.NoError(t, err)
	assert.Equal(t, 7, sum.Rows)
	assert.Equal(t, 2, sum.Overdue)

	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"График", "Итоги по месяцам"}, f.GetSheetList())
	sh := "График"

	rows, err := f.GetRows(sh)
	require.NoError(t, err)
	require.Len(t, rows, 8)
	assert.Equal(t, "Сотрудник", rows[0][1])
	assert.Equal(t, "Истекает / срок", rows[0][7])
	// Row 3 is Ivanov's TRP.
	assert.Equal(t, "Иванов Иван", rows[2][1])
	assert.Equal(t, "РВП", rows[2][5])
	assert.Equal(t, "T-1", rows[2][6])
	assert.Equal(t, "10.11.2026", rows[2][7], "shown as dd.mm.yyyy")
	assert.Equal(t, "-15", rows[2][8])
	assert.Equal(t, "подано", rows[2][11])
	assert.Contains(t, rows[2][12], "дольше трудового договора")
	assert.Equal(t, "Иванова Мария (ребёнок сотрудника: Иванов Иван)", rows[6][1])

	// A real date cell: a number with the dd.mm.yyyy format.
	raw, err := f.GetCellValue(sh, "H3", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "46336", raw) // 10.11.2026 as an Excel serial
	styleID, err := f.GetCellStyle(sh, "H3")
	require.NoError(t, err)
	style, err := f.GetStyle(styleID)
	require.NoError(t, err)
	require.NotNil(t, style.CustomNumFmt)
	assert.Equal(t, "dd.mm.yyyy", *style.CustomNumFmt)
	formula, err := f.GetCellFormula(sh, "I3")
	require.NoError(t, err)
	assert.Equal(t, "H3-TODAY()", formula)

	panes, err := f.GetPanes(sh)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	assert.Equal(t, "A2", panes.TopLeftCell)

	cf, err := f.GetConditionalFormats(sh)
	require.NoError(t, err)
	require.Contains(t, cf, "A2:M8")
	rules := cf["A2:M8"]
	require.Len(t, rules, 3)
	assert.Equal(t, "formula", rules[0].Type)
	assert.Contains(t, rules[0].Criteria, "$H2<TODAY()")
	assert.Contains(t, rules[1].Criteria, "$H2-TODAY()<=30")
	assert.Contains(t, rules[2].Criteria, "$H2-TODAY()>30")
	red, err := f.GetConditionalStyle(*rules[0].Format)
	require.NoError(t, err)
	assert.Equal(t, []string{"FFC7CE"}, red.Fill.Color)

	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	assert.Equal(t, "'График'!$1:$1", names["_xlnm.Print_Titles"])
	assert.Contains(t, names["_xlnm._FilterDatabase"], "$A$1:$M$8")

	layout, err := f.GetPageLayout(sh)
	require.NoError(t, err)
	assert.Equal(t, "landscape", *layout.Orientation)
	assert.Equal(t, 1, *layout.FitToWidth)
	assert.Equal(t, 0, *layout.FitToHeight)
	assert.Equal(t, 9, *layout.Size)
	props, err := f.GetSheetProps(sh)
	require.NoError(t, err)
	assert.True(t, *props.FitToPage)
	width, err := f.GetColWidth(sh, "B")
	require.NoError(t, err)
	assert.Equal(t, 34.0, width)

	// Both sheets state their extent (read-only readers rely on it), and
	// list their columns in order.
	for sheet, want := range map[string]string{sh: "A1:M8", "Итоги по месяцам": "A1:H6"} {
		dim, err := f.GetSheetDimension(sheet)
		require.NoError(t, err)
		assert.Equal(t, want, dim, sheet)
	}
	zr, err := zip.OpenReader(out)
	require.NoError(t, err)
	defer zr.Close()
	colMin := regexp.MustCompile(`<col [^>]*?min="(\d+)"`)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		require.NoError(t, err)
		xml, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		prev := 0
		for _, m := range colMin.FindAllSubmatch(xml, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			assert.Greater(t, n, prev, "%s: columns ascending", zf.Name)
			prev = n
		}
	}

	sumRows, err := f.GetRows("Итоги по месяцам")
	require.NoError(t, err)
	require.Len(t, sumRows, 6) // header, Oct, Nov, Dec 2026, Jan 2027, total
	assert.Equal(t, []string{"Итого", "", "3", "1", "1", "2", "7", "2"}, sumRows[5])
	assert.Equal(t, "Месяц", sumRows[0][0])
	assert.Equal(t, "10.2026", sumRows[1][0])
	assert.Equal(t, "октябрь 2026", sumRows[1][1])
}

func TestWriteFileLanguagesAndEmpty(t *testing.T) {
	ctx := context.Background()
	w, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	defer w.Close()
	for lang, sheets := range map[i18n.Lang][]string{
		i18n.KK: {"Кесте", "Айлар бойынша қорытынды"},
		i18n.EN: {"Schedule", "Summary by month"},
	} {
		out := filepath.Join(t.TempDir(), "s.xlsx")
		sum, err := WriteFile(ctx, w, out, WriteOptions{Options: Options{Today: today, Calendar: calendar(t)}, Lang: lang})
		require.NoError(t, err)
		assert.Zero(t, sum.Rows)
		f, err := excelize.OpenFile(out)
		require.NoError(t, err)
		assert.Equal(t, sheets, f.GetSheetList())
		rows, err := f.GetRows(sheets[0])
		require.NoError(t, err)
		assert.Len(t, rows, 1, "the header alone")
		f.Close()
	}
}

func TestWriteFileLeavesNoPartialOutput(t *testing.T) {
	w := fixture(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "schedule.xlsx")
	require.NoError(t, os.WriteFile(out, []byte("previous"), 0o600))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := WriteFile(ctx, w, out, WriteOptions{Options: Options{Today: today, Calendar: calendar(t)}})
	require.Error(t, err)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "previous", string(data), "the old file stays when writing fails")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
}

func TestEventsAlreadyDealtWith(t *testing.T) {
	ctx := context.Background()
	w, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	defer w.Close()
	// Changed employer, TRP re-issued since: no re-issue row.
	e := store.Employee{NameCyr: "Переоформлен", PassportNo: "A1", EmployerChanged: d("2026-11-20"), TRPIssued: d("2026-11-24")}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	// Changed employer, not re-issued: a row.
	e2 := store.Employee{NameCyr: "Не переоформлен", PassportNo: "A2", EmployerChanged: d("2026-11-20"), TRPIssued: d("2026-01-10")}
	require.NoError(t, w.SaveEmployee(ctx, &e2, today))
	// Turning 16 soon but already fingerprinted after the birthday? Not possible
	// before it; a child fingerprinted on the birthday has nothing left to do.
	require.NoError(t, w.SaveFamilyMember(ctx, &store.FamilyMember{EmployeeID: e.ID, Relation: store.RelationChild,
		NameCyr: "Сделано", BirthDate: d("2010-11-22"), FingerprintDate: d("2026-11-23")}, today))
	require.NoError(t, w.SaveFamilyMember(ctx, &store.FamilyMember{EmployeeID: e.ID, Relation: store.RelationChild,
		NameCyr: "Не сделано", BirthDate: d("2010-11-22")}, today))
	rows := collect(t, w, Options{Today: today, Calendar: calendar(t)})
	var got []string
	for _, r := range rows {
		got = append(got, r.Person+"/"+string(r.Item))
	}
	assert.ElementsMatch(t, []string{"Не переоформлен/employer_change", "Не сделано/turns16"}, got)
}
