package mrz

import (
	"embed"

	"dossier/app/i18n"
)

//go:embed messages*.json
var messageFiles embed.FS

func init() { i18n.MustRegisterFS(messageFiles) }
