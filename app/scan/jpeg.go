package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"dossier/app/jpegmeta"
)

// JPEG markers used here; the walker, EXIF reader and stripper live in
// app/jpegmeta, shared with the package builder.
const (
	mSOI   = jpegmeta.SOI
	mEOI   = jpegmeta.EOI
	mSOS   = jpegmeta.SOS
	mAPP0  = jpegmeta.APP0
	mAPP1  = jpegmeta.APP1
	mAPP2  = jpegmeta.APP2
	mAPP13 = jpegmeta.APP13
	mAPP14 = jpegmeta.APP14
	mCOM   = jpegmeta.COM
)

var (
	// ErrNotJPEG is returned for data that does not start with a JPEG SOI marker.
	ErrNotJPEG = jpegmeta.ErrNotJPEG
	// ErrTruncatedJPEG is returned when the data ends inside a marker segment.
	ErrTruncatedJPEG = jpegmeta.ErrTruncated
	// errMissingEOI: the data ends inside the image data, without the
	// end-of-image marker. Whether the image data is complete only a decoder
	// can tell.
	errMissingEOI = jpegmeta.ErrMissingEOI
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
	_ = jpegmeta.Walk(b, func(m byte, _, _ []byte) bool {
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
	fr, ok := jpegmeta.ReadFrame(p)
	if !ok {
		return 0
	}
	h, w, n := int64(fr.Height), int64(fr.Width), fr.Components
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
		if jpegmeta.IsProgressive(sof) {
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

// readJPEGInfo reads the header segments of a JPEG file. It stops at the
// first scan, so it neither needs nor checks the image data.
func readJPEGInfo(b []byte) (jpegInfo, error) {
	info := jpegInfo{AdobeTransform: -1}
	var sofSeen bool
	err := jpegmeta.Walk(b, func(m byte, seg, p []byte) bool {
		switch {
		case jpegmeta.IsSOF(m):
			if f, ok := jpegmeta.ReadFrame(p); ok && !sofSeen {
				sofSeen = true
				info.SOF = m
				info.Precision, info.Height, info.Width, info.Components = f.Precision, f.Height, f.Width, f.Components
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
			case jpegmeta.IsEXIF(p):
				info.EXIF = true
				e, _ := jpegmeta.ReadAPP1(p)
				if info.Orientation == 0 {
					info.Orientation = e.Orientation
				}
				info.GPS = info.GPS || e.GPS
				if info.exifDPI == 0 {
					info.exifDPI = e.DPI
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
