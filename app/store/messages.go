package store

import (
	_ "embed"
	"errors"

	"dossier/app/failure"
	"dossier/app/i18n"
)

//go:embed messages.json
var messages []byte

func init() { i18n.MustRegister(messages) }

// Message says the workspace is held by another Dossier, in lang.
func (e *LockedError) Message(lang i18n.Lang) string {
	pid := ""
	if e.PID > 0 {
		pid = i18n.T(lang, "store.locked_pid", e.PID)
	}
	return i18n.T(lang, "store.locked", e.Dir, pid)
}

// Message says the workspace is from a newer Dossier, in lang.
func (e *TooNewError) Message(lang i18n.Lang) string {
	return i18n.T(lang, "store.too_new", e.Have, e.Want)
}

// Explain renders an error in lang: the workspace's own (locked, too new, on
// a network drive, invalid data) with their texts, everything else through
// package failure (a full disk, a read-only folder, … in the clerk's words).
func Explain(lang i18n.Lang, err error) string {
	if errors.Is(err, ErrFolderNotEmpty) {
		return i18n.T(lang, "store.not_empty")
	}
	if errors.Is(err, ErrInsideWorkspace) {
		return i18n.T(lang, "store.inside_workspace")
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Text(lang)
	}
	return failure.Message(lang, err)
}
