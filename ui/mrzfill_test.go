package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/mrz"
	"dossier/app/mrzcheck"
	"dossier/app/store"
)

// The ICAO specimen on a generated 150 dpi page (app/mrz's fixture).
const passportFixture = "../app/mrz/testdata/specimen-150dpi.jpg"

func employeeCount(t *testing.T, u *ui) int {
	t.Helper()
	emps, err := u.ws.Employees(context.Background(), store.EmployeeFilter{})
	require.NoError(t, err)
	return len(emps)
}

// entryTexts lists the texts of the entries under o.
func entryTexts(o fyne.CanvasObject) map[string]bool {
	out := map[string]bool{}
	walkDeep(o, func(c fyne.CanvasObject) {
		switch e := c.(type) {
		case *appEntry:
			out[e.Text] = true
		case *appSelectEntry:
			out[e.Text] = true
		}
	})
	return out
}

// A passport scan fills the new-employee form with what its zone is sure
// of; the clerk confirms by saving, and nothing is stored before that.
func TestNewEmployeeFromPassportScan(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	before := employeeCount(t, u)

	// Dropped on the employees screen.
	abs, err := filepath.Abs(passportFixture)
	require.NoError(t, err)
	u.locked(func() { u.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(abs)}) })
	u.bg.Wait()
	u.locked(func() {
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		got := entryTexts(top)
		for _, want := range []string{"ERIKSSON ANNA MARIA", "L898902C3", "12.08.1974", "15.04.2012"} {
			assert.True(t, got[want], "%s filled in", want)
		}
		sex := findSelect(top, u.p.T("ui.emp.sex.F"))
		require.NotNil(t, sex)
		assert.Equal(t, u.p.T("ui.emp.sex.F"), sex.Selected)
		all := strings.Join(texts(top), "\n")
		assert.Contains(t, all, u.p.T("ui.mrz.filled", "5"))
		// Utopia is no state: citizenship is left to the clerk, with why.
		assert.Contains(t, all, mrz.Proposal{Field: mrz.FNationality, Status: mrz.FillNoValue}.Message(u.lang))
		assert.NotContains(t, all, "[ui.")
		assert.NotContains(t, all, "[mrz.")
	})
	assert.Equal(t, before, employeeCount(t, u), "nothing is saved before the clerk confirms")
}

// A field the reader is unsure of is never filled: it stays empty, and the
// note beside the button says why and what the scan seems to say.
func TestPassportFillLeavesUnsureFieldsEmpty(t *testing.T) {
	u, _ := newTestUI(t)
	u.locked(func() {
		var e store.Employee
		sexCodes := []string{"M", "F"}
		f := &passportForm{
			nameLat: u.newAppEntry(), passportNo: u.newAppEntry(),
			birth: u.dateEntry(&e.BirthDate, func() {}), expiry: u.dateEntry(&e.PassportExpiry, func() {}),
			citizenship: u.countryEntry(&e.Citizenship, func() {}),
			sex:         newSelect(u.p, []string{"M", "F"}, nil), sexCodes: sexCodes,
			typed: func() mrz.Typed { return mrzcheck.FromEmployee(e) },
		}
		l1 := "P<KAZIVANOV<<PETR<<<<<<<<<<<<<<<<<<<<<<<<<<<"
		l2 := "N123456785KAZ9002155M3001019<<<<<<<<<<<<<<<0"
		r, err := mrz.FromText(l1, l2)
		require.NoError(t, err)
		r.Lines[0][10] = []mrz.Candidate{{Char: 'V', Cost: 0}, {Char: 'Y', Cost: 0.3}} // IVANOV or IVANOY
		res := mrz.Decode(r, civil.New(2026, 12, 7))
		require.True(t, res.Valid, res.Problems)
		require.True(t, res.Field(mrz.FSurname).Uncertain)

		status := widget.NewLabel("")
		notes := container.NewVBox()
		u.showFill(f, &mrz.Scan{Found: true, Result: res}, nil, status, notes)
		assert.Empty(t, f.nameLat.Text, "an unsure name is not filled")
		assert.Equal(t, "N12345678", f.passportNo.Text)
		assert.Equal(t, "15.02.1990", f.birth.Text)
		assert.Equal(t, "KZ", e.Citizenship)
		assert.Equal(t, "M", f.sex.Selected)
		all := strings.Join(texts(notes), "\n")
		assert.Contains(t, all, mrz.Proposal{Field: mrz.FName, Status: mrz.FillUnsure, Zone: "IVANOV PETR"}.Message(u.lang))
		assert.Equal(t, u.p.T("ui.mrz.filled", "5"), status.Text)

		// A file that is not a scan is refused with a message, nothing filled.
		u.showFill(f, nil, mrzcheck.ErrRefused, status, notes)
		assert.Equal(t, u.p.T("ui.mrz.refused"), status.Text)
	})
}

// On a stored employee, the form compares what was typed with the zone of
// the passport scan on their case: each disagreement is listed, with the
// zone's crop.
func TestEmployeeFormComparesWithPassportScan(t *testing.T) {
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	ctx := context.Background()
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	var emp store.Employee
	var caseID int64
	for _, e := range emps {
		cases, err := u.ws.Cases(ctx, e.ID)
		require.NoError(t, err)
		for _, c := range cases {
			if c.FamilyMemberID == 0 && caseID == 0 {
				emp, caseID = e, c.ID
			}
		}
	}
	require.NotZero(t, caseID, "the demo has an employee with a case")
	_, err = u.ws.AttachPath(ctx, caseID, passportItem, passportFixture)
	require.NoError(t, err)
	emp.NameLat, emp.PassportNo = "ERIKSSON ANNA MARIA", "L898902C8"
	emp.BirthDate, emp.Sex, emp.PassportExpiry = civil.New(1974, 8, 12), "F", civil.New(2012, 4, 15)

	u.locked(func() { u.editEmployee(emp, nil) })
	u.bg.Wait()
	u.locked(func() {
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top)
		all := strings.Join(texts(top), "\n")
		want := mrz.Finding{Code: mrz.CrossMismatch, Field: mrz.FDocumentNumber, Zone: "L898902C3", Form: "L898902C8"}
		assert.Contains(t, all, want.Message(u.lang))
		assert.NotContains(t, all, mrz.Finding{Code: mrz.CrossMismatch, Field: mrz.FBirthDate}.Message(u.lang)[:20])
		crops := 0
		walkDeep(top, func(o fyne.CanvasObject) {
			// The crop: a straightened zone, 46 characters wide.
			if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Image.Bounds().Dx() == 46*14 {
				crops++
			}
		})
		assert.Equal(t, 1, crops, "the zone's crop is shown")
	})
}
