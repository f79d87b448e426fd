package roster

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/store"
)

var today = civil.MustParse("2026-11-25")

// withCheck completes 11 digits with the check digit that makes them valid.
func withCheck(t testing.TB, first11 string) string {
	for d := '0'; d <= '9'; d++ {
		s := first11 + string(d)
		if store.ParseIIN(s, today).Valid {
			return s
		}
	}
	t.Fatalf("no check digit for %s", first11)
	return ""
}

func openWS(t *testing.T) *store.Workspace {
	w, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	return w
}

func TestRecognise(t *testing.T) {
	tests := []struct {
		header string
		want   Field
	}{
		{"ФИО", FieldName},
		{"Ф.И.О. сотрудника", FieldName},
		{"Фамилия, имя, отчество", FieldName},
		{"Аты-жөні", FieldName},
		{"Full name", FieldName},
		{"Employee", FieldName},
		{"ФИО (латиницей)", FieldNameLat},
		{"ФИО как в паспорте", FieldNameLat},
		{"Name in passport", FieldNameLat},
		{"Фамилия", FieldSurname},
		{"Имя", FieldGiven},
		{"Отчество", FieldPatronymic},
		{"Дата рождения", FieldBirthDate},
		{"Туған күні", FieldBirthDate},
		{"Date of birth", FieldBirthDate},
		{"Пол", FieldSex},
		{"Жынысы", FieldSex},
		{"Гражданство", FieldCitizenship},
		{"Азаматтығы", FieldCitizenship},
		{"Citizenship", FieldCitizenship},
		{"ИИН", FieldIIN},
		{"ЖСН", FieldIIN},
		{"№ паспорта", FieldPassportNo},
		{"Номер паспорта", FieldPassportNo},
		{"Паспорт", FieldPassportNo},
		{"Төлқұжат нөмірі", FieldPassportNo},
		{"Passport No.", FieldPassportNo},
		{"Паспорт действителен до", FieldPassportExpiry},
		{"Срок действия паспорта", FieldPassportExpiry},
		{"Төлқұжаттың жарамдылық мерзімі", FieldPassportExpiry},
		{"Passport expiry date", FieldPassportExpiry},
		{"Дата выдачи паспорта", FieldPassportIssued},
		{"РВП до", FieldTRPExpiry},
		{"Срок РВП", FieldTRPExpiry},
		{"УТР мерзімі", FieldTRPExpiry},
		{"TRP valid until", FieldTRPExpiry},
		{"Номер РВП", FieldTRPNo},
		{"Дата выдачи РВП", FieldTRPIssued},
		{"Разрешение на временное проживание до", FieldTRPExpiry},
		{"Трудовой договор №", FieldContractNo},
		{"Дата заключения трудового договора", FieldContractStart},
		{"Договор действует до", FieldContractEnd},
		{"Еңбек шартының аяқталу күні", FieldContractEnd},
		{"Contract end", FieldContractEnd},
		{"Регистрация в ЕСУТД", FieldESUTD},
		{"Дактилоскопия", FieldFingerprint},
		{"Дата дактилоскопической регистрации", FieldFingerprint},
		{"РКА места проживания", FieldRKA},
		{"Собственник жилья", FieldOwners},
		{"Адрес проживания", FieldAddress},
		{"Адрес места жительства", FieldAddress},
		{"Тұрғылықты мекенжайы", FieldAddress},
		{"Residence address", FieldAddress},
		{"Адрес", FieldAddress},
		{"Юридический адрес компании", FieldKnown},
		{"Адрес электронной почты", FieldKnown},
		{"E-mail address", FieldKnown},
		{"Работодатель", FieldEmployerName},
		{"Жұмыс беруші", FieldEmployerName},
		{"БИН работодателя", FieldEmployerBIN},
		{"Статус", FieldStatus},
		{"№ п/п", FieldKnown},
		{"Должность сотрудника", FieldKnown},
		{"Примечание", FieldKnown},
		{"Место рождения", FieldKnown},
		{"Кем выдан паспорт", FieldKnown},
		{"Т.А.Ә.", FieldName},
		{"Иванов Иван", FieldNone},
		{"12.03.2026", FieldNone},
		{"", FieldNone},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			assert.Equal(t, tt.want.String(), recognise(tt.header).String())
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		serials bool
		want    string
		ok      bool
	}{
		{"03.01.2024", false, "2024-01-03", true},
		{"3.1.2024", false, "2024-01-03", true},
		{"03/01/2024", false, "2024-01-03", true},
		{"03.01.2024 г.", false, "2024-01-03", true},
		{"03.01.24", false, "2024-01-03", true},
		{"2024-01-03", false, "2024-01-03", true},
		{"2024-01-03T00:00:00Z", false, "2024-01-03", true},
		{"45294", true, "2024-01-03", true},
		{"45294.5", true, "2024-01-03", true},
		{"61", true, "1900-03-01", true},
		{"1", true, "1900-01-01", true},
		{"45294", false, "", false},
		{"31.02.2024", false, "", false},
		{"бессрочно", false, "", false},
		{"", false, "", true},
		{"1/2", false, "", false},
		{"03.01.2024 0:00:00", false, "2024-01-03", true},
		{"3 января 2024 г.", false, "2024-01-03", true},
		{"3 Jan 2024", false, "2024-01-03", true},
		{"2024 жылғы 3 қаңтар", false, "2024-01-03", true},
		{"32 января 2024", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseDate(tt.in, tt.serials, false)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, d.String())
		})
	}
	d, ok := parseDate("43831", true, true) // 1904 system: 2024-01-02
	assert.True(t, ok)
	assert.Equal(t, "2024-01-02", d.String())
}

