package scan

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"sync"
	"testing"

	"dossier/app/jpegmeta"
)

// corpusCase is one generated file with what the validator must say.
type corpusCase struct {
	name    string
	data    []byte
	verdict Verdict
	kind    Kind
	codes   []string // exact set of finding codes (order-free)
	// pageCodes optionally pins codes to pages: code → page (0 = whole file).
	pageCodes map[string]int
}

// exifAPP1 builds an APP1 EXIF segment with an orientation tag and,
// when gps is set, a GPS block with one entry.
func exifAPP1(orientation int, gps bool) []byte {
	le := binary.LittleEndian
	t := []byte("II*\x00\x08\x00\x00\x00")
	n := 1
	if gps {
		n = 2
	}
	ifd := make([]byte, 2+12*n+4)
	le.PutUint16(ifd, uint16(n))
	le.PutUint16(ifd[2:], 0x0112)
	le.PutUint16(ifd[4:], 3)
	le.PutUint32(ifd[6:], 1)
	le.PutUint16(ifd[10:], uint16(orientation))
	if gps {
		gpsOff := 8 + len(ifd)
		le.PutUint16(ifd[14:], 0x8825)
		le.PutUint16(ifd[16:], 4)
		le.PutUint32(ifd[18:], 1)
		le.PutUint32(ifd[22:], uint32(gpsOff))
	}
	t = append(t, ifd...)
	if gps {
		g := make([]byte, 2+12+4)
		le.PutUint16(g, 1)
		le.PutUint16(g[2:], 0x0001) // GPSLatitudeRef
		le.PutUint16(g[4:], 2)
		le.PutUint32(g[6:], 2)
		copy(g[10:], "N\x00")
		t = append(t, g...)
	}
	payload := append([]byte("Exif\x00\x00"), t...)
	seg := []byte{0xFF, mAPP1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// withSegments inserts segments right after a JPEG's SOI marker.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// setJPEGSize patches the frame header's dimensions.
func setJPEGSize(jpg []byte, w, h int) []byte {
	out := append([]byte{}, jpg...)
	_ = jpegmeta.Walk(out, func(m byte, seg, p []byte) bool {
		if jpegmeta.IsSOF(m) {
			binary.BigEndian.PutUint16(p[1:], uint16(h))
			binary.BigEndian.PutUint16(p[3:], uint16(w))
			return false
		}
		return true
	})
	return out
}

// pngHeaderOnly is a PNG signature and IHDR claiming w×h, with a token
// IDAT and IEND: a decompression-bomb header.
func pngHeaderOnly(w, h int) []byte {
	var b bytes.Buffer
	b.Write(pngSignature)
	chunk := func(typ string, data []byte) {
		var l [4]byte
		binary.BigEndian.PutUint32(l[:], uint32(len(data)))
		b.Write(l[:])
		b.WriteString(typ)
		b.Write(data)
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		binary.BigEndian.PutUint32(l[:], c.Sum32())
		b.Write(l[:])
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func zipDoc(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<w:document/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	corpusOnce  sync.Once
	corpusCache []corpusCase
)

// corpus returns every case, built once per test binary.
func corpus(t testing.TB) []corpusCase {
	corpusOnce.Do(func() { corpusCache = buildCorpus(t) })
	if corpusCache == nil {
		t.Fatal("corpus could not be built")
	}
	return corpusCache
}

// buildCorpus builds every case. Pages are small A4 scans (about 212 dpi) so
// the whole corpus checks in a second or two.
func buildCorpus(t testing.TB) []corpusCase {
	const dpi = 212
	w, h := a4px(dpi)
	page := func(seed int64) *image.Gray { return textPage(w, h, dpi, seed, 6) }
	good := encodeJPEG(t, colourScan(page(1)), 80)
	good2 := encodeJPEG(t, colourScan(page(2)), 80)

	w150, h150 := a4px(150)
	low := encodeJPEG(t, textPage(w150, h150, 150, 3, 6), 80)
	w72, h72 := a4px(72)
	tiny := encodeJPEG(t, textPage(w72, h72, 72, 4, 6), 80)

	// A phone photo stored landscape with orientation 6 (turn 90° clockwise).
	side := textPage(h, w, dpi, 5, 6)
	sideways := withSegments(encodeJPEG(t, side, 80), exifAPP1(6, true))

	paper := image.NewGray(image.Rect(0, 0, w, h))
	pr := newRNG(9)
	for i := range paper.Pix {
		paper.Pix[i] = uint8(232 + pr.intn(7))
	}
	blankJPG := encodeJPEG(t, paper, 80)

	dark := page(7)
	for i, v := range dark.Pix {
		dark.Pix[i] = v / 5
	}
	darkJPG := encodeJPEG(t, dark, 80)

	blurred := page(8)
	boxBlur(blurred, 5)
	blurJPG := encodeJPEG(t, blurred, 85)

	truncated := good[:len(good)*6/10]

	bombJPG := setJPEGSize(encodeJPEG(t, image.NewGray(image.Rect(0, 0, 16, 16)), 80), 65500, 65500)

	greyPNG := encodePNG(t, page(10))
	rgba := image.NewNRGBA(image.Rect(0, 0, w, h))
	src := page(11)
	for i, v := range src.Pix {
		a := uint8(255)
		if v > 200 {
			a = 0 // transparent paper, as a "remove background" tool leaves it
		}
		rgba.Pix[4*i], rgba.Pix[4*i+1], rgba.Pix[4*i+2], rgba.Pix[4*i+3] = v, v, v, a
	}
	alphaPNG := encodePNG(t, rgba)
	g16 := image.NewGray16(image.Rect(0, 0, w, h))
	src = page(12)
	for i, v := range src.Pix {
		g16.Pix[2*i], g16.Pix[2*i+1] = v, v
	}
	png16 := encodePNG(t, g16)
	pal := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Gray{20}, color.Gray{236}})
	src = page(13)
	for i, v := range src.Pix {
		if v > 128 {
			pal.Pix[i] = 1
		}
	}
	palPNG := encodePNG(t, pal)
	rgb := image.NewRGBA(image.Rect(0, 0, w, h))
	src = page(14)
	for i, v := range src.Pix {
		rgb.Pix[4*i], rgb.Pix[4*i+1], rgb.Pix[4*i+2], rgb.Pix[4*i+3] = v, v, v/2+100, 255
	}
	rgbPNG := encodePNG(t, rgb)

	scanPDF := pdfOfImages(t, good, good2)
	lowPDF := pdfOfImages(t, tiny)
	blankPDF := pdfOfImages(t, good, blankJPG)

	heic := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)

	return []corpusCase{
		{name: "Паспорт скан.jpg", data: good, verdict: Accept, kind: KindJPEG},
		{name: "скан 150 dpi.jpg", data: low, verdict: Warn, kind: KindJPEG, codes: []string{CodeLowDPI}},
		{name: "фото 72 dpi.jpg", data: tiny, verdict: Reject, kind: KindJPEG, codes: []string{CodeDPITooLow}},
		{name: "фото с телефона боком.jpg", data: sideways, verdict: Accept, kind: KindJPEG, codes: []string{CodeRotated, CodeGPS}},
		{name: "пустая страница.jpg", data: blankJPG, verdict: Warn, kind: KindJPEG, codes: []string{CodeBlank}},
		{name: "тёмное фото.jpg", data: darkJPG, verdict: Warn, kind: KindJPEG, codes: []string{CodeDark}},
		{name: "размытое фото.jpg", data: blurJPG, verdict: Warn, kind: KindJPEG, codes: []string{CodeBlurry}},
		{name: "обрезанный файл.jpg", data: truncated, verdict: Reject, kind: KindJPEG, codes: []string{CodeDamagedImage}},
		{name: "без метки конца.jpg", data: good[:len(good)-2], verdict: Accept, kind: KindJPEG},
		{name: "bomb 65500 x 65500.jpg", data: bombJPG, verdict: Reject, kind: KindJPEG, codes: []string{CodeTooManyPixels}},
		{name: "bomb 60000 x 60000.png", data: pngHeaderOnly(60000, 60000), verdict: Reject, kind: KindPNG, codes: []string{CodeTooManyPixels}},
		{name: "серый скан.png", data: greyPNG, verdict: Accept, kind: KindPNG},
		{name: "прозрачный фон.png", data: alphaPNG, verdict: Accept, kind: KindPNG, codes: []string{CodeAlpha}},
		{name: "16 бит.png", data: png16, verdict: Accept, kind: KindPNG, codes: []string{Code16Bit}},
		{name: "палитра.png", data: palPNG, verdict: Accept, kind: KindPNG},
		{name: "цветной.png", data: rgbPNG, verdict: Accept, kind: KindPNG},
		{name: "IMG_0042.jpg", data: heic, verdict: Reject, kind: KindHEIC, codes: []string{CodeHEIC}},
		{name: "анимация.gif", data: []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), verdict: Reject, kind: KindGIF, codes: []string{CodeUnsupported}},
		{name: "фото.webp", data: []byte("RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00"), verdict: Reject, kind: KindWebP, codes: []string{CodeUnsupported}},
		{name: "заявление.docx", data: zipDoc(t), verdict: Reject, kind: KindZIP, codes: []string{CodeUnsupported}},
		{name: "старый документ.doc", data: append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), verdict: Reject, kind: KindOffice, codes: []string{CodeUnsupported}},
		{name: "страница из браузера.pdf", data: []byte("<!DOCTYPE html>\n<html><body>Скан</body></html>"), verdict: Reject, kind: KindHTML, codes: []string{CodeUnsupported}},
		{name: "заметки.txt", data: []byte("Паспорт сдать до пятницы\n"), verdict: Reject, kind: KindText, codes: []string{CodeUnsupported}},
		{name: "пустой файл.pdf", data: nil, verdict: Reject, kind: KindEmpty, codes: []string{CodeEmpty}},
		{name: "сканер.tif", data: []byte("II*\x00\x08\x00\x00\x00\x00\x00"), verdict: Reject, kind: KindTIFF, codes: []string{CodeTIFF}},
		{name: "скан договора.pdf", data: scanPDF, verdict: Accept, kind: KindPDF},
		{name: "скан 72 dpi.pdf", data: lowPDF, verdict: Reject, kind: KindPDF, codes: []string{CodeDPITooLow}, pageCodes: map[string]int{CodeDPITooLow: 1}},
		{name: "с пустой страницей.pdf", data: blankPDF, verdict: Warn, kind: KindPDF, codes: []string{CodeBlank}, pageCodes: map[string]int{CodeBlank: 2}},
		{name: "с паролем.pdf", data: encryptPDF(t, scanPDF, "secret", "owner"), verdict: Reject, kind: KindPDF, codes: []string{CodeEncrypted}},
		{name: "только владелец.pdf", data: encryptPDF(t, scanPDF, "", "owner"), verdict: Warn, kind: KindPDF, codes: []string{CodeRestricted}},
		{name: "обрезанный.pdf", data: scanPDF[:len(scanPDF)/2], verdict: Reject, kind: KindPDF, codes: []string{CodePDFDamaged}},
		{name: "сломанная ссылка xref.pdf", data: breakStartxref(textPDF()), verdict: Warn, kind: KindPDF, codes: []string{CodePDFRepaired}},
		// pdfcpu cannot rebuild objects kept in object streams: not repairable.
		{name: "сломанный xref скана.pdf", data: breakStartxref(scanPDF), verdict: Reject, kind: KindPDF, codes: []string{CodePDFDamaged}},
		{name: "пустая вторая страница.pdf", data: twoPagesSecondEmpty(), verdict: Warn, kind: KindPDF, codes: []string{CodeBlank}, pageCodes: map[string]int{CodeBlank: 2}},
		{name: "нестандартный.pdf", data: danglingPagePDF(), verdict: Reject, kind: KindPDF, codes: []string{CodePDFNonStandard}},
		{name: "ноль страниц.pdf", data: zeroPagePDF(), verdict: Reject, kind: KindPDF, codes: []string{CodeNoPages}},
		{name: "текстовый.pdf", data: textPDF(), verdict: Accept, kind: KindPDF},
		{name: "справка на бланке.pdf", data: letterheadPDF(tiny, w72, h72), verdict: Warn, kind: KindPDF, codes: []string{CodeLowDPI}, pageCodes: map[string]int{CodeLowDPI: 1}},
	}
}
