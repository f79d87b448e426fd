// Package demo creates the demo workspace: a fictional employer with a dozen
// foreign employees in every state the schedule knows (expired, expiring this
// month, fingerprinting missing, EAEU and not, a family with a young child
// and one about to turn 16, a change of employer), the case Dossier grew from
// (an extension filed online while the owner was abroad) with generated
// sample scans — and, on request, thousands more employees for benchmarks.
// It needs no files: the first start of the GUI and `make run` open it.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"dossier/app/civil"
	"dossier/app/store"
)

// ErrNotEmpty: a demo is only made in a new or empty workspace, never mixed
// into real data.
var ErrNotEmpty = errors.New("workspace already has employees")

// Options shape the demo.
type Options struct {
	// Employees is the size of the roster; below the curated dozen the
	// curated set is made anyway, above it generated employees are added.
	Employees int
	// Today anchors the relative dates (expired, this month, …).
	Today civil.Date
	// Scans turns the sample scans on (a few tens of KB each).
	Scans bool
	// Progress is called with employees done and the total.
	Progress func(done, total int)
}

// The fictional employers. Their BINs have valid check digits.
var (
	MainEmployer = store.Employer{Name: "ТОО «Пример»", BIN: "940140000385", RKA: "0204200112345678", Address: "г. Алматы, ул. Примерная, 1",
		DirectorName: "Сейткали А. Б.", DirectorPosition: "Директор"}
	OtherEmployer = store.Employer{Name: "ТОО «Алтын Жол Логистика»", BIN: "990140004654", RKA: "0201300154321876", Address: "г. Астана, пр. Республики, 10",
		DirectorName: "Жумабаев Е. К.", DirectorPosition: "Генеральный директор"}
)

// Create makes the demo workspace in dir (created when missing).
func Create(ctx context.Context, dir string, opts Options) error {
	w, err := store.Open(ctx, dir, store.Options{Create: true})
	if err != nil {
		return err
	}
	if err := Fill(ctx, w, opts); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// Fill adds the demo data to an open, empty workspace.
func Fill(ctx context.Context, w *store.Workspace, opts Options) error {
	if opts.Today.IsZero() {
		opts.Today = civil.Of(time.Now())
	}
	existing, err := w.Employees(ctx, store.EmployeeFilter{})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return ErrNotEmpty
	}
	total := max(opts.Employees, len(curated(opts.Today)))
	g := &gen{today: opts.Today, rnd: rand.New(rand.NewPCG(2026, 11))}
	var seedCase store.Case
	err = w.Update(ctx, func(tx *store.Tx) error {
		main, other := MainEmployer, OtherEmployer
		if err := tx.SaveEmployer(ctx, &main); err != nil {
			return err
		}
		if err := tx.SaveEmployer(ctx, &other); err != nil {
			return err
		}
		done := 0
		for _, p := range curated(opts.Today) {
			e := p.e
			e.EmployerID = main.ID
			if p.other {
				e.EmployerID = other.ID
			}
			if e.IIN == "" && !e.BirthDate.IsZero() {
				e.IIN = g.iin(e.BirthDate, e.Sex)
			}
			if err := tx.SaveEmployee(ctx, &e, opts.Today); err != nil {
				return fmt.Errorf("demo employee %s: %w", e.Name(), err)
			}
			for _, m := range p.family {
				m.EmployeeID = e.ID
				if m.IIN == "" {
					m.IIN = g.iin(m.BirthDate, m.Sex)
				}
				if err := tx.SaveFamilyMember(ctx, &m, opts.Today); err != nil {
					return fmt.Errorf("demo family %s: %w", m.NameCyr, err)
				}
			}
			if p.seed {
				seedCase = store.Case{EmployeeID: e.ID, Purpose: store.PurposeWork, Kind: store.KindExtension,
					Channel: store.ChannelOnline, FilingDate: civil.New(2023, 12, 29), State: store.StateFiled,
					OwnersCount: 1, OwnersAbroad: 1,
					Notes: "Собственник жилья за рубежом: нотариальное согласие невозможно, подано онлайн с подтверждением ЭЦП собственника."}
				if err := tx.SaveCase(ctx, &seedCase); err != nil {
					return err
				}
				// The seed's owner, abroad: why it went online.
				if err := tx.SaveOwners(ctx, seedCase.ID, []store.Owner{{Name: "Сергеев Пётр Андреевич", IIN: "620308300122", Abroad: true}}); err != nil {
					return err
				}
			}
			if p.draftCase {
				c := store.Case{EmployeeID: e.ID, Kind: store.KindExtension, Channel: store.ChannelPaper,
					FilingDate: opts.Today.AddDays(14), OwnersCount: 1}
				if err := tx.SaveCase(ctx, &c); err != nil {
					return err
				}
				if err := tx.SaveOwners(ctx, c.ID, []store.Owner{{Name: "Омарова Гульнара Сапаровна", IIN: "710914400340"}}); err != nil {
					return err
				}
			}
			done++
		}
		for ; done < total; done++ {
			if done%500 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if opts.Progress != nil {
					opts.Progress(done, total)
				}
			}
			e := g.employee(done)
			e.EmployerID = main.ID
			if done%3 == 0 {
				e.EmployerID = other.ID
			}
			if err := tx.SaveEmployee(ctx, &e, opts.Today); err != nil {
				return fmt.Errorf("demo employee %d: %w", done, err)
			}
		}
		if err := tx.SetSetting(ctx, store.SettingRenewalLead, "20"); err != nil {
			return err
		}
		return tx.SetSetting(ctx, "demo.created", opts.Today.String())
	})
	if err != nil {
		return fmt.Errorf("create demo: %w", err)
	}
	if opts.Progress != nil {
		opts.Progress(total, total)
	}
	if opts.Scans {
		if err := attachScans(ctx, w, seedCase); err != nil {
			return fmt.Errorf("create demo: scans: %w", err)
		}
	}
	return nil
}

