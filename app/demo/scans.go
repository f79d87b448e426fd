package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Sample scans are drawn at demo time, not shipped: a passport data page and
// a contract page, light enough (tens of KB) to keep the demo quick, real
// enough (JPEG, a one-page PDF around a JPEG) for validation and building.

var (
	paper = color.Gray{Y: 246}
	ink   = color.Gray{Y: 40}
	faint = color.Gray{Y: 190}
)

// writeText draws ASCII text at (x, y) scaled by k (the 7×13 bitmap font is
// tiny on a 100-dpi page).
func writeText(img draw.Image, x, y, k int, s string) {
	w := 7 * len(s)
	small := image.NewGray(image.Rect(0, 0, w, 13))
	draw.Draw(small, small.Bounds(), image.NewUniform(color.Gray{Y: 255}), image.Point{}, draw.Src)
	d := font.Drawer{Dst: small, Src: image.NewUniform(color.Gray{Y: 0}), Face: basicfont.Face7x13,
		Dot: fixed.P(0, 11)}
	d.DrawString(s)
	for sy := 0; sy < 13; sy++ {
		for sx := 0; sx < w; sx++ {
			if small.GrayAt(sx, sy).Y < 128 {
				draw.Draw(img, image.Rect(x+sx*k, y+sy*k, x+(sx+1)*k, y+(sy+1)*k), image.NewUniform(ink), image.Point{}, draw.Src)
			}
		}
	}
}

func fill(img draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// encodeJPEG encodes img and records its resolution in a JFIF header, as a
// scanner does: without it a small page (a passport) reads as a low-resolution
// A4 sheet and validation rightly refuses it.
func encodeJPEG(img image.Image, dpi int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 || (b[2] == 0xFF && b[3] == 0xE0) {
		return b, nil // already has a JFIF header: keep what the encoder wrote
	}
	app0 := []byte{0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x01,
		byte(dpi >> 8), byte(dpi), byte(dpi >> 8), byte(dpi), 0x00, 0x00}
	out := make([]byte, 0, len(b)+len(app0))
	out = append(out, b[:2]...)
	out = append(out, app0...)
	return append(out, b[2:]...), nil
}

// passportScan draws a passport data page (about 125 × 88 mm at 200 dpi).
func passportScan(name, number, birth, expiry, country string) ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 984, 693))
	fill(img, img.Bounds(), paper)
	fill(img, image.Rect(30, 30, 954, 90), faint)
	writeText(img, 45, 40, 3, "PASSPORT  "+country)
	fill(img, image.Rect(45, 130, 305, 470), color.Gray{Y: 150}) // photo
	fill(img, image.Rect(120, 190, 230, 300), color.Gray{Y: 110})
	fill(img, image.Rect(90, 310, 260, 470), color.Gray{Y: 110})
	lines := []string{"Surname / Given names", name, "Date of birth  " + birth, "Passport No.  " + number, "Date of expiry  " + expiry}
	for i, l := range lines {
		writeText(img, 340, 140+i*62, 2, l)
	}
	fill(img, image.Rect(30, 560, 954, 640), faint)
	writeText(img, 45, 575, 2, fmt.Sprintf("P<%s<<%s<<<<<<<<", country, number))
	return encodeJPEG(img, 200)
}

// contractPage draws the first page of an employment contract on A4 at 100 dpi.
func contractPage(employee, employer, number, start, end string) ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 827, 1169))
	fill(img, img.Bounds(), paper)
	writeText(img, 150, 80, 3, "EMPLOYMENT CONTRACT")
	writeText(img, 300, 140, 2, "No. "+number)
	writeText(img, 80, 220, 2, "Employer: "+employer)
	writeText(img, 80, 260, 2, "Employee: "+employee)
	writeText(img, 80, 300, 2, "Term: "+start+" - "+end)
	for y := 360; y < 1000; y += 28 {
		fill(img, image.Rect(80, y, 747-(y*37)%160, y+6), faint) // body text, as grey bars
	}
	fill(img, image.Rect(80, 1060, 330, 1063), ink)
	fill(img, image.Rect(497, 1060, 747, 1063), ink)
	return encodeJPEG(img, 100)
}

// jpegPDF wraps a JPEG as the only page of an A4 PDF. The JPEG is embedded as
// it is (DCTDecode), the way scanners write PDFs.
func jpegPDF(jpg []byte, pxW, pxH int) []byte {
	var b bytes.Buffer
	offsets := []int{}
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	const w, h = 595, 842 // A4 in points
	content := []byte(fmt.Sprintf("q %d 0 0 %d 0 0 cm /Im0 Do Q", w, h))
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", nil)
	obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", w, h), nil)
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", pxW, pxH, len(jpg)), jpg)
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}
