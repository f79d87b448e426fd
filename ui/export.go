package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/clocks"
	"dossier/app/schedule"
	"dossier/app/store"
)

// exportSchedule asks for the date range, then where to save, then writes
// the expiry schedule off the UI thread with progress and cancel.
func (u *ui) exportSchedule(employerBIN string) {
	p := u.p
	today := civil.Of(nowKZ())
	from, to := u.newAppEntry(), u.newAppEntry()
	from.SetText(today.DMY())
	to.SetText(today.AddDays(90).DMY())
	for _, en := range []*appEntry{from, to} {
		en.Validator = func(s string) error {
			if _, err := civil.ParseDMY(strings.TrimSpace(s)); err != nil {
				return errors.New(p.T("ui.date_invalid"))
			}
			return nil
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem(p.T("ui.export.from"), from),
		widget.NewFormItem(p.T("ui.export.to"), to),
	}
	dialog.ShowForm(p.T("ui.export.title"), p.T("ui.export.choose_file"), p.T("ui.docs.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		f, _ := civil.ParseDMY(strings.TrimSpace(from.Text))
		t, _ := civil.ParseDMY(strings.TrimSpace(to.Text))
		if t.Before(f) {
			u.showError(errors.New(p.T("ui.export.bad_range")))
			return
		}
		save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil || wc == nil {
				return
			}
			path := wc.URI().Path()
			wc.Close() // the exporter writes beside it and renames: never half a file
			u.writeSchedule(path, schedule.Options{From: f, To: t, Today: today, EmployerBIN: employerBIN}, nil)
		}, u.win)
		// Fyne asks "Overwrite?" in English whatever the language (a fixed
		// string in Fyne 2.7): the dialog opens in the clerk's documents
		// with a name no file there has, so the question comes only when
		// the clerk picks an existing file on purpose.
		start := documentsDir()
		u.kit().DressFileDialog(save, p.T("ui.dialog.export"), p.T("ui.dialog.save"), start)
		save.SetFileName(freeFileName(start, fmt.Sprintf("%s_%s", p.T("ui.export.file_stem"), today), ".xlsx"))
		save.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
		save.Show()
	}, u.win)
}

// documentsDir is the clerk's Documents folder, or home, or "".
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// freeFileName is stem+ext, or "stem (2)"+ext and so on, whichever dir lacks.
func freeFileName(dir, stem, ext string) string {
	name := stem + ext
	for i := 2; dir != "" && i < 1000; i++ {
		if _, err := os.Stat(filepath.Join(dir, name)); errors.Is(err, os.ErrNotExist) {
			break
		}
		name = fmt.Sprintf("%s (%d)%s", stem, i, ext)
	}
	return name
}

// writeSchedule writes the workbook at path; done (may be nil, tests) runs
// on the UI thread at the end with the error, if any.
func (u *ui) writeSchedule(path string, opts schedule.Options, done func(error)) {
	p := u.p
	ws := u.ws
	if ws.Contains(path) {
		u.showError(errors.New(store.Explain(u.lang, store.ErrInsideWorkspace)))
		if done != nil {
			done(store.ErrInsideWorkspace)
		}
		return
	}
	opts.Calendar = u.rules.Calendar()
	opts.EAEU = func(c string) bool { return u.rules.InGroup("eaeu", c) }
	if lead, err := ws.Setting(context.Background(), store.SettingRenewalLead, ""); err == nil {
		if n, err := strconv.Atoi(lead); err == nil && n > 0 {
			opts.LeadDays = n
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBarInfinite()
	rows := widget.NewLabel(p.T("ui.export.starting"))
	prog := dialog.NewCustomWithoutButtons(p.T("ui.export.title"), container.NewVBox(bar, rows), u.win)
	prog.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(p.T("ui.docs.cancel"), theme.CancelIcon(), cancel)})
	prog.Show()
	lang, set := u.lang, u.rules
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		// The legal clocks' sheet; if they cannot be read the schedule is
		// still written, without that sheet.
		clockItems, _ := clocks.Collect(ctx, ws, set, opts.EmployerBIN, opts.Today, opts.To, lang)
		sum, err := schedule.WriteFile(ctx, ws, path, schedule.WriteOptions{
			Options: opts, Lang: lang, TmpDir: ws.TempDir(), Clocks: clockItems,
			Progress: func(n int) { u.onUI(func() { rows.SetText(p.N("ui.export.rows", n)) }) },
		})
		u.onUI(func() {
			cancel()
			prog.Hide()
			bar.Stop()
			if done != nil {
				defer done(err)
			}
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				u.showError(errors.New(p.T("ui.export.failed", path, store.Explain(lang, err))))
			default:
				msg := widget.NewLabel(p.T("ui.export.done", path, sum.Rows, sum.Overdue))
				msg.Wrapping = fyne.TextWrapWord
				open := widget.NewButtonWithIcon(p.T("ui.export.open"), theme.DocumentIcon(), func() { u.openPath(path) })
				u.showEscapable(dialog.NewCustom(p.T("ui.export.title"), p.T("ui.build.close"), container.NewVBox(msg, open), u.win))
			}
		})
	}()
}
