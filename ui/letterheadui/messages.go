package letterheadui

import (
	_ "embed"

	"dossier/app/i18n"
)

//go:embed messages.json
var messages []byte

func init() { i18n.MustRegister(messages) }
