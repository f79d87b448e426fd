package roster

import (
	"context"
	"errors"

	"dossier/app/i18n"
)

// FileError is why a roster file cannot be read, as a message from the
// catalogue: what happened and what to do. Kind is the sentinel callers
// branch on (ErrUnreadable, ErrTooLarge, ErrNoSheet); Cause is the library's
// own error, kept for errors.Is/As and logs but never shown to the clerk.
type FileError struct {
	Kind  error
	Key   string
	Args  []any
	Cause error
}

func fileErr(kind, cause error, key string, args ...any) *FileError {
	return &FileError{Kind: kind, Key: key, Args: args, Cause: cause}
}

// Error is the English text (for logs); Text gives it in a language.
func (e *FileError) Error() string { return e.Text(i18n.EN) }

// Text renders the message in lang.
func (e *FileError) Text(lang i18n.Lang) string { return i18n.T(lang, e.Key, e.Args...) }

// Message is Text under the name package failure asks an error for, so a
// screen that explains errors through it shows the roster's own text.
func (e *FileError) Message(lang i18n.Lang) string { return e.Text(lang) }

func (e *FileError) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Kind, e.Cause}
	}
	return []error{e.Kind}
}

// Explain renders any error of reading or importing a roster for the clerk,
// in lang, without library text. Errors that are not the file's fault (the
// workspace, a cancel) come back as their own text via the caller's
// handling; Explain gives a general message for them.
func Explain(lang i18n.Lang, err error) string {
	var fe *FileError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &fe):
		return fe.Text(lang)
	case errors.Is(err, ErrNoHeader):
		return i18n.T(lang, "roster.err.no_header")
	case errors.Is(err, context.Canceled):
		return i18n.T(lang, "roster.err.cancelled")
	}
	return i18n.T(lang, "roster.err.internal")
}
