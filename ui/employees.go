package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/overview"
	"dossier/app/store"
)

// employeesView is the roster: a virtualised table with search, quick
// filters, an employer filter and sortable columns.
type employeesView struct {
	u       *ui
	all     []overview.Row
	shown   []overview.Row
	query   overview.Query
	sortCol overview.Column
	desc    bool
	today   civil.Date

	table     *widget.Table
	count     *widget.Label
	search    *appEntry
	selected  *overview.Row
	actions   *fyne.Container
	attention overview.Attention
	// filings are today's online filings, for the attention bar; attBox
	// holds the bar, redrawn in place when the company filter changes.
	filings map[int64]bool
	attBox  *fyne.Container
	// due counts each company's legal clocks overdue or due this week.
	due map[int64]int
}

// openCaseID is the open case of the selected employee, or of the only one
// a search left; 0 when there is none.
func (v *employeesView) openCaseID() int64 {
	switch {
	case v.selected != nil:
		return v.selected.OpenCaseID
	case len(v.shown) == 1:
		return v.shown[0].OpenCaseID
	}
	return 0
}

var employeeColumns = []struct {
	key   string
	col   overview.Column
	width float32
}{
	{"ui.emp.col.name", overview.ByName, 210},
	// IIN and passport number tell namesakes apart.
	{"ui.emp.col.iin", overview.ByIIN, 125},
	{"ui.emp.col.employer", overview.ByEmployer, 170},
	{"ui.emp.col.citizenship", overview.ByCitizenship, 70},
	{"ui.emp.col.permit", overview.ByPermit, 290},
	{"ui.emp.col.passport_no", overview.ByPassportNo, 110},
	{"ui.emp.col.passport", overview.ByPassport, 110},
	{"ui.emp.col.contract", overview.ByContract, 110},
	{"ui.emp.col.fingerprints", overview.ByFingerprints, 120},
	{"ui.emp.col.case", overview.ByCase, 110},
}

// columnWidth is a column's width: its usual one, or more when its header
// in the clerk's language (with the sort arrow) needs more, so a long
// heading such as «Төлқұжат мерзімі» never runs into the next column.
func columnWidth(p i18n.Printer, i int) float32 {
	c := employeeColumns[i]
	// Measured as the header is drawn: a button with the sort arrow.
	need := widget.NewButtonWithIcon(p.T(c.key), theme.MoveDownIcon(), nil).MinSize().Width
	return max(c.width, need)
}

func (u *ui) employeesScreen() fyne.CanvasObject {
	v := &employeesView{u: u, query: overview.Query{Filter: overview.All}, today: civil.Of(nowKZ())}
	if u.ws == nil {
		return widget.NewLabel(u.p.T("ui.ws.none"))
	}
	rows, err := overview.Load(context.Background(), u.ws, v.today)
	if err != nil {
		return widget.NewLabel(store.Explain(u.lang, err))
	}
	v.all = rows
	u.roster = v
	filings, err := overview.OnlineFilingsOn(context.Background(), u.ws, v.today)
	if err != nil {
		filings = nil
	}
	v.filings = filings
	// Like the filings, a failure here only leaves the counts out of the bar
	// and the clock filters empty.
	if c, err := overview.LoadClocks(context.Background(), u.ws, u.rules, v.today); err == nil {
		v.due = c.ByEmployer
		overview.AttachClocks(v.all, c)
	}
	v.query.EmployerID = u.companyFilter()
	v.attend()
	return v.build()
}

// attend counts what needs action among the employees of the company the
// roster is switched to (all companies when none).
func (v *employeesView) attend() {
	rows := v.all
	if id := v.query.EmployerID; id != 0 {
		rows = nil
		for _, r := range v.all {
			if r.Employee.EmployerID == id {
				rows = append(rows, r)
			}
		}
	}
	v.attention = overview.Attend(rows, v.filings)
	for id, n := range v.due {
		if v.query.EmployerID == 0 || id == v.query.EmployerID {
			v.attention.DueThisWeek += n
		}
	}
}

