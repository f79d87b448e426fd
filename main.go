// Command dossier prepares temporary residence permit packages for foreign
// employees in Kazakhstan. Without arguments it opens the window; with a
// subcommand it works headless (dossier help).
package main

import (
	"context"
	_ "embed"
	"os"
	"os/signal"
	"strings"

	"dossier/app/buildinfo"
	"dossier/app/cli"
	_ "dossier/app/posixlocale" // must initialise before Fyne reads the locale
	"dossier/ui"
)

//go:embed FyneApp.toml
var fyneAppToml []byte

func main() {
	buildinfo.Init(fyneAppToml)
	args := os.Args[1:]
	// macOS hands apps started from Finder a -psn_… argument: that is a GUI start.
	if len(args) == 0 || strings.HasPrefix(args[0], "-psn_") {
		ui.Run()
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
