package ui

import (
	"context"
	"errors"
	"strconv"
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

// settingCompanyFilter remembers, in the workspace, the company a consultant
// switched the roster to (an employer ID; empty: all companies).
const settingCompanyFilter = "ui.company_filter"

// companyFilter is the company the roster shows, 0 for all.
func (u *ui) companyFilter() int64 {
	if u.ws == nil {
		return 0
	}
	v, err := u.ws.Setting(context.Background(), settingCompanyFilter, "")
	if err != nil {
		return 0
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	return id
}

// setCompanyFilter remembers the roster's company.
func (u *ui) setCompanyFilter(id int64) {
	if u.ws == nil || id == u.companyFilter() {
		return
	}
	v := ""
	if id != 0 {
		v = strconv.FormatInt(id, 10)
	}
	if err := u.ws.SetSetting(context.Background(), settingCompanyFilter, v); err != nil {
		u.showError(errors.New(store.Explain(u.lang, err)))
	}
}

// companyForm edits er in place. BIN and RKA are checked as the clerk types;
// the store checks everything again on saving.
func (u *ui) companyForm(er *store.Employer) *widget.Form {
	p, lang := u.p, u.lang
	text := func(v *string, placeholder string) *appEntry {
		en := u.newAppEntry()
		en.SetText(*v)
		en.SetPlaceHolder(placeholder)
		en.OnChanged = func(s string) { *v = strings.TrimSpace(s) }
		return en
	}
	checked := func(v *string, placeholder string, check func(string) []kz.Problem) *appEntry {
		en := text(v, placeholder)
		en.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			if errs := check(s); len(errs) > 0 {
				return errors.New(errs[0].Message)
			}
			return nil
		}
		return en
	}
	bin := checked(&er.BIN, "000000000000", func(s string) []kz.Problem {
		return kz.ParseBIN(s, civil.Of(nowKZ())).In(lang).Errors
	})
	rka := checked(&er.RKA, "0000000000000000", func(s string) []kz.Problem { return kz.ParseRKA(s).In(lang).Errors })
	phone := text(&er.Phone, "+7 (727) 000-00-00")
	phone.Validator = func(s string) error {
		if s = strings.TrimSpace(s); s != "" && !store.ValidPhone(s) {
			return errors.New(p.T("ui.company.phone_invalid"))
		}
		return nil
	}
	name := text(&er.Name, p.T("ui.company.name_placeholder"))
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(p.T("ui.company.name_required"))
		}
		return nil
	}
	form := widget.NewForm(
		widget.NewFormItem(p.T("ui.company.name"), name),
		widget.NewFormItem(p.T("ui.case.bin"), bin),
		widget.NewFormItem(p.T("ui.company.address"), text(&er.Address, "")),
		&widget.FormItem{Text: p.T("ui.company.rka"), Widget: rka, HintText: p.T("ui.company.rka_hint")},
		widget.NewFormItem(p.T("ui.company.director"), text(&er.DirectorName, "")),
		widget.NewFormItem(p.T("ui.company.director_position"), text(&er.DirectorPosition, p.T("ui.company.director_position_placeholder"))),
		widget.NewFormItem(p.T("ui.company.contact"), text(&er.ContactName, "")),
		widget.NewFormItem(p.T("ui.company.phone"), phone),
		&widget.FormItem{Text: p.T("ui.company.eds_expiry"), Widget: u.dateEntry(&er.EDSExpiry, func() {}), HintText: p.T("ui.company.eds_hint")},
	)
	return form
}

