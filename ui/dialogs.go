package ui

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/app/i18n"
	"dossier/ui/uikit"
)

// folderDialog asks for a folder; start (may be "") is where it opens.
// Every file dialog of the window is dressed in the clerk's language by
// ui/uikit (see the note in uikit/dialogs.go).
func (u *ui) folderDialog(title, confirm, start string, chosen func(dir string)) *dialog.FileDialog {
	return u.kit().FolderDialog(title, confirm, start, chosen)
}

// fileDialog asks for one file to read, of the given extensions (none: any).
func (u *ui) fileDialog(title string, exts []string, chosen func(path string)) *dialog.FileDialog {
	return u.kit().FileDialog(title, exts, chosen)
}

// newSelect is a select whose empty state says "choose" in the clerk's
// language.
func newSelect(p i18n.Printer, options []string, changed func(string)) *widget.Select {
	return uikit.NewSelect(p, options, changed)
}
