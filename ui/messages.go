package ui

import (
	"embed"

	"dossier/app/i18n"
)

// messages.json holds the window's texts; a feature may keep its own in a
// messages_<feature>.json beside it, so work in parallel edits different files.
//
//go:embed messages*.json
var messageFiles embed.FS

func init() { i18n.MustRegisterFS(messageFiles) }
