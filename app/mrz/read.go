package mrz

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"sort"

	"dossier/app/civil"
	"dossier/app/scan"
)

// Scan is what the reader found on one page.
type Scan struct {
	// Found: a zone was located and read well enough that its check digits
	// mostly agree. Result is nil when nothing was found.
	Found  bool    `json:"found"`
	Result *Result `json:"result,omitempty"`
	// Zone is the zone's corners (top-left, top-right, bottom-right,
	// bottom-left as the zone reads) in the pixels of the upright picture
	// (after EXIF orientation), and Size that picture's size: what a crop
	// or a highlight needs.
	Zone [4][2]float64 `json:"zone"`
	Size [2]int        `json:"size"`
	// Turn is how far the page was turned, in degrees clockwise, to read it.
	Turn int `json:"turn"`
	// Work is how many steps of work the page took (see workBudget): what
	// the evaluation measures the budget against.
	Work int64 `json:"work"`
	// LineEnds are, line by line as the zone reads, the centres of the
	// line's first and last characters, and CapHeight the letters' height,
	// in the same pixels as Zone: where each character sits, for a
	// straightened crop with a field marked on it.
	LineEnds  [][2][2]float64 `json:"line_ends"`
	CapHeight float64         `json:"cap_height"`
	// Reading is every position's candidates as the reader ranked them,
	// before the grammar and the check digits chose: what the evaluation
	// needs to tell a misread character from a wrong choice.
	Reading Reading `json:"-"`
}

// Errors the reader returns; the command line and the window explain them.
var (
	// ErrNotPicture: the file is neither a JPEG nor a PNG, nor a PDF whose
	// first page is one scanned picture (a PDF that would need rendering).
	ErrNotPicture = errors.New("not a scanned picture")
	// ErrTooLarge: the file is larger than a scan of one page should be.
	ErrTooLarge = errors.New("file too large for one page")
)

// ReaderVersion changes whenever the reader may read a page differently
// (templates, thresholds): cached readings of older versions are read
// afresh.
const ReaderVersion = "2026-12-07.5"

// maxFileBytes bounds the files the reader opens (a 600 dpi colour scan of
// a data page is a few megabytes).
const maxFileBytes = 64 << 20

// Reader limits: the longest side the locator works on (larger pages are
// reduced by averaging boxes of pixels as they are taken from the file;
// 2400 px keeps an A4 page near 200 dpi); the work one page may take is
// workBudget.
const (
	workSide = 2400
	// maxZoneTries bounds the zone candidates read per direction: a page
	// of ruled text pairs up many lines of equal length.
	maxZoneTries = 8
)

