package caseeditor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/rules"
	"dossier/app/store"
)

// employerCard shows a stored case's company as the employee has it. It is
// not edited per case: a change of employer is made on the employee (it
// starts the 15-day re-issue clock), from the button here.
func (e *Editor) employerCard() fyne.CanvasObject {
	p := e.kit().P
	c := &e.c
	name := widget.NewLabel(c.Employer.Name)
	name.Wrapping = fyne.TextWrapWord
	bin := widget.NewLabel(c.Employer.BIN)
	if c.Employer.Name == "" {
		name.SetText(p.T("ui.case.no_employer"))
		name.Importance = widget.DangerImportance
		bin.SetText("—")
	}
	change := widget.NewButtonWithIcon(p.T("ui.case.change_employer"), theme.AccountIcon(), e.editEmployee)
	if c.Employer.Name == "" {
		change.Importance = widget.HighImportance
	}
	card := widget.NewCard("", p.T("ui.case.employer"), container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(p.T("ui.case.employer_name"), name),
			widget.NewFormItem(p.T("ui.case.bin"), bin),
		),
		container.NewHBox(change),
	))
	card.SetSubTitle(p.T("ui.case.employer_from_employee"))
	return card
}

// editEmployee opens the stored case's employee in the employee form and,
// once saved, shows the case again with what changed (the company, the
// permit dates).
func (e *Editor) editEmployee() {
	ws := e.app.Workspace()
	if e.stored == nil || ws == nil {
		return
	}
	id, caseID := e.stored.EmployeeID, e.stored.ID
	emp, err := ws.Employee(context.Background(), id)
	if err != nil {
		e.kit().ShowError(errors.New(store.Explain(e.kit().Lang, err)))
		return
	}
	e.app.EditEmployee(emp, func(store.Employee) { e.app.OpenCase(caseID) })
}

// housingCard is the stored case's housing: the applicant's own, or the
// owners listed one by one (name, IIN, present or abroad). The list sets
// the owner count the checklist uses, and whether anyone approves from
// abroad.
func (e *Editor) housingCard(changed func()) fyne.CanvasObject {
	p := e.kit().P
	c := &e.c
	e.ownersBox = container.NewVBox()
	e.ownersProblem = widget.NewLabel("")
	e.ownersProblem.Wrapping = fyne.TextWrapWord
	e.ownersProblem.Importance = widget.DangerImportance
	e.ownersProblem.Hide()
	add := widget.NewButtonWithIcon(p.T("ui.owner.add"), theme.ContentAddIcon(), func() {
		e.owners = append(e.owners, store.Owner{})
		e.fillOwners(changed)
		if n := len(e.ownerNames); n > 0 {
			e.kit().Win.Canvas().Focus(e.ownerNames[n-1])
		}
	})
	list := container.NewVBox(e.ownersBox, e.ownersProblem, container.NewHBox(add))
	owned := widget.NewCheck(p.T("ui.case.owned"), func(b bool) {
		c.Housing.OwnedByApplicant = b
		if b {
			list.Hide()
		} else {
			list.Show()
		}
		changed()
	})
	owned.SetChecked(c.Housing.OwnedByApplicant)
	if c.Housing.OwnedByApplicant {
		list.Hide()
	}
	e.fillOwners(changed)
	return widget.NewCard("", p.T("ui.case.housing"), container.NewVBox(owned, list))
}

// fillOwners redraws the owner rows from e.owners.
func (e *Editor) fillOwners(changed func()) {
	p := e.kit().P
	box := e.ownersBox
	box.Objects = nil
	e.ownerNames = nil
	if len(e.owners) == 0 {
		l := widget.NewLabel(p.N("ui.owner.none", e.c.Housing.Owners))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	today := civil.Of(e.app.Now())
	for i := range e.owners {
		i := i
		o := &e.owners[i]
		name := e.kit().Entry()
		name.SetPlaceHolder(p.T("ui.owner.name"))
		name.SetText(o.Name)
		name.OnChanged = func(s string) { o.Name = s; e.ownersChanged(changed) }
		e.ownerNames = append(e.ownerNames, name)
		iin := e.kit().IINEntry(&o.IIN, today, nil)
		iin.SetPlaceHolder(p.T("ui.owner.iin"))
		inner := iin.OnChanged
		iin.OnChanged = func(s string) { inner(s); e.ownersChanged(changed) }
		abroad := widget.NewCheck(p.T("ui.owner.abroad"), func(b bool) { o.Abroad = b; e.ownersChanged(changed) })
		abroad.SetChecked(o.Abroad)
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			e.owners = append(e.owners[:i], e.owners[i+1:]...)
			e.fillOwners(changed)
			e.ownersChanged(changed)
		})
		num := widget.NewLabel(fmt.Sprintf("%d.", i+1))
		box.Add(container.NewVBox(
			container.NewBorder(nil, nil, num, remove, name),
			container.NewBorder(nil, nil, nil, abroad, iin),
		))
	}
	box.Refresh()
}

// ownersChanged saves the owner list when every owner is complete, and
// says what is missing otherwise; the checklist counts from the saved list.
func (e *Editor) ownersChanged(changed func()) {
	p := e.kit().P
	list := make([]store.Owner, len(e.owners))
	copy(list, e.owners)
	var probs []string
	for i := range list {
		for _, pr := range store.ValidateOwner(&list[i]) {
			probs = append(probs, p.T("ui.owner.problem", i+1, pr.Text(e.kit().Lang)))
		}
	}
	if len(probs) > 0 {
		e.ownersProblem.SetText(strings.Join(probs, "\n"))
		e.ownersProblem.Show()
		return
	}
	e.ownersProblem.Hide()
	abroad := 0
	for _, o := range list {
		if o.Abroad {
			abroad++
		}
	}
	e.c.Housing.Owners, e.c.Housing.OwnersAbroad = len(list), abroad
	e.pendingOwners = &list
	changed()
}

// fixOnEmployee says where a stored case's missing facts are entered: the
// applicant's and the company's come from the employee, so the checklist
// never just waits; a missing company is named first, with the way to add
// one.
func (e *Editor) fixOnEmployee(c rules.Case) fyne.CanvasObject {
	p := e.kit().P
	text := p.T("ui.case.fix_on_employee")
	if c.Purpose == "work" && strings.TrimSpace(c.Employer.Name) == "" {
		text = p.T("ui.case.no_employer_hint")
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	b := widget.NewButtonWithIcon(p.T("ui.case.edit_employee"), theme.AccountIcon(), e.editEmployee)
	b.Importance = widget.HighImportance
	return container.NewVBox(l, container.NewHBox(b))
}

// ownersSummary names the owners under the checklist items they act on (the
// EDS approval, the notarized consent), so the clerk knows whom to call.
func (e *Editor) ownersSummary() fyne.CanvasObject {
	p := e.kit().P
	var lines []string
	for _, o := range e.owners {
		if strings.TrimSpace(o.Name) == "" {
			continue
		}
		line := o.Name
		if o.IIN != "" {
			line += " · " + p.T("ui.owner.iin_short", o.IIN)
		}
		if o.Abroad {
			line += " · " + p.T("ui.owner.abroad")
		}
		lines = append(lines, "• "+line)
	}
	if len(lines) == 0 {
		return container.NewStack()
	}
	l := widget.NewLabel(p.T("ui.owner.who") + "\n" + strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	return l
}
