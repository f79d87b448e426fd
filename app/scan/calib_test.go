package scan

import (
	"math"
	"testing"
)

// TestSharpnessSeparatesBlur checks the blur measure on generated pages:
// sharp text at several resolutions must score above the threshold, text
// blurred past reading must score below it.
func TestSharpnessSeparatesBlur(t *testing.T) {
	for _, dpi := range []int{150, 200, 300} {
		for _, blur := range []float64{0, 0.5, 1.5, 2.5, 4} {
			w, h := a4px(dpi)
			g := textPage(w/2, h/2, dpi, 7, 6)
			r := int(math.Round(blur * float64(dpi) / 100))
			boxBlur(g, r)
			m := measure(reduceGrey(g, reduceFactor(g.Rect.Dx(), g.Rect.Dy(), dpi)))
			t.Logf("dpi %d blur %.1f (r=%d px): sharpness %.0f ink %.4f contrast %.1f", dpi, blur, r, m.sharpness, m.ink, m.contrast)
		}
	}
}
