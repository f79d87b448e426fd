package caseeditor

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/kz"
	"dossier/app/rules"
	"dossier/app/store"
	"dossier/ui/paperui"
	"dossier/ui/uikit"
)

// Editor is the new-case form with the live checklist and timeline
// beside it: every change recomputes both (a pure function, microseconds).
type Editor struct {
	app App
	c   rules.Case
	// stored is the workspace case being edited, nil for a scratch case. Its
	// procedure and housing are edited here and saved as the clerk types; the
	// applicant's data belong to the employee and are shown read-only.
	stored *store.Case
	saves  chan saveReq
	stop   context.CancelFunc

	docs docsState
	// refreshResults redraws the checklist side after a change.
	refreshResults func()
	// tab remembers the selected results tab across redraws; selectTab
	// shows another (Ctrl+1, 2, 3).
	tab       int
	selectTab func(int)
	// AfterDocs, when set (tests), runs on the UI thread after each
	// document task finishes.
	AfterDocs func()
	// scratch: the clerk asked for a blank case to try the rules (Ctrl+N
	// with nobody selected). Without it and without a stored case, a
	// workspace's Case tab says how to open one: it never shows the demo's
	// applicant as if they were a case in the clerk's own workspace.
	scratch bool
	// formScroll holds the form on the left (tests scroll it).
	formScroll *container.Scroll

	// owners are the stored case's housing owners as edited; pendingOwners
	// is the newest complete list not yet queued for saving.
	owners        []store.Owner
	pendingOwners *[]store.Owner
	ownersBox     *fyne.Container
	ownersProblem *widget.Label
	ownerNames    []*uikit.Entry
}

// kit makes widgets in the clerk's current language.
func (e *Editor) kit() uikit.Kit { return e.app.Kit() }

// clear closes the stored or scratch case: the Case tab then says how to
// open one.
func (e *Editor) clear() {
	e.reset()
	e.scratch = false
}

// reset starts a blank scratch case filed today.
func (e *Editor) reset() {
	e.detach()
	e.scratch = true
	e.c = rules.Case{
		Schema: rules.CaseSchema, Purpose: "work", Kind: "extension", Channel: "online",
		FilingDate: civil.Of(e.app.Now()), Housing: rules.Housing{Owners: 1},
	}
}

// saveReq is one write of the stored case: its newest fields and the state
// changes the clerk made since the last write, in order.
type saveReq struct {
	c     store.Case
	moves []stateMove
	// owners, when set, replaces the case's owner list first.
	owners *[]store.Owner
}

// stateMove is one change of the case's state, checked and recorded by
// the store.
type stateMove struct {
	to    string
	today civil.Date
	// done (may be nil) runs on the UI thread once the move is written.
	done func(error)
}

// attach edits a stored case. Saving runs on its own goroutine, always
// writing the newest state, so typing never waits for the disk.
func (e *Editor) attach(ws *store.Workspace, sc store.Case, rc rules.Case) {
	e.detach()
	e.stored, e.c = &sc, rc
	ctx, stop := context.WithCancel(context.Background())
	e.stop = stop
	saves := make(chan saveReq, 1)
	e.saves = saves
	save := func(r saveReq) {
		err := writeCase(ws, r)
		if err == nil && len(r.moves) == 0 {
			return
		}
		// After a failed move the window shows the state the disk holds.
		state := ""
		if err != nil && len(r.moves) > 0 {
			if cur, cerr := ws.Case(context.Background(), r.c.ID); cerr == nil {
				state = cur.State
			}
		}
		e.app.OnUI(func() { e.saved(r, err, state) })
	}
	e.app.Go(func() {
		for {
			select {
			case r := <-saves:
				save(r)
			case <-ctx.Done():
				select { // the last edit, if it has not been written yet
				case r := <-saves:
					save(r)
				default:
				}
				return
			}
		}
	})
}

// writeCase writes one save request: the owner list first, then the
// case's fields, or each state move in order (a move writes the fields
// too). It is not tied to the editor's context: an edit made just before
// switching cases or closing the window must still reach the disk.
func writeCase(ws *store.Workspace, r saveReq) error {
	bg := context.Background()
	var err error
	if r.owners != nil {
		err = ws.SaveOwners(bg, r.c.ID, *r.owners)
	}
	if err == nil && len(r.moves) == 0 {
		err = ws.SaveCase(bg, &r.c)
	}
	for _, m := range r.moves {
		c := r.c
		if err = ws.ChangeCaseState(bg, &c, m.to, m.today); err != nil {
			break
		}
	}
	return err
}

