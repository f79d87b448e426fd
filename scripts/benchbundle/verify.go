package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"os"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// check reads the output back with pdfcpu and checks it page by page.
func check(what, path string, inputs []string) error {
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		return err
	}
	if ctx.PageCount != len(inputs) {
		return fmt.Errorf("%d pages for %d inputs", ctx.PageCount, len(inputs))
	}
	for i, in := range inputs {
		raw, w, h, err := pageImage(ctx, i+1)
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		_, _, inh, err := ctx.PageDict(i+1, false)
		if err != nil {
			return err
		}
		pw, ph := inh.MediaBox.Width(), inh.MediaBox.Height()
		if inh.Rotate%180 != 0 {
			pw, ph = ph, pw
		}
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
			if inh.Rotate != 0 {
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

func pageImage(ctx *model.Context, nr int) ([]byte, int, int, error) {
	_, _, inh, err := ctx.PageDict(nr, false)
	if err != nil {
		return nil, 0, 0, err
	}
	xo, err := ctx.DereferenceDict(inh.Resources["XObject"])
	if err != nil || xo == nil {
		return nil, 0, 0, fmt.Errorf("no XObjects")
	}
	for _, v := range xo {
		sd, _, err := ctx.DereferenceStreamDict(v)
		if err != nil || sd == nil {
			continue
		}
		if st := sd.Dict.NameEntry("Subtype"); st != nil && *st == "Image" {
			return sd.Raw, *sd.Dict.IntEntry("Width"), *sd.Dict.IntEntry("Height"), nil
		}
	}
	return nil, 0, 0, fmt.Errorf("no image")
}
