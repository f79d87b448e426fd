package ui

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/clocks"
	"dossier/app/i18n"
	"dossier/app/store"
)

// The Due screen's texts have their own catalogue so the shared one is
// edited less by work in parallel.
//
//go:embed messages_due.json
var dueMessages []byte

func init() { i18n.MustRegister(dueMessages) }

// dueWindows are the Due screen's choices, in calendar days (0: everything).
var dueWindows = []struct {
	key  string
	days int
}{{"ui.due.week", clocks.UrgentDays}, {"ui.due.month", clocks.SoonDays}, {"ui.due.all", 0}}

// dueScreen lists every legal clock of the company the roster is switched
// to (every company when none), by due date, with source and confidence.
func (u *ui) dueScreen() fyne.CanvasObject {
	p := u.p
	if u.ws == nil {
		return widget.NewLabel(p.T("ui.ws.opening"))
	}
	today := civil.Of(nowKZ())
	list := container.NewVBox(widget.NewLabel(p.T("ui.due.loading")))
	window := 1
	var labels []string
	for _, w := range dueWindows {
		labels = append(labels, p.T(w.key))
	}
	reload := func() {}
	sel := newSelect(p, labels, nil)
	sel.SetSelectedIndex(window)
	sel.OnChanged = func(string) { window = sel.SelectedIndex(); reload() }
	ws, set, lang := u.ws, u.rules, u.lang
	reload = func() {
		bin := ""
		if id := u.companyFilter(); id != 0 {
			if er, err := ws.Employer(context.Background(), id); err == nil {
				bin = er.BIN
			}
		}
		days := dueWindows[window].days
		// The roster is read off the UI thread; the list changes through
		// onUI. Counted in u.bg: the workspace is closed only after.
		u.bg.Add(1)
		go func() {
			defer u.bg.Done()
			cos, err := clocks.Load(context.Background(), ws, set, bin, today, lang)
			u.onUI(func() {
				list.Objects = nil
				if err != nil {
					list.Add(widget.NewLabel(store.Explain(lang, err)))
				} else {
					u.fillDue(list, cos, today, days)
				}
				list.Refresh()
			})
		}()
	}
	reload()
	head := container.NewHBox(widget.NewLabelWithStyle(p.T("ui.due.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), sel)
	return container.NewBorder(head, nil, nil, nil, container.NewVScroll(list))
}

// fillDue adds each company's items to box.
func (u *ui) fillDue(box *fyne.Container, cos []clocks.Company, today civil.Date, days int) {
	p := u.p
	for _, co := range cos {
		items := clocks.Compute(co, u.rules, today, u.lang)
		if days > 0 {
			items = clocks.Within(items, today, days)
		}
		name := co.Employer.Name
		if name == "" {
			name = p.T("ui.due.no_company")
		}
		if co.Employer.BIN != "" {
			name += " · " + co.Employer.BIN
		}
		box.Add(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if len(items) == 0 {
			box.Add(widget.NewLabel(p.T("ui.due.nothing")))
		}
		for _, it := range items {
			box.Add(dueRow(p, it, u.lang))
		}
	}
	if len(cos) == 0 {
		box.Add(widget.NewLabel(p.T("ui.due.nothing")))
	}
}

// dueRow is one item: the date, how pressing, who and what on the first
// line; the note, the source with its confidence, and any reservation below.
func dueRow(p i18n.Printer, it clocks.Item, lang i18n.Lang) fyne.CanvasObject {
	who := it.Person
	if who == "" {
		who = p.T("ui.due.company_itself")
	}
	head := widget.NewLabel(fmt.Sprintf("%s · %s · %s — %s", it.Due.DMY(), clocks.SeverityName(it.Severity, lang), who, it.Title))
	head.Wrapping = fyne.TextWrapWord
	switch it.Severity {
	case clocks.Overdue:
		head.Importance = widget.DangerImportance
	case clocks.Urgent, clocks.Soon:
		head.Importance = widget.WarningImportance
	case clocks.Notice:
		head.Importance = widget.MediumImportance
	}
	lines := []string{it.Note, p.T("ui.due.source", sourceName(it.Source, it.SourceTitle, it.SourceDate), p.T("ui.due.confidence."+string(it.Confidence)))}
	for _, r := range it.Remarks {
		lines = append(lines, "! "+r)
	}
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = fyne.TextWrapWord
	body.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(head, body, widget.NewSeparator())
}

// editClockDates opens the form for the dates the legal clocks of e run
// from that the employee form does not hold.
func (u *ui) editClockDates(e store.Employee, saved func()) {
	p, ws := u.p, u.ws
	if ws == nil {
		return
	}
	d, err := ws.ClockDatesOf(context.Background(), e.ID)
	if err != nil {
		u.showError(errors.New(store.Explain(u.lang, err)))
		return
	}
	bases := []string{store.EntryUnknown, store.EntryVisaFree, store.EntryVisa}
	var basisLabels []string
	for _, b := range bases {
		basisLabels = append(basisLabels, p.T("ui.due.basis."+map[string]string{"": "unknown", "visa_free": "visa_free", "visa": "visa"}[b]))
	}
	basis := newSelect(p, basisLabels, nil)
	for i, b := range bases {
		if b == d.EntryBasis {
			basis.SetSelectedIndex(i)
		}
	}
	basis.OnChanged = func(string) { d.EntryBasis = bases[basis.SelectedIndex()] }
	form := widget.NewForm(
		&widget.FormItem{Text: p.T("ui.due.entry_date"), Widget: u.dateEntry(&d.EntryDate, func() {}), HintText: p.T("ui.due.entry_hint")},
		widget.NewFormItem(p.T("ui.due.entry_basis"), basis),
		&widget.FormItem{Text: p.T("ui.due.registered"), Widget: u.dateEntry(&d.ArrivalRegistered, func() {}), HintText: p.T("ui.due.registered_hint")},
		widget.NewFormItem(p.T("ui.due.address_changed"), u.dateEntry(&d.AddressChanged, func() {})),
		&widget.FormItem{Text: p.T("ui.due.contract_signed"), Widget: u.dateEntry(&d.ContractSigned, func() {}), HintText: p.T("ui.due.contract_hint")},
		&widget.FormItem{Text: p.T("ui.due.work_permit"), Widget: u.dateEntry(&d.WorkPermitExpiry, func() {}), HintText: p.T("ui.due.work_permit_hint")},
	)
	var dlg *dialog.CustomDialog
	save := widget.NewButtonWithIcon(p.T("ui.emp.save"), theme.DocumentSaveIcon(), func() {
		if err := ws.SaveClockDates(context.Background(), d); err != nil {
			u.showError(errors.New(store.Explain(u.lang, err)))
			return
		}
		dlg.Hide()
		if saved != nil {
			saved()
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(p.T("ui.docs.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(p.T("ui.due.dates_title", e.Name()), container.NewVScroll(roomForHints(form)), u.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(620, 460))
	dlg.Show()
}
