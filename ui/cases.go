package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/store"
)

// showCases lists every case of an employee, newest first, each with its
// procedure, filing date and state, and opens the one chosen.
func (u *ui) showCases(emp store.Employee) {
	p := u.p
	cases, err := u.ws.Cases(context.Background(), emp.ID)
	if err != nil {
		u.showError(errors.New(store.Explain(u.lang, err)))
		return
	}
	var dlg *dialog.CustomDialog
	list := container.NewVBox()
	if len(cases) == 0 {
		list.Add(widget.NewLabel(p.T("ui.cases.none")))
	}
	for _, c := range cases {
		id := c.ID
		line := p.T("ui.cases.line", c.ID, p.T("ui.kind_of."+c.Kind), p.T("ui.purpose."+c.Purpose),
			p.T("ui.channel."+c.Channel), c.FilingDate.DMY(), p.T("ui.cases.state."+c.State))
		open := widget.NewButtonWithIcon(p.T("ui.emp.open_case"), theme.FolderOpenIcon(), func() {
			dlg.Hide()
			u.openCase(id, nil)
		})
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		list.Add(container.NewBorder(nil, nil, nil, open, l))
	}
	dlg = dialog.NewCustom(p.T("ui.cases.title", emp.Name()), p.T("ui.build.close"), container.NewVScroll(list), u.win)
	dlg.Resize(fyne.NewSize(700, 360))
	u.showEscapable(dlg)
}