// saved shows, on the UI thread, how a write with state moves (or a failed
// write) went: a failure with the state the disk holds (stored, when the
// move was refused), the roster's "open case" column redrawn otherwise,
// and each move's done told.
func (e *Editor) saved(r saveReq, err error, stored string) {
	switch {
	case err != nil:
		if stored != "" && e.stored != nil && e.stored.ID == r.c.ID && e.stored.State != stored {
			e.stored.State = stored
			e.app.Redraw()
		}
		e.kit().ShowError(errors.New(store.Explain(e.kit().Lang, err)))
	case !e.app.CaseShown():
		e.app.Redraw()
	}
	for _, m := range r.moves {
		if m.done != nil {
			m.done(err)
		}
	}
}

// detach stops saving the previous stored case.
func (e *Editor) detach() {
	if e.stop != nil {
		e.stop()
	}
	if e.docs.cancel != nil {
		e.docs.cancel()
	}
	e.stored, e.saves, e.stop = nil, nil, nil
	e.docs = docsState{}
	e.owners, e.pendingOwners = nil, nil
}

// save queues the stored case's newest state, replacing an unsaved older one.
func (e *Editor) save() {
	if e.stored == nil {
		return
	}
	e.queue(nil)
}

// queue sends the case's newest fields, and move if any, to the saving
// goroutine. An unsaved older write is replaced, but its state changes are
// kept, first: each move must be checked and recorded.
func (e *Editor) queue(move *stateMove) {
	sc := e.stored
	sc.Purpose, sc.Kind, sc.Channel, sc.FilingDate = e.c.Purpose, e.c.Kind, e.c.Channel, e.c.FilingDate
	sc.OwnedByApplicant, sc.OwnersCount = e.c.Housing.OwnedByApplicant, e.c.Housing.Owners
	sc.OwnersAbroad, sc.HousingConsent = e.c.Housing.OwnersAbroad, e.c.Housing.Consent
	r := saveReq{c: *sc, owners: e.pendingOwners}
	e.pendingOwners = nil
	select {
	case old := <-e.saves:
		r.moves = old.moves
		if r.owners == nil {
			r.owners = old.owners
		}
	default:
	}
	if move != nil {
		r.moves = append(r.moves, *move)
	}
	e.saves <- r
}

// changeState moves the stored case to state to (filed: on the date
// given), checked as the store will check it. The window shows the new
// state at once; done (may be nil) runs once it is written.
func (e *Editor) changeState(to string, filed civil.Date, done func(error)) {
	if e.stored == nil {
		return
	}
	sc := e.stored
	today := civil.Of(e.app.Now())
	date := e.c.FilingDate
	if to == store.StateFiled {
		date = filed
	}
	if probs := store.CheckCaseState(sc.State, to, date, today); len(probs) > 0 {
		err := &store.ValidationError{Problems: probs}
		e.kit().ShowError(errors.New(err.Text(e.kit().Lang)))
		if done != nil {
			done(err)
		}
		return
	}
	sc.State = to
	e.c.FilingDate = date
	e.queue(&stateMove{to: to, today: today, done: done})
	e.app.Redraw()
}

