package mrzcheck

import (
	"image"
	"image/color"
	"math"

	"dossier/app/i18n"
	"dossier/app/mrz"
)

// Finding is one disagreement (or note) between a passport scan's zone and
// the typed data, with where to show it: Field's characters in the zone.
type Finding struct {
	mrz.Finding
	// File names the scan the finding comes from (its content hash).
	File string `json:"file"`
	// Mark is the field's characters as a quadrilateral in the upright
	// picture's pixels (the scan's Size); zero when the finding concerns
	// the whole zone.
	Mark [4][2]float64 `json:"mark"`
}

// Message is the finding's text in lang.
func (f Finding) Message(lang i18n.Lang) string { return f.Finding.Message(lang) }

// Check compares the zone read from one scan with what was typed. A page on
// which no zone was found gives a single warning (CrossNoZone): the clerk
// should see that nothing was compared.
func Check(sc *mrz.Scan, sha string, t mrz.Typed) []Finding {
	if sc == nil || !sc.Found || sc.Result == nil {
		return []Finding{{Finding: mrz.Finding{Code: mrz.CrossNoZone, Severity: mrz.SevWarning}, File: sha}}
	}
	var out []Finding
	for _, f := range mrz.CrossCheck(sc.Result, t) {
		out = append(out, Finding{Finding: f, File: sha, Mark: FieldQuad(sc, f.Field)})
	}
	return out
}

// Worst is the most severe of the findings ("" when there are none).
func Worst(fs []Finding) mrz.Severity {
	worst := mrz.Severity("")
	rank := map[mrz.Severity]int{"": 0, mrz.SevInfo: 1, mrz.SevWarning: 2, mrz.SevError: 3}
	for _, f := range fs {
		if rank[f.Severity] > rank[worst] {
			worst = f.Severity
		}
	}
	return worst
}

// zoneFrame places the zone's characters: the centre of character i of
// line l, one pitch along the line and the cap height across it.
type zoneFrame struct {
	ends  [][2][2]float64
	width int
	cap   float64
}

func frameOf(sc *mrz.Scan) (zoneFrame, bool) {
	if sc == nil || sc.Result == nil || len(sc.LineEnds) == 0 || len(sc.Result.Lines) != len(sc.LineEnds) || sc.CapHeight <= 0 {
		return zoneFrame{}, false
	}
	return zoneFrame{ends: sc.LineEnds, width: len(sc.Result.Lines[0]), cap: sc.CapHeight}, true
}

// at is the page position of character i of line l (i may run past the
// line's ends: a margin).
func (z zoneFrame) at(l int, i float64) [2]float64 {
	a, b := z.ends[l][0], z.ends[l][1]
	t := i / float64(z.width-1)
	return [2]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
}

// down is the unit vector from a line towards the next one.
func (z zoneFrame) down(l int) [2]float64 {
	a, b := z.ends[l][0], z.ends[l][1]
	dx, dy := b[0]-a[0], b[1]-a[1]
	n := math.Hypot(dx, dy)
	if n == 0 {
		return [2]float64{0, 1}
	}
	return [2]float64{-dy / n, dx / n}
}

// FieldQuad is where a field's characters lie on the page (top-left,
// top-right, bottom-right, bottom-left as the zone reads), with a little
// room around them; zero when the field or the zone's geometry is unknown.
func FieldQuad(sc *mrz.Scan, field string) [4][2]float64 {
	z, ok := frameOf(sc)
	if !ok || field == "" {
		return [4][2]float64{}
	}
	f := sc.Result.Field(field)
	if f == nil || len(f.Spans) == 0 {
		return [4][2]float64{}
	}
	sp := f.Spans[0]
	end := sp.End
	for _, s := range f.Spans[1:] {
		if s.Line == sp.Line {
			end = max(end, s.End)
		}
	}
	if sp.Line >= len(z.ends) || end <= sp.Start {
		return [4][2]float64{}
	}
	d := z.down(sp.Line)
	h := 0.7 * z.cap
	a, b := z.at(sp.Line, float64(sp.Start)-0.5), z.at(sp.Line, float64(end-1)+0.5)
	return [4][2]float64{
		{a[0] - d[0]*h, a[1] - d[1]*h}, {b[0] - d[0]*h, b[1] - d[1]*h},
		{b[0] + d[0]*h, b[1] + d[1]*h}, {a[0] + d[0]*h, a[1] + d[1]*h},
	}
}

// Crop sizes: the pixels per character of a zone crop, and the margin
// around the zone in characters.
const (
	cropPitch  = 14
	cropMargin = 1.5
)

