package pdfkit

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Below the api: pdfcpu has no call that measures streams without keeping
// what they unpack to, and its own limit applies per stream only.

// CheckStreams measures what every stream of the document
// unpacks to, without keeping it (Flate, the common filter, is inflated
// into nothing; other filters go through pdfcpu's, which stop at the
// limit), and returns ErrPDFBomb when one stream unpacks beyond
// MaxDecodeBytes or all of them together beyond MaxDecodeTotal.
// pdfcpu itself unpacks page content for several operations (optimising,
// stamping page numbers) with its own, far higher, default limit: this
// check comes first. Pictures stored in their own compression (JPEG, JPEG
// 2000, JBIG2, fax) are not unpacked by anything that merges the file and
// are left to the picture checks.
func (d *Doc) CheckStreams() (err error) {
	ctx := d.ctx
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check streams: %v", p)
		}
	}()
	var total int64
	for _, e := range ctx.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		sd, ok := e.Object.(types.StreamDict)
		if !ok || len(sd.FilterPipeline) == 0 || len(sd.Raw) == 0 {
			continue
		}
		n, err := unpackedSize(sd, MaxDecodeBytes)
		if IsDecodeLimit(err) {
			return ErrPDFBomb
		}
		if total += n; total > MaxDecodeTotal {
			return ErrPDFBomb
		}
	}
	return nil
}

// unpackedSize returns how many bytes sd's filters produce, up to limit+1
// (then with ErrDecodeLimitExceeded); an image codec at the end of the
// chain is not run. Errors other than the limit count the stream as what
// it unpacked so far: a damaged stream is the reader's business.
func unpackedSize(sd types.StreamDict, limit int64) (int64, error) {
	var r io.Reader = bytes.NewReader(sd.Raw)
	for i, f := range sd.FilterPipeline {
		switch f.Name {
		case filter.DCT, filter.JPX, filter.JBIG2, filter.CCITTFax:
			if i == len(sd.FilterPipeline)-1 {
				break
			}
			return 0, nil
		case filter.Flate:
			zr, err := zlib.NewReader(r)
			if err != nil {
				return 0, nil
			}
			r = zr
			continue
		default:
			fl, err := filter.NewFilter(f.Name, nil, limit)
			if err != nil {
				return 0, nil
			}
			if r, err = fl.Decode(r); err != nil {
				if IsDecodeLimit(err) {
					return limit + 1, err
				}
				return 0, nil
			}
		}
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(r, limit+1))
	if n > limit {
		return n, filter.ErrDecodeLimitExceeded
	}
	return n, nil
}