// stateBar says where the stored case stands and offers the moves the
// store allows from there, each after a confirmation.
func (e *Editor) stateBar() fyne.CanvasObject {
	p := e.kit().P
	state := e.stored.State
	label := widget.NewLabelWithStyle(p.T("ui.case.state", p.T("ui.cases.state."+state)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The moves wrap onto a second line when the form is narrow, rather
	// than hide behind a scroll bar.
	buttons := container.New(layout.NewRowWrapLayout())
	for _, to := range store.NextCaseStates(state) {
		icon := map[string]fyne.Resource{
			store.StateFiled: theme.MailSendIcon(), store.StateApproved: theme.ConfirmIcon(),
			store.StateRefused: theme.CancelIcon(), store.StateDraft: theme.ContentUndoIcon(),
		}[to]
		b := widget.NewButtonWithIcon(p.T("ui.case.to."+to), icon, func() { e.confirmState(to, nil) })
		if to == store.StateFiled {
			b.Importance = widget.HighImportance
		}
		buttons.Add(b)
	}
	return container.NewBorder(nil, nil, label, nil, buttons)
}

// confirmState asks before a move. Filing asks for the day the application
// went in, the planned filing date (today when that is still ahead) unless
// the clerk corrects it; the timeline counts from it.
// done (may be nil, tests) gets the outcome, or nothing when cancelled.
func (e *Editor) confirmState(to string, done func(error)) {
	p := e.kit().P
	title := p.T("ui.case.confirm_title." + to)
	if to != store.StateFiled {
		dialog.ShowConfirm(title, p.T("ui.case.confirm."+to), func(ok bool) {
			if ok {
				e.changeState(to, civil.Date{}, done)
			}
		}, e.kit().Win)
		return
	}
	// The case's planned filing date is what the clerk most likely filed on;
	// a plan still in the future cannot be the day it went in, so today.
	filed := civil.Of(e.app.Now())
	if planned := e.c.FilingDate; !planned.IsZero() && !planned.After(filed) {
		filed = planned
	}
	date := e.kit().DateEntry(&filed, func() {})
	text := p.T("ui.case.confirm.filed")
	if !e.c.FilingDate.IsZero() {
		text += " " + p.T("ui.case.planned", e.c.FilingDate.DMY())
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(p.T("ui.case.filing_date"), date))
	dlg := dialog.NewCustomConfirm(title, p.T("ui.case.to_filed_ok"), p.T("ui.docs.cancel"),
		container.NewVBox(msg, form), func(ok bool) {
			if ok {
				e.changeState(to, filed, done)
			}
		}, e.kit().Win)
	dlg.Resize(fyne.NewSize(480, 240))
	dlg.Show()
}

func (e *Editor) view() fyne.CanvasObject {
	p := e.kit().P
	if e.stored == nil && !e.scratch && e.app.Workspace() != nil {
		return e.noCase()
	}
	results := container.NewStack()
	refresh := func() { results.Objects = []fyne.CanvasObject{e.results()}; results.Refresh() }
	e.refreshResults = refresh
	refresh()

	form := e.form(refresh)
	title := p.T("ui.case.form_title")
	if e.app.Workspace() != nil {
		title = p.T("ui.case.scratch_title")
	}
	if e.stored != nil {
		title = p.T("ui.case.stored_title", e.stored.ID, e.c.Applicant.Name)
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Truncation = fyne.TextTruncateEllipsis
	var top fyne.CanvasObject = heading
	if e.stored != nil {
		top = container.NewVBox(heading, e.stateBar())
	}
	// Scrollable both ways: the form's widest card (the owners, in Kazakh)
	// must not set the window's least width; on a 1024-pixel screen the
	// form scrolls sideways instead.
	e.formScroll = container.NewScroll(form)
	left := container.NewBorder(top, nil, nil, nil, e.kit().FormScroll(e.formScroll))
	split := container.NewHSplit(left, results)
	split.Offset = 0.42
	return split
}

// noCase is the Case tab while no case is open in a workspace: where cases
// come from, and a blank case to try the rules on (saved nowhere).
func (e *Editor) noCase() fyne.CanvasObject {
	p := e.kit().P
	text := widget.NewLabel(p.T("ui.case.none"))
	text.Wrapping = fyne.TextWrapWord
	roster := widget.NewButtonWithIcon(p.T("ui.case.to_roster"), theme.AccountIcon(), func() {
		e.app.ShowEmployees()
	})
	roster.Importance = widget.HighImportance
	try := widget.NewButtonWithIcon(p.T("ui.case.try_rules"), theme.DocumentCreateIcon(), func() {
		e.reset()
		e.app.Redraw()
	})
	return container.NewVBox(
		widget.NewLabelWithStyle(p.T("ui.nav.case"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		text, container.NewHBox(roster, try))
}

// choice is a select whose visible options are translated and whose value is a code.
func (e *Editor) choice(codes []string, key string, value *string, changed func()) *widget.Select {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = e.kit().P.T(key + c)
	}
	s := e.kit().Select(labels, nil)
	for i, c := range codes {
		if c == *value {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 {
			*value = codes[i]
			changed()
		}
	}
	return s
}

// dateField is an entry for dd.mm.yyyy dates, the form clerks write.
func (e *Editor) dateField(d *civil.Date, changed func()) *uikit.Entry {
	return e.kit().DateEntry(d, changed)
}

func (e *Editor) textField(v *string, changed func()) *uikit.Entry {
	en := e.kit().Entry()
	en.SetText(*v)
	en.OnChanged = func(s string) { *v = strings.TrimSpace(s); changed() }
	return en
}

// idField is an entry for an IIN or BIN checked as the clerk types: the
// first problem shows under the field in the clerk's language.
func (e *Editor) idField(v *string, changed func(), check func(string) []kz.Problem) *uikit.Entry {
	en := e.textField(v, changed)
	uikit.Short(en)
	en.SetPlaceHolder("000000000000")
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

func (e *Editor) form(refresh func()) fyne.CanvasObject {
	p := e.kit().P
	c := &e.c
	changed := func() { e.save(); refresh() }

	citizenship := e.kit().CountryEntry(&c.Applicant.Citizenship, changed)

	owners := e.kit().ShortEntry()
	owners.SetText(strconv.Itoa(c.Housing.Owners))
	owners.OnChanged = func(s string) {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			c.Housing.Owners = n
			changed()
		}
	}
	owned := widget.NewCheck(p.T("ui.case.owned"), func(b bool) {
		c.Housing.OwnedByApplicant = b
		if b {
			owners.Disable()
		} else {
			owners.Enable()
		}
		changed()
	})
	owned.SetChecked(c.Housing.OwnedByApplicant)
	fingerprinted := widget.NewCheck(p.T("ui.case.fingerprinted"), func(b bool) { c.Applicant.Fingerprinted = b; changed() })
	fingerprinted.SetChecked(c.Applicant.Fingerprinted)

	if c.Principal == nil {
		c.Principal = &rules.Principal{}
	}
	principalBox := widget.NewForm(
		widget.NewFormItem(p.T("ui.case.principal_name"), e.textField(&c.Principal.Name, changed)),
		widget.NewFormItem(p.T("ui.case.relation"), e.choice([]string{"spouse", "child", "parent"}, "ui.relation.", &c.Principal.Relation, changed)),
		widget.NewFormItem(p.T("ui.case.principal_expires"), e.dateField(&c.Principal.PermitExpires, changed)),
	)
	principalCard := widget.NewCard("", p.T("ui.case.principal"), principalBox)
	var employerCard fyne.CanvasObject = widget.NewCard("", p.T("ui.case.employer"), widget.NewForm(
		widget.NewFormItem(p.T("ui.case.employer_name"), e.textField(&c.Employer.Name, changed)),
		widget.NewFormItem(p.T("ui.case.bin"), e.idField(&c.Employer.BIN, changed, func(s string) []kz.Problem {
			return kz.ParseBIN(s, civil.Of(e.app.Now())).In(e.kit().Lang).Errors
		})),
	))
	showPurpose := func() {
		if c.Purpose == "family" {
			principalCard.Show()
		} else {
			principalCard.Hide()
		}
	}
	showPurpose()
	purpose := e.choice([]string{"work", "family"}, "ui.purpose.", &c.Purpose, func() { showPurpose(); changed() })

	applicantCard := widget.NewCard("", p.T("ui.case.applicant"), widget.NewForm(
		widget.NewFormItem(p.T("ui.case.name"), e.textField(&c.Applicant.Name, changed)),
		widget.NewFormItem(p.T("ui.case.citizenship"), citizenship),
		widget.NewFormItem(p.T("ui.case.birth_date"), e.dateField(&c.Applicant.BirthDate, changed)),
		widget.NewFormItem(p.T("ui.case.iin"), e.idField(&c.Applicant.IIN, changed, func(s string) []kz.Problem {
			return kz.ParseIIN(s, civil.Of(e.app.Now())).In(e.kit().Lang).Errors
		})),
		widget.NewFormItem(p.T("ui.case.permit_issued"), e.dateField(&c.Applicant.PermitIssued, changed)),
		widget.NewFormItem(p.T("ui.case.permit_expires"), e.dateField(&c.Applicant.PermitExpires, changed)),
		widget.NewFormItem("", fingerprinted),
	))
	if e.stored != nil {
		// The employee's data are edited on the employee, not per case.
		for _, card := range []*widget.Card{applicantCard, principalCard} {
			uikit.DisableAll(card.Content)
		}
		applicantCard.SetSubTitle(p.T("ui.case.from_employee"))
		employerCard = e.employerCard()
	}
	var housing fyne.CanvasObject = widget.NewCard("", p.T("ui.case.housing"), widget.NewForm(
		widget.NewFormItem("", owned),
		widget.NewFormItem(p.T("ui.case.owners"), owners),
	))
	if e.stored != nil {
		housing = e.housingCard(changed)
	}
	return container.NewVBox(
		widget.NewCard("", p.T("ui.case.procedure"), widget.NewForm(
			widget.NewFormItem(p.T("ui.case.purpose"), purpose),
			widget.NewFormItem(p.T("ui.case.kind"), e.choice([]string{"extension", "first"}, "ui.kind_of.", &c.Kind, changed)),
			widget.NewFormItem(p.T("ui.case.channel"), e.choice([]string{"online", "paper"}, "ui.channel.", &c.Channel, changed)),
			widget.NewFormItem(p.T("ui.case.filing_date"), e.dateField(&c.FilingDate, changed)),
		)),
		applicantCard,
		employerCard,
		principalCard,
		housing,
	)
}

// validCase checks the form through the same parser the case files use, so
// the window and the command line refuse exactly the same things.
func (e *Editor) validCase() (rules.Case, []string) {
	c := e.c
	if c.Purpose != "family" {
		c.Principal = nil
	}
	data, err := rules.MarshalCase(c)
	if err != nil {
		return c, []string{err.Error()}
	}
	parsed, err := rules.ParseCase(data)
	if err == nil {
		return parsed, nil
	}
	var ces rules.CaseErrors
	if !errors.As(err, &ces) {
		return c, []string{err.Error()}
	}
	var msgs []string
	for _, ce := range ces {
		msgs = append(msgs, e.kit().FieldLabel(ce.Path)+": "+ce.Text(e.kit().Lang))
	}
	return c, msgs
}

// results is the right-hand side: problems, checklist, timeline.
func (e *Editor) results() fyne.CanvasObject {
	p := e.kit().P
	c, problems := e.validCase()
	if len(problems) > 0 {
		box := container.NewVBox(widget.NewLabelWithStyle(p.T("ui.case.fix_form"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, m := range problems {
			l := widget.NewLabel("• " + m)
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
		if e.stored != nil {
			box.Add(e.fixOnEmployee(c))
		}
		return container.NewVScroll(box)
	}
	cl := e.app.Rules().Checklist(c, e.kit().Lang)
	tl := e.app.Rules().Timeline(c, e.kit().Lang).From(civil.Of(e.app.Now()))
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(p.T("ui.tab.checklist"), theme.ListIcon(), e.checklistView(cl)),
		container.NewTabItemWithIcon(p.T("ui.tab.timeline"), theme.HistoryIcon(), e.timelineView(tl)),
	)
	if e.stored != nil && e.app.Workspace() != nil {
		tabs.Append(container.NewTabItemWithIcon(p.T("ui.tab.files"), theme.FileImageIcon(), e.documentsView(cl)))
	}
	if e.tab < len(tabs.Items) {
		tabs.SelectIndex(e.tab)
	}
	tabs.OnSelected = func(*container.TabItem) { e.tab = tabs.SelectedIndex() }
	e.selectTab = func(i int) {
		if i < len(tabs.Items) {
			tabs.SelectIndex(i)
		}
	}
	rulesLabel := widget.NewLabel(p.T("ui.case.rules_version", cl.RulesVersion, c.FilingDate.DMY()))
	rulesLabel.Truncation = fyne.TextTruncateEllipsis
	var header fyne.CanvasObject = rulesLabel
	if e.stored != nil {
		build := widget.NewButtonWithIcon(p.T("ui.build.button"), theme.DocumentSaveIcon(), func() { e.app.BuildPackage() })
		build.Importance = widget.HighImportance
		papers := paperui.Button(p, e.app.PreparePapers)
		header = container.NewBorder(nil, nil, nil, container.NewHBox(papers, build), header)
	}
	return container.NewBorder(container.NewVBox(header, e.problemsView(cl.Problems)), nil, nil, nil, tabs)
}

func (e *Editor) problemsView(ps []rules.Problem) fyne.CanvasObject {
	box := container.NewVBox()
	for _, pr := range ps {
		icon := theme.InfoIcon()
		switch pr.Severity {
		case rules.SevError:
			icon = theme.ErrorIcon()
		case rules.SevWarning:
			icon = theme.WarningIcon()
		}
		l := widget.NewLabel(pr.Message)
		l.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, widget.NewIcon(icon), nil, l))
	}
	return box
}

func statusColor(s rules.Status) color.Color {
	switch s {
	case rules.Required:
		return theme.Color(theme.ColorNamePrimary)
	case rules.Optional:
		return theme.Color(theme.ColorNameForeground)
	}
	return theme.Color(theme.ColorNameDisabled)
}

func (e *Editor) checklistView(cl rules.Checklist) fyne.CanvasObject {
	p := e.kit().P
	acc := widget.NewAccordion()
	for _, st := range []rules.Status{rules.Required, rules.Optional, rules.NotApplicable} {
		for _, it := range cl.Items {
			if it.Status != st {
				continue
			}
			// Documents are most of the list: only actions say what they
			// are, so the titles fit a narrow window.
			title := fmt.Sprintf("%s · %s", p.T("ui.status_short."+string(it.Status)), it.Title)
			if it.Kind != rules.Document {
				title = fmt.Sprintf("%s · %s · %s", p.T("ui.status_short."+string(it.Status)), p.T("ui.kind."+string(it.Kind)), it.Title)
			}
			acc.Append(widget.NewAccordionItem(title, e.itemDetail(it)))
		}
	}
	legend := widget.NewLabel(p.T("ui.case.legend"))
	legend.Wrapping = fyne.TextWrapWord
	legend.Importance = widget.LowImportance
	return container.NewBorder(nil, legend, nil, nil, container.NewScroll(acc))
}

func (e *Editor) itemDetail(it rules.Item) fyne.CanvasObject {
	p := e.kit().P
	box := container.NewVBox()
	status := canvas.NewText(p.T("ui.status."+string(it.Status)), statusColor(it.Status))
	status.TextStyle = fyne.TextStyle{Bold: true}
	box.Add(status)
	if len(it.Alternatives) > 0 {
		box.Add(widget.NewLabel(p.T("ui.case.one_of")))
		for _, a := range it.Alternatives {
			l := widget.NewLabel("• " + a.Title)
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
	}
	reason := widget.NewLabel(it.Reason)
	reason.Wrapping = fyne.TextWrapWord
	box.Add(reason)
	if it.ID == "owner_approval" || it.ID == "owner_consent" {
		box.Add(e.ownersSummary())
	}
	if it.Source != "" {
		src := e.kit().SourceText(it.Source, it.SourceTitle, it.SourceDate, it.Confidence)
		if !it.EffectiveFrom.IsZero() {
			src += "\n" + p.T("ui.case.in_force_from", it.EffectiveFrom.DMY())
		}
		if !it.EffectiveTo.IsZero() {
			src += " " + p.T("ui.case.in_force_to", it.EffectiveTo.DMY())
		}
		if it.DateNote != "" {
			src += "\n" + it.DateNote
		}
		l := widget.NewLabel(src)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		box.Add(l)
	}
	return box
}

func (e *Editor) timelineView(tl rules.Timeline) fyne.CanvasObject {
	p := e.kit().P
	box := container.NewVBox()
	if w := uikit.CalendarWarning(tl); w != nil {
		box.Add(w)
	}
	for _, ev := range tl.Events {
		when := ev.Date.DMY()
		if !ev.Time.IsZero() {
			when += ev.Time.Format(" 15:04 (UTC-07:00)")
		}
		if ev.DaysLeft != nil {
			switch n := *ev.DaysLeft; {
			case n < 0:
				when += " · " + p.T("ui.timeline.past")
			case n == 0:
				when += " · " + p.T("ui.timeline.today")
			default:
				when += " · " + p.N("ui.timeline.in_days", n)
			}
		}
		if !ev.WorkingDay {
			when += " · " + p.T("ui.timeline.day_off")
			if !ev.NextWorkingDay.IsZero() {
				when += " · " + p.T("ui.timeline.working_around", ev.PrevWorkingDay.DMY(), ev.NextWorkingDay.DMY())
			}
		}
		text := ev.Note
		if text != "" {
			text += "\n"
		}
		text += e.kit().SourceText(ev.Source, ev.SourceTitle, ev.SourceDate, ev.Confidence)
		if ev.DateNote != "" {
			text += "\n" + ev.DateNote
		}
		note := widget.NewLabel(text)
		note.Wrapping = fyne.TextWrapWord
		// A card's own title does not wrap: long event names would be cut.
		title := widget.NewLabelWithStyle(ev.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		date := widget.NewLabel(when)
		date.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewCard("", "", container.NewVBox(title, date, note)))
	}
	return container.NewVScroll(box)
}