// ZoneCrop returns the zone straightened and upright (whatever the page's
// skew or turn), cropPitch pixels a character, with the given fields'
// characters tinted so the clerk sees which ones a finding means. img is
// the scanned picture upright; it may be a reduced copy of the one read
// (the zone's coordinates are scaled to it). Nil when the scan has no zone
// geometry.
func ZoneCrop(img image.Image, sc *mrz.Scan, fields ...string) *image.NRGBA {
	z, ok := frameOf(sc)
	if !ok || img == nil || sc.Size[0] <= 0 {
		return nil
	}
	b := img.Bounds()
	k := float64(b.Dx()) / float64(sc.Size[0]) // page pixels of img per pixel read
	lines := len(z.ends)
	pitch := math.Hypot(z.ends[0][1][0]-z.ends[0][0][0], z.ends[0][1][1]-z.ends[0][0][1]) / float64(z.width-1)
	if pitch <= 0 {
		return nil
	}
	capOut := z.cap / pitch * cropPitch
	gapOut := 0.0 // between line centres
	if lines > 1 {
		a, c := z.at(0, 0), z.at(lines-1, 0)
		gapOut = math.Hypot(c[0]-a[0], c[1]-a[1]) / float64(lines-1) / pitch * cropPitch
	}
	top := 1.1 * capOut
	w := int(float64(z.width-1+2*cropMargin) * cropPitch)
	h := int(2*top + gapOut*float64(lines-1))
	if w < 1 || h < 1 || w > 4000 || h > 2000 {
		return nil
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	// (x, y) of the crop ↦ page: along the line by characters, across it
	// between the first and last lines (extrapolated into the margins).
	page := func(x, y float64) (float64, float64) {
		i := x/cropPitch - cropMargin
		t := 0.0
		if lines > 1 {
			t = (y - top) / gapOut
		}
		l0, l1 := 0, lines-1
		p0, p1 := z.at(l0, i), z.at(l1, i)
		var px, py float64
		if lines > 1 {
			px, py = p0[0]+(p1[0]-p0[0])*t/float64(lines-1), p0[1]+(p1[1]-p0[1])*t/float64(lines-1)
		} else {
			d := z.down(0)
			px, py = p0[0]+d[0]*(y-top)/cropPitch*pitch, p0[1]+d[1]*(y-top)/cropPitch*pitch
		}
		return px * k, py * k
	}
	marked := make([][]bool, lines)
	for l := range marked {
		marked[l] = make([]bool, z.width)
	}
	for _, name := range fields {
		if f := sc.Result.Field(name); f != nil {
			for _, sp := range f.Spans {
				for i := sp.Start; i < sp.End && sp.Line < lines && i < z.width; i++ {
					marked[sp.Line][i] = true
				}
			}
		}
	}
	for y := 0; y < h; y++ {
		l := lineAt(float64(y)+0.5, top, gapOut, capOut, lines)
		for x := 0; x < w; x++ {
			px, py := page(float64(x)+0.5, float64(y)+0.5)
			c := sampleRGB(img, px, py)
			if l >= 0 {
				if i := int(math.Floor(float64(x)/cropPitch - cropMargin + 0.5)); i >= 0 && i < z.width && marked[l][i] {
					c = tint(c)
				}
			}
			out.SetNRGBA(x, y, c)
		}
	}
	return out
}

// lineAt is the line whose characters cover crop row y, or -1.
func lineAt(y, top, gap, capOut float64, lines int) int {
	for l := 0; l < lines; l++ {
		if math.Abs(y-(top+gap*float64(l))) <= 0.7*capOut {
			return l
		}
	}
	return -1
}

// sampleRGB is img's colour nearest (x, y) (white outside the picture).
func sampleRGB(img image.Image, x, y float64) color.NRGBA {
	b := img.Bounds()
	ix, iy := b.Min.X+int(math.Floor(x)), b.Min.Y+int(math.Floor(y))
	if ix < b.Min.X || iy < b.Min.Y || ix >= b.Max.X || iy >= b.Max.Y {
		return color.NRGBA{255, 255, 255, 255}
	}
	r, g, bb, _ := img.At(ix, iy).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(bb >> 8), 255}
}

// tint lays a highlighter's yellow over a pixel: paper turns yellow, ink
// stays dark.
func tint(c color.NRGBA) color.NRGBA {
	return color.NRGBA{c.R, c.G, uint8(int(c.B) * 2 / 5), 255}
}