func TestParseValues(t *testing.T) {
	for in, want := range map[string]string{"Россия": "RU", "РФ": "RU", "Ресей": "RU", "Russian Federation": "RU",
		"Узбекистан": "UZ", "Республика Узбекистан": "UZ", "гражданин Кыргызстана": "KG", "KG": "KG", "kgz": "KG",
		"Беларусь": "BY", "Армения": "AM", "Қытай": "CN", "ЛБГ": "", "России": "RU", "Узбекистана": "UZ",
		"Таджикистана": "TJ"} {
		code, ok := parseCountry(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, code, in)
	}
	_, ok := parseCountry("Атлантида")
	assert.False(t, ok)
	_, ok = parseCountry("Ав")
	assert.False(t, ok)
	for in, want := range map[string]string{"М": "M", "муж.": "M", "F": "F", "Ж": "F", "әйел": "F", "ер": "M"} {
		s, ok := parseSex(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, s, in)
	}
	assert.Equal(t, "012345678901", normalizeDigits("12345678901"))
	assert.Equal(t, "890101300017", normalizeDigits("8.90101300017E+11"))
	assert.Equal(t, "890101300017", normalizeDigits("890 101 300 017"))
	assert.Equal(t, "012345678901", normalizeDigits("'012345678901"))
}

