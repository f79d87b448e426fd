package ui

import (
	"context"
	"errors"
	"path/filepath"

	"dossier/app/civil"
	"dossier/app/store"
	"dossier/ui/paperui"
)

// PreparePapers opens "Prepare papers" for the open stored case.
func (h caseHost) PreparePapers() { h.u.preparePapers() }

// preparePapers opens the papers dialog of the open stored case: it reads
// the case from the workspace, writes into the company's papers folder,
// and attaches signed scans through the case editor's own intake.
func (u *ui) preparePapers() *paperui.Dialog {
	sc := u.caseEd.Stored()
	if sc == nil || u.ws == nil {
		return nil
	}
	caseID, employeeID := sc.ID, sc.EmployeeID
	applicant := u.caseEd.Case().Applicant.Name
	host := paperui.Host{
		Win: u.win, P: u.p, WS: u.ws, Rules: u.rules, Today: civil.Of(nowKZ()),
		OpenURL: u.app.OpenURL,
		Do:      u.onUI,
		Go:      caseHost{u}.Go,
		Setup:   setupBundle,
		Folder: func(ask bool, chosen func(string)) {
			u.papersFolder(employeeID, caseID, applicant, ask, chosen)
		},
		Attach: u.caseEd.AttachPathsThen,
		PickFile: func(title string, chosen func(string)) {
			u.fileDialog(title, nil, chosen).Show()
		},
		SetConsent: u.caseEd.SetHousingConsent,
		ShowError:  u.showError,
	}
	u.lastPapers = paperui.Show(host, caseID, *u.caseEd.Case())
	return u.lastPapers
}

// papersFolder is where a case's papers go: papers/case-N_Name in the
// folder chosen for the company's packages, beside the packages and never
// inside one (a package folder is replaced whole when it is rebuilt). With
// ask, the first time it asks for that folder as building a package does;
// without, an unknown folder is "".
func (u *ui) papersFolder(employeeID, caseID int64, applicant string, ask bool, chosen func(string)) {
	ws := u.ws
	var employerID int64
	if emp, err := ws.Employee(context.Background(), employeeID); err == nil {
		employerID = emp.EmployerID
	}
	key := packageDirKey(employerID)
	root, err := ws.Setting(context.Background(), key, "")
	if err != nil {
		u.showError(errors.New(store.Explain(u.lang, err)))
		return
	}
	in := func(root string) string {
		return filepath.Join(root, "papers", filepath.Base(caseFolder(root, caseID, applicant)))
	}
	switch {
	case root != "":
		chosen(in(root))
	case !ask:
		chosen("")
	default:
		u.askPackageRoot(key, u.packageRoot(), func(root string) { chosen(in(root)) }, func() {})
	}
}
