package kz

import (
	"embed"
	"path"

	"dossier/app/i18n"
)

// Each part of the package keeps its texts in its own messages_<part>.json
// (messages_id.json for the identifiers).
//
//go:embed messages*.json
var messageFiles embed.FS

func init() {
	names, err := messageFiles.ReadDir(".")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		data, err := messageFiles.ReadFile(path.Join(".", n.Name()))
		if err != nil {
			panic(err)
		}
		i18n.MustRegister(data)
	}
}
