package ui

import (
	"context"
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/roster"
	"dossier/app/rosterundo"
	"dossier/app/store"
)

// An import never starts on the file dialog's click: the file is read as a
// dry run first, and the clerk sees what would be added, changed and
// skipped (and which lines could not be read at all) before anything is
// written. A written import can be taken back as one step (rosterundo)
// while the employees it touched are as it left them.

// lastImport is the newest written import the roster may still offer to
// take back.
type lastImport struct {
	undo  rosterundo.Undo
	label string // when, for the button
}

// maxPreviewLines bounds each list of the preview; the rest are counted.
const maxPreviewLines = 50

// runImport reads path as a dry run and shows the preview; the import is
// written only when the clerk confirms. done (may be nil, tests) gets the
// written import's result, or the error; it is not called when the clerk
// cancels.
func (u *ui) runImport(path string, done func(roster.Result, error)) {
	u.importPass(path, true, false, func(preview roster.Result, err error) {
		if err != nil {
			if done != nil {
				done(preview, err)
			}
			return
		}
		u.showImportPreview(preview, func(partial bool) {
			u.importPass(path, false, partial, func(res roster.Result, err error) {
				if err == nil {
					u.showImportResult(res)
				}
				if done != nil {
					done(res, err)
				}
			})
		})
	})
}

// importPass runs one pass over the file off the UI thread with a progress
// bar and a cancel button: a dry run, or the import itself (with the roster
// pictured before and after, for the undo). then runs on the UI thread; a
// failure has been shown to the clerk already.
func (u *ui) importPass(path string, dry, partial bool, then func(roster.Result, error)) {
	p := u.p
	ws, lang := u.ws, u.lang
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	step := widget.NewLabel(p.T("ui.import.reading"))
	if !dry {
		step.SetText(p.T("ui.import.writing"))
	}
	prog := dialog.NewCustomWithoutButtons(p.T("ui.import.title"), container.NewVBox(step, bar), u.win)
	prog.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(p.T("ui.docs.cancel"), theme.CancelIcon(), cancel)})
	prog.Show()
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		var before rosterundo.Snapshot
		var err error
		if !dry {
			before, err = rosterundo.Take(ctx, ws)
		}
		var res roster.Result
		if err == nil {
			res, err = roster.ImportFile(ctx, ws, path, roster.Options{
				Today: civil.Of(nowKZ()), DryRun: dry, Partial: partial,
				Progress: func(d, total int) {
					u.onUI(func() {
						if total > 0 {
							bar.SetValue(float64(d) / float64(total))
						}
					})
				},
			})
		}
		var undo rosterundo.Undo
		if err == nil && !dry && res.Written {
			var after rosterundo.Snapshot
			if after, err = rosterundo.Take(context.Background(), ws); err == nil {
				undo = rosterundo.Diff(before, after)
			}
		}
		u.onUI(func() {
			cancel()
			prog.Hide()
			if err != nil && !errors.Is(err, context.Canceled) {
				explain := store.Explain(lang, err)
				var fe *roster.FileError
				if errors.As(err, &fe) || errors.Is(err, roster.ErrNoHeader) {
					explain = roster.Explain(lang, err) // the clerk's language, not library text
				}
				u.showError(errors.New(p.T("ui.import.failed", explain)))
			}
			if err == nil && !undo.Empty() {
				u.lastImport = &lastImport{undo: undo, label: nowKZ().Format("15:04")}
			}
			if then != nil {
				then(res, err)
			}
			if err == nil && !dry {
				// The roster and the open case show the employees as imported.
				u.reloadCase(nil)
			}
		})
	}()
}

