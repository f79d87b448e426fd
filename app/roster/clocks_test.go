package roster

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/store"
)

// The columns of the dates legal clocks run from, in the three languages
// and by their field ids; the words that meant something else before they
// existed still do.
func TestRecogniseClockColumns(t *testing.T) {
	tests := []struct {
		header string
		want   Field
	}{
		{"Дата въезда", FieldEntryDate},
		{"Дата последнего въезда в РК", FieldEntryDate},
		{"Елге кірген күні", FieldEntryDate},
		{"Date of entry", FieldEntryDate},
		{"entry_date", FieldEntryDate},
		{"Основание въезда", FieldEntryBasis},
		{"Безвиз / виза", FieldEntryBasis},
		{"Кіру негізі", FieldEntryBasis},
		{"entry_basis", FieldEntryBasis},
		{"Уведомление о прибытии", FieldArrivalRegistered},
		{"Дата регистрации по месту пребывания", FieldArrivalRegistered},
		{"Arrival registered", FieldArrivalRegistered},
		{"arrival_registered", FieldArrivalRegistered},
		{"Смена адреса", FieldAddressChanged},
		{"Мекенжай ауысқан күні", FieldAddressChanged},
		{"address_changed", FieldAddressChanged},
		{"Дата подписания договора", FieldContractSigned},
		{"Contract signed", FieldContractSigned},
		{"Шартқа қол қойылған күн", FieldContractSigned},
		{"contract_signed", FieldContractSigned},
		{"Разрешение работодателя до", FieldWorkPermitExpiry},
		{"Срок разрешения на привлечение иностранной рабочей силы", FieldWorkPermitExpiry},
		{"Work permit expiry", FieldWorkPermitExpiry},
		{"work_permit_expiry", FieldWorkPermitExpiry},
		{"№ разрешения работодателя", FieldKnown},
		{"Дата смены работодателя", FieldEmployerChanged},
		{"Employer changed", FieldEmployerChanged},
		{"employer_changed", FieldEmployerChanged},
		{"ЭЦП компании действует до", FieldEDSExpiry},
		{"EDS expiry", FieldEDSExpiry},
		{"employer_eds_expiry", FieldEDSExpiry},
		{"ЭЦП компании", FieldKnown},
		// As before these columns existed.
		{"Дата заключения трудового договора", FieldContractStart},
		{"Регистрация в ЕСУТД", FieldESUTD},
		{"Виза до", FieldNone},
		{"Номер визы", FieldNone},
		{"Регистрация", FieldNone},
		{"Работодатель", FieldEmployerName},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			assert.Equal(t, tt.want.String(), recognise(tt.header).String())
		})
	}
}

