package casework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/assets"
)

// The owners' approval closes at 12:00 on the filing day: the cover's to-do
// list carries the time, not only the date.
func TestOwnersApprovalKeepsItsNoonCutoff(t *testing.T) {
	set, err := rules.Embedded()
	require.NoError(t, err)
	c, err := rules.ParseCase(assets.SeedCase)
	require.NoError(t, err)
	in, _ := PackageInput(set, c, nil, i18n.RU)
	var found bool
	for _, a := range in.Cover.Actions {
		if a.Deadline.Equal(c.FilingDate) && a.Time == "12:00" {
			found = true
		}
	}
	assert.True(t, found, "the owners' approval by 12:00 on the filing day: %+v", in.Cover.Actions)
}