// showImportPreview shows what the import would do and asks to go ahead.
// confirm gets whether to write the readable rows although some lines
// could not be read.
func (u *ui) showImportPreview(res roster.Result, confirm func(partial bool)) {
	p, lang := u.p, u.lang
	summary := widget.NewLabelWithStyle(p.T("ui.import.preview_summary", res.Added, res.Updated, len(res.Skipped), len(res.Unaccounted)),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(summary)
	section := func(titleKey string, n int, lines []string) {
		if n == 0 {
			return
		}
		h := widget.NewLabelWithStyle(p.T(titleKey, n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		body.Add(h)
		if len(lines) > maxPreviewLines {
			more := len(lines) - maxPreviewLines
			lines = append(lines[:maxPreviewLines:maxPreviewLines], p.T("ui.import.more", more))
		}
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = fyne.TextWrapWord
		body.Add(l)
	}
	atLine := func(line int, text string) string { return "• " + i18n.T(lang, "roster.at_line", line, text) }
	var lines []string
	for _, a := range res.Unaccounted {
		lines = append(lines, atLine(a.Line, a.Text(lang)))
	}
	section("ui.import.preview_unread", len(res.Unaccounted), lines)
	lines = nil
	for _, a := range res.AddedLines {
		lines = append(lines, atLine(a.Line, a.Name))
	}
	section("ui.import.preview_added", res.Added, lines)
	lines = nil
	for _, c := range res.Changed {
		lines = append(lines, atLine(c.Line, c.Name+" — "+fieldTitles(res, c.Fields)))
	}
	section("ui.import.preview_changed", res.Updated, lines)
	lines = nil
	for _, s := range res.Skipped {
		lines = append(lines, atLine(s.Line, s.Text(lang)))
	}
	section("ui.import.preview_skipped", len(res.Skipped), lines)
	if res.Ignored.Rows > 0 {
		l := widget.NewLabel(p.T("ui.import.preview_ignored", res.Ignored.Rows))
		l.Wrapping = fyne.TextWrapWord
		body.Add(l)
	}
	scroll := container.NewVScroll(body)
	size := u.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(600, size.Width-80), min(340, size.Height-200)))

	if res.Added+res.Updated == 0 {
		u.showEscapable(dialog.NewCustom(p.T("ui.import.preview_title"), p.T("ui.build.close"), scroll, u.win))
		return
	}
	partial := len(res.Unaccounted) > 0
	ok := p.T("ui.import.go")
	if partial {
		ok = p.T("ui.import.go_partial")
	}
	d := dialog.NewCustomConfirm(p.T("ui.import.preview_title"), ok, p.T("ui.docs.cancel"), scroll, func(yes bool) {
		if yes {
			confirm(partial)
		}
	}, u.win)
	d.Show()
	if u.importPreviewShown != nil {
		u.importPreviewShown()
	}
}

// fieldTitles names changed fields by the file's own column titles.
func fieldTitles(res roster.Result, ids []string) string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if t := res.Columns[id]; t != "" {
			out = append(out, t)
		} else {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// showImportResult says what the import did and offers to take it back.
func (u *ui) showImportResult(res roster.Result) {
	p, lang := u.p, u.lang
	lines := []string{p.T("ui.import.done", res.Added, res.Updated, len(res.Skipped))}
	if !res.Written {
		lines = []string{i18n.T(lang, "roster.not_written", len(res.Unaccounted))}
	}
	msg := widget.NewLabel(strings.Join(lines, "\n"))
	msg.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(msg)
	var d dialog.Dialog
	if li := u.lastImport; li != nil && res.Written {
		b := widget.NewButtonWithIcon(p.T("ui.import.undo"), theme.ContentUndoIcon(), func() {
			d.Hide()
			u.undoImport(nil)
		})
		box.Add(b)
	}
	d = dialog.NewCustom(p.T("ui.import.title"), p.T("ui.build.close"), box, u.win)
	u.showEscapable(d)
}

// undoImport asks, then takes the last import back; done (tests) gets the
// outcome.
func (u *ui) undoImport(done func(error)) {
	li := u.lastImport
	if li == nil || u.ws == nil {
		return
	}
	p := u.p
	n := len(li.undo.Added)
	text := p.T("ui.import.undo_confirm", n, len(li.undo.Changed))
	dialog.ShowConfirm(p.T("ui.import.undo"), text, func(ok bool) {
		if !ok {
			return
		}
		u.applyUndo(done)
	}, u.win)
}

// applyUndo takes the last import back off the UI thread.
func (u *ui) applyUndo(done func(error)) {
	li, ws, p := u.lastImport, u.ws, u.p
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		err := li.undo.Apply(context.Background(), ws, civil.Of(nowKZ()))
		u.onUI(func() {
			if u.lastImport == li {
				u.lastImport = nil // taken back, or no longer possible
			}
			switch {
			case errors.Is(err, rosterundo.ErrStale):
				u.showError(errors.New(p.T("ui.import.undo_stale")))
			case err != nil:
				u.showError(errors.New(store.Explain(u.lang, err)))
			default:
				dialog.ShowInformation(p.T("ui.import.undo"),
					p.T("ui.import.undone", len(li.undo.Added), len(li.undo.Changed)), u.win)
			}
			u.reloadCase(nil)
			if done != nil {
				done(err)
			}
		})
	}()
}

// undoButton is the roster's offer to take the last import back, shown
// only while it is still possible (checked off the UI thread).
func (v *employeesView) undoButton() fyne.CanvasObject {
	u := v.u
	li := u.lastImport
	box := container.NewStack()
	if li == nil || u.ws == nil {
		return box
	}
	ws := u.ws
	b := widget.NewButtonWithIcon(u.p.T("ui.import.undo_at", li.label), theme.ContentUndoIcon(), func() { u.undoImport(nil) })
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		ok, err := li.undo.Available(context.Background(), ws)
		u.onUI(func() {
			if err != nil || !ok {
				if u.lastImport == li {
					u.lastImport = nil // edited since: no longer offered
				}
				return
			}
			box.Objects = []fyne.CanvasObject{b}
			box.Refresh()
		})
	}()
	return box
}
