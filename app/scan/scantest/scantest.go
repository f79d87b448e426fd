// Package scantest makes scan-like files for tests in other packages: pages
// that pass validation as a clerk's scan would, generated instead of stored.
package scantest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
)

// TextPage returns a readable A4 page at 200 dpi as JPEG: off-white paper
// with dark lines of text-like marks.
func TextPage() []byte {
	img := image.NewGray(image.Rect(0, 0, 1654, 2339))
	for i := range img.Pix {
		img.Pix[i] = 248
	}
	for y := 200; y < 2100; y += 60 {
		for x := 150; x < 1500; x++ {
			if (x/9+y/60)%4 != 0 {
				for dy := 0; dy < 16; dy++ {
					img.SetGray(x, y+dy, color.Gray{Y: 25})
				}
			}
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		panic(err) // encoding to memory cannot fail
	}
	return b.Bytes()
}

// HEICStub is the start of an iPhone HEIC photo: enough for type sniffing,
// which must refuse it by name whatever the file is called.
var HEICStub = []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
