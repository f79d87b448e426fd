package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// JPEG markers used here.
const (
	mSOI   = 0xD8
	mEOI   = 0xD9
	mSOS   = 0xDA
	mAPP0  = 0xE0
	mAPP1  = 0xE1
	mAPP2  = 0xE2
	mAPP13 = 0xED
	mAPP14 = 0xEE
	mCOM   = 0xFE
)

var (
	// ErrNotJPEG is returned for data that does not start with a JPEG SOI marker.
	ErrNotJPEG = errors.New("not a JPEG file")
	// ErrTruncatedJPEG is returned when the data ends inside a marker segment.
	ErrTruncatedJPEG = errors.New("JPEG data ends early")
	// errMissingEOI: the data ends inside the image data, without the
	// end-of-image marker. Whether the image data is complete only a decoder
	// can tell.
	errMissingEOI = fmt.Errorf("%w: no end-of-image marker", ErrTruncatedJPEG)
)

// jpegInfo is what the marker segments tell before any pixel is decoded.
type jpegInfo struct {
	Width, Height  int
	Components     int
	Precision      int
	SOF            byte // the frame marker: C0 baseline, C1 extended, C2 progressive, others unsupported
	Orientation    int  // EXIF orientation 1–8, 0 when absent or unreadable
	EXIF           bool
	GPS            bool
	XMP            bool
	IPTC           bool
	Comment        bool
	ICC            bool
	AdobeTransform int // -1 without an Adobe segment
	DensityDPI     int // from JFIF, 0 when absent or not in dots per inch/cm
	exifDPI        int // from EXIF, 0 when absent
	// DecodeBytes estimates what Go's decoder allocates for the picture:
	// each component's plane at its sampling, and for a progressive file
	// the coefficients it keeps for every block (four bytes each).
	DecodeBytes int64
}

// maxJPEGScans bounds the scans (passes) of a JPEG. Encoders write 1 to 3
// (baseline) or about 10 (progressive); every scan makes a decoder walk
// the whole picture again, so hundreds of them are a CPU bomb for whoever
// opens the file (and the package it went into).
const maxJPEGScans = 64

// countScans counts the scans (SOS segments) of a JPEG file.
func countScans(b []byte) int {
	n := 0
	_ = walkJPEG(b, func(m byte, _, _ []byte) bool {
		if m == mSOS {
			n++
		}
		return true
	})
	return n
}

// jpegDecodeBytes estimates the decoder's allocation from a frame header
// payload (see jpegInfo.DecodeBytes).
func jpegDecodeBytes(sof byte, p []byte) int64 {
	if len(p) < 6 {
		return 0
	}
	h := int64(binary.BigEndian.Uint16(p[1:]))
	w := int64(binary.BigEndian.Uint16(p[3:]))
	n := int(p[5])
	if len(p) < 6+3*n || n == 0 {
		return w * h * 4
	}
	maxH, maxV := int64(1), int64(1)
	for i := 0; i < n; i++ {
		f := p[6+3*i+1]
		maxH, maxV = max(maxH, int64(f>>4)), max(maxV, int64(f&15))
	}
	var total int64
	for i := 0; i < n; i++ {
		f := p[6+3*i+1]
		hi, vi := max(int64(f>>4), 1), max(int64(f&15), 1)
		cw, ch := (w*hi+maxH-1)/maxH, (h*vi+maxV-1)/maxV
		plane := ((cw + 7) / 8 * 8) * ((ch + 7) / 8 * 8)
		total += plane
		if sof == 0xC2 || sof == 0xC6 || sof == 0xCA || sof == 0xCE {
			total += 4 * plane
		}
	}
	if n == 4 {
		total += 4 * w * h // the CMYK image made from the planes
	}
	return total
}

// declaredDPI is the density the file states: JFIF's when given in real
// units, else EXIF's.
func (j jpegInfo) declaredDPI() int {
	if j.DensityDPI > 0 {
		return j.DensityDPI
	}
	return j.exifDPI
}

