package mrz

import (
	"math"
	"sort"
)

// The locator finds rows of evenly spaced, equally sized marks (a zone's
// lines) in a grey page of any orientation:
//  1. ink is separated from paper against the local mean (uneven light);
//  2. the ink's connected blobs of character size are kept;
//  3. the direction of the text is the commonest direction from a blob to
//     its nearest like-sized neighbour (skew and quarter turns alike);
//  4. blobs are chained to their right-hand neighbours along it;
//  5. chains 26–50 characters long with a steady pitch are line
//     candidates, and two or three parallel ones, one under the other,
//     a zone candidate.

// maxBlobs bounds the work on a page of noise (a photo of gravel).
const maxBlobs = 60000

type mark struct {
	b    blob
	u, v float64 // centre in text coordinates (u along the text)
	s    float64 // size: the longer side of the box
}

type textLine struct {
	marks  []int // indices into the marks, by u
	pitch  float64
	cap    float64
	u0, u1 float64
	v      float64
	nEst   float64
}

type zoneCand struct {
	lines []textLine
	odd   float64 // how far from a zone's shape; lower first
}

// findMarks binarizes the page and keeps the character-sized blobs.
func findMarks(g *grayImg, w *work) []blob {
	if !w.spend(3 * g.w * g.h) { // binarized and searched for blobs
		return nil
	}
	long := max(g.w, g.h)
	ink := binarize(g, max(8, long/60))
	all := blobs(ink, g.w, g.h)
	maxSize := max(12, long/20)
	var out []blob
	for _, b := range all {
		s := b.size()
		if s < 6 || s > maxSize || b.thinSide() < 1 || float64(s)/float64(max(1, b.thinSide())) > 9 {
			continue
		}
		if b.fill() < 0.08 {
			continue
		}
		out = append(out, b)
	}
	if len(out) > maxBlobs {
		return nil
	}
	return out
}

// grid is a bucket index of blob centres for neighbour searches.
type grid struct {
	cell    float64
	buckets map[[2]int][]int
	work    *work // each neighbour looked at is a step
}

func newGrid(bs []blob, cell float64, w *work) *grid {
	gr := &grid{cell: cell, buckets: map[[2]int][]int{}, work: w}
	for i, b := range bs {
		k := [2]int{int(b.cx() / cell), int(b.cy() / cell)}
		gr.buckets[k] = append(gr.buckets[k], i)
	}
	return gr
}

func (gr *grid) near(x, y, r float64, fn func(j int)) {
	x0, x1 := int((x-r)/gr.cell), int((x+r)/gr.cell)
	y0, y1 := int((y-r)/gr.cell), int((y+r)/gr.cell)
	for gy := y0; gy <= y1; gy++ {
		for gx := x0; gx <= x1; gx++ {
			bucket := gr.buckets[[2]int{gx, gy}]
			if !gr.work.spend(1 + len(bucket)) {
				return
			}
			for _, j := range bucket {
				fn(j)
			}
		}
	}
}

func similar(a, b float64) bool { return a <= 1.7*b && b <= 1.7*a }

// textAngle is the commonest direction (0–π) from a blob to its nearest
// like-sized neighbour.
func textAngle(bs []blob, gr *grid) (float64, bool) {
	const bins = 360
	var hist [bins]float64
	for i, b := range bs {
		s := float64(b.size())
		best, bestD := -1, math.Inf(1)
		gr.near(b.cx(), b.cy(), 2.5*s, func(j int) {
			if j == i || !similar(s, float64(bs[j].size())) {
				return
			}
			d := math.Hypot(bs[j].cx()-b.cx(), bs[j].cy()-b.cy())
			if d < bestD && d < 2.5*s && d > 0.3*s {
				best, bestD = j, d
			}
		})
		if best < 0 {
			continue
		}
		a := math.Atan2(bs[best].cy()-b.cy(), bs[best].cx()-b.cx())
		if a < 0 {
			a += math.Pi
		}
		hist[int(a/math.Pi*bins)%bins]++
	}
	peak, peakV := 0, -1.0
	for i := range hist {
		v := 0.0
		for d := -2; d <= 2; d++ {
			v += hist[(i+d+bins)%bins]
		}
		if v > peakV {
			peak, peakV = i, v
		}
	}
	if peakV < 10 {
		return 0, false
	}
	// Refine: the weighted mean of the bins around the peak.
	sum, w := 0.0, 0.0
	for d := -3; d <= 3; d++ {
		v := hist[(peak+d+bins)%bins]
		sum += float64(peak+d) * v
		w += v
	}
	return (sum/w + 0.5) / bins * math.Pi, true
}

// textLines chains marks into lines along the angle theta.
func textLines(bs []blob, gr *grid, theta float64) ([]mark, []textLine) {
	c, s := math.Cos(theta), math.Sin(theta)
	ms := make([]mark, len(bs))
	for i, b := range bs {
		x, y := b.cx(), b.cy()
		ms[i] = mark{b: b, u: x*c + y*s, v: -x*s + y*c, s: float64(b.size())}
	}
	right := make([]int, len(ms))
	left := make([]int, len(ms))
	leftCost := make([]float64, len(ms))
	for i := range ms {
		right[i], left[i], leftCost[i] = -1, -1, math.Inf(1)
	}
	for i, m := range ms {
		best, bestC := -1, math.Inf(1)
		gr.near(m.b.cx(), m.b.cy(), 2.6*m.s, func(j int) {
			n := ms[j]
			du, dv := n.u-m.u, n.v-m.v
			if j == i || du < 0.35*m.s || du > 2.6*m.s || math.Abs(dv) > 0.45*m.s || !similar(m.s, n.s) {
				return
			}
			if cost := du + 3*math.Abs(dv); cost < bestC {
				best, bestC = j, cost
			}
		})
		right[i] = best
		if best >= 0 && bestC < leftCost[best] {
			left[best], leftCost[best] = i, bestC
		}
	}
	var lines []textLine
	for i := range ms {
		if left[i] >= 0 && right[left[i]] == i {
			continue // not the start of a chain
		}
		idx := chainFrom(i, left, right)
		if !gr.work.spend(len(idx)) {
			return ms, nil
		}
		if len(idx) >= 6 {
			lines = append(lines, describe(ms, idx))
		}
	}
	return ms, mergeLines(ms, lines, gr.work)
}

