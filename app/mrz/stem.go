package mrz

import (
	"math"
	"sort"
)

// The stem and tail cues tell O, D and Q apart. On a blurred page the three
// are one round blob to the templates, which then favour D or Q by chance:
// on the tuning pages every name misread on a flatbed scan was an O read as
// D or Q. What blur does not hide is where they differ: D stands on a
// straight stem where O and Q curve away at the top and bottom, and Q's
// tail puts ink at the bottom right that O has on both sides alike.
// leftEdgeBow and tailInk measure these on the line's strip, at twice the
// templates' resolution, and withShapeCues makes the shape they contradict
// dearer.

// Bow thresholds, in cap heights, from the tuning pages (seed 20261208,
// 120 cards and 120 flatbed pages, blur up to σ 1.5 px at 300 dpi): a D's
// left edge bows −0.002 to 0.029 (mean 0.005), an O's 0.062 to 0.101
// (mean 0.083), a Q's 0.075 to 0.094. The threshold sits between them;
// each 0.01 of bow past it costs stemCostPer, at most stemCostCap, so a
// clear bow outweighs the templates' usual O/D margin (under 1.5) while a
// bow near the threshold says little.
const (
	stemBowSplit = 0.045
	stemCostPer  = 1.0 / 0.01
	stemCostCap  = 4.0
)

// Tail thresholds, in ink (0–1) of the bottom right over the bottom left,
// from the same tuning cards: an O's −0.040 to 0.049, a Q's 0.049 to 0.146
// (only 16 Qs: names there have none). The two touch, so near the split the
// cue says nothing: Q pays below tailOSide, O above tailQSide.
const (
	tailOSide = 0.045
	tailQSide = 0.055
)

// shapeCues adds the stem and tail cues to a character's candidates when
// they hold two of O, D and Q; x is its centre and bot the baseline under
// it on the strip s.
func shapeCues(cs []Candidate, s *grayImg, x, bot, capH, pitch float64) []Candidate {
	var o, d, q bool
	for _, c := range cs[:min(4, len(cs))] {
		o, d, q = o || c.Char == 'O', d || c.Char == 'D', q || c.Char == 'Q'
	}
	if d && (o || q) {
		cs = withStemCue(cs, leftEdgeBow(s, x, bot, capH, pitch))
	}
	if o && q {
		cs = withTailCue(cs, tailInk(s, x, bot, capH, pitch))
	}
	return cs
}

// withStemCue adds the stem cue to the candidates: bow is the left edge's
// bow in cap heights (NaN: not measured, no cue). A bowed edge makes D
// dearer, a straight one O and Q.
func withStemCue(cs []Candidate, bow float64) []Candidate {
	if math.IsNaN(bow) {
		return cs
	}
	extra := math.Min(stemCostCap, math.Abs(bow-stemBowSplit)*stemCostPer)
	return dearer(cs, extra, func(c byte) bool {
		return c == 'D' && bow > stemBowSplit || (c == 'O' || c == 'Q') && bow < stemBowSplit
	})
}

// withTailCue adds the tail cue: tail is the ink at the bottom right over
// the bottom left (tailInk). Little makes Q dearer, much O.
func withTailCue(cs []Candidate, tail float64) []Candidate {
	switch {
	case tail < tailOSide:
		return dearer(cs, math.Min(stemCostCap, (tailOSide-tail)*stemCostPer), func(c byte) bool { return c == 'Q' })
	case tail > tailQSide:
		return dearer(cs, math.Min(stemCostCap, (tail-tailQSide)*stemCostPer), func(c byte) bool { return c == 'O' })
	}
	return cs
}

// dearer adds extra to the cost of the candidates hit picks, cheapest
// first again.
func dearer(cs []Candidate, extra float64, hit func(byte) bool) []Candidate {
	out := append([]Candidate(nil), cs...)
	for i := range out {
		if hit(out[i].Char) {
			out[i].Cost += extra
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cost < out[j].Cost })
	return out
}

// tailInk is the ink in the lower part of a character's box right of its
// centre less that left of it, as a share of full ink: about 0 for a round
// O, more where Q's tail crosses its bowl.
func tailInk(s *grayImg, x, bot, capH, pitch float64) float64 {
	side := func(x0, x1 float64) float64 {
		sum, n := 0.0, 0
		for y := bot - 0.35*capH; y <= bot+0.15*capH; y += 0.5 {
			for xx := x0; xx <= x1; xx += 0.5 {
				sum += 255 - s.at(xx, y)
				n++
			}
		}
		return sum / float64(max(1, n))
	}
	return (side(x, x+0.45*pitch) - side(x-0.45*pitch, x)) / 255
}

// leftEdgeBow is how far a character's left edge, at the top and bottom
// of its caps, lies to the right of where it lies at mid-height, in cap
// heights: about 0 for a straight stem, more for a round side. x is the
// character's centre and bot the baseline under it, on the strip; NaN when
// an edge is not found in some band (a smudge, a broken glyph).
func leftEdgeBow(s *grayImg, x, bot, capH, pitch float64) float64 {
	top := bot - capH
	band := func(a, b float64) float64 {
		sum, n := 0.0, 0
		for y := top + a*capH; y <= top+b*capH; y += 0.5 {
			if e, ok := leftEdge(s, x, y, pitch); ok {
				sum += e
				n++
			}
		}
		if n == 0 {
			return math.NaN()
		}
		return sum / float64(n)
	}
	upper, middle, lower := band(0.08, 0.25), band(0.4, 0.6), band(0.75, 0.92)
	return ((upper+lower)/2 - middle) / capH
}

// leftEdge finds, on row y, where the ink of the character centred at x
// first reaches half its height, coming from the lightest point of the gap
// before it (subpixel, by linear interpolation).
func leftEdge(s *grayImg, x, y, pitch float64) (float64, bool) {
	const step = 0.5
	x0, paper := x-0.65*pitch, math.Inf(1)
	for xx := x - 0.65*pitch; xx <= x-0.2*pitch; xx += step {
		if v := 255 - s.at(xx, y); v < paper {
			x0, paper = xx, v
		}
	}
	peak := 0.0
	for xx := x0; xx <= x; xx += step {
		peak = math.Max(peak, 255-s.at(xx, y))
	}
	if peak-paper < 40 {
		return 0, false // no stroke on this row
	}
	half := paper + (peak-paper)/2
	prev := paper
	for xx := x0 + step; xx <= x; xx += step {
		v := 255 - s.at(xx, y)
		if v >= half {
			return xx - step + step*(half-prev)/math.Max(1e-6, v-prev), true
		}
		prev = v
	}
	return 0, false
}
