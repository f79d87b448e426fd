package mrz

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// glyphStrip draws one letter, O or D, 28 pixels high with a stroke of
// 4, on a strip like the reader's, softened by a 3 × 3 box blur.
func glyphStrip(letter byte) (s *grayImg, x, bot float64) {
	const w, h, capH, half = 60, 73, 28.0, 10.0
	x, bot = 30, 50
	top := bot - capH
	sharp := newGray(w, h)
	for py := 0; py < h; py++ {
		for px := 0; px < w; px++ {
			fx, fy := float64(px)+0.5, float64(py)+0.5
			// The outer and inner outlines as ellipses, the centre at mid-cap.
			ex, ey := (fx-x)/half, (fy-(top+capH/2))/(capH/2)
			ix, iy := (fx-x)/(half-4), (fy-(top+capH/2))/(capH/2-4)
			in := ex*ex+ey*ey <= 1 && ix*ix+iy*iy > 1
			if letter == 'D' && fx < x {
				// The left half is a stem and two bars: a box outline.
				in = fy >= top && fy <= bot && fx >= x-half && (fx < x-half+4 || fy < top+4 || fy > bot-4)
			}
			sharp.pix[py*w+px] = 235
			if in {
				sharp.pix[py*w+px] = 30
			}
		}
	}
	s = newGray(w, h)
	for py := 0; py < h; py++ {
		for px := 0; px < w; px++ {
			sum, n := 0, 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if qx, qy := px+dx, py+dy; qx >= 0 && qy >= 0 && qx < w && qy < h {
						sum += int(sharp.pix[qy*w+qx])
						n++
					}
				}
			}
			s.pix[py*w+px] = uint8(sum / n)
		}
	}
	return s, x, bot
}

func TestLeftEdgeBow(t *testing.T) {
	o, x, bot := glyphStrip('O')
	d, _, _ := glyphStrip('D')
	bowO := leftEdgeBow(o, x, bot, 28, 30)
	bowD := leftEdgeBow(d, x, bot, 28, 30)
	t.Logf("bow O %.3f D %.3f", bowO, bowD)
	assert.Greater(t, bowO, stemBowSplit+0.02, "O's side is round")
	assert.Less(t, bowD, stemBowSplit-0.02, "D stands on a stem")
	blank := newGray(60, 73)
	for i := range blank.pix {
		blank.pix[i] = 235
	}
	assert.True(t, math.IsNaN(leftEdgeBow(blank, x, bot, 28, 30)), "no edge, no measure")
}

// A blurred O that the templates put just behind D is read as O once the
// bow of its left side is counted, and a D stays a D.
func TestStemCue(t *testing.T) {
	close := []Candidate{{'D', 2.3}, {'O', 2.5}, {'Q', 2.6}, {'G', 4.5}}
	o, x, bot := glyphStrip('O')
	got := shapeCues(close, o, x, bot, 28, 30)
	assert.Equal(t, byte('O'), got[0].Char)
	assert.Equal(t, 2.5, got[0].Cost, "the cue makes the contradicted shape dearer, not the others cheaper")
	d, _, _ := glyphStrip('D')
	got = withStemCue([]Candidate{{'O', 2.3}, {'D', 2.5}, {'Q', 2.6}}, leftEdgeBow(d, x, bot, 28, 30))
	assert.Equal(t, byte('D'), got[0].Char)
	assert.Equal(t, close, withStemCue(close, math.NaN()))
	zeros := []Candidate{{'0', 1}, {'O', 1.2}, {'8', 3}}
	assert.Equal(t, zeros, shapeCues(zeros, d, x, bot, 28, 30), "no D and no Q: no cue")
}

// An O that the templates put just behind Q is read as O when the bottom
// of the glyph is as inked on the left as on the right, and the other way
// round when only the right has ink.
func TestTailCue(t *testing.T) {
	o, x, bot := glyphStrip('O')
	tail := tailInk(o, x, bot, 28, 30)
	assert.InDelta(t, 0, tail, 0.02, "O is symmetric")
	got := shapeCues([]Candidate{{'Q', 1.9}, {'O', 2.2}, {'G', 4.4}}, o, x, bot, 28, 30)
	assert.Equal(t, byte('O'), got[0].Char)
	// Q's tail: ink added at the bottom right only.
	q, _, _ := glyphStrip('O')
	for py := int(bot) - 4; py < int(bot)+4; py++ {
		for px := int(x) + 3; px < int(x)+12; px++ {
			q.pix[py*q.w+px] = 40
		}
	}
	assert.Greater(t, tailInk(q, x, bot, 28, 30), tailQSide)
	got = shapeCues([]Candidate{{'O', 1.9}, {'Q', 2.2}, {'G', 4.4}}, q, x, bot, 28, 30)
	assert.Equal(t, byte('Q'), got[0].Char)
}
