package scantest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

// Hostile files: small on disk, built by hand so that tests can show each
// class of attack without storing it.

// BoxPDF is a one-page PDF whose page dictionary holds box (for example
// "/MediaBox [0 0 0 0]") and any further entries in extra, with a content
// stream that draws a line (so the page is not empty). When inherit is set
// the box sits on the page tree node instead of the page.
func BoxPDF(box, extra string, inherit bool) []byte {
	content := "0 0 m 100 100 l S"
	pages := "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	page := fmt.Sprintf("<< /Type /Page /Parent 2 0 R %s %s /Contents 4 0 R >>", box, extra)
	if inherit {
		pages = fmt.Sprintf("<< /Type /Pages /Kids [3 0 R] /Count 1 %s >>", box)
		page = fmt.Sprintf("<< /Type /Page /Parent 2 0 R %s /Contents 4 0 R >>", extra)
	}
	return HandPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		pages,
		page,
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	)
}

// ManyPagesPDF is a PDF of n A4 pages that share one content stream.
func ManyPagesPDF(n int) []byte {
	var kids strings.Builder
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	content := "0 0 m 100 100 l S"
	objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", len(objs)+1)
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)
	return HandPDF(objs...)
}

// ContentBombPDF is a one-page A4 PDF whose content stream inflates to
// inflated bytes of white space (Flate compresses it about a thousand
// times): a decompression bomb in the page itself.
func ContentBombPDF(inflated int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<16)
	zw.Write([]byte("0 0 m 100 100 l S\n"))
	for left := inflated; left > 0; left -= len(chunk) {
		zw.Write(chunk[:min(left, len(chunk))])
	}
	zw.Close()
	return HandPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
	)
}

// ActivePDF is a one-page A4 PDF with active content of every common
// kind: document JavaScript in the Names tree, an open action and a page
// action running JavaScript, a link annotation launching a program and one
// opening a web address, an embedded .exe in the EmbeddedFiles tree and as
// a file attachment annotation, and an AcroForm with an XFA part.
func ActivePDF() []byte {
	content := "BT /F1 14 Tf 72 760 Td (Invoice) Tj ET"
	exe := "MZ\x90\x00this program cannot be run in DOS mode"
	return HandPDF(
		// 1 catalog
		"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 6 0 R /EmbeddedFiles 8 0 R >> "+
			"/OpenAction 7 0 R /AA << /WC 7 0 R >> /AcroForm << /Fields [] /XFA 13 0 R >> >>",
		// 2 pages
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		// 3 page
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "+
			"/Contents 5 0 R /Annots [11 0 R 12 0 R 14 0 R] /AA << /O 7 0 R >> >>",
		// 4 font
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		// 5 content
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		// 6 JavaScript name tree
		"<< /Names [(run) 7 0 R] >>",
		// 7 JavaScript action
		"<< /Type /Action /S /JavaScript /JS (app.alert\\('hello'\\);) >>",
		// 8 EmbeddedFiles name tree
		"<< /Names [(setup.exe) 9 0 R] >>",
		// 9 file specification
		"<< /Type /Filespec /F (setup.exe) /UF (setup.exe) /EF << /F 10 0 R >> >>",
		// 10 embedded file
		fmt.Sprintf("<< /Type /EmbeddedFile /Length %d >>\nstream\n%s\nendstream", len(exe), exe),
		// 11 link launching a program
		"<< /Type /Annot /Subtype /Link /Rect [72 700 200 720] /Border [0 0 0] "+
			"/A << /Type /Action /S /Launch /F (cmd.exe) >> >>",
		// 12 link to a web address
		"<< /Type /Annot /Subtype /Link /Rect [72 650 200 670] /Border [0 0 0] "+
			"/A << /Type /Action /S /URI /URI (http://example.invalid/x) >> >>",
		// 13 XFA
		"<< /Length 7 >>\nstream\n<xdp/>\n\nendstream",
		// 14 file attachment annotation
		"<< /Type /Annot /Subtype /FileAttachment /Rect [72 600 90 620] /FS 9 0 R /Name /PushPin >>",
	)
}

