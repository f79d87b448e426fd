package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"

	"dossier/app/orient"
	"dossier/app/pdfkit"

	"golang.org/x/image/draw"
)

// ErrNoThumbnail is returned for files that have no picture to show (a PDF
// page that is not a scan: neither Fyne nor pdfcpu renders pages) or that
// cannot be decoded safely.
var ErrNoThumbnail = errors.New("no thumbnail")

// A thumbnail is decoded under validation's limits: no more pixels than
// validation accepts, no more decoding memory than half its budget (the
// window keeps running beside it), and no JPEG validation would refuse as a
// CPU bomb.
const (
	thumbMaxPixels    = defaultMaxPixels
	thumbMaxDecodeMem = defaultMemoryBudget / 2
)

// Thumbnail returns a small upright preview of a JPEG or PNG file, or of a
// PDF's first page when that page is a scanned picture (its largest image,
// of the page's shape), at most side pixels on its longer edge. Headers are
// checked before decoding and the decoders run under recover, as in
// validation. A PDF page without such a picture has no preview
// (ErrNoThumbnail): neither Fyne nor pdfcpu renders pages.
func Thumbnail(path string, side int) (image.Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	switch Sniff(data) {
	case KindJPEG, KindPNG:
		return pictureThumbnail(data, side, 0)
	case KindPDF:
		return pdfThumbnail(data, side)
	}
	return nil, ErrNoThumbnail
}

// pictureThumbnail previews JPEG or PNG data, turned turn degrees clockwise
// after its own EXIF orientation.
func pictureThumbnail(data []byte, side, turn int) (image.Image, error) {
	img, orientation, err := decodePicture(data)
	if err != nil {
		return nil, err
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
	return Turn(upright(small, rotate, mirror), turn), nil
}

// decodePicture decodes JPEG or PNG data under the thumbnail's limits
// (header checked first, decoder under recover) and returns the picture as
// stored with its EXIF orientation (0 when it has none).
func decodePicture(data []byte) (image.Image, int, error) {
	var cfg image.Config
	var decode func() (image.Image, error)
	orientation := 0
	switch Sniff(data) {
	case KindJPEG:
		info, err := readJPEGInfo(data)
		if err != nil && !errors.Is(err, errMissingEOI) {
			return nil, 0, fmt.Errorf("%w: %v", ErrNoThumbnail, err)
		}
		cfg = image.Config{Width: info.Width, Height: info.Height}
		orientation = info.Orientation
		if _, ok := jpegSupported(info, data, 0); !ok || info.DecodeBytes > thumbMaxDecodeMem {
			return nil, 0, ErrNoThumbnail
		}
		decode = func() (image.Image, error) { return jpeg.Decode(bytes.NewReader(data)) }
	case KindPNG:
		var err error
		if cfg, err = png.DecodeConfig(bytes.NewReader(data)); err != nil {
			return nil, 0, fmt.Errorf("%w: %v", ErrNoThumbnail, err)
		}
		if info, err := readPNGInfo(data); err != nil || info.decodeBytes() > thumbMaxDecodeMem {
			return nil, 0, ErrNoThumbnail
		}
		decode = func() (image.Image, error) { return png.Decode(bytes.NewReader(data)) }
	default:
		return nil, 0, ErrNoThumbnail
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > thumbMaxPixels {
		return nil, 0, ErrNoThumbnail
	}
	img, err := decodeGuarded(decode)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrNoThumbnail, err)
	}
	return img, orientation, nil
}

// maxThumbPDF bounds the PDFs previewed. Validation reads PDFs in a worker
// process; a preview, in the window's process, only ever touches files
// validation accepted, and under recover.
const maxThumbPDF = 64 << 20

// pdfThumbnail previews the scanned picture of a PDF's first page, turned
// as the page's /Rotate shows it.
func pdfThumbnail(data []byte, side int) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("%w: pdf: %v", ErrNoThumbnail, r)
		}
	}()
	if len(data) > maxThumbPDF {
		return nil, ErrNoThumbnail
	}
	c := context.Background()
	pctx, err := pdfkit.ReadForInspection(c, bytes.NewReader(data), pdfLimits(Options{}.withDefaults()))
	if err != nil || pctx.Validate(c) != nil || pctx.PageCount() < 1 {
		return nil, ErrNoThumbnail
	}
	// pdfcpu unpacks page content with its own, higher limit while it
	// optimises: the streams are measured first, as in validation.
	if pctx.CheckStreams() != nil {
		return nil, ErrNoThumbnail
	}
	if err := pctx.Optimize(c); err != nil {
		return nil, ErrNoThumbnail
	}
	pbs, err := pctx.PageBoxes()
	if err != nil || len(pbs) == 0 || pbs[0].Crop == nil {
		return nil, ErrNoThumbnail
	}
	box := pbs[0].Crop
	images, err := pctx.PageImages(c, 1)
	if err != nil {
		return nil, ErrNoThumbnail
	}
	best, ok := pdfkit.LargestImage(images)
	if !ok || !sameShape(best.Width, best.Height, box.Width(), box.Height()) {
		return nil, ErrNoThumbnail // a made document, not a scan
	}
	pic, kind, err := pctx.ImageData(c, best, 1)
	if err != nil || kind == "" {
		return nil, ErrNoThumbnail
	}
	return pictureThumbnail(pic, side, pbs[0].Rotate)
}

// upright shows a small image the way the camera held it: turned rotate
// degrees clockwise, then mirrored when asked (orientationPlan's order:
// EXIF 5 is a quarter turn then a flip, the transpose).
func upright(src *image.RGBA, rotate int, mirror bool) image.Image {
	img := Turn(src, rotate)
	if !mirror {
		return img
	}
	return orientImage(img, 2)
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
	return orientImage(img, orient.FromTurn(deg))
}

// orientImage returns img with EXIF orientation o applied, starting at
// (0, 0).
func orientImage(img image.Image, o int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := orient.Size(o, w, h)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			sx, sy := orient.Source(o, w, h, x, y)
			dst.Set(x, y, img.At(b.Min.X+sx, b.Min.Y+sy))
		}
	}
	return dst
}