// awkwardXLSX builds the kind of roster clerks keep: a title merged across the
// top, an empty row, a two-level header with merged cells, dates as real
// dates and as text, an IIN stored as a number, empty rows between people,
// a wrong IIN, a duplicate and an unknown country.
func awkwardXLSX(t *testing.T, iinA, iinB, iinC string) []byte {
	f := excelize.NewFile()
	sh := "Сотрудники"
	require.NoError(t, f.SetSheetName("Sheet1", sh))
	set := func(cell string, v any) { require.NoError(t, f.SetCellValue(sh, cell, v)) }
	set("A1", "Список иностранных работников ТОО «Пример» на 25.11.2026")
	require.NoError(t, f.MergeCell(sh, "A1", "I1"))
	// Header on lines 3–4: «ФИО» and «Гражданство» span both lines,
	// «Паспорт» and «РВП» are group titles over two columns each.
	set("A3", "№")
	require.NoError(t, f.MergeCell(sh, "A3", "A4"))
	set("B3", "ФИО")
	require.NoError(t, f.MergeCell(sh, "B3", "B4"))
	set("C3", "Гражданство")
	require.NoError(t, f.MergeCell(sh, "C3", "C4"))
	set("D3", "ИИН")
	require.NoError(t, f.MergeCell(sh, "D3", "D4"))
	set("E3", "Паспорт")
	require.NoError(t, f.MergeCell(sh, "E3", "F3"))
	set("E4", "номер")
	set("F4", "действителен до")
	set("G3", "РВП")
	require.NoError(t, f.MergeCell(sh, "G3", "H3"))
	set("G4", "номер")
	set("H4", "действует до")
	set("I3", "Дактилоскопия")
	require.NoError(t, f.MergeCell(sh, "I3", "I4"))

	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	row := func(n int, vals ...any) {
		for i, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(i+1, n)
			if v == nil {
				continue
			}
			set(cell, v)
			if _, isTime := v.(time.Time); isTime {
				require.NoError(t, f.SetCellStyle(sh, cell, cell, dateStyle))
			}
		}
	}
	day := func(s string) time.Time { return civil.MustParse(s).Time() }
	var iinNum int64
	fmt.Sscan(iinA, &iinNum)
	row(5, 1, "Иванов Иван Иванович", "Россия", iinNum, "75 1234567", day("2031-05-01"), "RVP-1", day("2027-01-03"), day("2024-02-10"))
	row(6, 2, "Tashkentov Aziz", "Узбекистан", iinB, "FA1234567", "01.06.2030", "RVP-2", "15.12.2026", nil)
	// line 7 empty
	row(8, 3, "Петрова Анна", "РФ", "900101300018", "751111111", "01.01.2030", nil, "01.02.2027", nil) // wrong IIN
	row(9, 4, "Иванов Иван Иванович", "Россия", iinA, "751234567", "01.05.2031", nil, nil, nil)        // duplicate of line 5
	row(10, 5, "Смит Джон", "Атлантида", nil, "X1", "31.02.2030", nil, nil, nil)                       // bad country and date
	row(11, 6, "Сидорова Мария", "Кыргызстан", iinC, nil, nil, nil, "20.12.2026", nil)
	row(12, 7, "Без Документов", "Армения", nil, nil, nil, nil, nil, nil)
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

func TestImportAwkwardXLSX(t *testing.T) {
	iinA := withCheck(t, "90010130001")
	iinB := withCheck(t, "85061530002")
	iinC := withCheck(t, "92031240003")
	data := awkwardXLSX(t, iinA, iinB, iinC)
	tables, err := Read(data, ReadOptions{})
	require.NoError(t, err)
	w := openWS(t)
	ctx := context.Background()
	employer := store.Employer{Name: "ТОО «Пример»", BIN: "940140000385"}
	require.NoError(t, w.SaveEmployer(ctx, &employer))

	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, "Сотрудники", res.Sheet)
	assert.Equal(t, []int{3, 4}, res.HeaderLines)
	assert.Equal(t, "Паспорт действителен до", res.Columns["passport_expiry"])
	assert.Equal(t, "РВП действует до", res.Columns["trp_expiry"])
	assert.Equal(t, 7, res.Rows)
	assert.Equal(t, 3, res.Added)
	assert.Equal(t, 0, res.Updated)
	lines := map[int]string{}
	for _, s := range res.Skipped {
		lines[s.Line] = s.Text(i18n.EN)
	}
	require.Len(t, lines, 4, "%v", lines)
	assert.Contains(t, lines[8], "IIN 900101300018 is not valid")
	assert.Contains(t, lines[9], "same person as on line 5")
	assert.Contains(t, lines[10], "Атлантида")
	assert.Contains(t, lines[10], "31.02.2030")
	assert.Contains(t, lines[12], "neither an IIN nor a passport number")
	for _, l := range i18n.Langs {
		for _, s := range res.Skipped {
			assert.NotContains(t, s.Text(l), "[roster.")
		}
	}

	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 3)
	byName := map[string]store.Employee{}
	for _, e := range es {
		byName[e.Name()] = e
	}
	ivanov := byName["Иванов Иван Иванович"]
	assert.Equal(t, iinA, ivanov.IIN, "IIN stored as a number keeps its digits")
	assert.Equal(t, "RU", ivanov.Citizenship)
	assert.Equal(t, "751234567", ivanov.PassportNo)
	assert.Equal(t, "2031-05-01", ivanov.PassportExpiry.String(), "real Excel date")
	assert.Equal(t, "2027-01-03", ivanov.TRPExpiry.String())
	assert.Equal(t, "2024-02-10", ivanov.FingerprintDate.String())
	assert.Equal(t, "1990-01-01", ivanov.BirthDate.String(), "birth date from the IIN")
	assert.Equal(t, employer.ID, ivanov.EmployerID, "the only employer")
	aziz := byName["Tashkentov Aziz"]
	assert.Equal(t, "Tashkentov Aziz", aziz.NameLat)
	assert.Equal(t, "UZ", aziz.Citizenship)
	assert.Equal(t, "2030-06-01", aziz.PassportExpiry.String(), "date as text")
	assert.Equal(t, "2026-12-15", aziz.TRPExpiry.String())
	assert.Equal(t, "KG", byName["Сидорова Мария"].Citizenship)

	hist, err := w.History(ctx, 1)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, "import", hist[0].Action)

	// Importing again updates, never duplicates.
	res2, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, 0, res2.Added)
	assert.Equal(t, 3, res2.Updated)
	es, err = w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	assert.Len(t, es, 3)
}