// chainFrom follows the right-hand neighbours from mark i while each is
// the other's left-hand one (at most 200: no zone line is longer).
func chainFrom(i int, left, right []int) []int {
	var idx []int
	for j := i; j >= 0 && len(idx) < 200; {
		idx = append(idx, j)
		n := right[j]
		if n < 0 || left[n] != j {
			break
		}
		j = n
	}
	return idx
}

func describe(ms []mark, idx []int) textLine {
	sort.Slice(idx, func(a, b int) bool { return ms[idx[a]].u < ms[idx[b]].u })
	l := textLine{marks: idx, u0: ms[idx[0]].u, u1: ms[idx[len(idx)-1]].u}
	var dus, sizes, vs []float64
	for k, i := range idx {
		sizes = append(sizes, ms[i].s)
		vs = append(vs, ms[i].v)
		if k > 0 {
			dus = append(dus, ms[i].u-ms[idx[k-1]].u)
		}
	}
	l.pitch = median(dus)
	l.cap = quantile(sizes, 0.75)
	l.v = median(vs)
	if l.pitch > 0 {
		l.nEst = (l.u1-l.u0)/l.pitch + 1
	}
	return l
}

// mergeLines joins pieces of one line that a gap (a lost character, a
// stain) broke apart.
func mergeLines(ms []mark, lines []textLine, w *work) []textLine {
	sort.Slice(lines, func(a, b int) bool { return lines[a].u0 < lines[b].u0 })
	for merged := true; merged; {
		merged = false
		for a := 0; a < len(lines) && !merged; a++ {
			// A comparison of two lines costs about as much as five
			// pixels; a sheet of small print makes thousands of lines.
			if !w.spend(5 * len(lines)) {
				return nil
			}
			for b := 0; b < len(lines) && !merged; b++ {
				la, lb := lines[a], lines[b]
				if a == b || math.Abs(la.v-lb.v) > 0.5*la.cap || !similar(la.cap, lb.cap) {
					continue
				}
				gap := lb.u0 - la.u1
				if gap > 0 && gap < 5*math.Max(la.pitch, lb.pitch) {
					lines[a] = describe(ms, append(append([]int(nil), la.marks...), lb.marks...))
					lines = append(lines[:b], lines[b+1:]...)
					merged = true
				}
			}
		}
	}
	return lines
}

// zoneLines keeps the lines that could be a zone's: long enough, with a
// pitch close to the characters' size.
func zoneLines(lines []textLine) []textLine {
	var out []textLine
	for _, l := range lines {
		if len(l.marks) < 12 || l.nEst < 24 || l.nEst > 52 || l.pitch < 0.7*l.cap || l.pitch > 1.9*l.cap {
			continue
		}
		out = append(out, l)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].v < out[b].v })
	return out
}

// zones pairs (and triples) lines lying one under the other.
func zones(lines []textLine, w *work) []zoneCand {
	fits := func(a, b textLine) bool {
		dv := b.v - a.v
		capm := (a.cap + b.cap) / 2
		if dv < 1.1*capm || dv > 3.4*capm || !similar(a.cap, b.cap) {
			return false
		}
		lo, hi := math.Max(a.u0, b.u0), math.Min(a.u1, b.u1)
		short := math.Min(a.u1-a.u0, b.u1-b.u0)
		return hi-lo > 0.6*short
	}
	var out []zoneCand
	for i := range lines {
		if !w.spend(len(lines)) {
			return nil
		}
		for j := i + 1; j < len(lines); j++ {
			if !fits(lines[i], lines[j]) {
				continue
			}
			out = append(out, zoneCand{lines: []textLine{lines[i], lines[j]}})
			if !w.spend(len(lines) - j) {
				return nil
			}
			for k := j + 1; k < len(lines); k++ {
				if fits(lines[j], lines[k]) {
					out = append(out, zoneCand{lines: []textLine{lines[i], lines[j], lines[k]}})
				}
			}
		}
	}
	// Most zone-like first: line lengths near a zone's, lines starting
	// together.
	for i := range out {
		out[i].odd = oddness(out[i].lines)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].odd < out[b].odd })
	return out
}

func oddness(lines []textLine) float64 {
	want := []float64{44, 36}
	if len(lines) == 3 {
		want = []float64{30}
	}
	best := math.Inf(1)
	for _, w := range want {
		d := 0.0
		for _, l := range lines {
			d += math.Abs(l.nEst-w) / w
		}
		best = math.Min(best, d)
	}
	for _, l := range lines[1:] {
		best += math.Abs(l.u0-lines[0].u0) / (lines[0].pitch * 44)
	}
	return best
}

func median(xs []float64) float64 { return quantile(xs, 0.5) }

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}
