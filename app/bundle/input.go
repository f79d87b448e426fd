package bundle

import (
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/scan"
)

// Status is a checklist item's state as far as the package is concerned.
type Status string

const (
	// Required: the document must be filed and has files.
	Required Status = "required"
	// Optional: the document may be filed.
	Optional Status = "optional"
	// Missing: a required document without usable files. The package is still
	// built as a draft and the cover lists it in red.
	Missing Status = "missing"
)

// Document is one checklist item with the files that make it up, in order.
type Document struct {
	// ID is the checklist item's identifier (e.g. "passport"); it names the
	// upload file.
	ID string `json:"id"`
	// Title is the item's name, already in the package language.
	Title  string `json:"title"`
	Status Status `json:"status"`
	Files  []File `json:"files,omitempty"`
}

// File is one accepted input file of a document.
type File struct {
	Path string `json:"path"`
	// Name is shown in bookmarks and the manifest; the base of Path when empty.
	Name string `json:"name,omitempty"`
	// SHA256 is the hex content hash if the caller knows it already (scan
	// validation does); the builder computes it otherwise, and refuses the
	// file with ErrChanged when it differs.
	SHA256 string `json:"sha256,omitempty"`
	// Stored says Path is in the workspace's content-addressed store, named
	// by SHA256 and never rewritten: the builder takes SHA256 as it is
	// instead of hashing the file again (a rebuild of a large case would
	// otherwise spend a fifth of its time proving what the store guarantees).
	Stored bool `json:"stored,omitempty"`
	// Fixes says what must change in the file before it goes on a page:
	// scan validation's plan for an accepted file (FixesFromPlan), with
	// SHA256 the hash it was checked under. Nil means the builder has the
	// file validated first and leaves it out when it is rejected (see
	// verdict.go).
	Fixes *Fixes `json:"fixes,omitempty"`
}

// Fixes are the changes a file needs. Scan validation fills them in; the
// builder applies them and records them in the manifest.
type Fixes struct {
	// Orientation is the EXIF orientation (1–8) to apply; 0 or 1 means none.
	Orientation int `json:"orientation,omitempty"`
	// Rotate turns the file clockwise by 90, 180 or 270 degrees (a rotation
	// the clerk asked for). A picture turns after Orientation; a PDF has
	// every page's /Rotate increased, keeping its text.
	Rotate int `json:"rotate,omitempty"`
	// FlattenAlpha paints a transparent image onto white.
	FlattenAlpha bool `json:"flatten_alpha,omitempty"`
	// CMYKToRGB converts a CMYK (or YCCK) JPEG to RGB.
	CMYKToRGB bool `json:"cmyk_to_rgb,omitempty"`
	// To8Bit reduces 16 bits per channel to 8.
	To8Bit bool `json:"to_8bit,omitempty"`
	// StripMetadata drops EXIF, XMP, comments and other metadata segments
	// from a JPEG while keeping its compressed data byte for byte.
	StripMetadata bool `json:"strip_metadata,omitempty"`
	// Decrypt removes an owner password from a PDF (no user password).
	Decrypt bool `json:"decrypt,omitempty"`
}

// Action is something a person must do that is not a document (the owners'
// EDS approval, the fingerprinting visit). It is listed on the cover.
type Action struct {
	Title    string     `json:"title"`
	Deadline civil.Date `json:"deadline"`
	// Time is the cut-off on the deadline day, Kazakhstan time ("12:00"),
	// when the deadline has one: the owners' approval must be in by noon.
	Time string `json:"time,omitempty"`
}

// Cover is the case summary printed on the first page.
type Cover struct {
	Applicant    string     `json:"applicant"`
	Employer     string     `json:"employer,omitempty"`
	Procedure    string     `json:"procedure,omitempty"`
	Channel      string     `json:"channel,omitempty"`
	FilingDate   civil.Date `json:"filing_date"`
	RulesVersion string     `json:"rules_version,omitempty"`
	Actions      []Action   `json:"actions,omitempty"`
}

// Input is everything a build needs to know about the case.
type Input struct {
	Cover     Cover
	Documents []Document
}

// Options tune a build.
type Options struct {
	// Lang is the package language (cover, bookmarks, page numbers).
	Lang i18n.Lang
	// MaxFileBytes is the budget of each upload file (and of the pack
	// output); 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
	// Reproducible fixes dates and file IDs so equal inputs give equal bytes.
	Reproducible bool
	// Date is the build date written to the manifest and PDF metadata.
	// In reproducible mode it is the only date that appears in the output.
	Date civil.Date
	// ProgramVersion goes into the manifest.
	ProgramVersion string
	// FileStem names the merged PDF (without ".pdf"); the builder derives
	// <Surname>_<procedure>_<filing date> from the cover when empty.
	FileStem string
	// Progress, if set, is called with the work done so far.
	Progress func(Progress)
	// Validator gives files that come without a verdict (File.Fixes nil)
	// theirs; nil means scan.New with default options (its cache
	// included).
	Validator *scan.Validator
}

// DefaultMaxFileBytes is the egov form's usual per-file limit: 10 MB.
const DefaultMaxFileBytes = 10_000_000

// Progress reports how far a build is: Done of Total steps, and what it is
// doing now (a document ID or a stage name).
type Progress struct {
	Done, Total int
	Stage       string
}
