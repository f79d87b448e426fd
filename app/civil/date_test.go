package civil

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	good := []string{"2024-02-29", "2023-12-31", "1900-01-01"}
	for _, s := range good {
		d, err := Parse(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, d.String())
	}
	bad := []string{"0001-01-01", "1799-12-31", "2023-02-29", "2023-02-30", "2023-13-01", "2023-00-10", "2023-1-1", "29.12.2023", "", "2023-12-32", "abcd-ef-gh"}
	for _, s := range bad {
		_, err := Parse(s)
		assert.ErrorIs(t, err, ErrInvalid, s)
	}
	d, err := ParseDMY("03.01.2024")
	require.NoError(t, err)
	assert.Equal(t, "2024-01-03", d.String())
	assert.Equal(t, "03.01.2024", d.DMY())
	_, err = ParseDMY("31.04.2024")
	assert.Error(t, err)
}

func TestAgeOn(t *testing.T) {
	b := MustParse("2008-01-01")
	assert.Equal(t, 15, b.AgeOn(MustParse("2023-12-31")))
	assert.Equal(t, 16, b.AgeOn(MustParse("2024-01-01")), "the birthday itself counts")
	leap := MustParse("2008-02-29")
	assert.Equal(t, 15, leap.AgeOn(MustParse("2024-02-28")))
	assert.Equal(t, 16, leap.AgeOn(MustParse("2024-02-29")))
	assert.Equal(t, 16, leap.AgeOn(MustParse("2025-02-28")))
}

func TestJSON(t *testing.T) {
	var v struct {
		A Date `json:"a"`
		B Date `json:"b"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"a":"2024-03-01","b":null}`), &v))
	assert.Equal(t, "2024-03-01", v.A.String())
	assert.True(t, v.B.IsZero())
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":"2024-03-01","b":null}`, string(out))
	assert.Error(t, json.Unmarshal([]byte(`{"a":"2024-02-30"}`), &v))
	assert.Equal(t, 5, MustParse("2023-12-29").DaysUntil(MustParse("2024-01-03")))
	// Far dates do not saturate (time.Duration tops out near 292 years).
	assert.Equal(t, 109573, MustParse("1800-01-01").DaysUntil(MustParse("2100-01-01")))
	assert.Equal(t, -109573, MustParse("2100-01-01").DaysUntil(MustParse("1800-01-01")))
}
