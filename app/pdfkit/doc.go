package pdfkit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Doc is a PDF read into memory. Its methods never panic: pdfcpu runs
// behind a recover.
type Doc struct {
	ctx *model.Context
}

// Read reads a PDF with the read limits, without validating it (see
// Validate). Password protection is ErrPassword, a bomb matches
// IsDecodeLimit, anything else ErrDamaged.
func Read(c context.Context, r io.ReadSeeker, l Limits) (d *Doc, err error) {
	defer guard("read", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	ctx, err := api.ReadContext(c, r, readConfig(l))
	if err != nil {
		return nil, classify(err)
	}
	return &Doc{ctx: ctx}, nil
}

// Validate checks the document against the PDF format, relaxed as most
// readers are.
func (d *Doc) Validate(c context.Context) (err error) {
	defer guard("validate", &err)
	if err := c.Err(); err != nil {
		return err
	}
	if err := api.ValidateContext(c, d.ctx); err != nil {
		return classify(err)
	}
	return nil
}

// ReadValidated reads and validates data, decrypting it when only an owner
// password protects it (decrypted reports that).
func ReadValidated(c context.Context, data []byte, l Limits) (d *Doc, decrypted bool, err error) {
	defer guard("read", &err)
	if d, err = readAndValidate(c, data, l); err != nil {
		return nil, false, err
	}
	if !d.Encrypted() {
		return d, false, nil
	}
	var buf bytes.Buffer
	if err := api.Decrypt(c, bytes.NewReader(data), &buf, readConfig(l)); err != nil {
		return nil, false, fmt.Errorf("%w: decrypt: %w", ErrPassword, err)
	}
	if d, err = readAndValidate(c, buf.Bytes(), l); err != nil {
		return nil, false, err
	}
	return d, true, nil
}

func readAndValidate(c context.Context, data []byte, l Limits) (*Doc, error) {
	if err := c.Err(); err != nil {
		return nil, err
	}
	ctx, err := api.ReadAndValidate(c, bytes.NewReader(data), readConfig(l))
	if err != nil {
		return nil, classify(err)
	}
	return &Doc{ctx: ctx}, nil
}

// PageCount is the number of pages.
func (d *Doc) PageCount() int { return d.ctx.PageCount }

// Encrypted reports a file that carries encryption (it opened, so with an
// empty user password at most).
func (d *Doc) Encrypted() bool { return d.ctx.Encrypt != nil || d.ctx.E != nil }

// Restricted reports a file opened without a password but carrying
// permissions (an owner password).
func (d *Doc) Restricted() bool { return d.ctx.E != nil }

// Rect is a rectangle in PDF units, as the file gives it (any two opposite
// corners).
type Rect struct{ LLX, LLY, URX, URY float64 }

// Width and Height of the rectangle as given (may be negative).
func (r Rect) Width() float64  { return r.URX - r.LLX }
func (r Rect) Height() float64 { return r.URY - r.LLY }

// PageBox is what a page's boxes and rotation say, inherited values
// included. Media is nil when the page has none; Crop is Media when the
// page has no crop box of its own.
type PageBox struct {
	Media, Crop *Rect
	Rotate      int // as in the file, not normalised
}

func rectOf(r *types.Rectangle) *Rect {
	if r == nil {
		return nil
	}
	return &Rect{LLX: r.LL.X, LLY: r.LL.Y, URX: r.UR.X, URY: r.UR.Y}
}

// PageBoxes returns every page's boxes, in page order.
func (d *Doc) PageBoxes() (out []PageBox, err error) {
	defer guard("page boxes", &err)
	pbs, err := d.ctx.PageBoundaries(context.Background(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: page boxes: %w", ErrDamaged, err)
	}
	for _, pb := range pbs {
		media := rectOf(pb.MediaBox())
		box := PageBox{Media: media, Crop: media, Rotate: pb.Rot}
		if crop := pb.CropBox(); crop != nil && crop != pb.MediaBox() {
			box.Crop = rectOf(crop)
		}
		out = append(out, box)
	}
	return out, nil
}

// Optimize lets pdfcpu find duplicate fonts and images and collect every
// image with the pages it is on (see PageImages). Below the api:
// api.OptimizeContext also validates and writes statistics; here only the
// collection is wanted, on a document already validated.
func (d *Doc) Optimize(c context.Context) (err error) {
	defer guard("optimize", &err)
	if err := c.Err(); err != nil {
		return err
	}
	if err := pdfcpu.OptimizeXRefTable(c, d.ctx); err != nil {
		return classify(err)
	}
	return nil
}

// PageImage is an image drawn on a page.
type PageImage struct {
	ObjNr         int
	Width, Height int
	Thumb         bool // a thumbnail the file carries, not drawn content
}

// PageImages lists the images on page p (1-based). The document must have
// been read for inspection (ReadForInspection) and optimised.
func (d *Doc) PageImages(c context.Context, p int) (out []PageImage, err error) {
	defer guard("page images", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	imgs, err := pdfcpu.ExtractPageImages(c, d.ctx, p, true)
	if err != nil {
		return nil, classify(err)
	}
	for objNr, im := range imgs {
		out = append(out, PageImage{ObjNr: objNr, Width: im.Width, Height: im.Height, Thumb: im.Thumb})
	}
	return out, nil
}

// LargestImage returns the largest image of imgs that is not a thumbnail
// (the lowest object number among equals, so the choice does not depend on
// map order); ok is false when there is none.
func LargestImage(imgs []PageImage) (best PageImage, ok bool) {
	bestArea := 0
	for _, im := range imgs {
		if im.Thumb || im.Width <= 0 || im.Height <= 0 {
			continue
		}
		if a := im.Width * im.Height; a > bestArea || (a == bestArea && im.ObjNr < best.ObjNr) {
			best, bestArea, ok = im, a, true
		}
	}
	return best, ok
}

// ReadForInspection reads a PDF so that its images can be listed and taken
// out (PageImages, ImageData): pdfcpu collects them while it optimises.
func ReadForInspection(c context.Context, r io.ReadSeeker, l Limits) (d *Doc, err error) {
	defer guard("read", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	conf := readConfig(l)
	conf.Cmd = model.EXTRACTIMAGES
	conf.Optimize = true
	conf.UnsupportedResourcePolicy = model.UnsupportedResourceSkip
	ctx, err := api.ReadContext(c, r, conf)
	if err != nil {
		return nil, classify(err)
	}
	return &Doc{ctx: ctx}, nil
}

// EmbeddedJPEG is a JPEG image stored in the PDF as it is (DCTDecode).
type EmbeddedJPEG struct {
	Page int // the first page it is on (0: none known)
	Data []byte
}

// EmbeddedJPEGs returns every JPEG image of an optimised document.
func (d *Doc) EmbeddedJPEGs() (out []EmbeddedJPEG) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	if d.ctx.Optimize == nil {
		return nil
	}
	for _, obj := range d.ctx.Optimize.ImageObjects {
		if obj == nil || obj.ImageDict == nil {
			continue
		}
		sd := obj.ImageDict
		if len(sd.FilterPipeline) != 1 || sd.FilterPipeline[0].Name != "DCTDecode" || len(sd.Raw) == 0 {
			continue
		}
		page := 0
		for i := range obj.ResourceNames {
			if page == 0 || i+1 < page {
				page = i + 1
			}
		}
		out = append(out, EmbeddedJPEG{Page: page, Data: sd.Raw})
	}
	return out
}

// PageIsEmpty reports a page that draws nothing: no content stream, or one
// holding only white space.
func (d *Doc) PageIsEmpty(p int) (empty bool) {
	defer func() {
		if recover() != nil {
			empty = false
		}
	}()
	pd, _, _, err := d.ctx.PageDict(context.Background(), p, false)
	if err != nil {
		return false
	}
	content, err := d.ctx.PageContent(pd, p)
	if errors.Is(err, model.ErrNoContent) {
		return true
	}
	return err == nil && len(bytes.TrimSpace(content)) == 0
}

// PageHasText reports whether the page's resources hold fonts.
func (d *Doc) PageHasText(p int) (text bool) {
	defer func() {
		if recover() != nil {
			text = false
		}
	}()
	pd, _, inh, err := d.ctx.PageDict(context.Background(), p, false)
	if err != nil {
		return false
	}
	var res types.Dict
	if o, ok := pd.Find("Resources"); ok {
		res, _ = d.ctx.DereferenceDict(o)
	}
	if res == nil && inh != nil {
		res = inh.Resources
	}
	if res == nil {
		return false
	}
	o, ok := res.Find("Font")
	if !ok {
		return false
	}
	fonts, err := d.ctx.DereferenceDict(o)
	return err == nil && len(fonts) > 0
}

// ImageRenderBytes estimates the memory taking an image out costs: a JPEG
// is taken as it is stored (and decoded once); any other image is
// unpacked, drawn by pdfcpu into a picture and encoded as PNG, then decoded
// again: about three times its samples, four bytes a pixel each time in
// colour.
func (d *Doc) ImageRenderBytes(im PageImage) int64 {
	px := int64(im.Width) * int64(im.Height)
	if d.ctx.Optimize == nil {
		return 0
	}
	obj := d.ctx.Optimize.ImageObjects[im.ObjNr]
	if obj == nil || obj.ImageDict == nil {
		return 0
	}
	sd := obj.ImageDict
	if len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "DCTDecode" {
		return int64(len(sd.Raw)) + px*3
	}
	if cs := sd.NameEntry("ColorSpace"); cs != nil && *cs == "DeviceGray" {
		return px * 3
	}
	return px * 11
}

// ImageData takes one image out of page p: JPEG data as stored, other
// supported images rendered as PNG. kind is "jpg", "png" or "" when the
// image cannot be had in either.
func (d *Doc) ImageData(c context.Context, im PageImage, p int) (data []byte, kind string, err error) {
	defer guard("image", &err)
	if err := c.Err(); err != nil {
		return nil, "", err
	}
	obj := d.ctx.Optimize.ImageObjects[im.ObjNr]
	if obj == nil || obj.ImageDict == nil {
		return nil, "", errors.New("image object missing")
	}
	name := obj.ResourceNames[p-1]
	img, err := pdfcpu.ExtractImage(c, d.ctx, obj.ImageDict, false, name, im.ObjNr, false)
	if err != nil || img == nil || img.Reader == nil {
		return nil, "", err
	}
	if img.FileType != "jpg" && img.FileType != "png" {
		return nil, "", nil
	}
	data, err = io.ReadAll(io.LimitReader(img, 512<<20))
	if err != nil {
		return nil, "", err
	}
	return data, img.FileType, nil
}
