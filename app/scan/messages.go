package scan

import (
	_ "embed"

	"dossier/app/i18n"
)

//go:embed messages.json
var messagesJSON []byte

func init() { i18n.MustRegister(messagesJSON) }
