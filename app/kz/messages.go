package kz

import (
	"embed"

	"dossier/app/i18n"
)

// Each part of the package keeps its texts in its own messages_<part>.json
// (messages_id.json for the identifiers).
//
//go:embed messages*.json
var messageFiles embed.FS

func init() { i18n.MustRegisterFS(messageFiles) }
