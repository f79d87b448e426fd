package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
)

var pngSignature = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}

// PNG colour types.
const (
	pngGrey      = 0
	pngRGB       = 2
	pngPalette   = 3
	pngGreyAlpha = 4
	pngRGBA      = 6
)

// pngInfo is what the chunks before the image data tell.
type pngInfo struct {
	Width, Height int
	Depth         int
	ColorType     int
	Interlaced    bool
	Transparency  bool // tRNS present
	DensityDPI    int  // from pHYs in pixels per metre, 0 when absent
	EXIF          bool
	Text          bool
}

func (p pngInfo) hasAlpha() bool {
	return p.ColorType == pngGreyAlpha || p.ColorType == pngRGBA || p.Transparency
}

// decodeBytes estimates what Go's PNG decoder allocates: one byte a pixel
// for grey and palette images, four for every colour or alpha type, twice
// that at 16 bits, and an interlaced image's passes on top.
func (p pngInfo) decodeBytes() int64 {
	bpp := int64(4)
	if p.ColorType == pngGrey || p.ColorType == pngPalette {
		bpp = 1
	}
	if p.Depth == 16 {
		bpp *= 2
	}
	n := int64(p.Width) * int64(p.Height) * bpp
	if p.Interlaced {
		n *= 2
	}
	return n
}

// readPNGInfo reads IHDR and the chunks up to the first IDAT.
func readPNGInfo(b []byte) (pngInfo, error) {
	var info pngInfo
	if !bytes.HasPrefix(b, pngSignature) {
		return info, errors.New("png: bad signature")
	}
	pos := len(pngSignature)
	first := true
	for pos+8 <= len(b) {
		n := int(binary.BigEndian.Uint32(b[pos:]))
		typ := string(b[pos+4 : pos+8])
		if n < 0 || n > len(b)-pos-8 {
			if first {
				return info, errors.New("png: truncated header")
			}
			return info, nil
		}
		data := b[pos+8 : pos+8+n]
		if first {
			if typ != "IHDR" || n < 13 {
				return info, errors.New("png: missing IHDR")
			}
			info.Width = int(binary.BigEndian.Uint32(data))
			info.Height = int(binary.BigEndian.Uint32(data[4:]))
			info.Depth = int(data[8])
			info.ColorType = int(data[9])
			info.Interlaced = data[12] == 1
			first = false
		}
		switch typ {
		case "tRNS":
			info.Transparency = true
		case "pHYs":
			if n >= 9 && data[8] == 1 {
				ppm := binary.BigEndian.Uint32(data)
				info.DensityDPI = int(float64(ppm)*0.0254 + 0.5)
			}
		case "eXIf":
			info.EXIF = true
		case "tEXt", "iTXt", "zTXt":
			info.Text = true
		case "IDAT", "IEND":
			return info, nil
		}
		pos += 12 + n
	}
	if first {
		return info, errors.New("png: truncated header")
	}
	return info, nil
}