// ProgressiveJPEG is a grey w×h progressive JPEG (w and h multiples of 8)
// made of a DC scan followed by scans-1 AC scans that each code every block
// as empty: a valid picture whose decoding costs one pass over all blocks
// per scan. Many scans make a CPU bomb.
func ProgressiveJPEG(w, h, scans int) []byte {
	return handJPEG(0xC2, w, h, scans)
}

// ArithmeticJPEG is a grey JPEG whose frame header says arithmetic coding
// (SOF9): few programs can show it. Its scan data is not valid arithmetic
// code; only the header matters to a check that refuses it unread.
func ArithmeticJPEG(w, h int) []byte {
	return handJPEG(0xC9, w, h, 1)
}

// SOFJPEG is like ArithmeticJPEG with any frame marker (0xC0–0xCF).
func SOFJPEG(sof byte, w, h int) []byte {
	return handJPEG(sof, w, h, 1)
}

func handJPEG(sof byte, w, h, scans int) []byte {
	var b bytes.Buffer
	seg := func(m byte, p []byte) {
		b.Write([]byte{0xFF, m})
		binary.Write(&b, binary.BigEndian, uint16(len(p)+2))
		b.Write(p)
	}
	b.Write([]byte{0xFF, 0xD8})
	q := make([]byte, 65)
	for i := 1; i < 65; i++ {
		q[i] = 1
	}
	seg(0xDB, q)
	seg(sof, []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0})
	// One code of length 1 in each table: DC difference category 0, and
	// AC "end of block" (run of one block).
	dht := func(class byte, sym byte) []byte {
		p := []byte{class << 4}
		counts := make([]byte, 16)
		counts[0] = 1
		return append(append(p, counts...), sym)
	}
	seg(0xC4, dht(0, 0x00))
	seg(0xC4, dht(1, 0x00))
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	// Every code is a single 0 bit; the last byte is padded with 1 bits.
	data := func(bits int) []byte {
		d := make([]byte, (bits+7)/8)
		if pad := bits % 8; pad != 0 {
			d[len(d)-1] = byte(0xFF >> pad)
		}
		return d
	}
	if sof != 0xC2 {
		seg(0xDA, []byte{1, 1, 0x00, 0, 63, 0})
		b.Write(data(2 * blocks)) // DC category 0, then end of block
	} else {
		for s := 0; s < scans; s++ {
			if s == 0 {
				seg(0xDA, []byte{1, 1, 0x00, 0, 0, 0})
			} else {
				seg(0xDA, []byte{1, 1, 0x00, 1, 63, 0})
			}
			b.Write(data(blocks))
		}
	}
	b.Write([]byte{0xFF, 0xD9})
	return b.Bytes()
}

// PNGBomb is a grey w×h PNG of zero pixels with the given colour type (0
// grey, 2 RGB, 6 RGBA) and 8 bits per sample, compressed to almost nothing
// and written as a stream, so that a huge one costs no memory to make.
func PNGBomb(out io.Writer, w, h, colorType int) error {
	chunk := func(typ string, data []byte) error {
		var hdr [8]byte
		binary.BigEndian.PutUint32(hdr[:], uint32(len(data)))
		copy(hdr[4:], typ)
		crc := crc32.NewIEEE()
		crc.Write(hdr[4:])
		crc.Write(data)
		if _, err := out.Write(hdr[:]); err != nil {
			return err
		}
		if _, err := out.Write(data); err != nil {
			return err
		}
		return binary.Write(out, binary.BigEndian, crc.Sum32())
	}
	if _, err := out.Write([]byte("\x89PNG\r\n\x1a\n")); err != nil {
		return err
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, byte(colorType)
	if err := chunk("IHDR", ihdr); err != nil {
		return err
	}
	bpp := map[int]int{0: 1, 2: 3, 4: 2, 6: 4}[colorType]
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := make([]byte, 1+w*bpp)
	for y := 0; y < h; y++ {
		zw.Write(row)
		if z.Len() > 1<<20 {
			if err := chunk("IDAT", z.Bytes()); err != nil {
				return err
			}
			z.Reset()
		}
	}
	zw.Close()
	if err := chunk("IDAT", z.Bytes()); err != nil {
		return err
	}
	return chunk("IEND", nil)
}
