package pdfkit

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/color"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/draw"
	pdffont "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Builder assembles one document in memory: pages of pictures and text,
// the pages of other PDFs, bookmarks and page numbers; then Write.
//
// Why in memory and not through api.ImportImages, api.MergeRaw,
// api.AddBookmarks and api.AddWatermarks one after another: each of those
// reads a whole PDF from an io.ReadSeeker and writes a whole new one, so a
// package would be serialised and parsed four times over (the largest
// packages are 100 MB of scans, held in memory under a soft limit of the
// inputs' size plus 64 MB, see bundle/memory.go), and api.ImportImages
// takes only encoded image files, so it can neither turn a JPEG losslessly
// with the page's /Rotate nor take raw samples without a PNG round trip.
// Measured on the merged PDF of the 100-scan benchmark (98 MB, pdfcpu
// 0.16.4, this 2-core machine under load): one api.ReadContext plus
// api.WriteContext takes 0.9–1.1 s and holds 373 MB of heap, against a
// whole build's 141–165 MiB peak; three such rounds (merge, bookmarks,
// page numbers) would more than double the build's memory.
// The steps that have an in-memory form in the api use it
// (api.ReadContext, api.WatermarkContext, api.WriteContext); the rest are
// pdfcpu's own functions below the api, each named where it is called.
type Builder struct {
	ctx       *model.Context
	pagesRef  *types.IndirectRef
	pagesDict types.Dict
}

var (
	emptyOnce sync.Once
	emptyPDF  []byte
	emptyErr  error
)

// emptyDocument is the bytes of a PDF with an empty page tree. A Builder
// starts from it read back with api.ReadContext, so that its context is
// one pdfcpu made from a file, with every part merging and writing expect
// (earlier code filled some fifteen of pdfcpu's internal maps by hand).
func emptyDocument() ([]byte, error) {
	emptyOnce.Do(func() {
		ctx, err := pdfcpu.CreateContextWithXRefTable(writeConfig(), types.PaperSize["A4"])
		if err != nil {
			emptyErr = err
			return
		}
		var buf bytes.Buffer
		if err := api.WriteContext(context.Background(), ctx, &buf); err != nil {
			emptyErr = err
			return
		}
		emptyPDF = buf.Bytes()
	})
	return emptyPDF, emptyErr
}

// NewBuilder starts an empty document.
func NewBuilder() (b *Builder, err error) {
	defer guard("create", &err)
	empty, err := emptyDocument()
	if err != nil {
		return nil, fmt.Errorf("create PDF: %w", err)
	}
	ctx, err := api.ReadContext(context.Background(), bytes.NewReader(empty), writeConfig())
	if err != nil {
		return nil, fmt.Errorf("create PDF: %w", err)
	}
	b = &Builder{ctx: ctx}
	if err := b.findPageTree(); err != nil {
		return nil, fmt.Errorf("create PDF: page tree: %w", err)
	}
	return b, nil
}

func (b *Builder) findPageTree() error {
	ref, err := b.ctx.Pages()
	if err != nil {
		return err
	}
	d, err := b.ctx.DereferenceDict(*ref)
	if err != nil {
		return err
	}
	b.pagesRef, b.pagesDict = ref, d
	return nil
}

// PageCount is the number of pages so far.
func (b *Builder) PageCount() int { return b.ctx.PageCount }

// Image is a picture to put on a page: JPEG data as it is (DCTDecode), or
// raw 8-bit samples (compressed with Flate).
type Image struct {
	Data          []byte
	JPEG          bool
	Gray          bool // DeviceGray, else DeviceRGB
	Width, Height int  // pixels
}

// ImagePage places an image on a new page: the page's MediaBox is W×H, the
// image fills the rectangle (X, Y, ImgW, ImgH) of it, and the page is shown
// turned Rotate degrees clockwise.
type ImagePage struct {
	W, H             float64
	X, Y, ImgW, ImgH float64
	Rotate           int
}

