package scan

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// typedPage is page seed of a typed document whose text ends at frac of
// the sheet (a contract's last page holds a few lines), scanned shifted by
// shift pixels right and shift/2 down, a little darker, with fresh noise
// (noise 0: a clean page, as a typed PDF's page image is).
func typedPage(seed int64, frac float64, shift int, noise int64) *image.Gray {
	w, h := a4px(100)
	src := textPage(w, h, 100, seed, 6*min(int(noise), 1))
	for i := int(float64(h)*frac) * src.Stride; i < len(src.Pix); i++ {
		src.Pix[i] = 236
	}
	g := image.NewGray(src.Rect)
	r := newRNG(noise)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 236
			if sx, sy := x-shift, y-shift/2; sx >= 0 && sy >= 0 {
				v = int(src.Pix[sy*src.Stride+sx])
			}
			if noise != 0 {
				v += r.intn(7) - 3 - shift/2
			}
			g.Pix[y*g.Stride+x] = uint8(min(255, max(0, v)))
		}
	}
	return g
}

func pageInfo(g *image.Gray) PageInfo {
	m := measure(reduceGrey(g, 1))
	pi := PageInfo{Measured: true, Hash: m.hash}
	if m.likeness != (Likeness{}) {
		l := m.likeness
		pi.Likeness = &l
	}
	return pi
}

// Different typed pages of one contract are not near duplicates, however
// little text they hold; one page scanned twice, a few millimetres apart,
// still is.
func TestTypedPagesOfOneContractAreNotAlike(t *testing.T) {
	for _, frac := range []float64{0.1, 0.15, 0.25, 0.6, 1} {
		for seed := int64(1); seed <= 5; seed++ {
			a := pageInfo(typedPage(seed, frac, 0, 1))
			require.NotNil(t, a.Likeness, "a page with text has a likeness")
			other := pageInfo(typedPage(seed+1, frac, 0, 2))
			assert.False(t, nearDuplicate(a, other), "pages %d and %d with text down to %.0f%%", seed, seed+1, frac*100)
			for _, shift := range []int{0, 8, 16} {
				again := pageInfo(typedPage(seed, frac, shift, 3))
				assert.True(t, nearDuplicate(a, again), "page %d rescanned %d px off, text down to %.0f%%", seed, shift, frac*100)
			}
		}
	}
	// The 64-bit hash alone took some of these different pages for one.
	var before int
	for _, frac := range []float64{0.1, 0.15} {
		for seed := int64(1); seed <= 12; seed++ {
			a, b := pageInfo(typedPage(seed, frac, 0, 0)), pageInfo(typedPage(seed+1, frac, 0, 0))
			if hammingDistance(a.Hash, b.Hash) <= nearHashDistance {
				before++
				assert.False(t, nearDuplicate(a, b))
			}
		}
	}
	assert.Positive(t, before, "the case the old rule got wrong is among these")
}

// The duplicate notes and the progress name files as the clerk does.
func TestDuplicateNotesUseTheClerksNames(t *testing.T) {
	rs := []Result{
		{Verdict: Accept, SHA256: "aa", File: "/ws/files/aa", PageInfo: []PageInfo{pageInfo(typedPage(1, 1, 0, 1))}},
		{Verdict: Accept, SHA256: "aa", File: "/ws/files/aa"},
		{Verdict: Accept, SHA256: "bb", File: "/ws/files/bb", PageInfo: []PageInfo{{Page: 1}}},
	}
	rs[2].PageInfo[0] = pageInfo(typedPage(1, 1, 8, 2))
	rs[2].PageInfo[0].Page = 1
	rs[0].PageInfo[0].Page = 1
	names := []string{"договор.jpg", "договор (копия).jpg", "договор снова.jpg"}
	markDuplicates(rs, func(i int) string { return names[i] })
	require.NotEmpty(t, rs[1].Findings)
	assert.Equal(t, []string{"договор.jpg"}, rs[1].Findings[0].Args)
	require.NotEmpty(t, rs[2].Findings)
	assert.Equal(t, CodeNearDuplicate, rs[2].Findings[0].Code)
	assert.Equal(t, []string{"договор.jpg", "1"}, rs[2].Findings[0].Args)
}
