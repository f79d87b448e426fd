// Package storetest makes workspaces for other packages' tests.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/store"
)

// PaperFiling puts a paper filing into a fresh workspace, with everything
// its papers need: a company with its director (director may be "" to
// leave it out), an employee with passport, contract and residence, two
// owners (one abroad) and the notarized consent chosen. The names carry an
// apostrophe, a hyphen and Kazakh letters. It returns the workspace, closed
// when the test ends, and the case's id.
func PaperFiling(t testing.TB, director string) (*store.Workspace, int64) {
	t.Helper()
	ctx := context.Background()
	w, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	er := store.Employer{Name: "ТОО «Алтын-Дала Құрылыс»", BIN: "940140000385", Address: "г. Алматы, ул. Абая, 10",
		RKA: "0201000012345678", DirectorName: director, DirectorPosition: "Директор"}
	require.NoError(t, w.SaveEmployer(ctx, &er))
	e := store.Employee{EmployerID: er.ID, NameCyr: "О'Коннор Шон", NameLat: "O'CONNOR SEAN", Citizenship: "IN",
		BirthDate: civil.MustParse("1990-07-01"), PassportNo: "Z1234567", PassportExpiry: civil.MustParse("2034-02-28"),
		ContractEnd: civil.MustParse("2027-06-30"), ResidenceAddress: "г. Алматы, мкр. Самал-2, д. 5, кв. 12",
		ResidenceRKA: "0204200198765432"}
	require.NoError(t, w.SaveEmployee(ctx, &e, civil.MustParse("2026-12-07")))
	c := store.Case{EmployeeID: e.ID, Kind: store.KindFirst, Channel: store.ChannelPaper,
		FilingDate: civil.MustParse("2026-12-14"), HousingConsent: store.ConsentNotary}
	require.NoError(t, w.SaveCase(ctx, &c))
	require.NoError(t, w.SaveOwners(ctx, c.ID, []store.Owner{
		{Name: "Жақсыбекова Әйгерім", IIN: "900101300017"}, {Name: "D'Artagnan-Smith Marie", Abroad: true}}))
	return w, c.ID
}
