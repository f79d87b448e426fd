package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"dossier/app/mrz"
	"dossier/assets/fonts"
)

// The evaluation pages are drawn in the sharp outline of OCR-B (OCRBS.otf of
// Debian's fonts-ocr-b), while the reader's templates come from the round
// regular outline (OCRB.otf): the reader never sees the exact shapes it was
// made from.
const evalFont = "/usr/share/fonts/opentype/ocr-b/OCRBS.otf"

// truth is what a page holds, written beside it.
type truth struct {
	File   string            `json:"file"`
	Class  string            `json:"class"` // flatbed, phone
	Kind   string            `json:"kind"`  // mrz, none, fake, specimen
	Half   string            `json:"half"`  // tune, report
	Lines  []string          `json:"lines,omitempty"`
	Fields map[string]string `json:"fields,omitempty"`
	Params map[string]any    `json:"params"`
}

type fontSet struct {
	ocrb, sans *opentype.Font
}

func loadFonts() (*fontSet, error) {
	data, err := os.ReadFile(evalFont)
	if err != nil {
		return nil, fmt.Errorf("%w (apt-get install fonts-ocr-b)", err)
	}
	o, err := opentype.Parse(data)
	if err != nil {
		return nil, err
	}
	s, err := opentype.Parse(fonts.DejaVuSans)
	if err != nil {
		return nil, err
	}
	return &fontSet{ocrb: o, sans: s}, nil
}

var (
	surnames = []string{"IVANOV", "ABDIRAKHMANOV", "ZHOLDOSHBEKOV", "RAKHIMOV", "KAVALIOVA", "KIM", "WANG", "YILMAZ",
		"MUELLER", "SMITH", "OKONKWO", "GARCIA<LOPEZ", "NGUYEN", "SULEIMENOV", "TOKTOGULOV", "KHODJAEV", "PETROVA",
		"OCONNOR", "VAN<DER<BERG", "DOSMUKHAMEDOV", "LI", "SINGH", "KOWALSKI", "ERIKSSON", "BAYRAMOV", "HAKOBYAN"}
	givens = []string{"IVAN", "NURLAN", "NURBEK", "FARRUKH", "VOLHA", "MIN<JUN", "WEI", "AYSE", "HANS<PETER", "JOHN",
		"CHIDI", "MARIA<JOSE", "AN", "AIGERIM", "BAKYT", "DILSHOD", "OLGA", "SEAN", "JOHANNA<WILHELMINA", "XIAO",
		"ARJUN", "PIOTR", "ANNA<MARIA", "ELNUR", "ARAM", "SHERZOD", "GULNARA"}
	states = []string{"KAZ", "UZB", "KGZ", "TJK", "RUS", "CHN", "TUR", "D<<", "GBR", "IND", "BLR", "UKR", "AZE", "ARM",
		"GEO", "KOR", "USA", "FRA", "POL", "VNM", "NGA", "ESP", "TKM", "MNG", "XXA"}
)

const mrzChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func digit(s string) string {
	d, _ := mrz.CheckDigit(s)
	return string(d)
}

func pad(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s + strings.Repeat("<", n-len(s))
}

// identity makes a TD3 zone with every check digit right.
func identity(r *rand.Rand) []string {
	names := pick(r, surnames) + "<<" + pick(r, givens)
	if r.IntN(4) == 0 {
		names += "<" + pick(r, givens)
	}
	line1 := "P<" + pick(r, states) + pad(names, 39)
	num := ""
	letters := r.IntN(3)
	for i := 0; i < 9; i++ {
		if i < letters {
			num += string(rune('A' + r.IntN(26)))
		} else {
			num += string(rune('0' + r.IntN(10)))
		}
	}
	if r.IntN(8) == 0 {
		num = num[:7] + "<<"
	}
	date := func(y0, y1 int) string {
		y := y0 + r.IntN(y1-y0+1)
		return fmt.Sprintf("%02d%02d%02d", y%100, 1+r.IntN(12), 1+r.IntN(28))
	}
	birth := date(1950, 2008)
	expiry := date(2025, 2036)
	sex := pick(r, []string{"M", "F", "M", "F", "<"})
	opt := strings.Repeat("<", 14)
	if r.IntN(2) == 0 {
		p := ""
		for i := 0; i < 8+r.IntN(6); i++ {
			p += string(mrzChars[r.IntN(36)])
		}
		opt = pad(p, 14)
	}
	optCheck := digit(opt)
	if strings.Trim(opt, "<") == "" && r.IntN(2) == 0 {
		optCheck = "<"
	}
	nat := pick(r, states)
	line2 := pad(num, 9) + digit(pad(num, 9)) + nat + birth + digit(birth) + sex + expiry + digit(expiry) + opt + optCheck
	line2 += digit(line2[0:10] + line2[13:20] + line2[21:43])
	return []string{line1, line2}
}

