// Package importflow is the window's roster import: the file is read as a
// dry run first, and the clerk sees what would be added, changed and
// skipped (and which lines could not be read at all) before anything is
// written. A written import can be taken back as one step (rosterundo)
// while the employees it touched are as it left them.
//
// It reaches the window only through App, which it declares itself.
package importflow

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

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
	"dossier/ui/uikit"
)

// App is what the import flow needs from the window.
type App interface {
	// Kit makes widgets and dialogs in the clerk's current language.
	Kit() uikit.Kit
	// Workspace is the open workspace, nil while there is none.
	Workspace() *store.Workspace
	// Now is the time in Kazakhstan (tests fix it).
	Now() time.Time
	// OnUI runs fn on the UI thread; every goroutine changes widgets so.
	OnUI(fn func())
	// Go runs fn off the UI thread as a task the window waits for when it
	// closes.
	Go(fn func())
	// ImportWritten redraws what shows employees (the roster, the open
	// case) after an import or its undo changed them.
	ImportWritten()
}

// Flow is the import of one window: the newest written import, while it
// may be taken back.
type Flow struct {
	app  App
	last *Last
	// PreviewShown, when set (tests), runs when an import's preview shows.
	PreviewShown func()
}

// New makes the window's import flow.
func New(app App) *Flow { return &Flow{app: app} }

// Last is the newest written import the roster may still offer to take
// back.
type Last struct {
	Undo  rosterundo.Undo
	Label string // when, for the button
}

// Last is the import that may still be taken back, or nil.
func (f *Flow) Last() *Last { return f.last }

// Forget drops the offer to take the last import back (another workspace).
func (f *Flow) Forget() { f.last = nil }

// maxPreviewLines bounds each list of the preview; the rest are counted.
const maxPreviewLines = 50

