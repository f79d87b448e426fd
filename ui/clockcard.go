package ui

import (
	"context"
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
	"dossier/app/overview"
	"dossier/app/store"
)

// clocksButtonText names the employee's clocks button, with how many are
// pressing (overdue or due this week) when any are.
func clocksButtonText(p i18n.Printer, s overview.ClockSummary) string {
	if s.Pressing > 0 {
		return p.T("ui.clock.button_pressing", s.Pressing)
	}
	return p.T("ui.clock.button")
}

// showEmployeeClocks is the employee's card of legal clocks: every clock of
// the employee and their family with its due date, the days and working
// days left, its source with the source's date, and its confidence said in
// words; below, the dates the clocks run from. changed runs after the
// dates were saved (the roster redraws its counts).
func (u *ui) showEmployeeClocks(e store.Employee, changed func()) {
	p, ws, set, lang := u.p, u.ws, u.rules, u.lang
	if ws == nil {
		return
	}
	today := civil.Of(nowKZ())
	list := container.NewVBox(widget.NewLabel(p.T("ui.due.loading")))
	var dlg *dialog.CustomDialog
	load := func() {
		// Read and computed off the UI thread; the list changes through
		// onUI. Counted in u.bg: the workspace is closed only after.
		u.bg.Add(1)
		go func() {
			defer u.bg.Done()
			items, err := clocks.ForEmployee(context.Background(), ws, set, e.ID, today, lang)
			u.onUI(func() {
				list.Objects = nil
				switch {
				case err != nil:
					list.Add(widget.NewLabel(store.Explain(lang, err)))
				case len(items) == 0:
					none := widget.NewLabel(p.T("ui.clock.none"))
					none.Wrapping = fyne.TextWrapWord
					list.Add(none)
				}
				for _, it := range items {
					list.Add(clockCardRow(p, it, lang))
				}
				list.Refresh()
			})
		}()
	}
	dates := widget.NewButtonWithIcon(p.T("ui.due.dates_button"), theme.DocumentCreateIcon(), func() {
		u.editClockDates(e, func() {
			load()
			if changed != nil {
				changed()
			}
		})
	})
	load()
	body := container.NewBorder(nil, container.NewHBox(dates), nil, nil, container.NewVScroll(list))
	dlg = dialog.NewCustom(p.T("ui.clock.title", e.Name()), p.T("ui.build.close"), body, u.win)
	dlg.Resize(fyne.NewSize(760, 560))
	u.showEscapable(dlg)
}

// clockCardRow is one clock on the card: the due day, how pressing and
// what (with the family member's name when it is theirs); how long is
// left in days and working days; the note; whom the source speaks of; the
// source with its date and confidence; and each reservation.
func clockCardRow(p i18n.Printer, it clocks.Item, lang i18n.Lang) fyne.CanvasObject {
	title := it.Title
	if it.FamilyID != 0 && it.Person != "" {
		title = fmt.Sprintf("%s (%s)", it.Title, it.Person)
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s · %s — %s", it.Due.DMY(), clocks.SeverityName(it.Severity, lang), title),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: it.Severity == clocks.Overdue})
	head.Wrapping = fyne.TextWrapWord
	switch it.Severity {
	case clocks.Overdue:
		head.Importance = widget.DangerImportance
	case clocks.Urgent, clocks.Soon:
		head.Importance = widget.WarningImportance
	}
	lines := []string{}
	if it.Severity != clocks.Notice {
		lines = append(lines, clockLeftText(p, it))
	}
	lines = append(lines, it.Note)
	if who := clocks.AppliesName(it.AppliesTo, lang); who != "" {
		lines = append(lines, who)
	}
	lines = append(lines, clockSourceText(p, it), p.T("ui.clock.confidence."+string(it.Confidence)))
	for _, r := range it.Remarks {
		lines = append(lines, "! "+r)
	}
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = fyne.TextWrapWord
	body.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(head, body, widget.NewSeparator())
}

// clockLeftText says how long is left, in days and working days, or how
// long ago the day passed.
func clockLeftText(p i18n.Printer, it clocks.Item) string {
	switch {
	case it.DaysLeft < 0:
		return p.T("ui.clock.overdue_by", p.N("ui.emp.days_overdue", -it.DaysLeft), p.N("ui.clock.working_days", -it.WorkingDaysLeft))
	case it.DaysLeft == 0:
		return p.T("ui.timeline.today")
	}
	return p.T("ui.clock.left", p.N("ui.emp.days_left", it.DaysLeft), p.N("ui.clock.working_days", it.WorkingDaysLeft))
}

// clockSourceText names the source, its title and its date (or that it
// shows none).
func clockSourceText(p i18n.Printer, it clocks.Item) string {
	date := p.T("ui.clock.source_undated")
	if !it.SourceDate.IsZero() {
		date = p.T("ui.clock.source_dated", it.SourceDate.DMY())
	}
	return p.T("ui.clock.source", sourceName(it.Source, it.SourceTitle, civil.Date{}), date)
}
