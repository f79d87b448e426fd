package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/civil"
	"dossier/app/mrz"
	"dossier/app/mrzcheck"
	"dossier/app/scan"
	"dossier/app/store"
	"dossier/ui/uikit"
)

// The passport's machine-readable zone in the employee form (issue 20):
// a button fills the form from a passport scan for the clerk to confirm,
// and an employee's stored passport scan is compared with what was typed.
// Reading takes about a second, so it runs off the UI thread; readings are
// kept per file content in the workspace.

// passportForm is the employee form's fields that a zone can fill.
type passportForm struct {
	nameLat, passportNo, birth, expiry *appEntry
	citizenship                        *appSelectEntry
	sex                                *widget.Select
	sexCodes                           []string
	// typed is what the form holds now.
	typed func() mrz.Typed
	// relayout (may be nil) lays the form out again once notes were added
	// to it: a scroller measures its content only when refreshed.
	relayout func()
}

func (f *passportForm) laidOut() {
	if f.relayout != nil {
		f.relayout()
	}
}

// set puts the zone's proposals that were filled into the form's fields;
// their OnChanged handlers update the employee being edited.
func (f *passportForm) set(t mrz.Typed, props []mrz.Proposal) {
	for _, p := range props {
		if !p.Filled() {
			continue
		}
		switch p.Field {
		case mrz.FName:
			f.nameLat.SetText(t.NameLat)
		case mrz.FDocumentNumber:
			f.passportNo.SetText(t.PassportNo)
		case mrz.FNationality:
			f.citizenship.SetText(t.Citizenship)
		case mrz.FBirthDate:
			f.birth.SetText(t.BirthDate.DMY())
		case mrz.FExpiryDate:
			f.expiry.SetText(t.PassportExpiry.DMY())
		case mrz.FSex:
			for i, c := range f.sexCodes {
				if c == t.Sex {
					f.sex.SetSelectedIndex(i)
				}
			}
		}
	}
}

// passportReader is the window's reader, keeping its readings in the open
// workspace. Called on the UI thread.
func (u *ui) passportReader() *mrzcheck.Reader {
	if u.passports == nil || u.passportsWS != u.ws {
		var cache mrzcheck.Cache
		if u.ws != nil {
			cache = u.ws
		}
		u.passports, u.passportsWS = mrzcheck.NewReader(cache), u.ws
	}
	return u.passports
}

// passportBox is the form's passport part: the fill button, what the last
// fill did, field by field, and for a stored employee the comparison with
// a passport scan of theirs. start reads a scan into the form (the window's
// drop of a scan on the employees screen uses it).
func (u *ui) passportBox(f *passportForm, employeeID int64) (box fyne.CanvasObject, fill *widget.Button, start func(path string)) {
	p := u.p
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Hide()
	notes := container.NewVBox()
	reader := u.passportReader()
	today := civil.Of(nowKZ())
	var button *widget.Button
	start = func(path string) {
		button.Disable()
		notes.RemoveAll()
		status.SetText(p.T("ui.mrz.reading"))
		status.Importance = widget.MediumImportance
		status.Show()
		f.laidOut()
		u.bg.Add(1)
		go func() {
			defer u.bg.Done()
			sc, _, err := reader.ReadPath(context.Background(), path, today)
			u.onUI(func() {
				button.Enable()
				u.showFill(f, sc, err, status, notes)
				f.laidOut()
			})
		}()
	}
	button = widget.NewButtonWithIcon(p.T("ui.mrz.fill"), theme.DocumentIcon(), func() {
		u.fileDialog(p.T("ui.mrz.fill_title"), []string{".jpg", ".jpeg", ".png", ".pdf", ".JPG", ".JPEG", ".PNG", ".PDF"}, start).Show()
	})
	check := container.NewVBox()
	if employeeID != 0 && u.ws != nil {
		u.comparePassport(employeeID, f, reader, today, check)
	}
	// The button goes with the dialog's own buttons: the box above the
	// form stays empty (and the form's fields where they were) until there
	// is something to say.
	return container.NewVBox(status, notes, check), button, start
}

