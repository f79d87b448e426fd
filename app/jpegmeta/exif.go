package jpegmeta

import (
	"bytes"
	"encoding/binary"
)

// EXIF is what Dossier reads from an EXIF block.
type EXIF struct {
	Orientation int // 1–8, 0 when absent or out of range
	GPS         bool
	DPI         int // XResolution in dots per inch, 0 when absent
}

// exifHeader starts the payload of an APP1 segment that holds EXIF.
var exifHeader = []byte("Exif\x00")

// IsEXIF reports whether an APP1 payload is an EXIF block.
func IsEXIF(app1 []byte) bool { return bytes.HasPrefix(app1, exifHeader) }

// ReadAPP1 reads an APP1 segment's payload; ok is false when it is not EXIF.
func ReadAPP1(app1 []byte) (e EXIF, ok bool) {
	if !IsEXIF(app1) {
		return e, false
	}
	if len(app1) <= 6 {
		return e, true
	}
	return ReadEXIF(app1[6:]), true
}

// ReadEXIF reads the orientation, the resolution and whether a GPS block is
// present from a TIFF-structured EXIF block (the APP1 payload after
// "Exif\0\0"). Anything inconsistent gives zero values.
func ReadEXIF(t []byte) (e EXIF) {
	if len(t) < 8 {
		return e
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return e
	}
	if bo.Uint16(t[2:]) != 42 {
		return e
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return e
	}
	n := int(bo.Uint16(t[off:]))
	var xres float64
	unit := 2 // inches, the EXIF default
	for i := 0; i < n && i < 512; i++ {
		p := off + 2 + 12*i
		if p+12 > len(t) {
			break
		}
		tag := bo.Uint16(t[p:])
		typ := bo.Uint16(t[p+2:])
		switch tag {
		case 0x0112: // Orientation: SHORT by the standard, LONG from some writers
			v := 0
			switch typ {
			case 3:
				v = int(bo.Uint16(t[p+8:]))
			case 4:
				v = int(bo.Uint32(t[p+8:]))
			}
			if v >= 1 && v <= 8 {
				e.Orientation = v
			}
		case 0x011A: // XResolution, RATIONAL stored at an offset
			if typ == 5 {
				if r := int(bo.Uint32(t[p+8:])); r >= 8 && r+8 <= len(t) {
					num, den := bo.Uint32(t[r:]), bo.Uint32(t[r+4:])
					if den != 0 {
						xres = float64(num) / float64(den)
					}
				}
			}
		case 0x0128: // ResolutionUnit, SHORT: 2 inch, 3 centimetre
			if typ == 3 {
				unit = int(bo.Uint16(t[p+8:]))
			}
		case 0x8825: // GPS IFD pointer
			if g := int(bo.Uint32(t[p+8:])); g >= 8 && g+2 <= len(t) {
				e.GPS = bo.Uint16(t[g:]) > 0
			}
		}
	}
	switch unit {
	case 2:
		e.DPI = int(xres + 0.5)
	case 3:
		e.DPI = int(xres*2.54 + 0.5)
	}
	if e.DPI < 0 || e.DPI > 100000 {
		e.DPI = 0
	}
	return e
}
