package scan

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSharpnessSeparatesBlur checks the blur measure on generated pages:
// sharp and slightly soft text at several resolutions must score above
// the threshold, text blurred past reading below it.
func TestSharpnessSeparatesBlur(t *testing.T) {
	for _, dpi := range []int{150, 200, 300} {
		for _, tc := range []struct {
			blur   float64 // Gaussian sigma in pixels at 100 dpi
			blurry bool
		}{{0, false}, {0.5, false}, {1.5, true}, {2.5, true}, {4, true}} {
			w, h := a4px(dpi)
			g := textPage(w/2, h/2, dpi, 7, 6)
			boxBlur(g, int(math.Round(tc.blur*float64(dpi)/100)))
			m := measure(reduceGrey(g, reduceFactor(g.Rect.Dx(), g.Rect.Dy(), dpi)))
			isBlurry := math.IsNaN(m.sharpness) || m.sharpness < defaultBlurThreshold
			assert.Equal(t, tc.blurry, isBlurry, "dpi %d sigma %.1f: sharpness %.0f", dpi, tc.blur, m.sharpness)
		}
	}
}
