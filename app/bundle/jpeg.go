package bundle

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// jpegInfo is what the builder needs from a JPEG header, read without
// decoding the picture.
type jpegInfo struct {
	Width, Height int
	Components    int // 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK
	Precision     int // bits per sample, 8 or 12
	Progressive   bool
	Orientation   int  // EXIF orientation 1–8; 0 when absent
	Adobe         bool // an APP14 Adobe segment is present
	// Metadata is the number of bytes in segments StripJPEGMetadata removes.
	Metadata int
}

// ErrNotJPEG is returned for data that does not parse as a JPEG header.
var ErrNotJPEG = errors.New("not a JPEG")

// parseJPEG reads the markers up to the start of scan. It never reads past
// the data and never allocates in proportion to it.
func parseJPEG(b []byte) (jpegInfo, error) {
	var info jpegInfo
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return info, ErrNotJPEG
	}
	i := 2
	sawFrame := false
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return info, fmt.Errorf("%w: marker expected at %d", ErrNotJPEG, i)
		}
		m := b[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			i += 2
			continue
		}
		if m == 0xD9 {
			break
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return info, fmt.Errorf("%w: segment %02X runs past the end", ErrNotJPEG, m)
		}
		seg := b[i+4 : i+2+n]
		switch {
		case m == 0xC0 || m == 0xC1 || m == 0xC2 || m == 0xC3 || (m >= 0xC5 && m <= 0xC7) || (m >= 0xC9 && m <= 0xCB) || (m >= 0xCD && m <= 0xCF):
			if len(seg) < 6 {
				return info, fmt.Errorf("%w: short frame header", ErrNotJPEG)
			}
			info.Precision = int(seg[0])
			info.Height = int(binary.BigEndian.Uint16(seg[1:]))
			info.Width = int(binary.BigEndian.Uint16(seg[3:]))
			info.Components = int(seg[5])
			info.Progressive = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE
			sawFrame = true
		case m == 0xE1:
			if o, ok := exifOrientation(seg); ok {
				info.Orientation = o
			}
			info.Metadata += n + 2
		case m == 0xEE:
			if len(seg) >= 5 && string(seg[:5]) == "Adobe" {
				info.Adobe = true
			}
		case m >= 0xE2 && m <= 0xEF, m == 0xFE:
			if !(m == 0xE2 && len(seg) >= 12 && string(seg[:12]) == "ICC_PROFILE\x00") {
				info.Metadata += n + 2
			}
		case m == 0xDA:
			if !sawFrame {
				return info, fmt.Errorf("%w: scan before frame header", ErrNotJPEG)
			}
			if info.Width == 0 || info.Height == 0 {
				return info, fmt.Errorf("%w: zero image size", ErrNotJPEG)
			}
			return info, nil
		}
		i += 2 + n
	}
	return info, fmt.Errorf("%w: no image data", ErrNotJPEG)
}

// exifOrientation reads tag 0x0112 from an APP1 Exif segment's first IFD.
func exifOrientation(seg []byte) (int, bool) {
	if len(seg) < 14 || string(seg[:6]) != "Exif\x00\x00" {
		return 0, false
	}
	t := seg[6:]
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0, false
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0, false
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 0, false
	}
	count := int(bo.Uint16(t[off:]))
	for k := 0; k < count; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 0, false
		}
		if bo.Uint16(t[e:]) != 0x0112 {
			continue
		}
		typ := bo.Uint16(t[e+2:])
		var v int
		switch typ {
		case 3: // SHORT
			v = int(bo.Uint16(t[e+8:]))
		case 4: // LONG
			v = int(bo.Uint32(t[e+8:]))
		default:
			return 0, false
		}
		if v < 1 || v > 8 {
			return 0, false
		}
		return v, true
	}
	return 0, false
}

// stripJPEGMetadata returns the JPEG without EXIF, XMP, comments and other
// application segments (the Adobe colour segment and ICC profiles stay,
// they change how colours read). Everything from the first scan on is copied
// byte for byte, so the picture is exactly the same.
func stripJPEGMetadata(b []byte) ([]byte, error) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil, ErrNotJPEG
	}
	out := make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return nil, fmt.Errorf("%w: marker expected at %d", ErrNotJPEG, i)
		}
		m := b[i+1]
		if m == 0xFF {
			i++
			continue
		}
		if m == 0xDA {
			return append(out, b[i:]...), nil
		}
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return nil, fmt.Errorf("%w: segment %02X runs past the end", ErrNotJPEG, m)
		}
		seg := b[i+4 : i+2+n]
		drop := m == 0xFE || m == 0xE1 || (m >= 0xE3 && m <= 0xED) || m == 0xEF ||
			(m == 0xE2 && !(len(seg) >= 12 && string(seg[:12]) == "ICC_PROFILE\x00"))
		if !drop {
			out = append(out, b[i:i+2+n]...)
		}
		i += 2 + n
	}
	return nil, fmt.Errorf("%w: no image data", ErrNotJPEG)
}
