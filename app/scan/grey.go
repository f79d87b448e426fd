package scan

import (
	"fmt"
	"image"
	"os"

	"dossier/app/orient"
)

// Grey returns the picture of a JPEG or PNG file, or of a PDF's first page
// when that page is a scanned picture, upright and in grey, reduced by
// averaging whole boxes of pixels until its longer side is at most side.
// It is for readers of fine print (the passport's machine-readable zone):
// box averaging keeps thin strokes that a thumbnail's resampling loses, and
// no colour copy of the full picture is ever made, so a 12-megapixel photo
// costs its decoded planes and a few megabytes more. The guards are the
// thumbnail's: ErrNoThumbnail for anything that is not such a picture.
func Grey(path string, side int) (*image.Gray, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("grey: %w", err)
	}
	switch Sniff(data) {
	case KindJPEG, KindPNG:
	case KindPDF:
		// A PDF's scanned page is at most an A4 at a few hundred dpi: its
		// preview at the size asked, in grey, is close enough.
		th, err := pdfThumbnail(data, side)
		if err != nil {
			return nil, err
		}
		g := reduceGrey(th, 1)
		return &image.Gray{Pix: g.pix, Stride: g.w, Rect: image.Rect(0, 0, g.w, g.h)}, nil
	default:
		return nil, ErrNoThumbnail
	}
	img, orientation, err := decodePicture(data)
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	f := 1
	for max(b.Dx(), b.Dy())/f > max(side, 1) {
		f++
	}
	// The decoded planes are dead after this (nothing below refers to img
	// or data), so turning works beside the small grey copy only.
	g := reduceGrey(img, f)
	out := &image.Gray{Pix: g.pix, Stride: g.w, Rect: image.Rect(0, 0, g.w, g.h)}
	return orientGrey(out, orientation), nil
}

// orientGrey applies EXIF orientation o to a grey picture starting at
// (0, 0); the picture itself is returned when there is nothing to do.
func orientGrey(g *image.Gray, o int) *image.Gray {
	if o <= 1 || o > 8 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	dw, dh := orient.Size(o, w, h)
	dst := image.NewGray(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		row := dst.Pix[y*dst.Stride : y*dst.Stride+dw]
		for x := range row {
			sx, sy := orient.Source(o, w, h, x, y)
			row[x] = g.Pix[sy*g.Stride+sx]
		}
	}
	return dst
}