func attachScans(ctx context.Context, w *store.Workspace, c store.Case) error {
	e, err := w.Employee(ctx, c.EmployeeID)
	if err != nil {
		return err
	}
	pass, err := passportScan("IVANOV IVAN", "751234567", "12.04.1985", e.PassportExpiry.DMY(), "RUS")
	if err != nil {
		return err
	}
	if _, err := w.AttachFile(ctx, c.ID, "passport", "passport.jpg", strings.NewReader(string(pass))); err != nil {
		return err
	}
	page, err := contractPage("Ivanov Ivan", "TOO Primer", e.ContractNo, e.ContractStart.DMY(), e.ContractEnd.DMY())
	if err != nil {
		return err
	}
	pdf := jpegPDF(page, 827, 1169)
	_, err = w.AttachFile(ctx, c.ID, "employment_contract", "contract.pdf", strings.NewReader(string(pdf)))
	return err
}

type person struct {
	e         store.Employee
	family    []store.FamilyMember
	other     bool // at the second employer
	seed      bool
	draftCase bool
}

// curated is the hand-made dozen, dated relative to today.
func curated(t civil.Date) []person {
	endOfMonth := civil.New(t.Year(), t.Month()+1, 1).AddDays(-1)
	if t.DaysUntil(endOfMonth) < 3 {
		endOfMonth = t.AddDays(3)
	}
	return []person{
		{seed: true, e: store.Employee{ // the case Dossier grew from
			NameCyr: "Иванов Иван", NameLat: "IVANOV IVAN", BirthDate: civil.New(1985, 4, 12), Sex: "M", Citizenship: "RU",
			PassportNo: "751234567", PassportExpiry: civil.New(2031, 6, 20),
			ContractNo: "ТД-17/2023", ContractStart: civil.New(2023, 1, 4), ContractEnd: civil.New(2024, 1, 3), ContractESUTD: true,
			TRPNo: "РВП-0001", TRPIssued: civil.New(2023, 1, 4), TRPExpiry: civil.New(2024, 1, 3),
			ResidenceRKA: "0204200198765432", HousingOwners: "Собственник (за рубежом)"}},
		{e: store.Employee{ // expired five days ago
			NameCyr: "Әбдірахманов Нұрлан", NameLat: "ABDIRAKHMANOV NURLAN", BirthDate: civil.New(1988, 9, 3), Sex: "M", Citizenship: "UZ",
			PassportNo: "FA3344556", PassportExpiry: t.AddDate(4, 0, 0),
			ContractNo: "ТД-02/2025", ContractStart: t.AddDate(-1, 0, -5), ContractEnd: t.AddDate(1, 0, 0), ContractESUTD: true,
			TRPNo: "РВП-0002", TRPIssued: t.AddDate(-1, 0, -5), TRPExpiry: t.AddDays(-5), FingerprintDate: t.AddDate(-1, 0, -20)}},
		{e: store.Employee{ // expiring this month, EAEU
			NameCyr: "Жолдошбеков Нурбек", NameLat: "ZHOLDOSHBEKOV NURBEK", BirthDate: civil.New(1992, 2, 17), Sex: "M", Citizenship: "KG",
			PassportNo: "AC1234567", PassportExpiry: t.AddDate(6, 0, 0),
			ContractNo: "ТД-05/2025", ContractStart: endOfMonth.AddDate(-1, 0, 1), ContractEnd: endOfMonth.AddDate(1, 0, 0), ContractESUTD: true,
			TRPNo: "РВП-0003", TRPIssued: endOfMonth.AddDate(-1, 0, 1), TRPExpiry: endOfMonth, FingerprintDate: civil.New(2024, 3, 5)}},
		{draftCase: true, e: store.Employee{ // fingerprinting missing
			NameCyr: "Рахимов Фаррух", NameLat: "RAKHIMOV FARRUKH", BirthDate: civil.New(1995, 7, 30), Sex: "M", Citizenship: "TJ",
			PassportNo: "400987654", PassportExpiry: t.AddDate(3, 0, 0),
			ResidenceAddress: "г. Алматы, мкр. Орбита-3, д. 18, кв. 44", ResidenceRKA: "0204200176543210",
			ContractNo: "ТД-11/2025", ContractStart: t.AddDate(-1, 1, 15), ContractEnd: t.AddDate(1, 1, 15), ContractESUTD: true,
			TRPNo: "РВП-0004", TRPIssued: t.AddDate(-1, 1, 16), TRPExpiry: t.AddDays(45)}},
		{e: store.Employee{ // passport runs out before the TRP
			NameCyr: "Ковалёва Ольга", NameLat: "KAVALIOVA VOLHA", BirthDate: civil.New(1990, 11, 8), Sex: "F", Citizenship: "BY",
			PassportNo: "MP7654321", PassportExpiry: t.AddDays(40),
			ContractNo: "ТД-21/2025", ContractStart: t.AddDays(-290), ContractEnd: t.AddDays(70), ContractESUTD: true,
			TRPNo: "РВП-0005", TRPIssued: t.AddDays(-290), TRPExpiry: t.AddDays(70), FingerprintDate: civil.New(2024, 4, 10)}},
		{e: store.Employee{ // contract shorter than the TRP
			NameCyr: "Саргсян Арам", NameLat: "SARGSYAN ARAM", BirthDate: civil.New(1987, 5, 21), Sex: "M", Citizenship: "AM",
			PassportNo: "AU0123456", PassportExpiry: t.AddDate(5, 0, 0),
			ContractNo: "ТД-08/2025", ContractStart: t.AddDays(-300), ContractEnd: t.AddDays(30), ContractESUTD: true,
			TRPNo: "РВП-0006", TRPIssued: t.AddDays(-280), TRPExpiry: t.AddDays(80), FingerprintDate: civil.New(2024, 2, 1)}},
		{e: store.Employee{ // contract not registered in ESUTD
			NameCyr: "Ван Лэй", NameLat: "WANG LEI", BirthDate: civil.New(1983, 1, 15), Sex: "M", Citizenship: "CN",
			PassportNo: "EA1234567", PassportExpiry: t.AddDate(7, 0, 0),
			ContractNo: "ТД-14/2025", ContractStart: t.AddDays(-200), ContractEnd: t.AddDate(1, 0, 0),
			TRPNo: "РВП-0007", TRPIssued: t.AddDays(-300), TRPExpiry: t.AddDays(60), FingerprintDate: civil.New(2024, 6, 11)}},
		{other: true, e: store.Employee{ // moved here from the other employer five days ago
			NameCyr: "Йылмаз Мехмет", NameLat: "YILMAZ MEHMET", BirthDate: civil.New(1991, 3, 3), Sex: "M", Citizenship: "TR",
			PassportNo: "U12345678", PassportExpiry: t.AddDate(8, 0, 0), EmployerChanged: t.AddDays(-5),
			ContractNo: "ТД-31/2025", ContractStart: t.AddDays(-5), ContractEnd: t.AddDate(1, 0, -5), ContractESUTD: true,
			TRPNo: "РВП-0008", TRPIssued: t.AddDays(-150), TRPExpiry: t.AddDays(215), FingerprintDate: civil.New(2025, 5, 20)}},
		{e: store.Employee{ // a family: spouse, a child under 12, a child about to turn 16
			NameCyr: "Ким Виктор", NameLat: "KIM VIKTOR", BirthDate: civil.New(1980, 8, 14), Sex: "M", Citizenship: "RU",
			PassportNo: "753456789", PassportExpiry: t.AddDate(6, 0, 0),
			ContractNo: "ТД-03/2025", ContractStart: t.AddDays(-265), ContractEnd: t.AddDays(100), ContractESUTD: true,
			TRPNo: "РВП-0009", TRPIssued: t.AddDays(-265), TRPExpiry: t.AddDays(100), FingerprintDate: civil.New(2024, 1, 20)},
			family: []store.FamilyMember{
				{Relation: store.RelationSpouse, NameCyr: "Ким Наталья", NameLat: "KIM NATALIA", BirthDate: civil.New(1983, 2, 2), Sex: "F",
					Citizenship: "RU", PassportNo: "753456790", PassportExpiry: t.AddDate(5, 0, 0), TRPNo: "РВП-0010",
					TRPExpiry: t.AddDays(100), FingerprintDate: civil.New(2024, 1, 20)},
				{Relation: store.RelationChild, NameCyr: "Ким Артём", NameLat: "KIM ARTEM", BirthDate: t.AddDays(20).AddDate(-16, 0, 0), Sex: "M",
					Citizenship: "RU", PassportNo: "753456791", PassportExpiry: t.AddDate(3, 0, 0), TRPNo: "РВП-0011", TRPExpiry: t.AddDays(100)},
				{Relation: store.RelationChild, NameCyr: "Ким Алина", NameLat: "KIM ALINA", BirthDate: t.AddDate(-9, -2, 0), Sex: "F",
					Citizenship: "RU", PassportNo: "753456792", PassportExpiry: t.AddDate(4, 0, 0), TRPNo: "РВП-0012", TRPExpiry: t.AddDays(100)},
			}},
		{e: store.Employee{ // all well: the green end of the list
			NameLat: "PARK JIHOON", BirthDate: civil.New(1986, 12, 1), Sex: "M", Citizenship: "KR",
			PassportNo: "M98765432", PassportExpiry: t.AddDate(9, 0, 0),
			ContractNo: "ТД-09/2025", ContractStart: t.AddDays(-160), ContractEnd: t.AddDays(205), ContractESUTD: true,
			TRPNo: "РВП-0013", TRPIssued: t.AddDays(-160), TRPExpiry: t.AddDays(200), FingerprintDate: civil.New(2025, 6, 2)}},
		{e: store.Employee{
			NameCyr: "Шарма Рахул", NameLat: "SHARMA RAHUL", BirthDate: civil.New(1989, 10, 10), Sex: "M", Citizenship: "IN",
			PassportNo: "Z1234567", PassportExpiry: t.AddDate(6, 0, 0),
			ContractNo: "ТД-12/2025", ContractStart: t.AddDays(-290), ContractEnd: t.AddDays(80), ContractESUTD: true,
			TRPNo: "РВП-0014", TRPIssued: t.AddDays(-290), TRPExpiry: t.AddDays(75), FingerprintDate: civil.New(2025, 2, 14)}},
		{e: store.Employee{ // dismissed: kept on record, off the schedule
			NameCyr: "Беридзе Гиорги", NameLat: "BERIDZE GIORGI", BirthDate: civil.New(1984, 4, 4), Sex: "M", Citizenship: "GE",
			PassportNo: "13AB45678", PassportExpiry: t.AddDate(2, 0, 0), TRPNo: "РВП-0015", TRPExpiry: t.AddDays(10),
			Status: store.StatusDismissed}},
		{other: true, e: store.Employee{ // amber: three weeks left
			NameCyr: "Ахмедова Дилноза", NameLat: "AKHMEDOVA DILNOZA", BirthDate: civil.New(1996, 6, 6), Sex: "F", Citizenship: "UZ",
			PassportNo: "FA7788990", PassportExpiry: t.AddDate(5, 0, 0),
			ContractNo: "ТД-44/2025", ContractStart: t.AddDays(-345), ContractEnd: t.AddDays(200), ContractESUTD: true,
			TRPNo: "РВП-0016", TRPIssued: t.AddDays(-345), TRPExpiry: t.AddDays(21), FingerprintDate: civil.New(2024, 12, 1)}},
	}
}

