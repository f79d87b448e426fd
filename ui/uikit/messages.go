package uikit

import (
	_ "embed"

	"dossier/app/i18n"
)

// The window's texts (every screen's, the case editor's included) are
// registered here, so each package of the window that shows them, and its
// tests, has them by importing uikit.
//
//go:embed messages.json
var messages []byte

// The texts of issue 14's changes live in their own catalogue, so the
// shared screens' file is edited less often by work in parallel.
//
//go:embed messages_walkthrough.json
var walkthroughMessages []byte

func init() {
	i18n.MustRegister(messages)
	i18n.MustRegister(walkthroughMessages)
}