// AddImagePage adds a page holding one picture. Below the api: the page
// dictionary and its content stream are built here because api.ImportImages
// works only on files (see Builder).
func (b *Builder) AddImagePage(img Image, pg ImagePage) (err error) {
	defer guard("image page", &err)
	xt := b.ctx.XRefTable
	cs := "DeviceRGB"
	if img.Gray {
		cs = "DeviceGray"
	}
	var sd *types.StreamDict
	if img.JPEG {
		sd, err = model.CreateDCTImageStreamDict(xt, img.Data, img.Width, img.Height, 8, cs)
	} else {
		sd, err = model.CreateFlateImageStreamDict(xt, img.Data, nil, img.Width, img.Height, 8, cs)
	}
	if err != nil {
		return fmt.Errorf("image stream: %w", err)
	}
	imgRef, err := xt.IndRefForNewObject(*sd)
	if err != nil {
		return err
	}
	// The content stream is a few dozen bytes: stored without a filter
	// (a Flate writer per page would cost far more memory than it saves).
	content := fmt.Sprintf("q %.4f 0 0 %.4f %.4f %.4f cm /Im0 Do Q", pg.ImgW, pg.ImgH, pg.X, pg.Y)
	csd := &types.StreamDict{Dict: types.NewDict(), Content: []byte(content)}
	if err := csd.Encode(); err != nil {
		return err
	}
	contentRef, err := xt.IndRefForNewObject(*csd)
	if err != nil {
		return err
	}
	res := types.Dict(map[string]types.Object{
		"XObject": types.Dict(map[string]types.Object{"Im0": *imgRef}),
	})
	return b.appendPage(types.RectForDim(pg.W, pg.H), res, *contentRef, pg.Rotate)
}

func (b *Builder) appendPage(media *types.Rectangle, res types.Dict, content types.IndirectRef, rotate int) error {
	page := types.Dict(map[string]types.Object{
		"Type":      types.Name("Page"),
		"Parent":    *b.pagesRef,
		"MediaBox":  media.Array(),
		"Resources": res,
		"Contents":  content,
	})
	if rotate != 0 {
		page.Insert("Rotate", types.Integer(rotate))
	}
	ref, err := b.ctx.XRefTable.IndRefForNewObject(page)
	if err != nil {
		return err
	}
	if err := model.AppendPageTree(ref, 1, b.pagesDict); err != nil {
		return err
	}
	b.ctx.PageCount++
	return nil
}

// Color is an RGB colour, each part from 0 to 1.
type Color struct{ R, G, B float32 }

// TextLine is one line of text at (X, Y), its baseline's left end (or
// right end, with AlignRight), in Font (an installed font) at Size points.
type TextLine struct {
	Text       string
	Font       string
	Size       float64
	X, Y       float64
	Color      Color
	AlignRight bool
}

// AddTextPages adds pages of w×h points with the given lines, the fonts
// embedded as subsets of the glyphs used. Below the api: api.Create draws
// from a JSON description into a new file; the cover is drawn into this
// document with the same pdfcpu functions api.Create uses.
func (b *Builder) AddTextPages(pages [][]TextLine, w, h float64) (err error) {
	defer guard("text page", &err)
	xt := b.ctx.XRefTable
	mediaBox := types.RectForDim(w, h)
	keys := map[string]string{} // font name → resource key
	var order []string
	var contents []*bytes.Buffer
	for _, page := range pages {
		var buf bytes.Buffer
		for _, l := range page {
			if l.Text == "" {
				continue
			}
			key, ok := keys[l.Font]
			if !ok {
				key = fmt.Sprintf("F%d", len(keys))
				keys[l.Font] = key
				order = append(order, l.Font)
			}
			col := color.SimpleColor{R: l.Color.R, G: l.Color.G, B: l.Color.B}
			td := model.TextDescriptor{
				Text: l.Text, FontName: l.Font, FontKey: key, FontSize: l.Size,
				X: l.X, Y: l.Y, Scale: 1, ScaleAbs: true, RMode: draw.RMFill,
				FillCol: col, StrokeCol: col, Embed: true,
			}
			if l.AlignRight {
				td.HAlign = types.AlignRight
			}
			if _, err := model.WriteColumn(context.Background(), xt, &buf, mediaBox, nil, td, 0); err != nil {
				return fmt.Errorf("text: %w", err)
			}
		}
		contents = append(contents, &buf)
	}
	// Font dictionaries are made after all text is written: they embed the
	// subset of glyphs the text used.
	fonts := types.Dict{}
	for _, name := range order {
		ir, err := pdffont.EnsureFontDict(context.Background(), xt, name, "", "", false, nil)
		if err != nil {
			return fmt.Errorf("text: font %s: %w", name, err)
		}
		fonts.Insert(keys[name], *ir)
	}
	for _, buf := range contents {
		sd, err := xt.NewStreamDictForBuf(buf.Bytes())
		if err != nil {
			return err
		}
		if err := sd.Encode(); err != nil {
			return err
		}
		cref, err := xt.IndRefForNewObject(*sd)
		if err != nil {
			return err
		}
		if err := b.appendPage(mediaBox, types.Dict(map[string]types.Object{"Font": fonts}), *cref, 0); err != nil {
			return err
		}
	}
	return nil
}

