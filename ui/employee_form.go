package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/kz"
	"dossier/app/store"
)

// editEmployee opens the employee form: a new employee when e.ID is 0. The
// IIN is checked as the clerk types and, when valid, fills in the birth date
// and sex. Saving goes through the store's validation, whose messages are
// shown as they are. saved (may be nil) runs after a successful save.
func (u *ui) editEmployee(e store.Employee, saved func(store.Employee)) {
	p := u.p
	ws := u.ws
	if ws == nil {
		return
	}
	today := civil.Of(nowKZ())
	noop := func() {}
	text := func(v *string) *appEntry {
		en := u.newAppEntry()
		en.SetText(*v)
		en.OnChanged = func(s string) { *v = strings.TrimSpace(s) }
		return en
	}
	birth := u.dateEntry(&e.BirthDate, noop)
	sexCodes := []string{"M", "F"}
	sex := newSelect(u.p, []string{p.T("ui.emp.sex.M"), p.T("ui.emp.sex.F")}, nil)
	for i, c := range sexCodes {
		if e.Sex == c {
			sex.SetSelectedIndex(i)
		}
	}
	sex.OnChanged = func(string) {
		if i := sex.SelectedIndex(); i >= 0 {
			e.Sex = sexCodes[i]
		}
	}
	iin := u.iinEntry(&e.IIN, today, func(info kz.IINInfo) {
		// A valid IIN carries the birth date and sex: fill them when empty.
		if e.BirthDate.IsZero() && !info.BirthDate.IsZero() {
			birth.SetText(info.BirthDate.DMY())
		}
		if e.Sex == "" && info.Sex != "" {
			if info.Sex == kz.Male {
				sex.SetSelectedIndex(0)
			} else {
				sex.SetSelectedIndex(1)
			}
		}
	})
	citizenship := u.countryEntry(&e.Citizenship, noop)
	employer := u.employerPicker(&e)
	esutd := widget.NewCheck(p.T("ui.emp.esutd"), func(b bool) { e.ContractESUTD = b })
	esutd.SetChecked(e.ContractESUTD)

	form := widget.NewForm(
		widget.NewFormItem(p.T("ui.emp.name_cyr"), text(&e.NameCyr)),
		widget.NewFormItem(p.T("ui.emp.name_lat"), text(&e.NameLat)),
		widget.NewFormItem(p.T("ui.case.iin"), iin),
		widget.NewFormItem(p.T("ui.case.birth_date"), birth),
		widget.NewFormItem(p.T("ui.emp.sex"), sex),
		widget.NewFormItem(p.T("ui.case.citizenship"), citizenship),
		widget.NewFormItem(p.T("ui.case.employer"), employer),
		widget.NewFormItem(p.T("ui.emp.passport_no"), text(&e.PassportNo)),
		widget.NewFormItem(p.T("ui.emp.passport_expiry"), u.dateEntry(&e.PassportExpiry, noop)),
		widget.NewFormItem(p.T("ui.emp.contract_no"), text(&e.ContractNo)),
		widget.NewFormItem(p.T("ui.emp.contract_start"), u.dateEntry(&e.ContractStart, noop)),
		widget.NewFormItem(p.T("ui.emp.contract_end"), u.dateEntry(&e.ContractEnd, noop)),
		widget.NewFormItem("", esutd),
		widget.NewFormItem(p.T("ui.emp.trp_no"), text(&e.TRPNo)),
		widget.NewFormItem(p.T("ui.case.permit_issued"), u.dateEntry(&e.TRPIssued, noop)),
		widget.NewFormItem(p.T("ui.case.permit_expires"), u.dateEntry(&e.TRPExpiry, noop)),
		widget.NewFormItem(p.T("ui.emp.fingerprint_date"), u.dateEntry(&e.FingerprintDate, noop)),
		widget.NewFormItem(p.T("ui.emp.residence_address"), text(&e.ResidenceAddress)),
		widget.NewFormItem(p.T("ui.emp.residence_rka"), text(&e.ResidenceRKA)),
	)
	title := p.T("ui.emp.new")
	if e.ID != 0 {
		title = p.T("ui.emp.edit", e.Name())
	}
	var dlg *dialog.CustomDialog
	save := widget.NewButton(p.T("ui.emp.save"), func() {
		err := ws.SaveEmployee(context.Background(), &e, today)
		if err != nil {
			dialog.ShowError(errors.New(store.Explain(u.lang, err)), u.win)
			return
		}
		dlg.Hide()
		if saved != nil {
			saved(e)
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(p.T("ui.docs.cancel"), func() { dlg.Hide() })
	body := container.NewVScroll(form)
	body.SetMinSize(fyne.NewSize(620, 520))
	dlg = dialog.NewCustomWithoutButtons(title, u.formScroll(body), u.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Show()
}
