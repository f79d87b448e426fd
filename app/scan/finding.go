package scan

import (
	"encoding/json"
	"strconv"
	"strings"

	"dossier/app/i18n"
)

// Severity says how much a finding matters: a file with an error is
// rejected, one with warnings is accepted with them shown.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Stable finding codes. The GUI, the CLI and the package builder branch on
// them; their texts live in messages.json as "scan.<code>".
const (
	CodeEmpty           = "empty_file"
	CodeTooLarge        = "too_large"
	CodeLargeFile       = "large_file"
	CodeUnreadable      = "unreadable"
	CodeHEIC            = "heic"
	CodeUnsupported     = "unsupported_type"
	CodeTIFF            = "tiff"
	CodeTooManyPixels   = "too_many_pixels"
	CodeBadDimensions   = "bad_dimensions"
	CodeDamagedImage    = "damaged_image"
	CodeLowDPI          = "low_dpi"
	CodeDPITooLow       = "dpi_too_low"
	CodeRotated         = "rotated"
	CodeBlank           = "blank_page"
	CodeDark            = "too_dark"
	CodeDarkUnreadable  = "too_dark_unreadable"
	CodeBlurry          = "blurry"
	CodeAlpha           = "alpha"
	CodeCMYK            = "cmyk"
	Code16Bit           = "bit16"
	CodeGPS             = "gps"
	CodeEncrypted       = "encrypted"
	CodeRestricted      = "restricted"
	CodePDFDamaged      = "pdf_damaged"
	CodePDFRepaired     = "pdf_repaired"
	CodePDFNonStandard  = "pdf_nonstandard"
	CodeNoPages         = "no_pages"
	CodeTooManyPages    = "too_many_pages"
	CodePageSize        = "page_size"
	CodeCheckFailed     = "check_failed"
	CodeCheckTimeout    = "check_timeout"
	CodeInProcess       = "checked_in_process"
	CodePageImageSkip   = "page_image_unchecked"
	CodeDuplicate       = "duplicate"
	CodeNearDuplicate   = "near_duplicate"
	CodeUnsupportedJPEG = "unsupported_jpeg"
	CodeJPEGScans       = "jpeg_scans"
	CodePageBox         = "page_box"
	CodePDFBomb         = "pdf_bomb"
	CodeActiveContent   = "active_content"
	CodeExtension       = "extension_mismatch"
	// CodeDossierDraft: a PDF Dossier wrote as an unsigned draft (its
	// document information carries pdfkit.DraftKey); Args[0] is the paper.
	CodeDossierDraft = "dossier_draft"
	// CodeUnsignedText: a PDF of text alone, no scanned page, for an item
	// that must carry a signature or a stamp (casework adds it, item-aware).
	CodeUnsignedText = "unsigned_text"
)

// Finding is one thing the validator noticed. Its text is not stored: it is
// made in the reader's language from Code and Args by Message.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Page is 1-based; 0 means the whole file (JSON null).
	Page int `json:"-"`
	// DPI and Bytes carry the number that matters for dpi and size findings.
	DPI   int   `json:"dpi,omitempty"`
	Bytes int64 `json:"bytes,omitempty"`
	// Args are the values the message text shows, already formatted.
	Args []string `json:"args,omitempty"`
}

type findingJSON struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Page     *int     `json:"page"`
	DPI      int      `json:"dpi,omitempty"`
	Bytes    int64    `json:"bytes,omitempty"`
	Args     []string `json:"args,omitempty"`
}

// MarshalJSON writes Page as null for a whole-file finding.
func (f Finding) MarshalJSON() ([]byte, error) {
	j := findingJSON{Code: f.Code, Severity: f.Severity, DPI: f.DPI, Bytes: f.Bytes, Args: f.Args}
	if f.Page > 0 {
		p := f.Page
		j.Page = &p
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Finding) UnmarshalJSON(b []byte) error {
	var j findingJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Finding{Code: j.Code, Severity: j.Severity, DPI: j.DPI, Bytes: j.Bytes, Args: j.Args}
	if j.Page != nil {
		f.Page = *j.Page
	}
	return nil
}

// Message is the finding's text in lang: what is wrong and what to do.
func (f Finding) Message(lang i18n.Lang) string {
	args := make([]any, len(f.Args))
	for i, a := range f.Args {
		args[i] = a
	}
	if f.Code == CodeUnsupported && len(f.Args) == 1 {
		args[0] = i18n.T(lang, "scan.kind."+f.Args[0])
	}
	if f.Code == CodeActiveContent {
		// The kinds removed, named in the reader's language in one list.
		names := make([]string, len(f.Args))
		for i, k := range f.Args {
			names[i] = i18n.T(lang, "scan.active."+k)
		}
		return i18n.T(lang, "scan."+f.Code, strings.Join(names, ", "))
	}
	if f.Code == CodePDFDamaged {
		// The argument says whether the end of the file is there.
		key := "scan.pdf_damaged.intact"
		if len(f.Args) == 1 && f.Args[0] == "truncated" {
			key = "scan.pdf_damaged.truncated"
		}
		return i18n.T(lang, key)
	}
	if f.Code == CodeDossierDraft {
		return draftMessage(lang, f.Args)
	}
	return i18n.T(lang, "scan."+f.Code, args...)
}

// draftMessage names the paper a Dossier draft is and says what to do: a
// paper to sign comes back as the scan of the signed and stamped sheet; a
// working sheet (the originals, the egov values) is no document at all.
func draftMessage(lang i18n.Lang, args []string) string {
	kind := ""
	if len(args) == 1 {
		kind, _, _ = strings.Cut(args[0], "-")
	}
	paper := i18n.T(lang, "scan.draft_paper.other")
	if key := "scan.draft_paper." + kind; i18n.Has(key) {
		paper = i18n.T(lang, key)
	}
	if kind == "originals" || kind == "egov" {
		return i18n.T(lang, "scan.dossier_draft.sheet", paper)
	}
	return i18n.T(lang, "scan.dossier_draft", paper)
}

func itoa(n int) string     { return strconv.Itoa(n) }
func mb(n int64) string     { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) }
func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) }
func mpix(n int64) string   { return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) }