func TestParseEntryBasis(t *testing.T) {
	for in, want := range map[string]string{
		"безвиз": store.EntryVisaFree, "Безвизовый": store.EntryVisaFree, "без визы": store.EntryVisaFree,
		"visa-free": store.EntryVisaFree, "визасыз": store.EntryVisaFree,
		"виза": store.EntryVisa, "по визе": store.EntryVisa, "Visa": store.EntryVisa, "визамен": store.EntryVisa,
		"—": store.EntryUnknown, "неизвестно": store.EntryUnknown,
	} {
		got, ok := parseEntryBasis(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"да", "рабочая виза C3", "ВНЖ"} {
		_, ok := parseEntryBasis(in)
		assert.False(t, ok, in)
	}
}

// A roster with every clock column: the dates land beside the employee,
// the change of employer on the employee, the EDS expiry on the company;
// a re-import changes only what differs and names it; bad values refuse
// their row with the column and what to write.
func TestImportClockColumns(t *testing.T) {
	w := openWS(t)
	ctx := context.Background()
	head := "ФИО;Паспорт;БИН;Дата въезда;Основание въезда;Уведомление о прибытии;Смена адреса;" +
		"Дата подписания договора;Разрешение работодателя до;Дата смены работодателя;ЭЦП компании действует до\n"
	text := head +
		"Каримов Алишер;AA1000001;940140000385;03.12.2026;безвиз;;;01.12.2026;20.12.2026;20.11.2026;10.01.2027\n" +
		"Усманов Бобур;AA1000002;940140000385;2026-11-01;виза;05.11.2026;02.12.2026;;;;10.01.2027\n" +
		"Ошибкин Олег;AA1000003;940140000385;32.13.2026;рабочая;;;;;;\n" +
		"Спорный Сергей;AA1000004;940140000385;;;;;;;;11.01.2027\n"
	tables, err := Read([]byte(text), ReadOptions{})
	require.NoError(t, err)
	res, err := Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Added)
	for _, f := range []Field{FieldEntryDate, FieldEntryBasis, FieldArrivalRegistered, FieldAddressChanged,
		FieldContractSigned, FieldWorkPermitExpiry, FieldEmployerChanged, FieldEDSExpiry} {
		assert.Contains(t, res.Columns, f.String())
	}
	require.Len(t, res.Skipped, 2)
	bad := res.Skipped[0].Text(i18n.EN)
	assert.Equal(t, 4, res.Skipped[0].Line)
	assert.Contains(t, bad, `"Дата въезда": "32.13.2026" is not a date`)
	assert.Contains(t, bad, `"Основание въезда": entry basis "рабочая" not understood: write visa-free, visa, or leave it empty`)
	assert.Equal(t, 5, res.Skipped[1].Line)
	assert.Contains(t, res.Skipped[1].Text(i18n.EN), "differs from 10.01.2027 on line 2")
	assert.Contains(t, res.Skipped[1].Text(i18n.RU), "расходится с 10.01.2027 в строке 2")

	emps, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, emps, 2)
	byName := map[string]store.Employee{}
	for _, e := range emps {
		byName[e.NameCyr] = e
	}
	karimov := byName["Каримов Алишер"]
	assert.Equal(t, "2026-11-20", karimov.EmployerChanged.String())
	assert.Equal(t, "2026-12-01", karimov.ContractStart.String(), "the signing date fills the start when no start column is given")
	d, err := w.ClockDatesOf(ctx, karimov.ID)
	require.NoError(t, err)
	assert.Equal(t, store.ClockDates{EmployeeID: karimov.ID, EntryDate: civil.MustParse("2026-12-03"), EntryBasis: store.EntryVisaFree,
		ContractSigned: civil.MustParse("2026-12-01"), WorkPermitExpiry: civil.MustParse("2026-12-20")}, d)
	d, err = w.ClockDatesOf(ctx, byName["Усманов Бобур"].ID)
	require.NoError(t, err)
	assert.Equal(t, store.ClockDates{EmployeeID: byName["Усманов Бобур"].ID, EntryDate: civil.MustParse("2026-11-01"), EntryBasis: store.EntryVisa,
		ArrivalRegistered: civil.MustParse("2026-11-05"), AddressChanged: civil.MustParse("2026-12-02")}, d)
	er, err := w.EmployerByBIN(ctx, "940140000385")
	require.NoError(t, err)
	assert.Equal(t, "2027-01-10", er.EDSExpiry.String())

	// Again with one date moved and the rest as they are: one change, named.
	again := "ФИО;Паспорт;Уведомление о прибытии;Основание въезда\nКаримов Алишер;AA1000001;07.12.2026;безвиз\n"
	tables, err = Read([]byte(again), ReadOptions{})
	require.NoError(t, err)
	res, err = Import(ctx, w, tables, Options{Today: today})
	require.NoError(t, err)
	require.Len(t, res.Changed, 1)
	assert.Equal(t, []string{"arrival_registered"}, res.Changed[0].Fields)
	d, err = w.ClockDatesOf(ctx, karimov.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026-12-07", d.ArrivalRegistered.String())
	assert.Equal(t, "2026-12-03", d.EntryDate.String(), "a column the file lacks stays")

	// A dry run reports the change and writes nothing.
	moved := "ФИО;Паспорт;ЭЦП компании действует до;БИН\nКаримов Алишер;AA1000001;01.02.2027;940140000385\n"
	tables, err = Read([]byte(moved), ReadOptions{})
	require.NoError(t, err)
	res, err = Import(ctx, w, tables, Options{Today: today, DryRun: true})
	require.NoError(t, err)
	require.Len(t, res.Changed, 1)
	assert.Equal(t, []string{"employer_eds_expiry"}, res.Changed[0].Fields)
	er, err = w.EmployerByBIN(ctx, "940140000385")
	require.NoError(t, err)
	assert.Equal(t, "2027-01-10", er.EDSExpiry.String(), "a dry run writes nothing")
}

// An EDS expiry on a row with no employer to give it to refuses the row.
func TestImportEDSWithoutEmployer(t *testing.T) {
	w := openWS(t)
	tables, err := Read([]byte("ФИО;Паспорт;EDS expiry\nNobody Here;ZZ1;01.02.2027\n"), ReadOptions{})
	require.NoError(t, err)
	res, err := Import(context.Background(), w, tables, Options{Today: today})
	require.NoError(t, err)
	require.Len(t, res.Skipped, 1)
	assert.Contains(t, res.Skipped[0].Text(i18n.EN), "EDS expiry 01.02.2027 has no company to go to")
}
