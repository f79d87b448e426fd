package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
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

// prefPackageDir keys the remembered package folder in the workspace's
// settings: one per company (the case's employer), so a consultant's
// packages for each client land in that client's folder.
const prefPackageDir = "package.dir"

func packageDirKey(employerID int64) string {
	if employerID == 0 {
		return prefPackageDir
	}
	return prefPackageDir + ".employer." + strconv.FormatInt(employerID, 10)
}

// defaultPackageRoot is offered the first time a company's package is
// built: the clerk's Documents folder (or home), never the workspace, which
// holds the clerk's data, not what goes out.
func defaultPackageRoot() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents", "Dossier")
	}
	return filepath.Join(home, "Dossier")
}

// caseFolder is the case's own folder inside the chosen one.
func caseFolder(root string, caseID int64, applicant string) string {
	name := fmt.Sprintf("case-%d", caseID)
	if s := bundle.SafeFileName(applicant); s != "" {
		name += "_" + s
	}
	return filepath.Join(root, name)
}

// buildPackage builds the open case's package into the folder chosen for its
// company; the first time, it asks where that is. done (may be nil) runs on
// the UI thread at the end, also when the clerk cancels; tests wait on it.
func (u *ui) buildPackage(done func()) {
	sc := u.caseEd.Stored()
	finish := func() {
		if done != nil {
			done()
		}
	}
	if sc == nil || u.ws == nil {
		finish()
		return
	}
	ws, caseID := u.ws, sc.ID
	var employerID int64
	if emp, err := ws.Employee(context.Background(), sc.EmployeeID); err == nil {
		employerID = emp.EmployerID
	}
	key := packageDirKey(employerID)
	root, err := ws.Setting(context.Background(), key, "")
	if err != nil {
		u.showError(errors.New(store.Explain(u.lang, err)))
		finish()
		return
	}
	applicant := u.caseEd.Case().Applicant.Name
	if root != "" {
		u.runBuild(caseFolder(root, caseID, applicant), key, done)
		return
	}
	u.askPackageRoot(key, u.packageRoot(), func(root string) {
		u.runBuild(caseFolder(root, caseID, applicant), key, done)
	}, finish)
}

// askPackageRoot asks where a company's packages go, proposing proposed;
// the answer is remembered under key. cancelled runs if the clerk says no.
func (u *ui) askPackageRoot(key, proposed string, chosen func(string), cancelled func()) {
	p, ws := u.p, u.ws
	root := proposed
	where := widget.NewLabel(root)
	where.Wrapping = fyne.TextWrapBreak
	text := widget.NewLabel(p.T("ui.build.where_text"))
	text.Wrapping = fyne.TextWrapWord
	other := widget.NewButtonWithIcon(p.T("ui.build.where_other"), theme.FolderOpenIcon(), func() {
		u.folderDialog(p.T("ui.build.where_title"), p.T("ui.dialog.choose_folder"), existingParent(root), func(dir string) {
			root = dir
			where.SetText(dir)
		}).Show()
	})
	dlg := dialog.NewCustomConfirm(p.T("ui.build.where_title"), p.T("ui.build.where_ok"), p.T("ui.docs.cancel"),
		container.NewVBox(text, where, other), func(ok bool) {
			if !ok {
				cancelled()
				return
			}
			if err := ws.SetSetting(context.Background(), key, root); err != nil {
				u.showError(errors.New(store.Explain(u.lang, err)))
				cancelled()
				return
			}
			chosen(root)
		}, u.win)
	dlg.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 560), 0))
	dlg.Show()
}

// existingParent is dir or its nearest existing parent, where a folder
// dialog can open.
func existingParent(dir string) string {
	for dir != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}

// runBuild builds the open case's package into out off the UI thread,
// showing a progress dialog with a cancel button, then what was written
// and where; key is the company's remembered folder, which the report
// offers to change.
func (u *ui) runBuild(out, key string, done func()) {
	sc := u.caseEd.Stored()
	if sc == nil || u.ws == nil {
		if done != nil {
			done()
		}
		return
	}
	p := u.p
	ws, caseID, set, lang := u.ws, sc.ID, u.rules, u.lang
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
					u.onUI(func() {
						if pr.Total > 0 {
							bar.SetValue(float64(pr.Done) / float64(pr.Total))
						}
						stage.SetText(p.T("ui.build.step", pr.Done, pr.Total))
					})
				},
			})
		}()
		u.onUI(func() {
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
				u.showBuildResult(res, len(rejected), key)
			}
		})
	}()
}

// showBuildResult says what was written and what is still missing, with
// buttons that open the folder and the PDF in the system's programs.
func (u *ui) showBuildResult(res *bundle.Result, rejected int, key string) {
	p := u.p
	box := container.NewVBox()
	where := widget.NewLabel(p.T("ui.build.written_to", res.Dir))
	where.Wrapping = fyne.TextWrapBreak
	box.Add(where)
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
	ws := u.ws
	buttons = append(buttons, widget.NewButtonWithIcon(p.T("ui.build.change_folder"), theme.FolderIcon(), func() {
		u.folderDialog(p.T("ui.build.where_title"), p.T("ui.dialog.choose_folder"), existingParent(filepath.Dir(res.Dir)), func(dir string) {
			if err := ws.SetSetting(context.Background(), key, dir); err != nil {
				u.showError(errors.New(store.Explain(u.lang, err)))
				return
			}
			dialog.ShowInformation(p.T("ui.build.where_title"), p.T("ui.build.folder_changed", dir), u.win)
		}).Show()
	}))
	box.Add(container.New(layout.NewRowWrapLayout(), buttons...))
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
