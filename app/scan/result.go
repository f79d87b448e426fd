package scan

// Version is the validator version. It is part of the cache key: bump it
// whenever a check, a threshold or the Result layout changes.
const Version = 4 // 3: pages carry Likeness; 4: Dossier's own drafts are found

// Verdict is the outcome for one file.
type Verdict string

const (
	Accept Verdict = "accept"
	Warn   Verdict = "warn"
	Reject Verdict = "reject"
)

// Result is everything the validator found about one file.
type Result struct {
	// File is the path as given by the caller (not cached).
	File    string  `json:"file"`
	Kind    Kind    `json:"kind"`
	Verdict Verdict `json:"verdict"`
	// Pages is the number of pages (1 for an image, 0 when unknown).
	Pages  int    `json:"pages"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	// PageInfo describes each page that could be measured, in order.
	PageInfo []PageInfo `json:"page_info,omitempty"`
	Findings []Finding  `json:"findings"`
	Plan     Plan       `json:"plan"`
	// Cached is true when the result came from the cache (not stored).
	Cached bool `json:"-"`
}

// PageInfo holds what was measured on one page or image.
type PageInfo struct {
	Page int `json:"page"`
	// WidthPx and HeightPx are the pixel size of the image (for a PDF page,
	// of its largest image; 0 when the page has none).
	WidthPx  int `json:"width_px,omitempty"`
	HeightPx int `json:"height_px,omitempty"`
	// WidthPt and HeightPt are the PDF page size in points as displayed
	// (after its rotation); 0 for images.
	WidthPt  float64 `json:"width_pt,omitempty"`
	HeightPt float64 `json:"height_pt,omitempty"`
	// Rotate is the PDF page's /Rotate value.
	Rotate int `json:"rotate,omitempty"`
	// DPI is the effective resolution when printed on A4 (0: not measured).
	DPI int `json:"dpi,omitempty"`
	// Mean is the mean luminance (0 black … 255 white), Sharpness the
	// variance of the Laplacian on the reduced image, Contrast the standard
	// deviation of luminance; all valid when Measured.
	Measured  bool    `json:"measured,omitempty"`
	Mean      float64 `json:"mean,omitempty"`
	Contrast  float64 `json:"contrast,omitempty"`
	Sharpness float64 `json:"sharpness,omitempty"`
	// Hash is a 64-bit difference hash of the page for near-duplicate search.
	Hash uint64 `json:"hash,omitempty"`
	// Likeness is the finer signature near duplicates are confirmed with;
	// nil when the page has too little ink to say.
	Likeness *Likeness `json:"likeness,omitempty"`
}

// Plan lists the safe repairs the package builder applies. Nothing is
// changed by the validator itself.
type Plan struct {
	// StripMetadata: drop EXIF (including GPS), XMP, IPTC and comments from
	// a JPEG losslessly (see jpegmeta.Strip, which the package builder applies).
	StripMetadata bool `json:"strip_metadata,omitempty"`
	// Decrypt: the PDF has an owner password only; decrypt it before merging.
	Decrypt bool `json:"decrypt,omitempty"`
	// Pages holds per-page repairs; pages needing none are left out.
	Pages []PagePlan `json:"pages,omitempty"`
}

// PagePlan is what to do with one page or image.
type PagePlan struct {
	Page int `json:"page"`
	// EXIFOrientation is the orientation tag as found (1–8; 0 = none).
	EXIFOrientation int `json:"exif_orientation,omitempty"`
	// Rotate is how many degrees clockwise to turn the stored pixels to
	// show them upright: 0, 90, 180 or 270.
	Rotate int `json:"rotate,omitempty"`
	// Mirror: flip horizontally after rotating (EXIF orientations 2, 4, 5, 7).
	Mirror bool `json:"mirror,omitempty"`
	// FlattenAlpha: paint the image onto white and drop transparency.
	FlattenAlpha bool `json:"flatten_alpha,omitempty"`
	// ToRGB: convert a CMYK (or YCCK) image to RGB.
	ToRGB bool `json:"to_rgb,omitempty"`
	// To8Bit: reduce 16 bits per sample to 8.
	To8Bit bool `json:"to_8bit,omitempty"`
}

// IsZero reports a page plan with nothing to do.
func (p PagePlan) IsZero() bool {
	return p.Rotate == 0 && !p.Mirror && !p.FlattenAlpha && !p.ToRGB && !p.To8Bit
}

// IsZero reports a plan with nothing to do.
func (p Plan) IsZero() bool {
	if p.StripMetadata || p.Decrypt {
		return false
	}
	for _, pp := range p.Pages {
		if !pp.IsZero() {
			return false
		}
	}
	return true
}

// Page returns the plan for page n (the zero plan if none).
func (p Plan) Page(n int) PagePlan {
	for _, pp := range p.Pages {
		if pp.Page == n {
			return pp
		}
	}
	return PagePlan{Page: n}
}

// Has reports whether the result has a finding with code.
func (r *Result) Has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Codes lists the finding codes in order (handy in tests and logs).
func (r *Result) Codes() []string {
	out := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		out[i] = f.Code
	}
	return out
}

// decide sets the verdict from the findings.
func (r *Result) decide() {
	r.Verdict = Accept
	for _, f := range r.Findings {
		switch f.Severity {
		case SevError:
			r.Verdict = Reject
			return
		case SevWarning:
			r.Verdict = Warn
		}
	}
}

func (r *Result) add(f Finding) { r.Findings = append(r.Findings, f) }

// Add appends a finding made outside the validator (one that depends on
// what the file is for) and decides the verdict again.
func (r *Result) Add(f Finding) {
	r.add(f)
	r.decide()
}

// Scanned reports whether the file is a picture: an image file, or a PDF
// with at least one page that is a scanned sheet (an image of the page's
// shape covering it). A PDF of text alone was made on a computer.
func (r *Result) Scanned() bool {
	if r.Kind != KindPDF {
		return true
	}
	for _, p := range r.PageInfo {
		if p.WidthPx > 0 {
			return true
		}
	}
	return false
}
