package casework

import "dossier/app/scan"

// The checklist items whose paper must carry a handwritten signature and
// the company's or the notary's stamp: the employer's letter and the
// housing owner's consent. Dossier drafts both (app/papers); the signed
// sheet comes back as a scan.
const (
	ItemLetter  = "application_letter"
	ItemConsent = "owner_consent"
)

// MustBeSigned reports whether item's paper must carry a signature and a
// stamp that only a scan of the signed sheet shows.
func MustBeSigned(item string) bool { return item == ItemLetter || item == ItemConsent }

// ForItem adds to a file's check what depends on the item it is attached
// to. A PDF with no scanned page on an item that must be signed and
// stamped was made on a computer (typically the draft saved from Word as
// PDF, unsigned): it is warned about, not refused, because a paper signed
// with an EDS is such a PDF too and only the clerk knows which it is.
// Dossier's own drafts are refused elsewhere (the workspace's record of
// them, and the mark in their PDFs).
func ForItem(item string, r scan.Result) scan.Result {
	if !MustBeSigned(item) || r.Verdict == scan.Reject || r.Kind != scan.KindPDF || r.Pages == 0 || r.Scanned() {
		return r
	}
	r.Findings = append([]scan.Finding(nil), r.Findings...) // the caller's slice stays as it was
	r.Add(scan.Finding{Code: scan.CodeUnsignedText, Severity: scan.SevWarning})
	return r
}