// cardNumber is a nine-character document number, letters first.
func cardNumber(r *rand.Rand) string {
	num := ""
	letters := r.IntN(3)
	for i := 0; i < 9; i++ {
		if i < letters {
			num += string(rune('A' + r.IntN(26)))
		} else {
			num += string(rune('0' + r.IntN(10)))
		}
	}
	return num
}

// cardIdentity makes an identity card's zone with every check digit right:
// TD1 (3 × 30) three times in four, else TD2 (2 × 36).
func cardIdentity(r *rand.Rand) []string {
	names := pick(r, surnames) + "<<" + pick(r, givens)
	date := func(y0, y1 int) string {
		y := y0 + r.IntN(y1-y0+1)
		return fmt.Sprintf("%02d%02d%02d", y%100, 1+r.IntN(12), 1+r.IntN(28))
	}
	num, birth, expiry := cardNumber(r), date(1950, 2008), date(2025, 2036)
	sex := pick(r, []string{"M", "F", "M", "F", "<"})
	state, nat := pick(r, states), pick(r, states)
	if r.IntN(4) == 0 {
		opt := strings.Repeat("<", 7)
		l2 := num + digit(num) + nat + birth + digit(birth) + sex + expiry + digit(expiry) + opt
		l2 += digit(l2[0:10] + l2[13:20] + l2[21:35])
		return []string{pad("I<"+state+names, 36), l2}
	}
	opt1 := pad(fmt.Sprintf("%d", r.IntN(1000000)), 15)
	l1 := "I<" + state + num + digit(num) + opt1
	opt2 := strings.Repeat("<", 11)
	l2 := birth + digit(birth) + sex + expiry + digit(expiry) + nat + opt2
	l2 += digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
	return []string{l1, l2, pad(names, 30)}
}

// fakeZone is MRZ-like text whose check digits fail.
func fakeZone(r *rand.Rand) []string {
	z := identity(r)
	b := []byte(z[1])
	for _, i := range []int{9, 19, 27, 43} {
		b[i] = byte('0' + (int(b[i]-'0')+1+r.IntN(8))%10)
		if b[i] < '0' || b[i] > '9' {
			b[i] = '7'
		}
	}
	return []string{z[0], string(b)}
}

// pageSpec is one page's random draw.
type pageSpec struct {
	class, kind string
	lines       []string
	dpi         float64 // the passport page's resolution in the output
	blur        float64 // Gaussian sigma in output pixels
	quality     int
	skew        float64 // degrees
	turn        int     // 0, 90, 180, 270, clockwise
	exif        int     // EXIF orientation written (1: none)
	persp       float64 // corner displacement, share of the page size
	light       float64 // depth of the uneven light, 0–1
	weight      float64 // ink gamma: <1 bolder, >1 lighter
	capMM       float64
	pitchMM     float64
	pageW       float64 // the document's size in mm
	pageH       float64
	outW, outH  int
	png         bool
}

func drawSpec(r *rand.Rand, class, kind string) pageSpec {
	u := func(a, b float64) float64 { return a + r.Float64()*(b-a) }
	s := pageSpec{class: class, kind: kind, quality: 30 + r.IntN(66), skew: u(-5, 5), light: u(0, 0.5),
		weight: u(0.7, 1.4), capMM: u(2.2, 2.5), pitchMM: 2.54 * u(0.98, 1.02), exif: 1}
	if r.IntN(4) == 0 {
		s.turn = 180
	}
	switch class {
	case "flatbed", "card":
		s.dpi = u(150, 600)
		s.blur = u(0, 1.5) * s.dpi / 300
		s.light = u(0, 0.15)
		if r.IntN(10) == 0 {
			s.turn = 90
		}
		if r.IntN(5) == 0 {
			s.png = true
		}
	case "phone":
		s.outW, s.outH = 3000+r.IntN(1000), 0
		s.outH = s.outW * 3 / 4
		s.persp = u(0, 0.05)
		// The page fills 55–90 % of the frame's width.
		s.dpi = float64(s.outW) * u(0.55, 0.9) / (125 / 25.4)
		s.blur = u(0, 1.5) * s.dpi / 300
		if r.IntN(5) == 0 {
			s.exif = pick(r, []int{6, 8, 3})
		}
	}
	return s
}

