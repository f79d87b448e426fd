package paperui

import (
	"embed"

	"dossier/app/i18n"
)

// The dialog's texts; a part added in parallel keeps its own
// messages_<part>.json so two changes never edit one catalogue.
//
//go:embed messages*.json
var messageFiles embed.FS

func init() { i18n.MustRegisterFS(messageFiles) }
