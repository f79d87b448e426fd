package uikit

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// Fyne's file dialogs make their titles from two words ("Open" + "Folder":
// «Открыть Папка», which is not Russian) and fill their buttons from the
// strings the app registered (ui/translations/fyne.*.json, checked key by
// key in ui/lang_test.go). Every dialog here gets a title that says what is
// being chosen, in the clerk's language, and buttons that say what happens.
//
// Fyne 2.7.1 does not ask its lang package for these, so they stay English
// whatever the language: the places in the left column, "Home"
// (dialog/file.go:374 and :400), "App Files" (:405, only when the app's
// storage holds files) and "Computer" (dialog/file_unix.go:20; drive letters
// on Windows), plus the home folder's "Desktop", "Documents", "Downloads",
// "Music", "Pictures", "Videos" under those names (file.go:949-961); and the
// save dialog's overwrite question, "Overwrite?" / "Are you sure you want to
// overwrite the file …?" (file.go:293) and "Cannot overwrite" (file.go:288).
// Dossier asks for folders where it can; its one save dialog (the schedule
// export, ui/export.go) proposes a name no file in the folder has, so the
// question comes only when the clerk picks an existing file on purpose.

// FolderDialog asks for a folder; start (may be "") is where it opens.
func (k Kit) FolderDialog(title, confirm, start string, chosen func(dir string)) *dialog.FileDialog {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		chosen(l.Path())
	}, k.Win)
	k.DressFileDialog(d, title, confirm, start)
	return d
}

// FileDialog asks for one file to read, of the given extensions (none: any).
func (k Kit) FileDialog(title string, exts []string, chosen func(path string)) *dialog.FileDialog {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		chosen(path)
	}, k.Win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	k.DressFileDialog(d, title, k.P.T("ui.dialog.choose_file"), "")
	return d
}

// DressFileDialog gives a Fyne file dialog a title, buttons in the clerk's
// language, a start folder (may be "") and a size that fits the window.
func (k Kit) DressFileDialog(d *dialog.FileDialog, title, confirm, start string) {
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetDismissText(k.P.T("ui.docs.cancel"))
	if start != "" {
		if st, err := os.Stat(start); err == nil && st.IsDir() {
			if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
				d.SetLocation(l)
			}
		}
	}
	// Fit a small screen (1024×600): the dialog is as large as the window
	// allows, never larger.
	size := k.Win.Canvas().Size()
	d.Resize(fyne.NewSize(min(size.Width-40, 900), min(size.Height-40, 640)))
}
