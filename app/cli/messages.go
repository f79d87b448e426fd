package cli

import (
	"embed"
	"path"

	"dossier/app/i18n"
)

// Each command may keep its texts in its own messages_<command>.json, so
// commands added in parallel never edit the same catalogue file.
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
