package papers

import (
	"embed"

	"dossier/app/i18n"
)

// The papers' texts; a part added in parallel keeps its own
// messages_<part>.json so two changes never edit one catalogue.
//
//go:embed messages*.json
var messageFiles embed.FS

func init() { i18n.MustRegisterFS(messageFiles) }
