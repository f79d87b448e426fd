package bundle

import "errors"

// Sentinel errors callers branch on.
var (
	// ErrDamaged: a PDF that pdfcpu cannot read or merge.
	ErrDamaged = errors.New("damaged PDF")
	// ErrEncrypted: a PDF that needs a user password to open.
	ErrEncrypted = errors.New("password-protected PDF")
)