// AddPDF appends the pages of d; d is used up (merging takes its objects).
// Below the api: api.MergeRaw merges files into a new file (see Builder);
// pdfcpu.MergeXRefTables is what it calls for each.
func (b *Builder) AddPDF(d *Doc) (err error) {
	defer guard("merge", &err)
	if err := pdfcpu.MergeXRefTables(context.Background(), "", d.ctx, b.ctx, false, false); err != nil {
		return fmt.Errorf("%w: merge: %w", ErrDamaged, err)
	}
	d.ctx = nil
	// Merging may have put a new root above the page tree.
	return b.findPageTree()
}

// Bookmark is an outline entry pointing at a page (1-based).
type Bookmark struct {
	Title string
	Page  int
	Kids  []Bookmark
}

func pdfcpuBookmarks(bms []Bookmark) []pdfcpu.Bookmark {
	out := make([]pdfcpu.Bookmark, len(bms))
	for i, bm := range bms {
		out[i] = pdfcpu.Bookmark{Title: bm.Title, PageFrom: bm.Page, Kids: pdfcpuBookmarks(bm.Kids)}
	}
	return out
}

// SetBookmarks replaces the document's outline with bms. Below the api:
// api.AddBookmarks reads and writes a whole file; pdfcpu.AddBookmarks is
// what it calls.
func (b *Builder) SetBookmarks(bms []Bookmark) (err error) {
	defer guard("bookmarks", &err)
	if len(bms) == 0 {
		return nil
	}
	if err := pdfcpu.AddBookmarks(context.Background(), b.ctx, pdfcpuBookmarks(bms), true); err != nil {
		return fmt.Errorf("bookmarks: %w", err)
	}
	return nil
}

// AddPageNumbers stamps text at the foot of every page in font at 8
// points, dark grey on a white patch so that it stays readable over a scan.
// text may hold pdfcpu's placeholders: %p the page, %P the page count.
// Through the api (api.TextWatermark, api.WatermarkContext). The stamp
// reads every page's content: an error here usually comes from an input,
// and is ErrDamaged.
func (b *Builder) AddPageNumbers(text, font string) (err error) {
	defer guard("page numbers", &err)
	desc := fmt.Sprintf("fontname:%s, points:8, position:bc, offset:0 8, scalefactor:1 abs, rotation:0, fillcolor:#333333, bgcolor:#FFFFFF, margins:2", font)
	wm, err := api.TextWatermark(context.Background(), text, desc, true, false, types.POINTS, writeConfig())
	if err != nil {
		return fmt.Errorf("page numbers: %w", err)
	}
	if err := api.WatermarkContext(context.Background(), b.ctx, nil, wm); err != nil {
		return fmt.Errorf("%w: page numbers: %w", ErrDamaged, err)
	}
	return nil
}

// Write writes the document to w (object and cross-reference streams, as
// pdfcpu writes by default) through api.WriteContext.
func (b *Builder) Write(c context.Context, w io.Writer) (err error) {
	defer guard("write", &err)
	if err := c.Err(); err != nil {
		return err
	}
	if err := api.WriteContext(c, b.ctx, w); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}
