package ui

import (
	"fyne.io/fyne/v2"

	"dossier/app/store"
	"dossier/ui/letterheadui"
)

// letterheadSection is a company's letterhead on its card: which .docx the
// employer's letter is printed on, in Russian and in Kazakh, with import,
// replace, open, remove and a starting template (ui/letterheadui).
func (u *ui) letterheadSection(er store.Employer, have []store.Letterhead) fyne.CanvasObject {
	host := letterheadui.Host{
		Win: u.win, P: u.p, WS: u.ws,
		OpenURL: u.app.OpenURL,
		Do:      u.onUI,
		Go:      u.background,
		PickFile: func(title string, exts []string, chosen func(string)) {
			u.fileDialog(title, exts, chosen).Show()
		},
		PickFolder: func(title, confirm string, chosen func(string)) {
			u.folderDialog(title, confirm, documentsDir(), chosen).Show()
		},
		ShowError: u.showError,
	}
	s := letterheadui.New(host, er, have)
	if u.letterheads == nil {
		u.letterheads = map[int64]*letterheadui.Section{}
	}
	u.letterheads[er.ID] = s
	return s.Object()
}