func (j jpegInfo) hasMetadata() bool { return j.EXIF || j.XMP || j.IPTC || j.Comment }

func isStandalone(m byte) bool { return m == 0x01 || (m >= 0xD0 && m <= 0xD7) || m == mSOI }

func isSOF(m byte) bool {
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC
}

// walkJPEG calls fn for every segment of a JPEG file after SOI, up to and
// including EOI. seg is the whole segment from its marker (fill bytes
// included); payload is the part after the length field. An SOS segment's
// seg also holds the entropy-coded data that follows it. fn returns false to
// stop early.
func walkJPEG(b []byte, fn func(marker byte, seg, payload []byte) bool) error {
	if len(b) < 3 || b[0] != 0xFF || b[1] != mSOI {
		return ErrNotJPEG
	}
	pos := 2
	for {
		// Tolerate junk between segments the way common decoders do.
		for pos < len(b) && b[pos] != 0xFF {
			pos++
		}
		start := pos
		for pos < len(b) && b[pos] == 0xFF {
			pos++
		}
		if pos >= len(b) {
			return ErrTruncatedJPEG
		}
		marker := b[pos]
		pos++
		if marker == mEOI {
			fn(marker, b[start:pos], nil)
			return nil
		}
		if isStandalone(marker) {
			if !fn(marker, b[start:pos], nil) {
				return nil
			}
			continue
		}
		if pos+2 > len(b) {
			return ErrTruncatedJPEG
		}
		l := int(binary.BigEndian.Uint16(b[pos:]))
		if l < 2 {
			return fmt.Errorf("jpeg: segment %#x: bad length %d", marker, l)
		}
		end := pos + l
		if end > len(b) {
			return ErrTruncatedJPEG
		}
		payload := b[pos+2 : end]
		if marker == mSOS {
			i := end
			for ; i+1 < len(b); i++ {
				if b[i] == 0xFF {
					n := b[i+1]
					if n != 0x00 && !(n >= 0xD0 && n <= 0xD7) {
						break
					}
				}
			}
			if i+1 >= len(b) {
				// The data ends inside the scan without an EOI marker.
				fn(marker, b[start:], payload)
				return errMissingEOI
			}
			end = i
		}
		if !fn(marker, b[start:end], payload) {
			return nil
		}
		pos = end
	}
}

// readJPEGInfo reads the header segments of a JPEG file. It stops at the
// first scan, so it neither needs nor checks the image data.
func readJPEGInfo(b []byte) (jpegInfo, error) {
	info := jpegInfo{AdobeTransform: -1}
	var sofSeen bool
	err := walkJPEG(b, func(m byte, seg, p []byte) bool {
		switch {
		case isSOF(m):
			if len(p) >= 6 && !sofSeen {
				sofSeen = true
				info.SOF = m
				info.Precision = int(p[0])
				info.Height = int(binary.BigEndian.Uint16(p[1:]))
				info.Width = int(binary.BigEndian.Uint16(p[3:]))
				info.Components = int(p[5])
				info.DecodeBytes = jpegDecodeBytes(m, p)
			}
		case m == mAPP0:
			if len(p) >= 12 && bytes.HasPrefix(p, []byte("JFIF\x00")) {
				d := int(binary.BigEndian.Uint16(p[8:]))
				switch p[7] {
				case 1:
					info.DensityDPI = d
				case 2:
					info.DensityDPI = int(float64(d)*2.54 + 0.5)
				}
			}
		case m == mAPP1:
			switch {
			case bytes.HasPrefix(p, []byte("Exif\x00")):
				info.EXIF = true
				if len(p) > 6 {
					e := readEXIF(p[6:])
					if info.Orientation == 0 {
						info.Orientation = e.Orientation
					}
					info.GPS = info.GPS || e.GPS
					if info.exifDPI == 0 {
						info.exifDPI = e.DPI
					}
				}
			case bytes.HasPrefix(p, []byte("http://ns.adobe.com/")):
				info.XMP = true
			}
		case m == mAPP2:
			if bytes.HasPrefix(p, []byte("ICC_PROFILE\x00")) {
				info.ICC = true
			}
		case m == mAPP13:
			info.IPTC = true
		case m == mAPP14:
			if len(p) >= 12 && bytes.HasPrefix(p, []byte("Adobe")) {
				info.AdobeTransform = int(p[11])
			}
		case m == mCOM:
			info.Comment = true
		case m == mSOS:
			return false
		}
		return true
	})
	if err != nil && !(errors.Is(err, ErrTruncatedJPEG) && sofSeen) {
		return info, err
	}
	if !sofSeen {
		return info, fmt.Errorf("jpeg: no frame header")
	}
	return info, nil
}

