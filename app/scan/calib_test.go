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

// TestDarkLine places the line between a dark page that is still readable
// (a warning) and one on which nothing stands out (an error): A4 text pages
// at 200 dpi on a background of 20, 35 or 50 grey levels with sensor noise,
// the text 0 to 40 levels darker than the background (clipped at black).
func TestDarkLine(t *testing.T) {
	v := New(Options{NoCache: true})
	for _, paper := range []int{20, 35, 50} {
		for _, d := range []int{0, 5, 10, 15, 20, 25, 30, 40} {
			w, h := a4px(200)
			g := textPage(w, h, 200, 3, 0)
			r := newRNG(5)
			for i, px := range g.Pix {
				x := paper + r.intn(7) - 3
				if px < 150 {
					x = paper - d + r.intn(7) - 3
				}
				g.Pix[i] = uint8(max(0, x))
			}
			m := measure(reduceGrey(g, reduceFactor(w, h, 200)))
			var codes []string
			for _, f := range v.judge(1, 200, &m) {
				codes = append(codes, f.Code)
			}
			if d < 20 {
				assert.Contains(t, codes, CodeDarkUnreadable, "background %d, text %d darker: spread %d", paper, d, m.spread)
			} else {
				assert.Equal(t, []string{CodeDark}, codes, "background %d, text %d darker: spread %d", paper, d, m.spread)
			}
		}
	}
}