// showFill applies one reading to the form and says what it did.
func (u *ui) showFill(f *passportForm, sc *mrz.Scan, err error, status *widget.Label, notes *fyne.Container) {
	p := u.p
	status.Importance = widget.WarningImportance
	switch {
	case errors.Is(err, mrz.ErrBudget):
		status.SetText(p.T("ui.mrz.too_much"))
		return
	case errors.Is(err, mrzcheck.ErrRefused):
		status.SetText(p.T("ui.mrz.refused"))
		return
	case err != nil:
		status.SetText(p.T("ui.mrz.failed", err.Error()))
		return
	case !sc.Found:
		status.SetText(mrz.Finding{Code: mrz.CrossNoZone}.Message(u.lang))
		return
	}
	typed, props := mrz.Propose(sc.Result, f.typed())
	f.set(typed, props)
	filled := 0
	for _, pr := range props {
		if pr.Filled() {
			filled++
		}
		if pr.Status == mrz.FillSame {
			continue
		}
		l := widget.NewLabel(pr.Message(u.lang))
		l.Wrapping = fyne.TextWrapWord
		switch pr.Status {
		case mrz.FillFilled:
			l.Importance = widget.SuccessImportance
		case mrz.FillKept:
			l.Importance = widget.DangerImportance
		default:
			l.Importance = widget.WarningImportance
		}
		notes.Add(l)
	}
	if filled > 0 {
		status.Importance = widget.MediumImportance
		status.SetText(p.T("ui.mrz.filled", fmt.Sprint(filled)))
	} else {
		status.SetText(p.T("ui.mrz.nothing_filled"))
	}
}

// comparePassport finds the newest passport scan among the employee's
// cases and, once read, lists where the typed data and the zone disagree,
// with the zone's crop and the fields marked.
func (u *ui) comparePassport(employeeID int64, f *passportForm, reader *mrzcheck.Reader, today civil.Date, into *fyne.Container) {
	typed := f.typed
	ws := u.ws
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		ctx := context.Background()
		cf, ok := latestPassportScan(ctx, ws, employeeID)
		if !ok {
			return
		}
		path := ws.FilePath(cf.SHA256)
		sc, err := reader.Read(ctx, path, cf.SHA256, today)
		if err != nil {
			return // not a picture: the Files tab says so already
		}
		var crop image.Image
		if sc.Found {
			if img, err := scan.Grey(path, 2400); err == nil {
				crop = mrzcheck.ZoneCrop(img, sc, uikit.MarkedFields(mrzcheck.Check(sc, cf.SHA256, typed()))...)
			}
		}
		u.onUI(func() {
			u.kit().PassportCheck(into, cf.Name, mrzcheck.Check(sc, cf.SHA256, typed()), crop)
			f.laidOut()
		})
	}()
}

// latestPassportScan is the file last added to the passport item of the
// employee's own cases.
func latestPassportScan(ctx context.Context, ws *store.Workspace, employeeID int64) (store.CaseFile, bool) {
	cases, err := ws.Cases(ctx, employeeID)
	if err != nil {
		return store.CaseFile{}, false
	}
	var best store.CaseFile
	found := false
	for _, c := range cases {
		if c.FamilyMemberID != 0 {
			continue
		}
		files, err := ws.CaseFiles(ctx, c.ID)
		if err != nil {
			continue
		}
		for _, f := range files {
			// The newest: files are numbered as they are added.
			if f.ItemID == passportItem && (!found || f.ID > best.ID) {
				best, found = f, true
			}
		}
	}
	return best, found
}

// passportItem is the checklist item of the passport's data page.
const passportItem = "passport"

// newEmployeeFromScan opens the new-employee form filled from a passport
// scan (dropped on the employees screen): the clerk checks and saves it;
// nothing is stored before that.
func (u *ui) newEmployeeFromScan(path string) {
	u.editEmployeeFrom(store.Employee{Status: store.StatusActive}, func(store.Employee) { u.show() }, path)
}

// onePassportScan: the drop is one picture (or PDF) file, as a passport
// scan dropped on the employees screen is.
func onePassportScan(uris []fyne.URI) (string, bool) {
	if len(uris) != 1 || uris[0].Scheme() != "file" {
		return "", false
	}
	switch strings.ToLower(uris[0].Extension()) {
	case ".jpg", ".jpeg", ".png", ".pdf":
		return uris[0].Path(), true
	}
	return "", false
}
