// Package ui is Dossier's desktop face, built with Fyne. Screens stay thin:
// they call the services in app/ and show what comes back; every long task
// runs off the UI thread and reports through fyne.Do.
package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/app/buildinfo"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/assets"
)

// Run opens the main window and blocks until it is closed.
func Run() {
	a := fyneapp.NewWithID(buildinfo.AppID)
	w := a.NewWindow(fmt.Sprintf("%s %s", buildinfo.Name, buildinfo.Version))
	w.SetContent(NewCaseView(i18n.Default))
	w.Resize(fyne.NewSize(980, 720))
	w.ShowAndRun()
}

// NewCaseView shows the sample case's checklist and timeline. It is the
// first screen until the workspace screens arrive.
func NewCaseView(lang i18n.Lang) fyne.CanvasObject {
	p := i18n.Printer{Lang: lang}
	set, err := rules.Embedded()
	if err != nil {
		return widget.NewLabel(p.T("ui.err.rules", err))
	}
	c, err := rules.ParseCase(assets.SeedCase)
	if err != nil {
		return widget.NewLabel(p.T("ui.err.rules", err))
	}
	cl := set.Checklist(c, lang)
	tl := set.Timeline(c, lang)

	header := widget.NewLabelWithStyle(
		p.T("ui.case.header", c.Applicant.Name, c.FilingDate.DMY(), cl.RulesVersion),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	items := container.NewVBox()
	for _, st := range []rules.Status{rules.Required, rules.Optional, rules.NotApplicable} {
		first := true
		for _, it := range cl.Items {
			if it.Status != st {
				continue
			}
			if first {
				items.Add(widget.NewLabelWithStyle(p.T("ui.status."+string(st)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
				first = false
			}
			title := p.T("ui.kind."+string(it.Kind)) + " " + it.Title
			var alts []string
			for _, a := range it.Alternatives {
				alts = append(alts, "• "+a.Title)
			}
			body := it.Reason
			if len(alts) > 0 {
				body = strings.Join(alts, "\n") + "\n" + body
			}
			if it.Source != "" {
				body += "\n" + p.T("ui.source", it.Source, p.T("ui.confidence."+string(it.Confidence)))
			}
			reason := widget.NewLabel(body)
			reason.Wrapping = fyne.TextWrapWord
			items.Add(widget.NewCard("", title, reason))
		}
	}

	events := container.NewVBox()
	for _, e := range tl.Events {
		when := e.Date.DMY()
		if !e.Time.IsZero() {
			when += e.Time.Format(" 15:04 (UTC-07:00)")
		}
		text := e.Note
		if text != "" {
			text += "\n"
		}
		text += p.T("ui.source", e.Source, p.T("ui.confidence."+string(e.Confidence)))
		note := widget.NewLabel(text)
		note.Wrapping = fyne.TextWrapWord
		events.Add(widget.NewCard(when, e.Title, note))
	}
	for _, pr := range tl.Problems {
		l := widget.NewLabel(pr.Message)
		l.Wrapping = fyne.TextWrapWord
		events.Add(l)
	}

	tabs := container.NewAppTabs(
		container.NewTabItem(p.T("ui.tab.checklist"), container.NewVScroll(items)),
		container.NewTabItem(p.T("ui.tab.timeline"), container.NewVScroll(events)),
	)
	return container.NewBorder(container.NewPadded(header), nil, nil, nil, tabs)
}
