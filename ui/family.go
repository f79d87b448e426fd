package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/kz"
	"dossier/app/store"
)

// showFamily lists an employee's family members, with a form to add one and
// a button that opens a family-member case for each.
func (u *ui) showFamily(emp store.Employee) {
	p := u.p
	ws := u.ws
	members, err := ws.FamilyMembers(context.Background(), emp.ID)
	if err != nil {
		u.showError(errors.New(store.Explain(u.lang, err)))
		return
	}
	var dlg *dialog.CustomDialog
	list := container.NewVBox()
	if len(members) == 0 {
		list.Add(widget.NewLabel(p.T("ui.fam.none")))
	}
	for _, m := range members {
		m := m
		name := m.NameCyr
		if name == "" {
			name = m.NameLat
		}
		line := p.T("ui.fam.line", name, p.T("ui.relation."+m.Relation), m.BirthDate.DMY())
		if !m.TRPExpiry.IsZero() {
			line += " · " + p.T("ui.fam.trp", m.TRPExpiry.DMY())
		}
		open := widget.NewButtonWithIcon(p.T("ui.fam.case"), theme.DocumentIcon(), func() {
			dlg.Hide()
			u.newFamilyCase(emp, m, nil)
		})
		list.Add(container.NewBorder(nil, nil, nil, open, widget.NewLabel(line)))
	}
	add := widget.NewButtonWithIcon(p.T("ui.fam.add"), theme.ContentAddIcon(), func() {
		dlg.Hide()
		u.editFamilyMember(emp, store.FamilyMember{EmployeeID: emp.ID, Relation: store.RelationSpouse}, func() { u.showFamily(emp) })
	})
	dlg = dialog.NewCustom(p.T("ui.fam.title", emp.Name()), p.T("ui.build.close"), container.NewVBox(list, add), u.win)
	dlg.Resize(fyne.NewSize(620, 300))
	u.showEscapable(dlg)
}

// editFamilyMember is the form for one family member.
func (u *ui) editFamilyMember(emp store.Employee, m store.FamilyMember, saved func()) {
	p := u.p
	today := civil.Of(nowKZ())
	noop := func() {}
	text := func(v *string) *appEntry {
		en := u.newAppEntry()
		en.SetText(*v)
		en.OnChanged = func(s string) { *v = strings.TrimSpace(s) }
		return en
	}
	relations := []string{store.RelationSpouse, store.RelationChild, store.RelationParent}
	var relLabels []string
	for _, r := range relations {
		relLabels = append(relLabels, p.T("ui.relation."+r))
	}
	relation := newSelect(u.p, relLabels, nil)
	for i, r := range relations {
		if r == m.Relation {
			relation.SetSelectedIndex(i)
		}
	}
	relation.OnChanged = func(string) { m.Relation = relations[relation.SelectedIndex()] }
	birth := u.dateEntry(&m.BirthDate, noop)
	iin := u.iinEntry(&m.IIN, today, func(info kz.IINInfo) {
		if m.BirthDate.IsZero() && !info.BirthDate.IsZero() {
			birth.SetText(info.BirthDate.DMY())
		}
	})
	citizenship := u.countryEntry(&m.Citizenship, noop)
	form := widget.NewForm(
		widget.NewFormItem(p.T("ui.case.relation"), relation),
		widget.NewFormItem(p.T("ui.emp.name_cyr"), text(&m.NameCyr)),
		widget.NewFormItem(p.T("ui.emp.name_lat"), text(&m.NameLat)),
		widget.NewFormItem(p.T("ui.case.iin"), iin),
		widget.NewFormItem(p.T("ui.case.birth_date"), birth),
		widget.NewFormItem(p.T("ui.case.citizenship"), citizenship),
		widget.NewFormItem(p.T("ui.emp.passport_no"), text(&m.PassportNo)),
		widget.NewFormItem(p.T("ui.emp.passport_expiry"), u.dateEntry(&m.PassportExpiry, noop)),
		widget.NewFormItem(p.T("ui.case.permit_expires"), u.dateEntry(&m.TRPExpiry, noop)),
		widget.NewFormItem(p.T("ui.emp.fingerprint_date"), u.dateEntry(&m.FingerprintDate, noop)),
	)
	var dlg *dialog.CustomDialog
	save := widget.NewButton(p.T("ui.emp.save"), func() {
		if err := u.ws.SaveFamilyMember(context.Background(), &m, today); err != nil {
			dialog.ShowError(errors.New(store.Explain(u.lang, err)), u.win)
			return
		}
		dlg.Hide()
		if saved != nil {
			saved()
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(p.T("ui.docs.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(p.T("ui.fam.new", emp.Name()), u.formScroll(container.NewVScroll(form)), u.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(620, 560))
	dlg.Show()
}

// newFamilyCase opens a family-member case: first issue unless the member
// already holds a permit, online, filed today.
func (u *ui) newFamilyCase(emp store.Employee, m store.FamilyMember, done func()) {
	ws := u.ws
	c := store.Case{
		EmployeeID: emp.ID, FamilyMemberID: m.ID, Purpose: store.PurposeFamily, Kind: store.KindFirst,
		Channel: store.ChannelOnline, FilingDate: civil.Of(nowKZ()), OwnersCount: 1, State: store.StateDraft,
	}
	if !m.TRPExpiry.IsZero() {
		c.Kind = store.KindExtension
	}
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		err := ws.SaveCase(context.Background(), &c)
		u.onUI(func() {
			if err != nil {
				u.showError(errors.New(store.Explain(u.lang, err)))
				if done != nil {
					done()
				}
				return
			}
			u.openCase(c.ID, done)
		})
	}()
}
