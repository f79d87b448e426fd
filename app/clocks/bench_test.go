package clocks

import (
	"fmt"
	"testing"

	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
)

// BenchmarkCompute5000 computes the clocks of one company of 5,000
// employees, each with an entry, a signed contract, a contract end, a
// permit expiry and a child: what the roster's attention bar and filters
// pay for on opening.
func BenchmarkCompute5000(b *testing.B) {
	set, err := rulesForBench()
	if err != nil {
		b.Fatal(err)
	}
	co := Company{Employer: store.Employer{ID: 1, Name: "ТОО", EDSExpiry: d("2027-01-10")}}
	for i := range 5000 {
		e := worker()
		e.ID, e.NameCyr = int64(i+1), fmt.Sprintf("Сотрудник %d", i)
		e.ContractEnd, e.TRPIssued, e.TRPExpiry = today.AddDays(i%400), today.AddDays(-100), today.AddDays(i%500)
		co.People = append(co.People, Person{Employee: e,
			Dates:  store.ClockDates{EntryDate: today.AddDays(-(i % 200)), ContractSigned: today.AddDays(-(i % 30)), WorkPermitExpiry: today.AddDays(i % 365)},
			Family: []store.FamilyMember{{ID: int64(i + 1), Relation: "child", BirthDate: today.AddDate(-16, 0, -(i % 20)), TRPExpiry: today.AddDays(i % 500)}}})
	}
	b.ResetTimer()
	for b.Loop() {
		items := Compute(co, set, today, i18n.RU)
		if len(items) == 0 {
			b.Fatal("no items")
		}
	}
}

func rulesForBench() (*rules.Set, error) { return rules.Embedded() }
