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