func TestImportWindows1251CSV(t *testing.T) {
	iinA := withCheck(t, "88020230004")
	text := "Реестр сотрудников;;;;\r\n" +
		";;;;\r\n" +
		"ФИО;Гражданство;ИИН;№ паспорта;Паспорт действителен до;РВП до;Договор до;ЕСУТД\r\n" +
		"Ахмедов Рустам;Таджикистан;" + iinA + ";400123456;01.02.2029;03.01.2027;31.12.2026;да\r\n" +
		"Ким Ольга;Корея;;M12345678;15.07.2031;10.12.2026;10.12.2026;нет\r\n" +
		"Ли Сергей;Китай;;E7654321;сорок;01.01.2027;;\r\n"
	enc, err := charmap.Windows1251.NewEncoder().String(text)
	require.NoError(t, err)
	tables, err := Read([]byte(enc), ReadOptions{})
	require.NoError(t, err)
	require.Len(t, tables, 1)
	assert.Equal(t, EncWin1251, tables[0].Encoding)
	assert.Equal(t, ';', tables[0].Delimiter)

	w := openWS(t)
	ctx := context.Background()
	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, []int{3}, res.HeaderLines)
	assert.Equal(t, 2, res.Added)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, 6, res.Skipped[0].Line)
	assert.Contains(t, res.Skipped[0].Text(i18n.RU), "«сорок» — не дата")
	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.Equal(t, "Ахмедов Рустам", es[0].NameCyr)
	assert.Equal(t, "TJ", es[0].Citizenship)
	assert.True(t, es[0].ContractESUTD)
	assert.Equal(t, "KR", es[1].Citizenship)
	assert.False(t, es[1].ContractESUTD)
	assert.Equal(t, "2026-12-10", es[1].ContractEnd.String())
}

func TestImportEnglishCommaCSVWithBOMAndQuotes(t *testing.T) {
	text := "\uFEFFFull name,Citizenship,Passport No.,Passport expiry date,TRP number,TRP valid until,Employer,BIN\n" +
		"\"Smith, John\",United Kingdom,123456789,2030-01-01,T-1,2027-03-01,\"Acme, LLP\",940140000385\n" +
		"\"Müller Hans\",DE,C01X00T47,01.01.2029,T-2,01.02.2027,Beta LLP,940140000386\n"
	tables, err := Read([]byte(text), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, ',', tables[0].Delimiter)
	assert.Equal(t, EncUTF8, tables[0].Encoding)
	w := openWS(t)
	ctx := context.Background()
	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Added)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, 3, res.Skipped[0].Line)
	assert.Contains(t, res.Skipped[0].Text(i18n.EN), "BIN 940140000386 is not valid")
	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "Smith, John", es[0].NameLat)
	assert.Equal(t, "GB", es[0].Citizenship)
	er, err := w.EmployerByBIN(ctx, "940140000385")
	require.NoError(t, err)
	assert.Equal(t, "Acme, LLP", er.Name)
	assert.Equal(t, er.ID, es[0].EmployerID)
}

