package papers

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/store"
)

// storedCase puts a paper filing into a fresh workspace: a company with
// its director, an employee with passport, contract and residence, two
// owners, the notarized consent chosen. It returns the workspace and the
// case's id.
func storedCase(t *testing.T, director string) (*store.Workspace, int64) {
	t.Helper()
	ctx := context.Background()
	w, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	today := civil.MustParse("2026-12-07")
	er := store.Employer{Name: "ТОО «Алтын-Дала Құрылыс»", BIN: "940140000385", Address: "г. Алматы, ул. Абая, 10",
		RKA: "0201000012345678", DirectorName: director, DirectorPosition: "Директор"}
	require.NoError(t, w.SaveEmployer(ctx, &er))
	e := store.Employee{EmployerID: er.ID, NameCyr: "О'Коннор Шон", NameLat: "O'CONNOR SEAN", Citizenship: "IN",
		BirthDate: civil.MustParse("1990-07-01"), PassportNo: "Z1234567", PassportExpiry: civil.MustParse("2034-02-28"),
		ContractEnd: civil.MustParse("2027-06-30"), ResidenceAddress: "г. Алматы, мкр. Самал-2, д. 5, кв. 12",
		ResidenceRKA: "0204200198765432"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	c := store.Case{EmployeeID: e.ID, Kind: store.KindFirst, Channel: store.ChannelPaper,
		FilingDate: civil.MustParse("2026-12-14"), HousingConsent: store.ConsentNotary}
	require.NoError(t, w.SaveCase(ctx, &c))
	require.NoError(t, w.SaveOwners(ctx, c.ID, []store.Owner{
		{Name: "Жақсыбекова Әйгерім", IIN: "900101300017"}, {Name: "D'Artagnan-Smith Marie", Abroad: true}}))
	return w, c.ID
}

// TestBuildFromStore: the papers of a stored case are filled from the
// company, the employee, the case and its owners, as the window makes them.
func TestBuildFromStore(t *testing.T) {
	w, id := storedCase(t, "Сапаров Ержан")
	rc, err := w.RulesCase(context.Background(), id)
	require.NoError(t, err)
	ps, err := library(t).Build(rc, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	var keys []string
	for _, p := range ps {
		keys = append(keys, p.Key)
	}
	assert.Equal(t, []string{"letter", "consent-1", "originals"}, keys, "no draft for the owner abroad")
	letter := ps[0].Text()
	for _, want := range []string{"ТОО «Алтын-Дала Құрылыс»", "0201000012345678", "O'CONNOR SEAN", "О'Коннор Шон",
		"Z1234567", "28.02.2034", "г. Алматы, мкр. Самал-2, д. 5, кв. 12", "0204200198765432", "Сапаров Ержан", "30.06.2027"} {
		assert.Contains(t, letter, want)
	}
	assert.Contains(t, ps[1].Text(), "Жақсыбекова Әйгерім")
}

func TestBuildFromStoreRefusesWithoutDirector(t *testing.T) {
	w, id := storedCase(t, "")
	rc, err := w.RulesCase(context.Background(), id)
	require.NoError(t, err)
	_, err = library(t).Build(rc, Options{Lang: "kk", Date: letterDate, EAEU: eaeu, Rules: shipped})
	var me *MissingError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []Missing{{"employer.director_name", "missing"}}, me.Fields)
}
