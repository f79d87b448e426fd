package bundle

import (
	"dossier/app/civil"
)

// Change records what the builder did to one input file. The zero value
// means the file went in unchanged.
type Change struct {
	// Rotated is the clockwise turn applied, in degrees (EXIF orientation or
	// an explicit rotation). Done losslessly through the page's rotation when
	// the JPEG data was kept, and always so for a PDF's pages.
	Rotated int `json:"rotated,omitempty"`
	// Orientation is set when a mirrored EXIF orientation (2, 4, 5, 7) was
	// applied to the pixels.
	Orientation     int  `json:"orientation,omitempty"`
	Flattened       bool `json:"flattened,omitempty"`
	ConvertedCMYK   bool `json:"converted_cmyk,omitempty"`
	Converted16Bit  bool `json:"converted_16bit,omitempty"`
	MetadataRemoved bool `json:"metadata_removed,omitempty"`
	Decrypted       bool `json:"decrypted,omitempty"`
	// ActiveRemoved lists the kinds of active content removed from a PDF
	// (scan.ActiveJavaScript, …): scripts, actions that open programs,
	// files or web addresses, attachments, media (docs/package.md).
	ActiveRemoved []string `json:"active_removed,omitempty"`
	// FittedToA4 lists the pages of a PDF whose odd size (a metre-tall page
	// of a scan stored at one point per pixel, say) was scaled onto A4.
	FittedToA4 []int `json:"fitted_to_a4,omitempty"`
	// Recompressed is set when the picture was encoded again.
	Recompressed *Recompression `json:"recompressed,omitempty"`
}

// Recompression describes a picture encoded again: from what to what.
type Recompression struct {
	FromBytes  int64  `json:"from_bytes"`
	ToBytes    int64  `json:"to_bytes"`
	FromPixels [2]int `json:"from_pixels"`
	ToPixels   [2]int `json:"to_pixels"`
	// DPI is the resolution on the A4 page after downscaling; 0 when the
	// size was kept.
	DPI     int `json:"dpi,omitempty"`
	Quality int `json:"jpeg_quality"`
}

// ManifestVersion is the manifest schema's version (docs/package.md).
const ManifestVersion = 2

// Manifest is DIR/manifest.json: what went into the package and what was
// done to it.
type Manifest struct {
	Schema         int              `json:"schema"`
	ProgramVersion string           `json:"program_version"`
	RulesVersion   string           `json:"rules_version,omitempty"`
	Date           civil.Date       `json:"date"`
	Language       string           `json:"language"`
	Applicant      string           `json:"applicant,omitempty"`
	Procedure      string           `json:"procedure,omitempty"`
	FilingDate     civil.Date       `json:"filing_date"`
	MaxFileBytes   int64            `json:"max_file_bytes"`
	Reproducible   bool             `json:"reproducible,omitempty"`
	Merged         OutputFile       `json:"merged"`
	Documents      []ManifestDoc    `json:"documents"`
	Actions        []ManifestAction `json:"actions,omitempty"`
}

// ManifestDoc is one checklist item in the manifest.
type ManifestDoc struct {
	ID     string         `json:"id"`
	Title  string         `json:"title"`
	Status Status         `json:"status"`
	Pages  [2]int         `json:"pages,omitempty"` // first and last page in the merged PDF
	Inputs []ManifestFile `json:"inputs,omitempty"`
	Upload []OutputFile   `json:"upload,omitempty"`
	// Split is true when the document did not fit the budget in one file.
	Split bool `json:"split,omitempty"`
}

// ManifestFile is one input file.
type ManifestFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Kind   Kind   `json:"kind"`
	Bytes  int64  `json:"bytes"`
	Pages  int    `json:"pages"`
	// Change is what was done for the merged PDF.
	Change Change `json:"changed"`
	// UploadChange is what was done for the upload file, when it differs
	// (pictures squeezed to the size budget).
	UploadChange *Change `json:"upload_changed,omitempty"`
}

// ManifestAction is an action still to do, listed on the cover.
type ManifestAction struct {
	Title    string     `json:"title"`
	Deadline civil.Date `json:"deadline"`
	Time     string     `json:"time,omitempty"` // cut-off on the deadline day, Kazakhstan time
}

// OutputFile is one written PDF, relative to the output folder. It has no
// hash (schema 1 had one): the files sit beside the manifest, so their hash
// there proves nothing that hashing the files later would not, and computing
// it took a third of a rebuild's time. Inputs keep theirs: they tie the
// package to the originals.
type OutputFile struct {
	Path  string `json:"path"`
	Bytes int64  `json:"bytes"`
	Pages int    `json:"pages"`
}
