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

// prefWorkspace remembers the last workspace folder; prefRecent the last
// few, newest first, for consultants who keep one per client.
const (
	prefWorkspace = "workspace"
	prefRecent    = "recent_workspaces"
	maxRecent     = 6
)

// rememberWorkspace puts dir first in the recent list.
func rememberWorkspace(a fyne.App, dir string) {
	a.Preferences().SetString(prefWorkspace, dir)
	list := []string{dir}
	for _, d := range a.Preferences().StringList(prefRecent) {
		if d != dir && len(list) < maxRecent {
			list = append(list, d)
		}
	}
	a.Preferences().SetStringList(prefRecent, list)
}

// defaultDemoDir is where the built-in demo workspace lives: inside the app's
// own storage, so a first start needs no question and no write elsewhere.
func defaultDemoDir(a fyne.App) string {
	return filepath.Join(a.Storage().RootURI().Path(), "demo-workspace")
}

// openStartWorkspace opens the last workspace, or on the first start creates
// and opens the demo one in demoDir. It does I/O: call it off the UI thread.
func openStartWorkspace(ctx context.Context, a fyne.App, demoDir string, today civil.Date) (*store.Workspace, error) {
	dir := a.Preferences().String(prefWorkspace)
	if dir == "" {
		dir = demoDir
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
	rememberWorkspace(a, dir)
	return ws, nil
}
