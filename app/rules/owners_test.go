package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

// An owner abroad (the seed's) is fine online, where they approve with
// their EDS from anywhere, and warned about on paper, where they would have
// to come to the ЦОН or to a notary here.
func TestOwnersAbroad(t *testing.T) {
	s := embedded(t)
	cs := seed()
	cs.Housing.OwnersAbroad = 1
	codes := func(c Case) []string {
		var out []string
		for _, p := range s.Review(c, i18n.RU) {
			out = append(out, p.Code)
		}
		return out
	}
	assert.NotContains(t, codes(cs), "owner_abroad_paper")
	cs.Channel = "paper"
	assert.Contains(t, codes(cs), "owner_abroad_paper")
	cs.Housing.OwnedByApplicant = true
	assert.NotContains(t, codes(cs), "owner_abroad_paper", "nobody else to consent")

	data := []byte(`{"purpose":"work","kind":"extension","channel":"online","filing_date":"2023-12-29",
		"applicant":{"name":"A","citizenship":"RU","birth_date":"1985-04-12","permit_expires":"2024-01-03"},
		"employer":{"name":"X"},"housing":{"owners":1,"owners_abroad":2}}`)
	_, err := ParseCase(data)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "housing.owners_abroad")
	c, err := ParseCase([]byte(`{"purpose":"work","kind":"extension","channel":"online","filing_date":"2023-12-29",
		"applicant":{"name":"A","citizenship":"RU","birth_date":"1985-04-12","permit_expires":"2024-01-03"},
		"employer":{"name":"X"},"housing":{"owners":1,"owners_abroad":1}}`))
	require.NoError(t, err)
	assert.Equal(t, 1, c.Housing.OwnersAbroad)
}