func (v *employeesView) build() fyne.CanvasObject {
	p := v.u.p
	v.search = v.u.newAppEntry()
	v.search.SetPlaceHolder(p.T("ui.emp.search"))
	v.search.OnChanged = func(s string) { v.query.Text = s; v.apply() }
	v.u.focusSearch = func() { v.u.win.Canvas().Focus(v.search) }

	var filterLabels []string
	for _, f := range overview.Filters {
		filterLabels = append(filterLabels, p.T("ui.emp.filter."+string(f)))
	}
	filter := newSelect(v.u.p, filterLabels, nil)
	filter.SetSelectedIndex(0)
	filter.OnChanged = func(string) { v.query.Filter = overview.Filters[filter.SelectedIndex()]; v.apply() }

	employers, _ := v.u.ws.Employers(context.Background())
	empLabels := []string{p.T("ui.emp.all_employers")}
	for _, e := range employers {
		empLabels = append(empLabels, e.Name)
	}
	employer := newSelect(v.u.p, empLabels, nil)
	employer.SetSelectedIndex(0)
	if i := slices.IndexFunc(employers, func(e store.Employer) bool { return e.ID == v.query.EmployerID }); i >= 0 {
		employer.SetSelectedIndex(i + 1)
	} else if v.query.EmployerID != 0 { // a remembered company no longer there
		v.query.EmployerID = 0
		v.attend()
	}
	employer.OnChanged = func(string) {
		v.query.EmployerID = 0
		if i := employer.SelectedIndex(); i > 0 {
			v.query.EmployerID = employers[i-1].ID
		}
		// A consultant works one client at a time: the choice is kept, and
		// the attention bar counts that company only.
		v.u.setCompanyFilter(v.query.EmployerID)
		v.attend()
		if v.attBox != nil {
			v.attBox.Objects = []fyne.CanvasObject{v.attentionBar(filter)}
			v.attBox.Refresh()
		}
		v.apply()
	}

	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.shown), len(employeeColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("—")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { v.fillCell(id, o.(*widget.Label)) },
	)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		c := employeeColumns[id.Col]
		b.SetText(p.T(c.key))
		b.Importance = widget.LowImportance
		b.SetIcon(nil)
		if c.col == v.sortCol {
			if v.desc {
				b.SetIcon(theme.MoveDownIcon())
			} else {
				b.SetIcon(theme.MoveUpIcon())
			}
		}
		b.OnTapped = func() {
			if v.sortCol == c.col {
				v.desc = !v.desc
			} else {
				v.sortCol, v.desc = c.col, false
			}
			v.apply()
		}
	}
	for i := range employeeColumns {
		v.table.SetColumnWidth(i, columnWidth(p, i))
	}
	v.count = widget.NewLabel("")
	v.actions = container.NewHBox()
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.shown) {
			r := v.shown[id.Row]
			v.selected = &r
			v.showActions()
		}
	}
	v.apply()

	add := widget.NewButtonWithIcon(p.T("ui.emp.add"), theme.ContentAddIcon(), func() {
		v.u.editEmployee(store.Employee{Status: store.StatusActive}, func(store.Employee) { v.u.show() })
	})
	export := widget.NewButtonWithIcon(p.T("ui.export.button"), theme.DownloadIcon(), func() {
		bin := ""
		if i := employer.SelectedIndex(); i > 0 {
			bin = employers[i-1].BIN
		}
		v.u.exportSchedule(bin)
	})
	filters := container.NewGridWithColumns(2, filter, employer)

	v.attBox = container.NewStack(v.attentionBar(filter))
	bar := container.NewVBox(
		v.demoBanner(),
		v.attBox,
		container.NewBorder(nil, nil, nil, v.count, v.search),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.u.imports.UndoButton(), add, export), filters),
	)
	var body fyne.CanvasObject = v.table
	if len(v.all) == 0 {
		body = v.emptyState(len(employers) > 0)
	}
	// The actions scroll sideways: with every button, in Kazakh, they are
	// wider than a 1024-pixel screen, and a row wider than the window
	// would widen the window instead.
	return container.NewBorder(bar, container.NewHScroll(v.actions), nil, nil, body)
}

