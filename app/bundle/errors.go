package bundle

import (
	"errors"

	"dossier/app/failure"
	"dossier/app/i18n"
	"dossier/app/scan"
)

// Sentinel errors callers branch on.
var (
	// ErrDamaged: a PDF that pdfcpu cannot read or merge.
	ErrDamaged = errors.New("damaged PDF")
	// ErrEncrypted: a PDF that needs a user password to open.
	ErrEncrypted = errors.New("password-protected PDF")
	// ErrPicture: a picture that cannot be decoded.
	ErrPicture = errors.New("picture cannot be decoded")
)

// FileError names the input file a failure came from (as made safe to
// show).
type FileError struct {
	Name string
	Err  error
}

func (e *FileError) Error() string { return e.Name + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Message says the failure in lang (see the package-level Message); it
// makes a FileError a failure.Explainer, so the window's error texts come
// from the same catalogue.
func (e *FileError) Message(lang i18n.Lang) string {
	if msg, ok := Message(e, lang); ok {
		return msg
	}
	return e.Name + ": " + failure.Message(lang, e.Err)
}

// inputFailures maps what can go wrong with an input file to its catalogue
// message (each takes the file's name): the first match wins, so the more
// specific come first.
var inputFailures = []struct {
	is  func(error) bool
	key string
}{
	{scan.IsDecodeLimit, "bundle.err.bomb"},
	{func(err error) bool { return errors.Is(err, ErrEncrypted) }, "bundle.err.encrypted"},
	{func(err error) bool { return errors.Is(err, ErrChanged) }, "bundle.err.changed"},
	{func(err error) bool { return errors.Is(err, ErrTooLarge) }, "bundle.err.too_large"},
	{func(err error) bool { return errors.Is(err, ErrUnsupported) }, "bundle.err.unsupported"},
	{func(err error) bool { return errors.Is(err, ErrNotJPEG) || errors.Is(err, ErrPicture) }, "bundle.err.picture"},
	{func(err error) bool { return errors.Is(err, ErrDamaged) }, "bundle.err.damaged"},
	{func(err error) bool { return errors.Is(err, errNoVerdict) }, "bundle.err.not_checked"},
}

// Message says in lang what went wrong with an input of a build or pack
// and what to do about it, from the catalogue, never in the PDF library's
// words. ok is false for failures that are not about an input (the disk,
// a cancel): the caller reports those.
func Message(err error, lang i18n.Lang) (msg string, ok bool) {
	for _, f := range inputFailures {
		if err != nil && f.is(err) {
			name := i18n.T(lang, "bundle.err.some_file")
			var fe *FileError
			if errors.As(err, &fe) && fe.Name != "" {
				name = fe.Name
			}
			return i18n.T(lang, f.key, name), true
		}
	}
	if errors.Is(err, ErrNothingAccepted) {
		return i18n.T(lang, "bundle.err.nothing_accepted"), true
	}
	return "", false
}