func TestImportKazakhHeadersSplitNames(t *testing.T) {
	text := "Тегі\tАты\tӘкесінің аты\tАзаматтығы\tТөлқұжат нөмірі\tУТР мерзімі\tЖынысы\tСаусақ таңбасын алу күні\n" +
		"Әлиев\tБахтияр\tРүстемұлы\tӨзбекстан\tAA1112223\t05.01.2027\tЕр\t01.03.2024\n"
	tables, err := Read([]byte(text), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, '\t', tables[0].Delimiter)
	w := openWS(t)
	ctx := context.Background()
	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	require.Empty(t, res.Skipped)
	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "Әлиев Бахтияр Рүстемұлы", es[0].NameCyr)
	assert.Equal(t, "UZ", es[0].Citizenship)
	assert.Equal(t, "M", es[0].Sex)
	assert.Equal(t, "2024-03-01", es[0].FingerprintDate.String())
}

func TestReimportMatchesOnPassportAndKeepsOtherFields(t *testing.T) {
	w := openWS(t)
	ctx := context.Background()
	first := "ФИО;Паспорт;Паспорт действителен до;РВП до;Собственник жилья\n" +
		"Иванов Пётр;N100;01.01.2030;01.01.2027;Сапаров А.\n"
	tables, err := Read([]byte(first), ReadOptions{})
	require.NoError(t, err)
	_, err = Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	iin := withCheck(t, "80050530005")
	second := "ФИО;ИИН;Паспорт;РВП до\nИванов Пётр;" + iin + ";N100;01.02.2028\n"
	tables, err = Read([]byte(second), ReadOptions{})
	require.NoError(t, err)
	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Updated)
	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, iin, es[0].IIN)
	assert.Equal(t, "2028-02-01", es[0].TRPExpiry.String())
	assert.Equal(t, "2030-01-01", es[0].PassportExpiry.String(), "a column the second file lacks stays")
	assert.Equal(t, "Сапаров А.", es[0].HousingOwners)
}

func TestImportIsOneTransaction(t *testing.T) {
	w := openWS(t)
	var b strings.Builder
	b.WriteString("ФИО;Паспорт;РВП до\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "Сотрудник %d;P%d;01.01.2027\n", i, i)
	}
	tables, err := Read([]byte(b.String()), ReadOptions{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Import(ctx, w, tables, Options{Today: today, Progress: func(done, total int) {
		if done == 30 {
			cancel()
		}
	}})
	require.ErrorIs(t, err, context.Canceled)
	es, err := w.Employees(context.Background(), store.EmployeeFilter{})
	require.NoError(t, err)
	assert.Empty(t, es, "a cancelled import leaves nothing")
}

func TestReadErrors(t *testing.T) {
	_, err := Read([]byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0}, ReadOptions{})
	assert.ErrorIs(t, err, ErrUnreadable)
	_, err = Read([]byte("PK\x03\x04garbage"), ReadOptions{})
	assert.ErrorIs(t, err, ErrUnreadable)
	tables, err := Read([]byte("a;b\nc;d\n"), ReadOptions{})
	require.NoError(t, err)
	_, ok := FindHeader(tables[0])
	assert.False(t, ok)
	w := openWS(t)
	_, err = Import(context.Background(), w, tables, Options{})
	assert.ErrorIs(t, err, ErrNoHeader)
	data := awkwardXLSX(t, withCheck(t, "90010130001"), withCheck(t, "85061530002"), withCheck(t, "92031240003"))
	_, err = Read(data, ReadOptions{Sheet: "Нет такого"})
	assert.ErrorIs(t, err, ErrNoSheet)
	tables, err = Read(data, ReadOptions{Sheet: "сотрудники"})
	require.NoError(t, err)
	assert.Len(t, tables, 1)
}

func TestImportFileFromDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.csv")
	require.NoError(t, os.WriteFile(path, []byte("ФИО;Паспорт\nАбдуллаев Б.;P1\n"), 0o600))
	w := openWS(t)
	res, err := ImportFile(context.Background(), w, path, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Added)
}