// emptyState replaces the empty table in a new workspace with the next
// step: the company first, then the first employee or an imported list.
func (v *employeesView) emptyState(haveCompany bool) fyne.CanvasObject {
	u, p := v.u, v.u.p
	text := widget.NewLabel(p.T("ui.emp.empty_no_company"))
	text.Wrapping = fyne.TextWrapWord
	var next *widget.Button
	if haveCompany {
		text.SetText(p.T("ui.emp.empty"))
		next = widget.NewButtonWithIcon(p.T("ui.emp.add"), theme.ContentAddIcon(), func() {
			u.editEmployee(store.Employee{Status: store.StatusActive}, func(store.Employee) { u.show() })
		})
	} else {
		next = widget.NewButtonWithIcon(p.T("ui.company.add"), theme.ContentAddIcon(), func() {
			u.editCompany(store.Employer{}, "", func(store.Employer) { u.show() })
		})
	}
	next.Importance = widget.HighImportance
	buttons := container.NewHBox(next)
	if haveCompany {
		buttons.Add(widget.NewButtonWithIcon(p.T("ui.settings.import"), theme.UploadIcon(), u.importRoster))
	}
	return container.NewVBox(text, buttons)
}

// demoBanner tells the clerk they are looking at the demo workspace and
// offers the real choices: a new workspace or an existing folder.
func (v *employeesView) demoBanner() fyne.CanvasObject {
	u := v.u
	if u.ws == nil || filepath.Clean(u.ws.Dir()) != filepath.Clean(u.demoDir) {
		return container.NewStack()
	}
	p := u.p
	l := widget.NewLabel(p.T("ui.demo.banner"))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.HighImportance
	// Text above the buttons: beside them it was squeezed to a word per line
	// (the roster did not fit a 600-pixel-high screen in Kazakh).
	return container.NewVBox(l, container.NewHBox(
		widget.NewButtonWithIcon(p.T("ui.settings.new_ws"), theme.FolderNewIcon(), func() { u.chooseWorkspace(true) }),
		widget.NewButtonWithIcon(p.T("ui.settings.open_ws"), theme.FolderOpenIcon(), func() { u.chooseWorkspace(false) }),
	))
}

// attentionBar puts what needs action today first: each count is a button
// that applies the matching filter.
func (v *employeesView) attentionBar(filter *widget.Select) fyne.CanvasObject {
	p := v.u.p
	a := v.attention
	box := container.NewHBox()
	add := func(n int, key string, f overview.Filter, imp widget.Importance) {
		if n == 0 {
			return
		}
		b := widget.NewButton(p.N(key, n), func() {
			for i, ff := range overview.Filters {
				if ff == f {
					filter.SetSelectedIndex(i)
				}
			}
		})
		b.Importance = imp
		box.Add(b)
	}
	add(a.Expired, "ui.att.expired", overview.ExpiredOnly, widget.DangerImportance)
	add(a.Within30, "ui.att.soon", overview.Within30, widget.WarningImportance)
	add(a.NoFingerprints, "ui.att.no_fp", overview.NoFingerprints, widget.MediumImportance)
	if a.DueThisWeek > 0 {
		b := widget.NewButton(p.T("ui.att.due_week", a.DueThisWeek), func() { v.u.current = screenDue; v.u.show() })
		b.Importance = widget.DangerImportance
		box.Add(b)
	}
	if len(a.ApproveToday) > 0 {
		l := widget.NewLabel(p.T("ui.att.approve_today", strings.Join(a.ApproveToday, ", ")))
		l.Importance = widget.WarningImportance
		l.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, box, nil, l)
	}
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel(p.T("ui.att.all_good")))
	}
	return box
}