// ReadFile reads the zone on a passport page given as a JPEG or PNG file or
// a PDF whose first page is a scanned picture. The file goes through the
// scan package's guards (content sniffing, pixel limits, decoders under
// recover, EXIF orientation and the PDF page's /Rotate).
func ReadFile(ctx context.Context, path string, today civil.Date) (*Scan, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if st.Size() > maxFileBytes {
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	// scan.Grey goes straight from the decoded planes to a reduced grey
	// page: no colour copy of a 12-megapixel photo is ever made.
	img, err := scan.Grey(path, workSide)
	if err != nil {
		if errors.Is(err, scan.ErrNoThumbnail) {
			return nil, fmt.Errorf("%s: %w", path, ErrNotPicture)
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return ReadImage(ctx, img, today)
}

// ReadImage reads the zone on an upright (EXIF already applied) picture.
// A page that needs more work than workBudget gives ErrBudget; a cancelled
// ctx, its error.
func ReadImage(ctx context.Context, img image.Image, today civil.Date) (*Scan, error) {
	return readImage(ctx, img, today, workBudget)
}

func readImage(ctx context.Context, img image.Image, today civil.Date, budget int64) (*Scan, error) {
	w := newWork(ctx, budget)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	out, best := &Scan{}, (*zoneRead)(nil)
	scale := locateAndRead(img, today, w, out, &best)
	out.Work = w.spent
	switch {
	case errors.Is(w.err, ErrBudget):
		return nil, ErrBudget
	case w.err != nil:
		return nil, fmt.Errorf("read page: %w", w.err)
	case best == nil || !best.found():
		return out, nil
	}
	out.take(best, scale)
	return out, nil
}

// locateAndRead finds the zone candidates and reads them, keeping the best
// reading in *best; it returns the picture's pixels per working pixel.
// It stops early when w does.
func locateAndRead(img image.Image, today civil.Date, w *work, out *Scan, best **zoneRead) float64 {
	b := img.Bounds()
	out.Size = [2]int{b.Dx(), b.Dy()}
	if b.Dx() < 8 || b.Dy() < 8 || !w.spend(b.Dx()*b.Dy()) {
		return 1
	}
	g := toGray(img, workSide)
	scale := float64(b.Dx()) / float64(g.w)
	bs := findMarks(g, w)
	if len(bs) < 20 {
		return scale
	}
	gr := newGrid(bs, 32, w)
	theta, ok := textAngle(bs, gr)
	if !ok {
		return scale
	}
	// Text at right angles to the commonest direction is tried too: a page
	// whose other text is sparse may give the zone's lines' normal.
	for _, th := range []float64{theta, theta + math.Pi/2} {
		ms, lines := textLines(bs, gr, th)
		cands := zones(zoneLines(lines), w)
		if len(cands) > maxZoneTries {
			cands = cands[:maxZoneTries]
		}
		for _, zc := range cands {
			for _, flip := range []bool{false, true} {
				zr := readZone(g, ms, zc, th, flip, today, w)
				if zr != nil && (*best == nil || zr.score > (*best).score) {
					*best = zr
				}
			}
			if w.stopped() || (*best != nil && (*best).checks == (*best).total) {
				break // stopped, or every check digit confirms this one
			}
		}
		if w.stopped() || (*best != nil && (*best).res.Valid) {
			break
		}
	}
	return scale
}

// take fills the scan from the zone read, in the picture's pixels (scale
// of them to one of the working picture's).
func (out *Scan) take(best *zoneRead, scale float64) {
	out.Found = true
	out.Result = best.res
	for i, p := range best.corners {
		out.Zone[i] = [2]float64{p[0] * scale, p[1] * scale}
	}
	out.Turn = best.turn
	out.Reading = best.reading
	for _, e := range best.lineEnds {
		out.LineEnds = append(out.LineEnds, [2][2]float64{
			{e[0][0] * scale, e[0][1] * scale}, {e[1][0] * scale, e[1][1] * scale}})
	}
	out.CapHeight = best.capHeight * scale
}

type zoneRead struct {
	res     *Result
	reading Reading
	score   float64
	checks  int // check digits that agree
	total   int // check digits there are
	corners [4][2]float64
	turn    int
	// lineEnds and capHeight: see Scan, in the working picture's pixels.
	lineEnds  [][2][2]float64
	capHeight float64
}

// found: the zone is taken as found when most of its check digits agree.
// Fewer would be MRZ-like text, not a zone (inventing one is the worst
// mistake the reader can make).
func (z *zoneRead) found() bool {
	return z.checks >= 2 && z.checks*2 > z.total
}

// readZone samples each line of a zone candidate along the line's own
// direction, reads the characters and decodes. flip reads it the other way
// up (the page lay upside down).
func readZone(g *grayImg, ms []mark, zc zoneCand, theta float64, flip bool, today civil.Date, w *work) *zoneRead {
	lines := zc.lines
	width := 44
	switch {
	case len(lines) == 3:
		width = 30
	case math.Abs(lines[0].nEst-36) < math.Abs(lines[0].nEst-44) && math.Abs(lines[len(lines)-1].nEst-36) < math.Abs(lines[len(lines)-1].nEst-44):
		width = 36
	}
	dir := [2]float64{math.Cos(theta), math.Sin(theta)}
	order := make([]int, len(lines))
	for i := range order {
		order[i] = i
		if flip {
			order[i] = len(lines) - 1 - i
		}
	}
	r := Reading{Lines: make([][][]Candidate, len(lines))}
	var corners [4][2]float64
	strips := make([]*grayImg, len(lines))
	geos := make([]lineGeo, len(lines))
	pageGeos := make([]stripGeo, len(lines))
	for k, li := range order {
		strip, geo := lineStrip(g, ms, lines[li], dir, flip, w)
		if strip == nil {
			return nil
		}
		lg, ok := measureLine(strip, width)
		if !ok {
			return nil
		}
		strips[k], geos[k], pageGeos[k] = strip, lg, geo
		if k == 0 {
			corners[0], corners[1] = geo.at(0, 0), geo.at(float64(strip.w), 0)
		}
		if k == len(order)-1 {
			corners[3], corners[2] = geo.at(0, float64(strip.h)), geo.at(float64(strip.w), float64(strip.h))
		}
	}
	names := 0
	if len(lines) == 3 {
		names = 2
	}
	ratio := geos[names].tall / geos[names].pitch // cap height per pitch
	for k := range order {
		capH := ratio * geos[k].pitch
		if capH < 4 {
			return nil
		}
		r.Lines[k] = readLine(strips[k], geos[k], capH, w)
		if meanCost(r.Lines[k]) > maxLineCost {
			return nil // not OCR-B: ruled text, a table, a pattern
		}
	}
	res := Decode(r, today)
	zr := &zoneRead{res: res, reading: r, corners: corners, capHeight: ratio * geos[0].pitch * pageScale(pageGeos[0]),
		lineEnds: lineEnds(geos, pageGeos, ratio)}
	// Only check digits that confirm their field count: a field "repaired"
	// into agreeing is no evidence that this is a zone.
	for _, f := range res.Fields {
		if f.Checked {
			zr.total++
			if f.Confirmed {
				zr.checks++
			}
		}
	}
	if dt := res.Field(FDocumentType); dt != nil && dt.Value != "V" { // visas have no composite
		zr.total++
		if res.CompositeOK {
			zr.checks++
		}
	}
	cost := 0.0
	for _, l := range r.Lines {
		for _, c := range l {
			if len(c) > 0 {
				cost += c[0].Cost
			}
		}
	}
	zr.score = float64(zr.checks)*100 - cost/float64(width*len(lines))
	deg := int(math.Round(theta*180/math.Pi/90)) * 90
	if flip {
		deg += 180
	}
	zr.turn = ((deg % 360) + 360) % 360
	return zr
}

// maxLineCost: a line whose characters match no template better than this
// on average is not a zone's line. Real lines, even blurred and at 150 dpi,
// stay well under it (tuning half: mean first-choice cost below 3.5).
const maxLineCost = 6.0

func meanCost(line [][]Candidate) float64 {
	if len(line) == 0 {
		return math.Inf(1) // not read: the work ran out
	}
	sum := 0.0
	for _, c := range line {
		if len(c) > 0 {
			sum += c[0].Cost
		}
	}
	return sum / float64(max(1, len(line)))
}

// stripGeo maps strip pixels back to the page.
type stripGeo struct {
	origin [2]float64
	du, dv [2]float64 // page offset of one strip pixel along and across
}

// lineEnds are the centres of each line's first and last characters on
// the page; ratio is the cap height per pitch.
func lineEnds(geos []lineGeo, pageGeos []stripGeo, ratio float64) [][2][2]float64 {
	var out [][2][2]float64
	for k, lg := range geos {
		mid := func(x float64) [2]float64 { // a character's centre, strip to page
			return pageGeos[k].at(x, lg.botA+lg.botB*x-ratio*lg.pitch/2)
		}
		out = append(out, [2][2]float64{mid(lg.pos[0]), mid(lg.pos[len(lg.pos)-1])})
	}
	return out
}

// pageScale is the length on the page of one strip pixel.
func pageScale(s stripGeo) float64 { return math.Hypot(s.du[0], s.du[1]) }

func (s stripGeo) at(x, y float64) [2]float64 {
	return [2]float64{s.origin[0] + x*s.du[0] + y*s.dv[0], s.origin[1] + x*s.du[1] + y*s.dv[1]}
}

// stripCap is the cap height a line is resampled to.
const stripCap = 28.0

// lineStrip resamples one line into a horizontal strip, along the straight
// line fitted through its marks (perspective makes a zone's lines a little
// out of parallel), scaled so the caps are stripCap pixels high.
func lineStrip(g *grayImg, ms []mark, l textLine, dir [2]float64, flip bool, wk *work) (*grayImg, stripGeo) {
	var cx, cy float64
	for _, i := range l.marks {
		cx += ms[i].b.cx()
		cy += ms[i].b.cy()
	}
	n := float64(len(l.marks))
	cx, cy = cx/n, cy/n
	var sxx, sxy, syy float64
	for _, i := range l.marks {
		dx, dy := ms[i].b.cx()-cx, ms[i].b.cy()-cy
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	a := 0.5 * math.Atan2(2*sxy, sxx-syy)
	d := [2]float64{math.Cos(a), math.Sin(a)}
	if d[0]*dir[0]+d[1]*dir[1] < 0 {
		d = [2]float64{-d[0], -d[1]}
	}
	if flip {
		d = [2]float64{-d[0], -d[1]}
	}
	nrm := [2]float64{-d[1], d[0]} // "down" when d points right
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, i := range l.marks {
		t := (ms[i].b.cx()-cx)*d[0] + (ms[i].b.cy()-cy)*d[1]
		lo, hi = math.Min(lo, t), math.Max(hi, t)
	}
	k := stripCap / l.cap // strip pixels per page pixel
	lo -= 3 * l.pitch
	hi += 3 * l.pitch
	half := 1.3 * l.cap
	w, h := int((hi-lo)*k), int(2*half*k)
	// Each strip pixel is sampled, then binarized and searched for blobs
	// (measureLine): four steps.
	if w < 50 || w > 6000 || h < 10 || !wk.spend(4*w*h) {
		return nil, stripGeo{}
	}
	geo := stripGeo{
		origin: [2]float64{cx + lo*d[0] - half*nrm[0], cy + lo*d[1] - half*nrm[1]},
		du:     [2]float64{d[0] / k, d[1] / k},
		dv:     [2]float64{nrm[0] / k, nrm[1] / k},
	}
	s := newGray(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := geo.at(float64(x)+0.5, float64(y)+0.5)
			s.pix[y*w+x] = uint8(g.at(p[0], p[1]) + 0.5)
		}
	}
	return s, geo
}

// readLine finds the width characters of a line strip and classifies
// each: the blobs give the cap line, the baseline and the characters'
// centres; the pitch is fixed, so centres lost to smudges or merged blobs
// are filled in from their neighbours.
// lineGeo is what measureLine learns about a line strip.
type lineGeo struct {
	botA, botB float64   // baseline: y = botA + botB·x
	pitch      float64   // measured step between characters
	tall       float64   // median height of the tall blobs
	pos        []float64 // the characters' centres
	heights    []float64 // the height of each character's own blob (0: none)
}

func measureLine(s *grayImg, width int) (lineGeo, bool) {
	ink := binarize(s, int(stripCap))
	var bs []blob
	for _, b := range blobs(ink, s.w, s.h) {
		if float64(b.h()) < 0.35*stripCap || float64(b.h()) > 1.6*stripCap || b.cy() < 0.25*float64(s.h) || b.cy() > 0.75*float64(s.h) {
			continue
		}
		bs = append(bs, b)
	}
	if len(bs) < width/3 {
		return lineGeo{}, false
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i].cx() < bs[j].cx() })
	// Cap line and baseline: straight lines through the tops and bottoms of
	// the tall blobs (letters and digits; fillers are shorter).
	var hs []float64
	for _, b := range bs {
		hs = append(hs, float64(b.h()))
	}
	tall := 0.8 * quantile(hs, 0.75)
	var xs, bots, heights []float64
	for _, b := range bs {
		if float64(b.h()) >= tall && float64(b.w()) < 1.5*stripCap {
			xs = append(xs, b.cx())
			bots = append(bots, float64(b.y1))
			heights = append(heights, float64(b.h()))
		}
	}
	if len(xs) < 4 {
		return lineGeo{}, false
	}
	botA, botB := fitLine(xs, bots)

	// Pitch: the typical step between neighbouring narrow blobs.
	var steps []float64
	for i := 1; i < len(bs); i++ {
		steps = append(steps, bs[i].cx()-bs[i-1].cx())
	}
	pitch := median(steps)
	if pitch <= 0 {
		return lineGeo{}, false
	}
	var centres []float64
	for _, b := range bs {
		k := int(math.Round(float64(b.w()) / pitch))
		if k <= 1 {
			centres = append(centres, b.cx())
			continue
		}
		for j := 0; j < k; j++ { // merged characters
			centres = append(centres, float64(b.x0)+(float64(j)+0.5)*float64(b.w())/float64(k))
		}
	}
	first, last := centres[0], centres[len(centres)-1]
	if count := (last-first)/pitch + 1; count > float64(width)+0.5 {
		// More than a line's worth: keep the run that fits, centred on
		// the densest part. (Usually a stray mark at one end.)
		first, last = trimRun(centres, pitch, width)
	}
	step := (last - first) / float64(width-1)
	if math.Abs(step-pitch) > 0.25*pitch {
		// Characters lost at an end: keep the measured pitch, start at the
		// first blob.
		step = pitch
	}
	pos := walk(centres, first, step, width)
	if model, ok := fitProjective(pos, centres, step); ok {
		pos = model
	}
	snap(pos, centres, step)
	// Each character's own blob, where one blob is one character.
	own := make([]float64, width)
	for i, x := range pos {
		for _, b := range bs {
			if math.Abs(b.cx()-x) < 0.3*step && float64(b.w()) < 1.2*step {
				own[i] = float64(b.h())
				break
			}
		}
	}
	return lineGeo{botA: botA, botB: botB, pitch: step, tall: median(heights), pos: pos, heights: own}, true
}

// readLine classifies the characters of a measured line whose letters are
// capH high. The cap height comes from the names line, which holds letters
// only: OCR-B's digits stand taller than its letters, so a line of digits
// would measure too high and its digits would pass for letters. That
// difference in height is then put to use: each character's own blob
// height, against the line's typical one, favours the characters of that
// height (0 over O).
func readLine(s *grayImg, g lineGeo, capH float64, w *work) [][]Candidate {
	scores := make([][]scored, len(g.pos))
	var win window
	var unit []float64 // blob height ÷ the first choice's glyph height
	for i, x := range g.pos {
		bot := g.botA + g.botB*x
		top := bot - capH
		if !w.spend(classifySteps) {
			return nil
		}
		sampleWindow(s, x, top, capH, &win)
		if blankWindow(&win) {
			continue
		}
		scores[i] = classify(&win)
		if g.heights[i] > 0 {
			unit = append(unit, g.heights[i]/glyphHeight[scores[i][0].char])
		}
	}
	ref := 0.0
	if len(unit) >= len(g.pos)/3 {
		ref = median(unit)
	}
	out := make([][]Candidate, len(g.pos))
	for i := range g.pos {
		if scores[i] == nil {
			out[i] = []Candidate{{Char: Filler, Cost: 6}, {Char: 'K', Cost: 12}}
			continue
		}
		ratio := 0.0
		if ref > 0 && g.heights[i] > 0 {
			ratio = g.heights[i] / ref
		}
		c := withHeight(scores[i], ratio)
		c = shapeCues(c, s, g.pos[i], g.botA+g.botB*g.pos[i], capH, g.pitch)
		out[i] = c[:min(4, len(c))]
	}
	return out
}

// trimRun picks width consecutive pitches out of too many centres: the run
// whose ends are closest to blobs.
func trimRun(centres []float64, pitch float64, width int) (float64, float64) {
	bestI, bestN := 0, -1
	for i, c := range centres {
		end := c + float64(width-1)*pitch
		n := 0
		for _, d := range centres {
			if d >= c-0.3*pitch && d <= end+0.3*pitch {
				n++
			}
		}
		if n > bestN {
			bestI, bestN = i, n
		}
	}
	first := centres[bestI]
	last := first
	for _, d := range centres {
		if d <= first+(float64(width-1)+0.3)*pitch {
			last = math.Max(last, d)
		}
	}
	return first, last
}

// walk steps from the first centre one pitch at a time, landing on the
// blob nearest each step and letting the pitch follow the steps it
// measures: in a photo taken at a slant the pitch shrinks along the line.
func walk(centres []float64, first, pitch float64, width int) []float64 {
	pos := make([]float64, width)
	pos[0] = first
	p := pitch
	j := 0
	for i := 1; i < width; i++ {
		pred := pos[i-1] + p
		for j < len(centres) && centres[j] < pred-0.4*p {
			j++
		}
		if j < len(centres) && math.Abs(centres[j]-pred) <= 0.4*p {
			step := centres[j] - pos[i-1]
			pos[i] = centres[j]
			p = 0.7*p + 0.3*step
			p = math.Min(math.Max(p, 0.8*pitch), 1.25*pitch)
			continue
		}
		pos[i] = pred
	}
	return pos
}

// fitProjective fits the centres a slanted view of an evenly spaced row
// makes, x(i) = (a + b·i) / (1 + c·i), to the positions that sit on blobs,
// and returns the fitted positions.
func fitProjective(pos, centres []float64, pitch float64) ([]float64, bool) {
	// x + c·i·x = a + b·i is linear in a, b, c.
	var m [3][4]float64
	n := 0
	j := 0
	for i, x := range pos {
		for j < len(centres) && centres[j] < x-0.2*pitch {
			j++
		}
		if j >= len(centres) || math.Abs(centres[j]-x) > 0.2*pitch {
			continue
		}
		fi := float64(i)
		row := [3]float64{1, fi, -fi * x}
		for r := 0; r < 3; r++ {
			for c := 0; c < 3; c++ {
				m[r][c] += row[r] * row[c]
			}
			m[r][3] += row[r] * x
		}
		n++
	}
	if n < len(pos)/3 {
		return nil, false
	}
	sol, ok := solve3(m)
	if !ok {
		return nil, false
	}
	out := make([]float64, len(pos))
	for i := range out {
		fi := float64(i)
		den := 1 + sol[2]*fi
		if den <= 0.5 || den > 2 {
			return nil, false
		}
		out[i] = (sol[0] + sol[1]*fi) / den
	}
	return out, true
}

// solve3 solves a 3 × 3 linear system given as an augmented matrix.
func solve3(m [3][4]float64) ([3]float64, bool) {
	for c := 0; c < 3; c++ {
		p := c
		for r := c + 1; r < 3; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return [3]float64{}, false
		}
		m[c], m[p] = m[p], m[c]
		for r := 0; r < 3; r++ {
			if r != c {
				f := m[r][c] / m[c][c]
				for k := c; k < 4; k++ {
					m[r][k] -= f * m[c][k]
				}
			}
		}
	}
	return [3]float64{m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]}, true
}

