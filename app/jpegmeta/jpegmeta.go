// Package jpegmeta reads and rewrites the marker segments of a JPEG file
// without decoding its pixels: the marker walker, the EXIF reader
// (orientation, resolution, GPS presence) and the metadata stripper.
//
// Both the intake check (app/scan) and the package builder (app/bundle) go
// through it, so what the check reports as metadata is what the builder
// removes. Every function here takes untrusted bytes: it never reads past
// the data, never allocates more than the input's size, and reports
// malformed data as an error instead of panicking.
package jpegmeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// JPEG markers used by the callers.
const (
	SOI   = 0xD8
	EOI   = 0xD9
	SOS   = 0xDA
	APP0  = 0xE0
	APP1  = 0xE1
	APP2  = 0xE2
	APP13 = 0xED
	APP14 = 0xEE
	APP15 = 0xEF
	COM   = 0xFE
)

var (
	// ErrNotJPEG is returned for data that does not start with a JPEG SOI marker.
	ErrNotJPEG = errors.New("not a JPEG file")
	// ErrTruncated is returned when the data ends inside a marker segment.
	ErrTruncated = errors.New("JPEG data ends early")
	// ErrMissingEOI: the data ends inside the image data, without the
	// end-of-image marker. Whether the image data is complete only a decoder
	// can tell, so callers that have decoded the picture may accept it.
	ErrMissingEOI = fmt.Errorf("%w: no end-of-image marker", ErrTruncated)
	// ErrBadLength is returned for a segment whose length field is below 2.
	ErrBadLength = errors.New("JPEG segment has a bad length")
)

// IsStandalone reports whether a marker has no length field and no payload.
func IsStandalone(m byte) bool { return m == 0x01 || (m >= 0xD0 && m <= 0xD7) || m == SOI }

// IsSOF reports whether a marker starts a frame header (any coding process).
func IsSOF(m byte) bool {
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC
}

// Frame is what a frame header (SOFn) says about the picture.
type Frame struct {
	Precision     int // bits per sample, 8 or 12
	Width, Height int
	Components    int // 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK
}

// ReadFrame reads a frame header's payload (what Walk passes for a marker
// IsSOF accepts). ok is false when the payload is too short to hold one.
func ReadFrame(payload []byte) (f Frame, ok bool) {
	if len(payload) < 6 {
		return Frame{}, false
	}
	return Frame{
		Precision:  int(payload[0]),
		Height:     int(binary.BigEndian.Uint16(payload[1:])),
		Width:      int(binary.BigEndian.Uint16(payload[3:])),
		Components: int(payload[5]),
	}, true
}

// IsProgressive reports whether a frame marker is one of the progressive
// coding processes.
func IsProgressive(sof byte) bool {
	return sof == 0xC2 || sof == 0xC6 || sof == 0xCA || sof == 0xCE
}

// Walk calls fn for every segment of a JPEG file after SOI, up to and
// including EOI. seg is the whole segment from its marker (fill bytes
// included); payload is the part after the length field. An SOS segment's
// seg also holds the entropy-coded data that follows it. fn returns false to
// stop early.
//
// Junk bytes between segments are skipped, as common decoders do. When the
// data ends inside entropy-coded data, fn still sees that SOS segment and
// Walk returns ErrMissingEOI.
func Walk(b []byte, fn func(marker byte, seg, payload []byte) bool) error {
	if len(b) < 3 || b[0] != 0xFF || b[1] != SOI {
		return ErrNotJPEG
	}
	pos := 2
	for {
		for pos < len(b) && b[pos] != 0xFF {
			pos++
		}
		start := pos
		for pos < len(b) && b[pos] == 0xFF {
			pos++
		}
		if pos >= len(b) {
			return ErrTruncated
		}
		marker := b[pos]
		pos++
		if marker == EOI {
			fn(marker, b[start:pos], nil)
			return nil
		}
		if IsStandalone(marker) {
			if !fn(marker, b[start:pos], nil) {
				return nil
			}
			continue
		}
		if pos+2 > len(b) {
			return ErrTruncated
		}
		l := int(binary.BigEndian.Uint16(b[pos:]))
		if l < 2 {
			return fmt.Errorf("segment %#x: %w %d", marker, ErrBadLength, l)
		}
		end := pos + l
		if end > len(b) {
			return ErrTruncated
		}
		payload := b[pos+2 : end]
		if marker == SOS {
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
				fn(marker, b[start:], payload)
				return ErrMissingEOI
			}
			end = i
		}
		if !fn(marker, b[start:end], payload) {
			return nil
		}
		pos = end
	}
}

// Kept reports whether a segment survives Strip. A viewer needs the tables,
// the frame and scan headers, the restart interval, the JFIF header (pixel
// density and aspect), the ICC colour profile and Adobe's colour-transform
// flag; nothing else changes how the picture looks.
//
// Everything else goes, including what an application segment may hide
// beyond the obvious EXIF/XMP/IPTC blocks: a JFXX thumbnail in APP0 (it can
// show the picture before it was cropped), maker notes and vendor blocks
// (APP3–APP13, APP15), non-Adobe APP14 data and comments.
func Kept(m byte, payload []byte) bool {
	switch {
	case m == APP0:
		return bytes.HasPrefix(payload, []byte("JFIF\x00"))
	case m == APP2:
		return bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00"))
	case m == APP14:
		return bytes.HasPrefix(payload, []byte("Adobe"))
	case m >= APP0 && m <= APP15:
		return false
	case m == COM:
		return false
	}
	return true
}

// Strip returns a copy of a JPEG file without its metadata: every segment
// Kept refuses, wherever it stands (also between the scans of a
// progressive file), and anything after the end-of-image marker (phones
// append whole videos or the unedited original there). The segments kept
// and the entropy-coded data are copied byte for byte, so the decoded
// picture is exactly the same; fill bytes before markers are dropped.
//
// The EXIF orientation tag goes with EXIF: whoever places the stripped
// picture must apply the orientation read before stripping.
func Strip(src []byte) ([]byte, error) {
	out := make([]byte, 0, len(src))
	out = append(out, 0xFF, SOI)
	err := Walk(src, func(m byte, seg, p []byte) bool {
		if Kept(m, p) {
			i := 0
			for i < len(seg) && seg[i] == 0xFF {
				i++
			}
			out = append(out, 0xFF)
			out = append(out, seg[i:]...)
		}
		return true
	})
	if errors.Is(err, ErrMissingEOI) {
		// Some cameras and programs leave the marker off; close the file
		// properly so every reader accepts it.
		out = append(out, 0xFF, EOI)
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("strip jpeg metadata: %w", err)
	}
	return out, nil
}
