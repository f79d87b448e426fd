package papers

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/store/storetest"
)

// TestBuildFromStore: the papers of a stored case are filled from the
// company, the employee, the case and its owners, as the window makes them.
func TestBuildFromStore(t *testing.T) {
	w, id := storetest.PaperFiling(t, "Сапаров Ержан")
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
	w, id := storetest.PaperFiling(t, "")
	rc, err := w.RulesCase(context.Background(), id)
	require.NoError(t, err)
	_, err = library(t).Build(rc, Options{Lang: "kk", Date: letterDate, EAEU: eaeu, Rules: shipped})
	var me *MissingError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []Missing{{"employer.director_name", "missing"}}, me.Fields)
}
