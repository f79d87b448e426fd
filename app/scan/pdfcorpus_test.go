package scan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"dossier/app/pdfkit"
	"dossier/app/scan/scantest"
)

// pdfOfImages makes a PDF with one A4 page per image, each image scaled to
// fill the page (as a scanner's "save as PDF" does).
func pdfOfImages(t testing.TB, imgs ...[]byte) []byte {
	t.Helper()
	var rs []io.Reader
	for _, b := range imgs {
		rs = append(rs, bytes.NewReader(b))
	}
	out, err := pdfkit.ImagesToPDF(context.Background(), rs, "formsize:A4, position:c, scalefactor:1.0 rel")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// encryptPDF protects a PDF; an empty user password makes an
// owner-password-only file that opens without a password.
func encryptPDF(t testing.TB, pdf []byte, userPW, ownerPW string) []byte {
	t.Helper()
	out, err := pdfkit.Encrypt(context.Background(), pdf, userPW, ownerPW, true)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// handPDF and textPDF: see scantest.
var handPDF, textPDF = scantest.HandPDF, scantest.TypedPDF

func zeroPagePDF() []byte {
	return handPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
	)
}

// breakStartxref points startxref at a wrong offset: the kind of damage
// readers repair by scanning the file for objects.
func breakStartxref(pdf []byte) []byte {
	s := string(pdf)
	i := strings.LastIndex(s, "startxref")
	if i < 0 {
		return pdf
	}
	return []byte(s[:i] + "startxref\n17\n%%EOF\n")
}

// letterheadPDF is a made document: text in a font over a full-page
// background image of low resolution (a letterhead or watermark).
func letterheadPDF(jpg []byte, w, h int) []byte {
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q BT /F1 14 Tf 72 760 Td (Certificate of registration) Tj ET"
	return handPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", w, h, len(jpg), jpg),
	)
}

// danglingPagePDF is well-formed on the outside (a correct cross-reference
// table) but its page tree points at an object that does not exist.
func danglingPagePDF() []byte {
	return handPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	)
}

// twoPagesSecondEmpty is a made document whose second page draws nothing.
func twoPagesSecondEmpty() []byte {
	content := "BT /F1 14 Tf 72 760 Td (Page one) Tj ET"
	return handPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>",
		"<< /Length 2 >>\nstream\n  \nendstream",
	)
}