// showActions offers what can be done with the selected employee.
func (v *employeesView) showActions() {
	p := v.u.p
	r := v.selected
	v.actions.Objects = nil
	if r == nil {
		v.actions.Refresh()
		return
	}
	name := widget.NewLabelWithStyle(r.Employee.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.actions.Add(name)
	if r.OpenCaseID != 0 {
		id := r.OpenCaseID
		v.actions.Add(widget.NewButtonWithIcon(p.T("ui.emp.open_case"), theme.FolderOpenIcon(), func() { v.u.openCase(id, nil) }))
	}
	empForCases := r.Employee
	v.actions.Add(widget.NewButtonWithIcon(p.T("ui.emp.cases"), theme.ListIcon(), func() { v.u.showCases(empForCases) }))
	emp := r.Employee
	v.actions.Add(widget.NewButtonWithIcon(p.T("ui.emp.edit_button"), theme.DocumentCreateIcon(), func() {
		v.u.editEmployee(emp, func(store.Employee) { v.u.show() })
	}))
	v.actions.Add(widget.NewButtonWithIcon(p.T("ui.fam.button"), theme.AccountIcon(), func() { v.u.showFamily(emp) }))
	clocksButton := widget.NewButtonWithIcon(clocksButtonText(p, r.Clocks), theme.HistoryIcon(), func() {
		v.u.showEmployeeClocks(emp, func() { v.u.show() })
	})
	if r.Clocks.Pressing > 0 {
		clocksButton.Importance = widget.DangerImportance
	}
	v.actions.Add(clocksButton)
	newCase := widget.NewButtonWithIcon(p.T("ui.emp.new_case"), theme.ContentAddIcon(), func() { v.u.newCaseFor(emp, nil) })
	if r.OpenCaseID == 0 {
		newCase.Importance = widget.HighImportance
	}
	v.actions.Add(newCase)
	v.actions.Refresh()
}

// apply filters and sorts, then redraws.
func (v *employeesView) apply() {
	v.shown = v.shown[:0]
	for _, r := range v.all {
		if v.query.Keep(r, v.today) {
			v.shown = append(v.shown, r)
		}
	}
	overview.Sort(v.shown, v.sortCol, v.desc)
	v.count.SetText(v.u.p.N("ui.emp.count", len(v.shown), len(v.all)))
	v.table.Refresh()
}

func (v *employeesView) fillCell(id widget.TableCellID, l *widget.Label) {
	p := v.u.p
	if id.Row >= len(v.shown) {
		return
	}
	r := v.shown[id.Row]
	e := r.Employee
	// Style first, then text: SetText is what redraws the recycled cell.
	imp, style, text := widget.MediumImportance, fyne.TextStyle{}, "—"
	orDash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	switch employeeColumns[id.Col].col {
	case overview.ByName:
		text = e.Name()
	case overview.ByIIN:
		text = orDash(e.IIN)
	case overview.ByEmployer:
		text = r.Employer
	case overview.ByCitizenship:
		text = e.Citizenship
	case overview.ByPermit:
		switch r.Urgency {
		case overview.Unknown:
		case overview.Awaiting:
			text = e.TRPExpiry.DMY() + " · " + p.T("ui.emp.awaiting")
		default:
			imp = map[overview.Urgency]widget.Importance{
				overview.Expired: widget.DangerImportance,
				overview.Soon:    widget.WarningImportance,
				overview.Later:   widget.SuccessImportance,
			}[r.Urgency]
			if r.Urgency == overview.Expired {
				style.Bold = true
			}
			text = e.TRPExpiry.DMY() + " · " + daysText(p, r.DaysLeft)
		}
	case overview.ByPassportNo:
		text = orDash(e.PassportNo)
	case overview.ByPassport:
		text = orDash(e.PassportExpiry.DMY())
		imp, style = expiryStyle(r.HasPassport, r.PassportDaysLeft)
	case overview.ByContract:
		text = orDash(e.ContractEnd.DMY())
		imp, style = expiryStyle(r.HasContract, r.ContractDaysLeft)
	case overview.ByFingerprints:
		if r.NoFingerprints {
			imp, text = widget.WarningImportance, p.T("ui.emp.fp_missing")
		} else if !e.FingerprintDate.IsZero() {
			text = e.FingerprintDate.DMY()
		}
	case overview.ByCase:
		if r.OpenCase != "" {
			text = p.T("ui.emp.case." + r.OpenCase)
		}
	}
	l.Importance, l.TextStyle = imp, style
	l.SetText(text)
	l.Refresh() // the text may be the same while the style changed
}

// expiryStyle marks an expired passport or contract in bold red and one
// within the amber window in amber.
func expiryStyle(has bool, daysLeft int) (widget.Importance, fyne.TextStyle) {
	switch {
	case !has:
		return widget.MediumImportance, fyne.TextStyle{}
	case daysLeft < 0:
		return widget.DangerImportance, fyne.TextStyle{Bold: true}
	case daysLeft <= overview.SoonDays:
		return widget.WarningImportance, fyne.TextStyle{}
	}
	return widget.MediumImportance, fyne.TextStyle{}
}

// daysText says how far a date is in words: "3 дня", "просрочен на 5 дней".
func daysText(p i18n.Printer, days int) string {
	switch {
	case days < 0:
		return p.N("ui.emp.days_overdue", -days)
	case days == 0:
		return p.T("ui.timeline.today")
	}
	return p.N("ui.emp.days_left", days)
}
