package scan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"

	"golang.org/x/image/draw"
)

// ErrNoThumbnail is returned for files that have no picture to show (PDFs:
// neither Fyne nor pdfcpu renders pages) or that cannot be decoded safely.
var ErrNoThumbnail = errors.New("no thumbnail")

// thumbMaxPixels bounds what a thumbnail decodes: a preview never needs a
// bomb's worth of memory.
const thumbMaxPixels = 60_000_000

// Thumbnail returns a small upright preview of a JPEG or PNG file, at most
// side pixels on its longer edge. Headers are checked before decoding and
// the decoder runs under recover, as in validation.
func Thumbnail(path string, side int) (image.Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	var cfg image.Config
	var decode func() (image.Image, error)
	orientation := 0
	switch Sniff(data) {
	case KindJPEG:
		info, err := readJPEGInfo(data)
		if err != nil && !errors.Is(err, errMissingEOI) {
			return nil, fmt.Errorf("%w: %v", ErrNoThumbnail, err)
		}
		cfg = image.Config{Width: info.Width, Height: info.Height}
		orientation = info.Orientation
		decode = func() (image.Image, error) { return jpeg.Decode(bytes.NewReader(data)) }
	case KindPNG:
		if cfg, err = png.DecodeConfig(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoThumbnail, err)
		}
		decode = func() (image.Image, error) { return png.Decode(bytes.NewReader(data)) }
	default:
		return nil, ErrNoThumbnail
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > thumbMaxPixels {
		return nil, ErrNoThumbnail
	}
	img, err := decodeGuarded(decode)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoThumbnail, err)
	}
	b := img.Bounds()
	scale := float64(side) / float64(max(b.Dx(), b.Dy()))
	if scale > 1 {
		scale = 1
	}
	w, h := max(1, int(float64(b.Dx())*scale)), max(1, int(float64(b.Dy())*scale))
	small := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(small, small.Bounds(), img, b, draw.Src, nil)
	rotate, mirror := orientationPlan(orientation)
	return upright(small, rotate, mirror), nil
}

// upright shows a small image the way the camera held it: turned rotate
// degrees clockwise, then mirrored when asked (orientationPlan's order:
// EXIF 5 is a quarter turn then a flip, the transpose).
func upright(src *image.RGBA, rotate int, mirror bool) image.Image {
	img := Turn(src, rotate)
	if !mirror {
		return img
	}
	b := img.Bounds()
	flipped := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			flipped.Set(x, y, img.At(b.Max.X-1-x, b.Min.Y+y))
		}
	}
	return flipped
}

// Turn returns img turned deg degrees clockwise, in quarter turns (a
// negative deg turns anticlockwise; other angles are rounded down to a
// quarter). The result starts at (0, 0); img itself is returned when there is
// nothing to turn. It is meant for previews: every pixel is copied once.
func Turn(img image.Image, deg int) image.Image {
	deg = ((deg/90*90)%360 + 360) % 360
	if deg == 0 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if deg != 180 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch deg {
			case 90:
				dx, dy = h-1-y, x
			case 180:
				dx, dy = w-1-x, h-1-y
			case 270:
				dx, dy = y, w-1-x
			}
			dst.Set(dx, dy, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}