// snap moves each predicted centre onto a blob's centre close to it, and
// the others by the same amount as their nearest snapped neighbours.
func snap(pos, centres []float64, pitch float64) {
	off := make([]float64, len(pos))
	known := make([]bool, len(pos))
	j := 0
	for i, p := range pos {
		for j < len(centres) && centres[j] < p-0.35*pitch {
			j++
		}
		if j < len(centres) && math.Abs(centres[j]-p) <= 0.35*pitch {
			off[i], known[i] = centres[j]-p, true
		}
	}
	for i := range pos {
		if known[i] {
			continue
		}
		l, r := i-1, i+1
		for l >= 0 && !known[l] {
			l--
		}
		for r < len(pos) && !known[r] {
			r++
		}
		switch {
		case l >= 0 && r < len(pos):
			t := float64(i-l) / float64(r-l)
			off[i] = off[l]*(1-t) + off[r]*t
		case l >= 0:
			off[i] = off[l]
		case r < len(pos):
			off[i] = off[r]
		}
	}
	for i := range pos {
		pos[i] += off[i]
	}
}

// sampleWindow fills a window with the ink around a character centred at x
// whose caps span top to top+capH, averaging 2 × 2 samples per pixel.
func sampleWindow(s *grayImg, x, top, capH float64, win *window) {
	sx := boxWide * capH / cellW
	sy := (1 + 2*capPad) * capH / cellH
	x0 := x - boxWide*capH/2 - shiftX*sx
	y0 := top - capPad*capH - shiftY*sy
	for wy := 0; wy < cellH+2*shiftY; wy++ {
		for wx := 0; wx < winW; wx++ {
			v := 0.0
			for _, o := range [4][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}} {
				v += s.at(x0+(float64(wx)+o[0])*sx, y0+(float64(wy)+o[1])*sy)
			}
			win[wy*winW+wx] = 255 - v/4
		}
	}
}

// fitLine fits y = a + b·x by least squares, then again without the points
// furthest off (a descender of a stain, a merged pair).
func fitLine(xs, ys []float64) (a, b float64) {
	fit := func(use []bool) (float64, float64) {
		var n, sx, sy, sxx, sxy float64
		for i := range xs {
			if !use[i] {
				continue
			}
			n++
			sx += xs[i]
			sy += ys[i]
			sxx += xs[i] * xs[i]
			sxy += xs[i] * ys[i]
		}
		den := n*sxx - sx*sx
		if n < 2 || den == 0 {
			return sy / math.Max(n, 1), 0
		}
		b := (n*sxy - sx*sy) / den
		return (sy - b*sx) / n, b
	}
	use := make([]bool, len(xs))
	for i := range use {
		use[i] = true
	}
	a, b = fit(use)
	var res []float64
	for i := range xs {
		res = append(res, math.Abs(ys[i]-(a+b*xs[i])))
	}
	limit := math.Max(1.5, 2*median(res))
	for i := range xs {
		use[i] = res[i] <= limit
	}
	return fit(use)
}
