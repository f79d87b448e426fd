package failure

import (
	"errors"
	"fmt"

	"dossier/app/i18n"
)

// ErrNotOurs: an output would replace a file that Dossier did not make.
// Dossier replaces only its own earlier outputs (a schedule, a backup, a
// packed PDF); a clerk's file of the same name is left alone.
var ErrNotOurs = errors.New("file exists and was not made by Dossier")

// NotOursError names the file in the way.
type NotOursError struct{ Path string }

func (e *NotOursError) Error() string { return fmt.Sprintf("%s: %v", e.Path, ErrNotOurs) }
func (e *NotOursError) Unwrap() error { return ErrNotOurs }

// Message says what is in the way and what to do, in lang.
func (e *NotOursError) Message(lang i18n.Lang) string {
	return i18n.T(lang, "failure.not_ours", e.Path)
}
