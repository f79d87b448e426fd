package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
)

func TestRulesCase(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	er := Employer{Name: "ТОО «Пример»", BIN: binCompany}
	require.NoError(t, w.SaveEmployer(ctx, &er))
	e := Employee{EmployerID: er.ID, NameCyr: "Иванов Иван", Citizenship: "RU", BirthDate: civil.MustParse("1985-04-12"),
		PassportNo: "751234567", TRPIssued: civil.MustParse("2023-01-04"), TRPExpiry: civil.MustParse("2024-01-03")}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	c := Case{EmployeeID: e.ID, Kind: KindExtension, Channel: ChannelOnline, FilingDate: civil.MustParse("2023-12-29"), OwnersCount: 1, OwnersAbroad: 1}
	require.NoError(t, w.SaveCase(ctx, &c))

	rc, err := w.RulesCase(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, "work", rc.Purpose)
	assert.Equal(t, "Иванов Иван", rc.Applicant.Name)
	assert.Equal(t, "2024-01-03", rc.Applicant.PermitExpires.String())
	assert.False(t, rc.Applicant.Fingerprinted)
	assert.Equal(t, binCompany, rc.Employer.BIN)
	assert.Equal(t, 1, rc.Housing.Owners)

	// The rules engine reads it as it reads a case file.
	data, err := rules.MarshalCase(rc)
	require.NoError(t, err)
	_, err = rules.ParseCase(data)
	require.NoError(t, err)
	set, err := rules.Embedded()
	require.NoError(t, err)
	cl := set.Checklist(rc, i18n.RU)
	assert.NotEmpty(t, cl.Items)

	m := FamilyMember{EmployeeID: e.ID, Relation: RelationChild, NameCyr: "Иванова Мария", Citizenship: "RU",
		BirthDate: civil.MustParse("2012-05-05"), TRPExpiry: civil.MustParse("2024-01-03")}
	require.NoError(t, w.SaveFamilyMember(ctx, &m, today))
	fc := Case{EmployeeID: e.ID, FamilyMemberID: m.ID, Kind: KindExtension, FilingDate: civil.MustParse("2023-12-29"), OwnersCount: 1}
	require.NoError(t, w.SaveCase(ctx, &fc))
	assert.Equal(t, PurposeFamily, fc.Purpose)
	rc, err = w.RulesCase(ctx, fc.ID)
	require.NoError(t, err)
	assert.Equal(t, "Иванова Мария", rc.Applicant.Name)
	require.NotNil(t, rc.Principal)
	assert.Equal(t, "Иванов Иван", rc.Principal.Name)
	assert.Equal(t, "child", rc.Principal.Relation)
	data, err = rules.MarshalCase(rc)
	require.NoError(t, err)
	_, err = rules.ParseCase(data)
	require.NoError(t, err)

	_, err = w.RulesCase(ctx, 999)
	require.ErrorIs(t, err, ErrNotFound)
}

// TestRulesCasePapers: a stored case carries everything the employer's
// papers need, from the company, the employee, the case and its owners.
func TestRulesCasePapers(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	er := Employer{Name: "ТОО «Пример»", BIN: binCompany, Address: "г. Алматы, ул. Абая, 10", RKA: "0201000012345678",
		DirectorName: "Сапаров Ержан", DirectorPosition: "Директор"}
	require.NoError(t, w.SaveEmployer(ctx, &er))
	e := Employee{EmployerID: er.ID, NameCyr: "Иванов Иван", NameLat: "IVANOV IVAN", Citizenship: "RU",
		BirthDate: civil.MustParse("1985-04-12"), PassportNo: "751234567", PassportExpiry: civil.MustParse("2030-02-01"),
		ContractEnd: civil.MustParse("2027-06-30"), TRPExpiry: civil.MustParse("2027-01-03"), ResidenceRKA: "0204200198765432",
		ResidenceAddress: " г. Алматы,\nмкр. Самал-2, д. 5, кв. 12 "}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	got, err := w.Employee(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, "г. Алматы, мкр. Самал-2, д. 5, кв. 12", got.ResidenceAddress, "cleaned like every text field")

	c := Case{EmployeeID: e.ID, Kind: KindExtension, Channel: ChannelPaper, HousingConsent: ConsentNotary, OwnersCount: 1,
		FilingDate: civil.MustParse("2026-12-20")}
	require.NoError(t, w.SaveCase(ctx, &c))
	require.NoError(t, w.SaveOwners(ctx, c.ID, []Owner{{Name: "Сергеев Пётр", IIN: iinMale1990}, {Name: "Сергеева Анна", Abroad: true}}))
	sc, err := w.Case(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, ConsentNotary, sc.HousingConsent)

	rc, err := w.RulesCase(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, rules.Employer{Name: er.Name, BIN: binCompany, Address: er.Address, RKA: er.RKA,
		DirectorName: "Сапаров Ержан", DirectorPosition: "Директор"}, rc.Employer)
	assert.Equal(t, "IVANOV IVAN", rc.Applicant.NameLatin)
	assert.Equal(t, "751234567", rc.Applicant.PassportNumber)
	assert.Equal(t, "2030-02-01", rc.Applicant.PassportExpires.String())
	assert.Equal(t, "2027-06-30", rc.Applicant.ContractEnds.String())
	assert.Equal(t, "г. Алматы, мкр. Самал-2, д. 5, кв. 12", rc.Housing.Address)
	assert.Equal(t, "0204200198765432", rc.Housing.RKA)
	assert.Equal(t, "notary", rc.Housing.Consent)
	assert.Equal(t, []rules.Owner{{Name: "Сергеев Пётр", IIN: iinMale1990}, {Name: "Сергеева Анна", Abroad: true}}, rc.Housing.OwnerList)
	assert.Equal(t, 2, rc.Housing.Owners)
	assert.Equal(t, 1, rc.Housing.OwnersAbroad)
	data, err := rules.MarshalCase(rc)
	require.NoError(t, err)
	_, err = rules.ParseCase(data)
	require.NoError(t, err, "the rules read it as a case file")

	// Living in their own home: no owners go to the papers.
	sc.OwnedByApplicant = true
	require.NoError(t, w.SaveCase(ctx, &sc))
	rc, err = w.RulesCase(ctx, c.ID)
	require.NoError(t, err)
	assert.Empty(t, rc.Housing.OwnerList)
}

func TestCaseHousingConsentChecked(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	e := Employee{NameCyr: "Иванов Иван", Citizenship: "RU"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	c := Case{EmployeeID: e.ID, Channel: ChannelPaper, HousingConsent: "phone"}
	err := w.SaveCase(ctx, &c)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "housing_consent", ve.Problems[0].Field)
	assert.Contains(t, ve.Text(i18n.RU), "phone")
}
