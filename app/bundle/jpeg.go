package bundle

import (
	"errors"
	"fmt"

	"dossier/app/jpegmeta"
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
	// Metadata is the number of bytes in the header's segments that
	// jpegmeta.Strip removes.
	Metadata int
}

// ErrNotJPEG is returned for data that does not parse as a JPEG header.
var ErrNotJPEG = errors.New("not a JPEG")

// parseJPEG reads the markers up to the start of the first scan. It never
// reads past the data and never allocates in proportion to it.
func parseJPEG(b []byte) (jpegInfo, error) {
	var info jpegInfo
	var sawFrame, sawScan bool
	var bad error
	err := jpegmeta.Walk(b, func(m byte, seg, p []byte) bool {
		switch {
		case jpegmeta.IsSOF(m):
			f, ok := jpegmeta.ReadFrame(p)
			if !ok {
				bad = errors.New("short frame header")
				return false
			}
			info.Precision, info.Height, info.Width, info.Components = f.Precision, f.Height, f.Width, f.Components
			info.Progressive = jpegmeta.IsProgressive(m)
			sawFrame = true
		case m == jpegmeta.APP1:
			if e, ok := jpegmeta.ReadAPP1(p); ok && e.Orientation != 0 {
				info.Orientation = e.Orientation
			}
		case m == jpegmeta.APP14:
			if len(p) >= 5 && string(p[:5]) == "Adobe" {
				info.Adobe = true
			}
		case m == jpegmeta.SOS:
			sawScan = true
			if !sawFrame {
				bad = errors.New("scan before frame header")
			} else if info.Width == 0 || info.Height == 0 {
				bad = errors.New("zero image size")
			}
			return false
		}
		if !jpegmeta.Kept(m, p) {
			info.Metadata += len(seg)
		}
		return true
	})
	switch {
	case bad != nil:
		return info, fmt.Errorf("%w: %v", ErrNotJPEG, bad)
	case sawScan:
		// The picture's data may be cut short; the decoder, or the reader
		// of the package, judges it. The header is complete.
		return info, nil
	case err != nil:
		return info, fmt.Errorf("%w: %w", ErrNotJPEG, err)
	}
	return info, fmt.Errorf("%w: no image data", ErrNotJPEG)
}
