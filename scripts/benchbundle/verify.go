package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"os"

	"dossier/app/pdfkit"
)

// check reads the output back with pdfcpu and checks it page by page.
func check(what, path string, inputs []string) error {
	rb, err := pdfkit.ReadBackFile(context.Background(), path)
	if err != nil {
		return err
	}
	if rb.PageCount() != len(inputs) {
		return fmt.Errorf("%d pages for %d inputs", rb.PageCount(), len(inputs))
	}
	for i, in := range inputs {
		pg, err := rb.Page(i + 1)
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		if len(pg.Images) == 0 {
			return fmt.Errorf("page %d: no image", i+1)
		}
		raw, w, h := pg.Images[0].Raw, pg.Images[0].W, pg.Images[0].H
		pw, ph := pg.W, pg.H // as shown
		switch what {
		case "passthrough":
			data, err := os.ReadFile(in)
			if err != nil {
				return err
			}
			if sha256.Sum256(data) != sha256.Sum256(raw) {
				return fmt.Errorf("page %d: JPEG data differs from %s", i+1, in)
			}
		case "photos":
			if pw >= ph {
				return fmt.Errorf("page %d: not portrait (%.0f×%.0f)", i+1, pw, ph)
			}
			if pg.Rotate != 0 {
				return fmt.Errorf("page %d: turned by /Rotate, not in pixels", i+1)
			}
			if dpi := float64(w) / (pw / 72); dpi < 150 {
				return fmt.Errorf("page %d: %.0f dpi", i+1, dpi)
			}
			m, _, err := image.Decode(bytes.NewReader(raw))
			if err != nil {
				return err
			}
			b := m.Bounds()
			at := func(fx, fy float64) uint8 {
				return color.GrayModel.Convert(m.At(b.Min.X+int(fx*float64(b.Dx())), b.Min.Y+int(fy*float64(b.Dy())))).(color.Gray).Y
			}
			if at(0.03, 0.03) > 80 || at(0.97, 0.03) < 120 || at(0.03, 0.97) < 120 {
				return fmt.Errorf("page %d: not upright (marker not at the top-left)", i+1)
			}
			if h <= w {
				return fmt.Errorf("page %d: picture %d×%d not portrait", i+1, w, h)
			}
		default:
			return fmt.Errorf("unknown check %q", what)
		}
	}
	return nil
}
