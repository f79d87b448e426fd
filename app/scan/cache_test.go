package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/scan/scantest"
)

// A changed threshold re-judges a file instead of serving the verdict made
// under the old one; unchanged options keep hitting the cache, across
// validators too.
func TestCacheKeyFollowsThresholds(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(t.TempDir(), "page.jpg")
	require.NoError(t, os.WriteFile(page, scantest.TextPage(), 0o600)) // 200 dpi on A4
	check := func(o Options) Result {
		t.Helper()
		o.CacheDir = dir
		r, err := testValidator(t, o).Check(context.Background(), page)
		require.NoError(t, err)
		return r
	}

	steps := []struct {
		name       string
		opts       Options
		wantCached bool
		wantLowDPI bool
	}{
		{"first check", Options{}, false, false},
		{"same options, new validator", Options{}, true, false},
		{"target stated as the default", Options{WarnDPI: DefaultWarnDPI}, true, false},
		{"target at the floor means the default", Options{WarnDPI: DefaultMinDPI}, true, false},
		{"higher target", Options{WarnDPI: 300}, false, true},
		{"higher target again", Options{WarnDPI: 300}, true, true},
		{"back to the default", Options{}, true, false},
		{"another blur threshold", Options{BlurThreshold: 1e9}, false, false},
	}
	for _, s := range steps {
		r := check(s.opts)
		assert.Equal(t, s.wantCached, r.Cached, s.name)
		assert.Equal(t, s.wantLowDPI, r.Has(CodeLowDPI), s.name)
	}

	def, high := New(Options{CacheDir: dir}), New(Options{CacheDir: dir, WarnDPI: 300})
	assert.NotEqual(t, def.CacheKey(), high.CacheKey())
	assert.Equal(t, def.CacheKey(), New(Options{NoCache: true, Workers: 7}).CacheKey(),
		"options that do not judge (workers, cache place) share verdicts")
	assert.Regexp(t, `^v\d+-[0-9a-f]{12}$`, def.CacheKey())
	assert.DirExists(t, filepath.Join(dir, def.CacheKey()))
	assert.DirExists(t, filepath.Join(dir, high.CacheKey()))
}

func TestParseTargetDPI(t *testing.T) {
	for in, want := range map[string]int{
		"300": 300, " 150 ": 150, "200": 200, "101": 101,
		"100": 0, "72": 0, "": 0, "abc": 0, "-5": 0, "5000": 0,
	} {
		assert.Equal(t, want, ParseTargetDPI(in), "%q", in)
	}
	for _, c := range TargetDPIChoices {
		assert.Greater(t, c, DefaultMinDPI, "every offered target is above the floor")
		assert.Equal(t, c, ParseTargetDPI(itoa(c)))
	}
}

// An image within the pixel limit that would need more memory than the
// whole budget to decode is reported as too big, with what to do, not as
// damaged.
func TestOverBudgetIsTooBigNotDamaged(t *testing.T) {
	page := filepath.Join(t.TempDir(), "page.jpg")
	require.NoError(t, os.WriteFile(page, scantest.TextPage(), 0o600))
	r, err := testValidator(t, Options{MemoryBudget: 1 << 20}).Check(context.Background(), page)
	require.NoError(t, err)
	assert.True(t, r.Has(CodeTooManyPixels), r.Codes())
	assert.False(t, r.Has(CodeDamagedImage))
	assert.Equal(t, Reject, r.Verdict)
}