// Page geometry in millimetres (ICAO TD3 data page); cards set their own.
const pageWmm, pageHmm = 125.0, 88.0

// renderPage draws the flat data page at the spec's resolution: paper with
// a light pattern, a photo, labelled data in a sans font and the zone.
func renderPage(r *rand.Rand, fs *fontSet, s pageSpec) (*image.Gray, error) {
	px := func(mm float64) float64 { return mm * s.dpi / 25.4 }
	w, h := int(px(s.pageW)), int(px(s.pageH))
	img := image.NewGray(image.Rect(0, 0, w, h))
	base := 215 + r.IntN(30)
	f1, f2 := u2(r, 0.5, 2), u2(r, 0.5, 2)
	for y := 0; y < h; y++ {
		phase := 3 * math.Sin(float64(y)/s.dpi*25.4*f2*0.7)
		for x := 0; x < w; x++ {
			v := float64(base) + 10*fastSin(float64(x)/s.dpi*25.4*f1+phase) + float64(r.IntN(11)-5)
			img.Pix[y*w+x] = clamp8(v)
		}
	}
	// Photo.
	for y := int(px(14)); y < int(px(min(58, s.pageH-24))); y++ {
		for x := int(px(6)); x < int(px(38)); x++ {
			v := 120 + 60*math.Sin(float64(x)/px(8))*math.Cos(float64(y)/px(11))
			img.Pix[y*w+x] = clamp8(v)
		}
	}
	// Labels and values.
	sans, err := opentype.NewFace(fs.sans, &opentype.FaceOptions{Size: px(2.2) / 0.73, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	small, err := opentype.NewFace(fs.sans, &opentype.FaceOptions{Size: px(1.3) / 0.73, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	ink := image.NewUniform(color.Gray{Y: uint8(30 + r.IntN(40))})
	labels := []string{"Surname / Nom", "Given names / Prénoms", "Nationality / Nationalité", "Date of birth / Date de naissance",
		"Sex / Sexe", "Place of birth", "Date of issue", "Date of expiry / Date d'expiration", "Authority"}
	values := []string{"IVANOV", "Nurlan Bakyt", "KAZAKHSTAN", "12 APR 1985", "M", "ALMATY", "03 MAR 2021", "02 MAR 2031", "MVD 12"}
	d := &font.Drawer{Dst: img, Src: ink}
	y := px(12)
	for i := range labels {
		d.Face = small
		d.Dot = fixed.P(int(px(42)), int(y))
		d.DrawString(labels[i])
		d.Face = sans
		d.Dot = fixed.P(int(px(42)), int(y+px(3.6)))
		d.DrawString(values[(i+r.IntN(3))%len(values)])
		y += px(6.3)
		if y > px(min(62, s.pageH-20)) {
			break
		}
	}
	d.Face = sans
	d.Dot = fixed.P(int(px(6)), int(px(8)))
	d.DrawString("PASSPORT   PASSEPORT   P   " + []string{"KAZ", "UZB", "UTO", "D"}[r.IntN(4)])
	if len(s.lines) == 0 {
		return img, nil
	}
	// The zone: OCR-B at the drawn cap height, placed at the ICAO pitch,
	// its ink thickened or thinned by the gamma.
	face, err := opentype.NewFace(fs.ocrb, &opentype.FaceOptions{Size: px(s.capMM) / 0.7, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	mask := image.NewAlpha(img.Bounds())
	md := &font.Drawer{Dst: mask, Src: image.Opaque, Face: face}
	adv := font.MeasureString(face, "A")
	left := px(6 + r.Float64())
	base2 := px(s.pageH - 5.2 - r.Float64())
	lineGap := px(4.0 + 0.4*r.Float64())
	for li, line := range s.lines {
		yb := base2 - float64(len(s.lines)-1-li)*lineGap
		for i := 0; i < len(line); i++ {
			x := left + float64(i)*px(s.pitchMM)
			md.Dot = fixed.Point26_6{X: fixed.Int26_6(x*64) - adv/2 + fixed.I(int(px(s.pitchMM)/2)), Y: fixed.Int26_6(yb * 64)}
			md.DrawString(string(line[i]))
		}
	}
	dark := float64(15 + r.IntN(50))
	for i, a := range mask.Pix {
		if a == 0 {
			continue
		}
		t := math.Pow(float64(a)/255, s.weight)
		img.Pix[i] = clamp8(float64(img.Pix[i])*(1-t) + dark*t)
	}
	return img, nil
}

var sinTable = func() (t [4096]float64) {
	for i := range t {
		t[i] = math.Sin(2 * math.Pi * float64(i) / 4096)
	}
	return t
}()

func fastSin(x float64) float64 {
	i := int(x/(2*math.Pi)*4096) % 4096
	if i < 0 {
		i += 4096
	}
	return sinTable[i]
}

func u2(r *rand.Rand, a, b float64) float64 { return a + r.Float64()*(b-a) }

func clamp8(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v + 0.5)
}

// compose places the page in the output picture: on a scanner's white lid
// with a margin, or in a photo on a desk, turned, skewed and (photos) seen
// in perspective; then light, blur and noise.
func compose(r *rand.Rand, page *image.Gray, s pageSpec) *image.Gray {
	pw, ph := float64(page.Rect.Dx()), float64(page.Rect.Dy())
	var ow, oh int
	var bg float64
	if s.class != "phone" { // flatbed-like: passports and cards
		m := (8 + r.Float64()*20) * s.dpi / 25.4
		ow, oh = int(pw+2*m), int(ph+2*m)
		bg = 245
	} else {
		ow, oh = s.outW, s.outH
		bg = 60 + r.Float64()*120
	}
	turn := s.turn
	if turn == 90 || turn == 270 {
		ow, oh = oh, ow
	}
	// Page corners in the output, then the inverse map by a homography.
	ang := (s.skew + float64(turn)) * math.Pi / 180
	cx, cy := float64(ow)/2+r.NormFloat64()*float64(ow)*0.02, float64(oh)/2+r.NormFloat64()*float64(oh)*0.02
	corner := func(u, v float64) [2]float64 {
		x, y := (u-0.5)*pw, (v-0.5)*ph
		return [2]float64{cx + x*math.Cos(ang) - y*math.Sin(ang), cy + x*math.Sin(ang) + y*math.Cos(ang)}
	}
	src := [4][2]float64{{0, 0}, {pw, 0}, {pw, ph}, {0, ph}}
	dst := [4][2]float64{corner(0, 0), corner(1, 0), corner(1, 1), corner(0, 1)}
	for i := range dst {
		dst[i][0] += r.NormFloat64() * s.persp * pw / 2
		dst[i][1] += r.NormFloat64() * s.persp * ph / 2
	}
	hm := homography(dst, src) // output → page
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	lx, ly := r.Float64()*2-1, r.Float64()*2-1
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			den := hm[6]*fx + hm[7]*fy + hm[8]
			u := (hm[0]*fx + hm[1]*fy + hm[2]) / den
			v := (hm[3]*fx + hm[4]*fy + hm[5]) / den
			val := bg
			if u >= 0 && v >= 0 && u < pw-1 && v < ph-1 {
				val = bilinear(page, u, v)
			}
			// Uneven light: a tilted plane of light and a vignette.
			nx, ny := fx/float64(ow)-0.5, fy/float64(oh)-0.5
			light := 1 - s.light*(0.5+0.5*(lx*nx+ly*ny)*2) - s.light*0.6*(nx*nx+ny*ny)
			out.Pix[y*ow+x] = clamp8(val*light + float64(r.IntN(7)-3))
		}
	}
	if s.blur > 0.3 {
		gaussian(out, s.blur)
	}
	return out
}

func bilinear(g *image.Gray, x, y float64) float64 {
	x0, y0 := int(x), int(y)
	fx, fy := x-float64(x0), y-float64(y0)
	w := g.Rect.Dx()
	p := func(x, y int) float64 { return float64(g.Pix[y*w+x]) }
	return (p(x0, y0)*(1-fx)+p(x0+1, y0)*fx)*(1-fy) + (p(x0, y0+1)*(1-fx)+p(x0+1, y0+1)*fx)*fy
}

// homography solves for the 3 × 3 map taking the four points a onto b.
func homography(a, b [4][2]float64) [9]float64 {
	var m [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := a[i][0], a[i][1], b[i][0], b[i][1]
		m[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		m[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		for r := 0; r < 8; r++ {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k < 9; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	var h [9]float64
	for i := 0; i < 8; i++ {
		h[i] = m[i][8] / m[i][i]
	}
	h[8] = 1
	return h
}

// gaussian blurs by three box passes each way (a close, cheap stand-in for
// a Gaussian of this sigma).
func gaussian(g *image.Gray, sigma float64) {
	// Box width for three passes: w = sqrt(12σ²/3 + 1).
	r := int(math.Round((math.Sqrt(4*sigma*sigma+1) - 1) / 2))
	if r < 1 {
		r = 1
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	buf := make([]float64, max(w, h))
	line := make([]float64, max(w, h))
	pass := func(n int, get func(i int) float64, set func(i int, v float64)) {
		for i := 0; i < n; i++ {
			line[i] = get(i)
		}
		for k := 0; k < 3; k++ {
			sum := 0.0
			for i := -r; i <= r; i++ {
				sum += line[min(max(i, 0), n-1)]
			}
			for i := 0; i < n; i++ {
				buf[i] = sum / float64(2*r+1)
				sum += line[min(i+r+1, n-1)] - line[max(i-r, 0)]
			}
			copy(line[:n], buf[:n])
		}
		for i := 0; i < n; i++ {
			set(i, line[i])
		}
	}
	for y := 0; y < h; y++ {
		row := g.Pix[y*w : (y+1)*w]
		pass(w, func(i int) float64 { return float64(row[i]) }, func(i int, v float64) { row[i] = clamp8(v) })
	}
	for x := 0; x < w; x++ {
		pass(h, func(i int) float64 { return float64(g.Pix[i*w+x]) }, func(i int, v float64) { g.Pix[i*w+x] = clamp8(v) })
	}
}

// undoForExif turns the picture so that a viewer applying EXIF orientation
// o shows it as drawn: the file holds it the way a phone's sensor did.
func undoForExif(g *image.Gray, o int) *image.Gray {
	deg := map[int]int{3: 180, 6: 270, 8: 90}[o] // the inverse of the viewer's turn
	if deg == 0 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	dw, dh := w, h
	if deg != 180 {
		dw, dh = h, w
	}
	out := image.NewGray(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch deg {
			case 90:
				dx, dy = h-1-y, x
			case 180:
				dx, dy = w-1-x, h-1-y
			case 270:
				dx, dy = y, w-1-x
			}
			out.Pix[dy*dw+dx] = g.Pix[y*w+x]
		}
	}
	return out
}

// encode writes the picture as JPEG (with an EXIF orientation when asked)
// or PNG.
func encode(g *image.Gray, s pageSpec) ([]byte, error) {
	var buf bytes.Buffer
	if s.png {
		err := png.Encode(&buf, g)
		return buf.Bytes(), err
	}
	if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: s.quality}); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if s.exif == 1 {
		return b, nil
	}
	// APP1 "Exif": a little-endian TIFF header and one IFD entry, 0x0112.
	var t bytes.Buffer
	t.WriteString("Exif\x00\x00II*\x00")
	binary.Write(&t, binary.LittleEndian, uint32(8))
	binary.Write(&t, binary.LittleEndian, uint16(1))
	binary.Write(&t, binary.LittleEndian, [4]uint16{0x0112, 3, 1, 0})
	binary.Write(&t, binary.LittleEndian, uint32(0))
	tb := t.Bytes()
	binary.LittleEndian.PutUint16(tb[6+8+2+8:], uint16(s.exif))
	seg := append([]byte{0xFF, 0xE1, byte((len(tb) + 2) >> 8), byte(len(tb) + 2)}, tb...)
	out := append(append(append([]byte{}, b[:2]...), seg...), b[2:]...)
	return out, nil
}
