package scan

import (
	"math"

	"dossier/app/pdfkit"
)

// This file holds what validation and the package builder must agree on
// about an untrusted PDF beyond what app/pdfkit reads: the size of a page
// and the names of the active content it carries (pdfkit finds it,
// validation names it, the builder removes exactly that). Both call these
// functions, so a verdict cannot drift from what the package gets.

// pdfMaxDecodeBytes bounds one stream once unpacked (see pdfkit).
const pdfMaxDecodeBytes = pdfkit.MaxDecodeBytes

// IsDecodeLimit reports an error caused by a stream that unpacks to more
// than the read limits allow (a decompression bomb).
func IsDecodeLimit(err error) bool { return pdfkit.IsDecodeLimit(err) }

// pdfLimits are the read limits for the validator's options.
func pdfLimits(o Options) pdfkit.Limits { return pdfkit.Limits{MaxImagePixels: o.MaxPixels} }

// PageSize returns the size in points of a page as it is shown: its crop
// box (else media box, inherited ones included), normalised (a box may be
// given by any two opposite corners) and turned by the page's rotation. ok
// is false for a page that cannot be shown: no box, a coordinate that is
// not a finite number, a side under one point or over the format's limit of
// 14,400, or a rotation that is not a quarter turn.
func PageSize(pb pdfkit.PageBox) (w, h float64, ok bool) {
	media := pb.Media
	if media == nil {
		return 0, 0, false
	}
	x0, y0, x1, y1, ok := normRect(media)
	if !ok {
		return 0, 0, false
	}
	if crop := pb.Crop; crop != nil && crop != media {
		// What shows is the crop box clipped to the media box.
		cx0, cy0, cx1, cy1, ok := normRect(crop)
		if !ok {
			return 0, 0, false
		}
		x0, y0, x1, y1 = max(x0, cx0), max(y0, cy0), min(x1, cx1), min(y1, cy1)
	}
	w, h = x1-x0, y1-y0
	if pb.Rotate%90 != 0 {
		return w, h, false
	}
	w, h = max(w, 0), max(h, 0)
	if pb.Rotate%180 != 0 {
		w, h = h, w
	}
	if w < 1 || h < 1 || w > pdfkit.MaxPageSide || h > pdfkit.MaxPageSide {
		return w, h, false
	}
	return w, h, true
}

// normRect returns r's corners in order; ok is false when a coordinate is
// not a finite number of sensible size.
func normRect(r *pdfkit.Rect) (x0, y0, x1, y1 float64, ok bool) {
	for _, v := range []float64{r.LLX, r.LLY, r.URX, r.URY} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
			return 0, 0, 0, 0, false
		}
	}
	return min(r.LLX, r.URX), min(r.LLY, r.URY), max(r.LLX, r.URX), max(r.LLY, r.URY), true
}

// Kinds of active content, as named in findings and the manifest.
const (
	ActiveJavaScript  = pdfkit.ActiveJavaScript  // scripts: document, page, field or link actions
	ActiveLaunch      = pdfkit.ActiveLaunch      // actions that start programs or open other files
	ActiveLinks       = pdfkit.ActiveLinks       // links to web addresses
	ActiveForms       = pdfkit.ActiveForms       // forms that send data, XFA forms
	ActiveAttachments = pdfkit.ActiveAttachments // embedded files, file attachment notes
	ActiveMedia       = pdfkit.ActiveMedia       // sound, video, 3D, rich media
)
