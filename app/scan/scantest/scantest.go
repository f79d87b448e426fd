// Package scantest makes scan-like files for tests in other packages: pages
// that pass validation as a clerk's scan would, generated instead of stored.
package scantest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
)

// TextPage returns a readable A4 page at 200 dpi as JPEG: off-white paper
// with dark lines of text-like marks.
func TextPage() []byte {
	img := image.NewGray(image.Rect(0, 0, 1654, 2339))
	for i := range img.Pix {
		img.Pix[i] = 248
	}
	for y := 200; y < 2100; y += 60 {
		for x := 150; x < 1500; x++ {
			if (x/9+y/60)%4 != 0 {
				for dy := 0; dy < 16; dy++ {
					img.SetGray(x, y+dy, color.Gray{Y: 25})
				}
			}
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		panic(err) // encoding to memory cannot fail
	}
	return b.Bytes()
}

// HEICHeader is the start of an iPhone HEIC photo: enough for type sniffing,
// which must refuse it by name whatever the file is called.
var HEICHeader = []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")

// HandPDF writes a small PDF from object bodies (object i+1 = objs[i]), with
// a correct cross-reference table; object 1 must be the catalog.
func HandPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TypedPDF is a one-page A4 PDF of text only, as an office program saves a
// typed document.
func TypedPDF() []byte {
	content := "BT /F1 14 Tf 72 760 Td (Employment contract No. 17) Tj ET"
	return HandPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	)
}
