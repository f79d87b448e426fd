package bundle

// INTERIM — to be replaced by scan validation's plan.
//
// When a File arrives without Fixes (the pack command, before scan
// validation exists), the builder decides the fixes itself here, in the
// smallest way that works: the JPEG header's EXIF orientation, colour model
// and metadata, the PNG header's bit depth and colour type, and the PDF
// trailer's encryption. Scan validation hands the builder a Plan for every
// file from its cache (FixesFromPlan turns it into File.Fixes); once the
// callers pass it, this file goes away.

import (
	"bytes"
	"encoding/binary"
)

func inspect(s *source) Fixes {
	var f Fixes
	switch s.kind {
	case KindJPEG:
		if s.jpeg.Orientation > 1 {
			f.Orientation = s.jpeg.Orientation
		}
		if s.jpeg.Components == 4 {
			f.CMYKToRGB = true
		}
		if s.jpeg.Metadata > 0 {
			f.StripMetadata = true
		}
	case KindPNG:
		depth, colorType, ok := pngHeader(s.data)
		if ok {
			f.To8Bit = depth == 16
			f.FlattenAlpha = colorType == 4 || colorType == 6 || pngHasTransparency(s.data)
		}
	case KindPDF:
		f.Decrypt = pdfEncrypted(s.data)
	}
	return f
}

// pngHeader reads bit depth and colour type from the IHDR chunk.
func pngHeader(b []byte) (depth, colorType int, ok bool) {
	if len(b) < 33 || string(b[12:16]) != "IHDR" {
		return 0, 0, false
	}
	return int(b[24]), int(b[25]), true
}

// pngHasTransparency looks for a tRNS chunk before the image data.
func pngHasTransparency(b []byte) bool {
	i := 8
	for i+8 <= len(b) {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		if typ == "tRNS" {
			return true
		}
		if typ == "IDAT" || n < 0 || n > len(b) {
			return false
		}
		i += 12 + n
	}
	return false
}

// pdfEncrypted reports an /Encrypt entry in the (last) trailer or xref
// stream dictionary, the sign of an encrypted PDF. (readPDF decides for
// itself from what pdfcpu finds; this only fills the Fixes.)
func pdfEncrypted(b []byte) bool {
	tail := b
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	return bytes.Contains(tail, []byte("/Encrypt"))
}
