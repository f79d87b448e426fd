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
	c, ok := newCrop(z, float64(img.Bounds().Dx())/float64(sc.Size[0]))
	if !ok {
		return nil
	}
	marked := markedChars(sc, len(z.ends), z.width, fields)
	out := image.NewNRGBA(image.Rect(0, 0, c.w, c.h))
	for y := 0; y < c.h; y++ {
		l := lineAt(float64(y)+0.5, c.top, c.gap, c.capOut, len(z.ends))
		for x := 0; x < c.w; x++ {
			px, py := c.page(float64(x)+0.5, float64(y)+0.5)
			col := sampleRGB(img, px, py)
			if i := int(math.Floor(float64(x)/cropPitch - cropMargin + 0.5)); l >= 0 && i >= 0 && i < z.width && marked[l][i] {
				col = tint(col)
			}
			out.SetNRGBA(x, y, col)
		}
	}
	return out
}

// crop is a zone crop's geometry: its size, where the first line's centre
// runs (top) and the step between lines (gap), in crop pixels.
type crop struct {
	z                zoneFrame
	k                float64 // pixels of the picture drawn from per pixel read
	pitch            float64 // page pixels per character
	w, h             int
	top, gap, capOut float64
}

func newCrop(z zoneFrame, k float64) (crop, bool) {
	lines := len(z.ends)
	c := crop{z: z, k: k}
	c.pitch = math.Hypot(z.ends[0][1][0]-z.ends[0][0][0], z.ends[0][1][1]-z.ends[0][0][1]) / float64(z.width-1)
	if c.pitch <= 0 {
		return crop{}, false
	}
	c.capOut = z.cap / c.pitch * cropPitch
	if lines > 1 {
		a, b := z.at(0, 0), z.at(lines-1, 0)
		c.gap = math.Hypot(b[0]-a[0], b[1]-a[1]) / float64(lines-1) / c.pitch * cropPitch
	}
	c.top = 1.1 * c.capOut
	c.w = int(float64(z.width-1+2*cropMargin) * cropPitch)
	c.h = int(2*c.top + c.gap*float64(lines-1))
	return c, c.w >= 1 && c.h >= 1 && c.w <= 4000 && c.h <= 2000
}

// page maps a crop pixel to the picture: along the line by characters,
// across it between the first and last lines (extrapolated into the
// margins).
func (c crop) page(x, y float64) (float64, float64) {
	z := c.z
	lines := len(z.ends)
	i := x/cropPitch - cropMargin
	p0 := z.at(0, i)
	if lines == 1 {
		d := z.down(0)
		s := (y - c.top) / cropPitch * c.pitch
		return (p0[0] + d[0]*s) * c.k, (p0[1] + d[1]*s) * c.k
	}
	p1 := z.at(lines-1, i)
	t := (y - c.top) / c.gap / float64(lines-1)
	return (p0[0] + (p1[0]-p0[0])*t) * c.k, (p0[1] + (p1[1]-p0[1])*t) * c.k
}

// markedChars marks the characters of the named fields, line by line.
func markedChars(sc *mrz.Scan, lines, width int, fields []string) [][]bool {
	marked := make([][]bool, lines)
	for l := range marked {
		marked[l] = make([]bool, width)
	}
	for _, name := range fields {
		f := sc.Result.Field(name)
		if f == nil {
			continue
		}
		for _, sp := range f.Spans {
			for i := sp.Start; i < sp.End && sp.Line < lines && i < width; i++ {
				marked[sp.Line][i] = true
			}
		}
	}
	return marked
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
