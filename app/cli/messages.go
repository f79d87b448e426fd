package cli

import (
	"embed"

	"dossier/app/i18n"
)

// Each command may keep its texts in its own messages_<command>.json, so
// commands added in parallel never edit the same catalogue file.
//
//go:embed messages*.json
var messageFiles embed.FS

func init() { i18n.MustRegisterFS(messageFiles) }