// FuzzRead feeds arbitrary bytes through reading, header finding and row
// parsing: bad input must give errors or skipped rows, never a panic.
func FuzzRead(f *testing.F) {
	f.Add([]byte("ФИО;Гражданство;РВП до\nИванов;Россия;01.01.2027\n"))
	f.Add([]byte("\uFEFFFull name,Passport No.\n\"Smith, John\",1\n"))
	f.Add([]byte("Тегі\tАты\tУТР мерзімі\nӘлиев\tБ\t45294\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xff, 0xfe, 'a', 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		tables, err := Read(data, ReadOptions{})
		if err != nil {
			return
		}
		for _, tb := range tables {
			if h, ok := FindHeader(tb); ok {
				parseRows(tb, h, today)
			}
		}
	})
}

// FuzzRecognise checks header and value parsing on arbitrary text.
func FuzzRecognise(f *testing.F) {
	for _, s := range []string{"ФИО", "Паспорт действителен до", "03.01.2024", "45294", "8.9E+11", "Ресей", "№ п/п"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		recognise(s)
		parseDate(s, true, false)
		parseDate(s, false, false)
		parseCountry(s)
		parseSex(s)
		parseYes(s, true, false)
		parseStatus(s)
		normalizeDigits(s)
	})
}

func TestImportRangesFootersAndIgnoredColumns(t *testing.T) {
	text := "ФИО;Место рождения;Паспорт;Кем выдан;Период действия РВП;Гражданство\n" +
		"Алиев Азиз;г. Ташкент;FA1;МВД РУз;01.02.2026 - 31.01.2027;Узбекистана\n" +
		"Ким Ольга;Сеул;M2;MOFA;с 01.03.2026 по 28.02.2027;Кореи\n" +
		"Итого: 2;\n"
	tables, err := Read([]byte(text), ReadOptions{})
	require.NoError(t, err)
	w := openWS(t)
	ctx := context.Background()
	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	require.Empty(t, res.Skipped, "%+v", res.Skipped)
	assert.Equal(t, 2, res.Added)
	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.Equal(t, "2027-01-31", es[0].TRPExpiry.String())
	assert.Equal(t, "UZ", es[0].Citizenship)
	assert.Equal(t, "2027-02-28", es[1].TRPExpiry.String())
	assert.Equal(t, "KR", es[1].Citizenship)
}

func TestImportEnglishNameAndSurnameColumns(t *testing.T) {
	text := "Surname,Name,Nationality,Passport No,ESUTD\nSmith,John,GB,123,№ 55 от 01.02.2025\n"
	tables, err := Read([]byte(text), ReadOptions{})
	require.NoError(t, err)
	w := openWS(t)
	res, err := Import(context.Background(), w, tables, Options{Today: today})
	require.NoError(t, err)
	require.Empty(t, res.Skipped)
	es, err := w.Employees(context.Background(), store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "Smith John", es[0].NameLat)
	assert.True(t, es[0].ContractESUTD)
}

// TestImportResidenceAddress: a roster that carries where each employee
// lives fills the address the employer's letter prints, next to its RKA;
// a re-import without the column keeps it.
func TestImportResidenceAddress(t *testing.T) {
	text := "ФИО;Гражданство;Номер паспорта;Адрес проживания;РКА места проживания;Юридический адрес компании\n" +
		"Петров Пётр;RU;751234567;\"г. Алматы, ул. Жандосова, д. 2, кв. 7\";0204200198765432;г. Астана, пр. Мангилик Ел, 1\n"
	tables, err := Read([]byte(text), ReadOptions{})
	require.NoError(t, err)
	w := openWS(t)
	ctx := context.Background()
	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	require.Equal(t, 1, res.Added)
	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "г. Алматы, ул. Жандосова, д. 2, кв. 7", es[0].ResidenceAddress)
	assert.Equal(t, "0204200198765432", es[0].ResidenceRKA)

	tables, err = Read([]byte("ФИО;Гражданство;Номер паспорта\nПетров Пётр;RU;751234567\n"), ReadOptions{})
	require.NoError(t, err)
	_, err = Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	es, err = w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "г. Алматы, ул. Жандосова, д. 2, кв. 7", es[0].ResidenceAddress, "a roster without the column keeps it")
}