// gen makes plausible employees for large demo rosters, reproducibly.
type gen struct {
	today civil.Date
	rnd   *rand.Rand
	used  map[string]bool
}

var (
	surnamesM = []string{"Алиев", "Каримов", "Юсупов", "Рахимов", "Ташкентов", "Петров", "Смирнов", "Кузнецов", "Осмонов", "Исаков", "Мамедов", "Ким", "Ли", "Пак", "Абдуллаев", "Сапаров", "Турсунов", "Назаров", "Эргашев", "Хасанов"}
	givenM    = []string{"Азиз", "Бахтияр", "Рустам", "Тимур", "Фаррух", "Иван", "Алексей", "Сергей", "Нурбек", "Улугбек", "Дмитрий", "Шухрат", "Жасур", "Эльдар", "Артур"}
	givenF    = []string{"Дилноза", "Гульнара", "Ольга", "Наталья", "Айгерим", "Мадина", "Зарина", "Елена", "Нигора", "Шахноза"}
	countries = []string{"UZ", "UZ", "UZ", "RU", "RU", "KG", "KG", "TJ", "CN", "TR", "BY", "AM", "IN", "KR", "AZ", "GE"}
)

func (g *gen) employee(i int) store.Employee {
	r := g.rnd
	female := r.IntN(4) == 0
	sur := surnamesM[r.IntN(len(surnamesM))]
	given := givenM[r.IntN(len(givenM))]
	sex := "M"
	if female {
		given, sex = givenF[r.IntN(len(givenF))], "F"
		if sur != "Ким" && sur != "Ли" && sur != "Пак" {
			sur += "а"
		}
	}
	birth := civil.New(1965+r.IntN(38), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	issued := g.today.AddDays(-r.IntN(365))
	expiry := issued.AddDate(1, 0, -1)
	e := store.Employee{
		NameCyr: sur + " " + given, BirthDate: birth, Sex: sex, Citizenship: countries[r.IntN(len(countries))],
		PassportNo: fmt.Sprintf("N%08d", i), PassportExpiry: g.today.AddDays(30 + r.IntN(3650)),
		ContractNo: fmt.Sprintf("ТД-%d", i), ContractStart: issued, ContractEnd: issued.AddDays(330 + r.IntN(90)),
		ContractESUTD: r.IntN(10) != 0, TRPNo: fmt.Sprintf("РВП-%06d", i), TRPIssued: issued, TRPExpiry: expiry,
	}
	if r.IntN(5) != 0 {
		e.FingerprintDate = issued.AddDays(-r.IntN(30))
	}
	e.IIN = g.iin(birth, sex)
	return e
}

// iin makes a valid, unused IIN for a birth date and sex: YYMMDD, the
// century-and-sex digit, a serial and the mod-11 check digit.
func (g *gen) iin(birth civil.Date, sex string) string {
	if g.used == nil {
		g.used = map[string]bool{}
	}
	c := 3
	if birth.Year() >= 2000 {
		c = 5
	}
	if sex == "F" {
		c++
	}
	for serial := 1 + g.rnd.IntN(4000); ; serial++ {
		s := fmt.Sprintf("%02d%02d%02d%d%04d", birth.Year()%100, int(birth.Month()), birth.Day(), c, serial%10000)
		d, ok := checkDigit(s)
		if !ok || g.used[s] {
			continue
		}
		g.used[s] = true
		return s + string(rune('0'+d))
	}
}

// checkDigit computes the IIN/BIN check digit of 11 digits; ok is false for
// the numbers the rule leaves unissued (both passes give 10).
func checkDigit(s string) (int, bool) {
	sum := 0
	for i := 0; i < 11; i++ {
		sum += int(s[i]-'0') * (i + 1)
	}
	if r := sum % 11; r != 10 {
		return r, true
	}
	sum = 0
	for i := 0; i < 11; i++ {
		sum += int(s[i]-'0') * ((i+2)%11 + 1)
	}
	r := sum % 11
	return r, r != 10
}
