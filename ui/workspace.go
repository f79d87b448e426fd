package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"dossier/app/civil"
	"dossier/app/demo"
	"dossier/app/store"
)

// prefWorkspace remembers the last workspace folder.
const prefWorkspace = "workspace"

// demoDir is where the built-in demo workspace lives: inside the app's own
// storage, so a first start needs no question and no write elsewhere.
func demoDir(a fyne.App) string {
	return filepath.Join(a.Storage().RootURI().Path(), "demo-workspace")
}

// openStartWorkspace opens the last workspace, or on the first start creates
// and opens the demo one. It does I/O: call it off the UI thread.
func openStartWorkspace(ctx context.Context, a fyne.App, today civil.Date) (*store.Workspace, error) {
	dir := a.Preferences().String(prefWorkspace)
	if dir == "" {
		dir = demoDir(a)
		if _, err := os.Stat(filepath.Join(dir, store.DBName)); errors.Is(err, os.ErrNotExist) {
			if err := demo.Create(ctx, dir, demo.Options{Today: today, Scans: true}); err != nil {
				return nil, err
			}
		}
	}
	ws, err := store.Open(ctx, dir, store.Options{})
	if err != nil {
		return nil, err
	}
	a.Preferences().SetString(prefWorkspace, dir)
	return ws, nil
}