// editCompany opens the company form: a new company when er.ID is 0. intro
// (may be empty) is a line above the form, for the first start. saved (may
// be nil) runs after a successful save, on the UI thread.
func (u *ui) editCompany(er store.Employer, intro string, saved func(store.Employer)) {
	p, ws := u.p, u.ws
	if ws == nil {
		return
	}
	form := u.companyForm(&er)
	title := p.T("ui.company.new")
	if er.ID != 0 {
		title = p.T("ui.company.edit", er.Name)
	}
	var dlg *dialog.CustomDialog
	save := widget.NewButtonWithIcon(p.T("ui.emp.save"), theme.DocumentSaveIcon(), func() {
		if err := ws.SaveEmployer(context.Background(), &er); err != nil {
			u.showError(errors.New(store.Explain(u.lang, err)))
			return
		}
		dlg.Hide()
		if saved != nil {
			saved(er)
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(p.T("ui.docs.cancel"), func() { dlg.Hide() })
	var body fyne.CanvasObject = roomForHints(form)
	if intro != "" {
		l := widget.NewLabel(intro)
		l.Wrapping = fyne.TextWrapWord
		body = container.NewBorder(l, nil, nil, nil, body)
	}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(600, 440))
	dlg = dialog.NewCustomWithoutButtons(title, u.formScroll(scroll), u.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Show()
	if first, ok := form.Items[0].Widget.(fyne.Focusable); ok {
		u.win.Canvas().Focus(first)
	}
}

// askFirstCompany asks for the clerk's company when a workspace other than
// the demo has none yet: before anything else, since every employee and
// case belongs to one. Closing it leaves the roster's own "add company".
func (u *ui) askFirstCompany() {
	if u.ws == nil || u.isDemo() {
		return
	}
	list, err := u.ws.Employers(context.Background())
	if err != nil || len(list) > 0 {
		return
	}
	u.editCompany(store.Employer{}, u.p.T("ui.company.first_intro"), func(store.Employer) { u.show() })
}

// isDemo reports whether the open workspace is the built-in demo.
func (u *ui) isDemo() bool {
	return u.ws != nil && sameDir(u.ws.Dir(), u.demoDir)
}

// companiesScreen lists the companies with what the papers need from each,
// and offers to add, edit, and show one company's employees.
func (u *ui) companiesScreen() fyne.CanvasObject {
	p := u.p
	if u.ws == nil {
		return widget.NewLabel(p.T("ui.ws.none"))
	}
	ctx := context.Background()
	list, err := u.ws.Employers(ctx)
	if err != nil {
		return widget.NewLabel(store.Explain(u.lang, err))
	}
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{})
	if err != nil {
		return widget.NewLabel(store.Explain(u.lang, err))
	}
	letterheads, err := u.ws.Letterheads(ctx)
	if err != nil {
		return widget.NewLabel(store.Explain(u.lang, err))
	}
	counts := map[int64]int{}
	for _, e := range emps {
		counts[e.EmployerID]++
	}
	add := widget.NewButtonWithIcon(p.T("ui.company.add"), theme.ContentAddIcon(), func() {
		u.editCompany(store.Employer{}, "", func(store.Employer) { u.show() })
	})
	add.Importance = widget.HighImportance
	hint := widget.NewLabel(p.T("ui.company.hint"))
	hint.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(p.T("ui.nav.companies"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), add),
		hint,
	)
	box := container.NewVBox()
	if len(list) == 0 {
		l := widget.NewLabel(p.T("ui.company.none"))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	today := civil.Of(nowKZ())
	filter := u.companyFilter()
	for _, er := range list {
		box.Add(u.companyCard(er, counts[er.ID], filter == er.ID, today, letterheads[er.ID]))
	}
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(box))
}

// companyCard is one company in the list: its identifiers, director,
// contact, EDS keys, how many employees it has, and the letterhead its
// letter is printed on.
func (u *ui) companyCard(er store.Employer, employees int, shown bool, today civil.Date, letterheads []store.Letterhead) fyne.CanvasObject {
	p := u.p
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	lines := []string{
		p.T("ui.company.line_ids", dash(er.BIN), dash(er.RKA)),
		p.T("ui.company.line_address", dash(er.Address)),
		p.T("ui.company.line_director", dash(strings.TrimSpace(er.DirectorPosition+" "+er.DirectorName))),
		p.T("ui.company.line_contact", dash(strings.Trim(er.ContactName+", "+er.Phone, ", "))),
		p.N("ui.company.line_employees", employees),
	}
	details := widget.NewLabel(strings.Join(lines, "\n"))
	details.Wrapping = fyne.TextWrapWord
	eds := widget.NewLabel(p.T("ui.company.eds_none"))
	if !er.EDSExpiry.IsZero() {
		switch d := today.DaysUntil(er.EDSExpiry); {
		case d < 0:
			eds.SetText(p.T("ui.company.eds_expired", er.EDSExpiry.DMY()))
			eds.Importance = widget.DangerImportance
		default:
			eds.SetText(p.T("ui.company.eds_until", er.EDSExpiry.DMY(), daysText(p, d)))
			if d <= 30 {
				eds.Importance = widget.WarningImportance
			}
		}
	}
	body := container.NewVBox(details, eds, widget.NewSeparator(), u.letterheadSection(er, letterheads))
	id := er.ID
	edit := widget.NewButtonWithIcon(p.T("ui.emp.edit_button"), theme.DocumentCreateIcon(), func() {
		u.editCompany(er, "", func(store.Employer) { u.show() })
	})
	roster := widget.NewButtonWithIcon(p.T("ui.company.show_roster"), theme.AccountIcon(), func() {
		u.setCompanyFilter(id)
		u.current = screenEmployees
		u.show()
	})
	if shown {
		roster.Importance = widget.HighImportance
	}
	title := er.Name
	card := widget.NewCard(title, "", container.NewBorder(nil, container.NewHBox(edit, roster), nil, nil, body))
	return card
}

// employerPicker is the employee form's company: a list of the workspace's
// companies with "add company" beside it, so an empty workspace is no dead
// end. When an employee already with a company is moved to another, a
// line under it asks for the day of the change (today unless corrected):
// the permit must be re-issued within 15 days of it, and the store records it.
func (u *ui) employerPicker(e *store.Employee) fyne.CanvasObject {
	p := u.p
	employers, _ := u.ws.Employers(context.Background())
	names := func() []string {
		out := make([]string, len(employers))
		for i, er := range employers {
			out[i] = er.Name
		}
		return out
	}
	sel := newSelect(u.p, names(), nil)
	sel.PlaceHolder = p.T("ui.company.pick")
	if e.ID == 0 && e.EmployerID == 0 {
		// A new employee most likely joins the company the roster shows,
		// or the only one there is.
		if f := u.companyFilter(); f != 0 {
			e.EmployerID = f
		} else if len(employers) == 1 {
			e.EmployerID = employers[0].ID
		}
	}
	for i, er := range employers {
		if er.ID == e.EmployerID {
			sel.SetSelectedIndex(i)
		}
	}
	original, originalDate := e.EmployerID, e.EmployerChanged
	changed := e.EmployerChanged
	dateEntry := u.dateEntry(&changed, func() { e.EmployerChanged = changed })
	hint := widget.NewLabel(p.T("ui.emp.employer_changed_hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.WarningImportance
	dateRow := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(p.T("ui.emp.employer_changed")), nil, dateEntry), hint)
	showDate := func() {
		moved := original != 0 && e.EmployerID != 0 && e.EmployerID != original
		if moved {
			if e.EmployerChanged.Equal(originalDate) {
				dateEntry.SetText(civil.Of(nowKZ()).DMY())
			}
			dateRow.Show()
		} else {
			e.EmployerChanged = originalDate
			dateRow.Hide()
		}
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 {
			e.EmployerID = employers[i].ID
		}
		showDate()
	}
	dateRow.Hide()
	add := widget.NewButtonWithIcon(p.T("ui.company.add_short"), theme.ContentAddIcon(), func() {
		u.editCompany(store.Employer{}, "", func(er store.Employer) {
			employers, _ = u.ws.Employers(context.Background())
			sel.SetOptions(names())
			for i, x := range employers {
				if x.ID == er.ID {
					sel.SetSelectedIndex(i)
				}
			}
		})
	})
	if len(employers) == 0 {
		add.Importance = widget.HighImportance
	}
	return container.NewVBox(container.NewBorder(nil, nil, nil, add, sel), dateRow)
}