// Run reads path as a dry run and shows the preview; the import is
// written only when the clerk confirms. done (may be nil, tests) gets the
// written import's result, or the error; it is not called when the clerk
// cancels.
func (f *Flow) Run(path string, done func(roster.Result, error)) {
	f.importPass(path, true, false, func(preview roster.Result, err error) {
		if err != nil {
			if done != nil {
				done(preview, err)
			}
			return
		}
		f.showImportPreview(preview, func(partial bool) {
			f.importPass(path, false, partial, func(res roster.Result, err error) {
				if err == nil {
					f.showImportResult(res)
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
func (f *Flow) importPass(path string, dry, partial bool, then func(roster.Result, error)) {
	p := f.app.Kit().P
	ws, lang := f.app.Workspace(), f.app.Kit().Lang
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	step := widget.NewLabel(p.T("ui.import.reading"))
	if !dry {
		step.SetText(p.T("ui.import.writing"))
	}
	prog := dialog.NewCustomWithoutButtons(p.T("ui.import.title"), container.NewVBox(step, bar), f.app.Kit().Win)
	prog.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(p.T("ui.docs.cancel"), theme.CancelIcon(), cancel)})
	prog.Show()
	f.app.Go(func() {
		var before rosterundo.Snapshot
		var err error
		if !dry {
			before, err = rosterundo.Take(ctx, ws)
		}
		var res roster.Result
		if err == nil {
			res, err = roster.ImportFile(ctx, ws, path, roster.Options{
				Today: civil.Of(f.app.Now()), DryRun: dry, Partial: partial,
				Progress: func(d, total int) {
					f.app.OnUI(func() {
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
		f.app.OnUI(func() {
			cancel()
			prog.Hide()
			if err != nil && !errors.Is(err, context.Canceled) {
				explain := store.Explain(lang, err)
				var fe *roster.FileError
				if errors.As(err, &fe) || errors.Is(err, roster.ErrNoHeader) {
					explain = roster.Explain(lang, err) // the clerk's language, not library text
				}
				f.app.Kit().ShowError(errors.New(p.T("ui.import.failed", explain)))
			}
			if err == nil && !undo.Empty() {
				f.last = &Last{Undo: undo, Label: f.app.Now().Format("15:04")}
			}
			if then != nil {
				then(res, err)
			}
			if err == nil && !dry {
				// The roster and the open case show the employees as imported.
				f.app.ImportWritten()
			}
		})
	})
}

// showImportPreview shows what the import would do and asks to go ahead.
// confirm gets whether to write the readable rows although some lines
// could not be read.
func (f *Flow) showImportPreview(res roster.Result, confirm func(partial bool)) {
	p, lang := f.app.Kit().P, f.app.Kit().Lang
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
	size := f.app.Kit().Win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(600, size.Width-80), min(340, size.Height-200)))

	if res.Added+res.Updated == 0 {
		f.app.Kit().ShowEscapable(dialog.NewCustom(p.T("ui.import.preview_title"), p.T("ui.build.close"), scroll, f.app.Kit().Win))
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
	}, f.app.Kit().Win)
	d.Show()
	if f.PreviewShown != nil {
		f.PreviewShown()
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
func (f *Flow) showImportResult(res roster.Result) {
	p, lang := f.app.Kit().P, f.app.Kit().Lang
	lines := []string{p.T("ui.import.done", res.Added, res.Updated, len(res.Skipped))}
	if !res.Written {
		lines = []string{i18n.T(lang, "roster.not_written", len(res.Unaccounted))}
	}
	msg := widget.NewLabel(strings.Join(lines, "\n"))
	msg.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(msg)
	var d dialog.Dialog
	if li := f.last; li != nil && res.Written {
		b := widget.NewButtonWithIcon(p.T("ui.import.undo"), theme.ContentUndoIcon(), func() {
			d.Hide()
			f.undoImport(nil)
		})
		box.Add(b)
	}
	d = dialog.NewCustom(p.T("ui.import.title"), p.T("ui.build.close"), box, f.app.Kit().Win)
	f.app.Kit().ShowEscapable(d)
}

// undoImport asks, then takes the last import back; done (tests) gets the
// outcome.
func (f *Flow) undoImport(done func(error)) {
	li := f.last
	if li == nil || f.app.Workspace() == nil {
		return
	}
	p := f.app.Kit().P
	n := len(li.Undo.Added)
	text := p.T("ui.import.undo_confirm", n, len(li.Undo.Changed))
	dialog.ShowConfirm(p.T("ui.import.undo"), text, func(ok bool) {
		if !ok {
			return
		}
		f.applyUndo(done)
	}, f.app.Kit().Win)
}

// applyUndo takes the last import back off the UI thread.
func (f *Flow) applyUndo(done func(error)) {
	li, ws, p := f.last, f.app.Workspace(), f.app.Kit().P
	f.app.Go(func() {
		err := li.Undo.Apply(context.Background(), ws, civil.Of(f.app.Now()))
		f.app.OnUI(func() {
			if f.last == li {
				f.last = nil // taken back, or no longer possible
			}
			switch {
			case errors.Is(err, rosterundo.ErrStale):
				f.app.Kit().ShowError(errors.New(p.T("ui.import.undo_stale")))
			case err != nil:
				f.app.Kit().ShowError(errors.New(store.Explain(f.app.Kit().Lang, err)))
			default:
				dialog.ShowInformation(p.T("ui.import.undo"),
					p.T("ui.import.undone", len(li.Undo.Added), len(li.Undo.Changed)), f.app.Kit().Win)
			}
			f.app.ImportWritten()
			if done != nil {
				done(err)
			}
		})
	})
}

// UndoButton is the roster's offer to take the last import back, shown
// only while it is still possible (checked off the UI thread).
func (f *Flow) UndoButton() fyne.CanvasObject {
	li := f.last
	box := container.NewStack()
	ws := f.app.Workspace()
	if li == nil || ws == nil {
		return box
	}
	p := f.app.Kit().P
	b := widget.NewButtonWithIcon(p.T("ui.import.undo_at", li.Label), theme.ContentUndoIcon(), func() { f.undoImport(nil) })
	f.app.Go(func() {
		ok, err := li.Undo.Available(context.Background(), ws)
		f.app.OnUI(func() {
			if err != nil || !ok {
				if f.last == li {
					f.last = nil // edited since: no longer offered
				}
				return
			}
			box.Objects = []fyne.CanvasObject{b}
			box.Refresh()
		})
	})
	return box
}

// Pick asks for a roster file (.xlsx, .csv) and runs its import.
func (f *Flow) Pick() {
	if f.app.Workspace() == nil {
		return
	}
	k := f.app.Kit()
	k.FileDialog(k.P.T("ui.dialog.import"), []string{".xlsx", ".csv", ".txt"}, func(path string) {
		f.Run(path, nil)
	}).Show()
}
