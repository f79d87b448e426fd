package store

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmployeeLookupsUseIndexes: the roster import looks every row up by IIN
// or passport number; a lookup that scans the table makes an import of n rows
// cost n² (50,000 rows took minutes). The plan must search an index.
func TestEmployeeLookupsUseIndexes(t *testing.T) {
	w := openTemp(t)
	for name, q := range map[string]string{
		"iin": findByIIN, "passport": findByPassport, "passport without iin": findByPassportNoIIN,
	} {
		rows, err := w.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, "X")
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, rows.Err())
		rows.Close()
		joined := strings.Join(plan, " | ")
		assert.Contains(t, joined, "USING INDEX", "%s lookup: %s", name, joined)
		assert.NotContains(t, joined, "SCAN employees", "%s lookup: %s", name, joined)
	}
}
