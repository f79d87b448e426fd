package pdfkit

import (
	"bytes"
	"context"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Changes to the pages of a Doc read into memory. Below the api: api.Rotate,
// api.Resize and api.Trim do the same on files (one read and one write of
// the whole file each); these call the pdfcpu functions they call, on the
// document already in memory.

// NormalizeRotation writes each page's rotation as one of 0, 90, 180 and
// 270 on the page itself: a value such as 900000090 or -270 shows the same
// in a careful viewer but not in every one.
func (d *Doc) NormalizeRotation() (err error) {
	defer guard("rotation", &err)
	for p := 1; p <= d.ctx.PageCount; p++ {
		pd, _, inh, err := d.ctx.PageDict(context.Background(), p, false)
		if err != nil {
			return fmt.Errorf("%w: page %d: %w", ErrDamaged, p, err)
		}
		raw := 0
		if inh != nil {
			raw = inh.Rotate
		}
		if o, ok := pd.Find("Rotate"); ok {
			if o, err = d.ctx.Dereference(o); err == nil {
				if i, ok := o.(types.Integer); ok {
					raw = i.Value()
				}
			}
		}
		if n := ((raw % 360) + 360) % 360; n != raw {
			pd.Update("Rotate", types.Integer(n))
		}
	}
	return nil
}

// Rotate turns every page deg degrees clockwise (a quarter turn or more),
// adding to each page's /Rotate, so text and vectors stay as they are.
func (d *Doc) Rotate(deg int) (err error) {
	defer guard("rotate", &err)
	all := types.IntSet{}
	for i := 1; i <= d.ctx.PageCount; i++ {
		all[i] = true
	}
	if err := pdfcpu.RotatePages(context.Background(), d.ctx, all, deg); err != nil {
		return fmt.Errorf("%w: rotate: %w", ErrDamaged, err)
	}
	return nil
}

// FitToA4 scales the given pages (1-based) onto A4, portrait or landscape
// as each page is, centred with its proportions kept. The content is drawn
// through a transformation, so text and vectors stay as they are.
func (d *Doc) FitToA4(pages []int) (err error) {
	defer guard("fit to A4", &err)
	if len(pages) == 0 {
		return nil
	}
	set := types.IntSet{}
	for _, p := range pages {
		set[p] = true
	}
	res, err := pdfcpu.ParseResizeConfig("form:A4", types.POINTS)
	if err != nil {
		return err
	}
	if err := pdfcpu.Resize(context.Background(), d.ctx, set, res); err != nil {
		return fmt.Errorf("%w: fit to A4: %w", ErrDamaged, err)
	}
	return nil
}

// SelectPages returns a document with only the given pages (1-based) of d.
// The extracted context is made for writing; written and read back, it is
// an ordinary PDF that merges like any other.
func (d *Doc) SelectPages(c context.Context, sel []int, l Limits) (out *Doc, err error) {
	defer guard("select pages", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	part, err := pdfcpu.ExtractPages(c, d.ctx, sel, false)
	if err != nil {
		return nil, fmt.Errorf("%w: select pages: %w", ErrDamaged, err)
	}
	var buf bytes.Buffer
	if err := api.WriteContext(c, part, &buf); err != nil {
		return nil, fmt.Errorf("%w: select pages: %w", ErrDamaged, err)
	}
	out, err = readAndValidate(c, buf.Bytes(), l)
	if err != nil {
		return nil, fmt.Errorf("select pages: %w", err)
	}
	return out, nil
}
