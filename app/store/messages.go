package store

import (
	_ "embed"
	"errors"

	"dossier/app/i18n"
)

//go:embed messages.json
var messages []byte

func init() { i18n.MustRegister(messages) }

// Explain renders the errors people meet when opening a workspace (locked,
// too new) in lang; other errors come back as their own text.
func Explain(lang i18n.Lang, err error) string {
	var le *LockedError
	if errors.As(err, &le) {
		pid := ""
		if le.PID > 0 {
			pid = i18n.T(lang, "store.locked_pid", le.PID)
		}
		return i18n.T(lang, "store.locked", le.Dir, pid)
	}
	if errors.Is(err, ErrFolderNotEmpty) {
		return i18n.T(lang, "store.not_empty")
	}
	if errors.Is(err, ErrInsideWorkspace) {
		return i18n.T(lang, "store.inside_workspace")
	}
	var tn *TooNewError
	if errors.As(err, &tn) {
		return i18n.T(lang, "store.too_new", tn.Have, tn.Want)
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Text(lang)
	}
	return err.Error()
}