// exifInfo is what Dossier reads from an EXIF block.
type exifInfo struct {
	Orientation int // 1–8, 0 when absent
	GPS         bool
	DPI         int // XResolution in dots per inch, 0 when absent
}

// readEXIF reads the orientation, the resolution and whether a GPS block
// is present from a TIFF-structured EXIF block. Anything inconsistent
// gives zero values.
func readEXIF(t []byte) (e exifInfo) {
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
		case 0x0112: // Orientation, SHORT
			if typ == 3 {
				if v := int(bo.Uint16(t[p+8:])); v >= 1 && v <= 8 {
					e.Orientation = v
				}
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

// keepSegment decides which segments survive StripJPEGMetadata: everything
// needed to decode and show the image (tables, frame, scans, JFIF, the ICC
// colour profile, Adobe's colour transform flag), nothing else.
func keepSegment(m byte, p []byte) bool {
	switch {
	case m == mAPP0:
		return bytes.HasPrefix(p, []byte("JFIF\x00"))
	case m == mAPP2:
		return bytes.HasPrefix(p, []byte("ICC_PROFILE\x00"))
	case m == mAPP14:
		return true
	case m >= mAPP0 && m <= 0xEF:
		return false
	case m == mCOM:
		return false
	}
	return true
}

// StripJPEGMetadata returns a copy of a JPEG file without its metadata: EXIF
// (with GPS position and the orientation tag), XMP, IPTC/Photoshop, comments,
// maker segments and anything after the end-of-image marker. The JFIF
// header, ICC profile, Adobe segment, tables and the entropy-coded image data
// are kept byte for byte, so the picture is exactly the same.
//
// The orientation tag goes too: apply the Plan's Rotate when placing the
// image (the package builder does).
func StripJPEGMetadata(src []byte) ([]byte, error) {
	out := make([]byte, 0, len(src))
	out = append(out, 0xFF, mSOI)
	err := walkJPEG(src, func(m byte, seg, p []byte) bool {
		if keepSegment(m, p) {
			// Normalise the marker's fill bytes away: write FF marker + rest.
			i := 0
			for i < len(seg) && seg[i] == 0xFF {
				i++
			}
			out = append(out, 0xFF)
			out = append(out, seg[i:]...)
		}
		return true
	})
	if errors.Is(err, errMissingEOI) {
		// Some cameras and programs leave the marker off; the validator has
		// decoded the image to the end, so close it properly.
		out = append(out, 0xFF, mEOI)
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("strip jpeg metadata: %w", err)
	}
	return out, nil
}

// orientationPlan turns an EXIF orientation into clockwise degrees and a
// mirror flag (rotate first, then mirror).
func orientationPlan(o int) (rotate int, mirror bool) {
	switch o {
	case 2:
		return 0, true
	case 3:
		return 180, false
	case 4:
		return 180, true
	case 5:
		return 90, true
	case 6:
		return 90, false
	case 7:
		return 270, true
	case 8:
		return 270, false
	}
	return 0, false
}
