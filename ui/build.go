package ui

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/buildinfo"
	"dossier/app/bundle"
	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/store"
)

// setupBundle prepares the PDF engine's fonts; tests point it elsewhere.
var setupBundle = bundle.SetupDefault

// buildPackage builds the open case's package off the UI thread, showing a
// progress dialog with a cancel button, then offers to open the result.
// done (may be nil) runs on the UI thread at the end; tests wait on it.
func (u *ui) buildPackage(done func()) {
	e := u.caseEd
	if e.stored == nil || u.ws == nil {
		if done != nil {
			done()
		}
		return
	}
	p := u.p
	ws, caseID, set, lang := u.ws, e.stored.ID, u.rules, u.lang
	out := casework.PackageDir(ws, caseID)
	budget := maxFileBytes(u.app)

	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	stage := widget.NewLabel(p.T("ui.build.starting"))
	prog := dialog.NewCustomWithoutButtons(p.T("ui.build.title"), container.NewVBox(bar, stage), u.win)
	prog.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(p.T("ui.docs.cancel"), theme.CancelIcon(), cancel)})
	prog.Show()

	go func() {
		res, rejected, err := func() (*bundle.Result, []casework.Attached, error) {
			if err := setupBundle(); err != nil {
				return nil, nil, err
			}
			return casework.BuildStored(ctx, ws, set, caseID, out, bundle.Options{
				Lang: lang, Date: civil.Of(nowKZ()), ProgramVersion: buildinfo.Version, MaxFileBytes: budget,
				Progress: func(pr bundle.Progress) {
					onUI(func() {
						if pr.Total > 0 {
							bar.SetValue(float64(pr.Done) / float64(pr.Total))
						}
						stage.SetText(p.T("ui.build.step", pr.Done, pr.Total))
					})
				},
			})
		}()
		onUI(func() {
			cancel()
			prog.Hide()
			if done != nil {
				defer done()
			}
			switch {
			case errors.Is(err, context.Canceled):
				dialog.ShowInformation(p.T("ui.build.title"), p.T("ui.build.cancelled"), u.win)
			case err != nil:
				u.showError(errors.New(p.T("ui.build.failed", store.Explain(lang, err))))
			default:
				u.lastBuild = res
				u.showBuildResult(res, len(rejected))
			}
		})
	}()
}

// showBuildResult says what was written and what is still missing, with
// buttons that open the folder and the PDF in the system's programs.
func (u *ui) showBuildResult(res *bundle.Result, rejected int) {
	p := u.p
	box := container.NewVBox()
	if len(res.Merged) > 0 {
		box.Add(widget.NewLabel(p.T("ui.build.written", res.Merged[0].Path, res.Merged[0].Pages)))
	}
	box.Add(widget.NewLabel(p.N("ui.build.uploads", len(res.Uploads))))
	if rejected > 0 {
		l := widget.NewLabel(p.N("ui.build.rejected", rejected))
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	if len(res.Missing) > 0 {
		l := widget.NewLabel(p.T("ui.build.missing"))
		l.Importance = widget.DangerImportance
		box.Add(l)
		for _, m := range res.Missing {
			box.Add(widget.NewLabel("• " + m))
		}
	}
	openFolder := widget.NewButtonWithIcon(p.T("ui.build.open_folder"), theme.FolderOpenIcon(), func() { u.openPath(res.Dir) })
	var buttons []fyne.CanvasObject
	buttons = append(buttons, openFolder)
	if len(res.Merged) > 0 {
		pdf := filepath.Join(res.Dir, res.Merged[0].Path)
		buttons = append(buttons, widget.NewButtonWithIcon(p.T("ui.build.open_pdf"), theme.DocumentIcon(), func() { u.openPath(pdf) }))
	}
	box.Add(container.NewHBox(buttons...))
	u.showEscapable(dialog.NewCustom(p.T("ui.build.done"), p.T("ui.build.close"), box, u.win))
}

// openPath opens a file or folder with the system's default program.
func (u *ui) openPath(path string) {
	target, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = u.app.OpenURL(target)
	}
	if err != nil {
		u.showError(errors.New(u.p.T("ui.build.open_failed", path)))
	}
}
