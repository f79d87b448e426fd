package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/scan/scantest"
	"dossier/app/schedule"
	"dossier/app/store"
)

// A clerk's first week, in the window alone, from a first start to an
// exported schedule: a new workspace, the company, the employee, the seed's
// case (docs/examples/seed_case.json: an online extension filed 29.12.2023,
// one owner, abroad), a file on every item, the package, the filing, the
// schedule. Every step finds its widget by the text the clerk reads, so the
// same walk runs in Russian and in Kazakh.
func TestFirstWeekFromAnEmptyWorkspace(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.RU, i18n.KK} {
		t.Run(string(lang), func(t *testing.T) { firstWeek(t, lang) })
	}
}

func firstWeek(t *testing.T, lang i18n.Lang) {
	var clock atomic.Int64
	setDay := func(d string) {
		day := civil.MustParse(d)
		clock.Store(day.In(kz.Location(), 10, 0).Unix())
	}
	setDay("2023-12-28")
	old := nowKZ
	nowKZ = func() time.Time { return time.Unix(clock.Load(), 0).In(kz.Location()) }
	t.Cleanup(func() { nowKZ = old }) // after the window's own cleanup
	home := t.TempDir()
	t.Setenv("HOME", home) // where "New workspace" proposes the folder
	useTempBundleSetup(t)

	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1280, 900))
	u.locked(func() { u.setLanguage(lang); u.show() })
	p := u.p
	ctx := context.Background()
	openDemo(t, u) // a first start: the demo, with the welcome over it

	// 1. A new workspace, in a new folder.
	dir := filepath.Join(home, "Кадры Пример")
	u.locked(func() {
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top, "the welcome")
		test.Tap(findButton(top, p.T("ui.welcome.new")))
		top = w.Canvas().Overlays().Top()
		require.NotNil(t, top, "the new-workspace dialog")
		name := formWidget(t, top, p.T("ui.newws.name")).(*appEntry)
		assert.NotEmpty(t, name.Text, "a name is proposed")
		name.SetText("Кадры Пример")
		assert.Contains(t, strings.Join(texts(top), "\n"), dir, "the clerk sees where it goes")
		test.Tap(findButton(top, p.T("ui.newws.create")))
	})
	var top fyne.CanvasObject
	eventually(t, func() bool {
		u.lock.Lock()
		defer u.lock.Unlock()
		top = w.Canvas().Overlays().Top()
		return u.ws != nil && sameDir(u.ws.Dir(), dir) && top != nil
	}, "the new workspace and the company form")

	// 2. The company, asked for before anything else.
	var company store.Employer
	u.locked(func() {
		assert.Contains(t, strings.Join(texts(top), "\n"), p.T("ui.company.first_intro"))
		test.Type(formWidget(t, top, p.T("ui.company.name")).(*appEntry), "ТОО «Пример»")
		bin := formWidget(t, top, p.T("ui.case.bin")).(*appEntry)
		test.Type(bin, "940140000386")
		assert.Error(t, bin.Validate(), "a wrong BIN is flagged as typed")
		bin.SetText("940140000385")
		assert.NoError(t, bin.Validate())
		rka := formWidget(t, top, p.T("ui.company.rka")).(*appEntry)
		test.Type(rka, "0204 2001 1234 567Х")
		assert.Error(t, rka.Validate(), "a letter in the RKA is flagged as typed")
		rka.SetText("0204 2001 1234 5678")
		test.Tap(findButton(top, p.T("ui.emp.save")))
		assert.Nil(t, w.Canvas().Overlays().Top(), "saved and closed")
	})
	list, err := u.ws.Employers(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	company = list[0]
	assert.Equal(t, "940140000385", company.BIN)
	assert.Equal(t, "0204200112345678", company.RKA)

	// 3. The employee: the IIN fills the birth date and the sex; the only
	// company is already chosen.
	u.locked(func() {
		add := findButton(w.Content(), p.T("ui.emp.add"))
		require.NotNil(t, add, "the empty roster offers the first employee")
		test.Tap(add)
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top, "the employee form")
		test.Type(formWidget(t, top, p.T("ui.emp.name_cyr")).(*appEntry), "Иванов Иван")
		test.Type(formWidget(t, top, p.T("ui.case.iin")).(*appEntry), "850412300125")
		assert.Equal(t, "12.04.1985", formWidget(t, top, p.T("ui.case.birth_date")).(*appEntry).Text)
		assert.Equal(t, p.T("ui.emp.sex.M"), formWidget(t, top, p.T("ui.emp.sex")).(*widget.Select).Selected)
		formWidget(t, top, p.T("ui.case.citizenship")).(*appSelectEntry).SetText("RU")
		employer := findSelect(top, "ТОО «Пример»")
		require.NotNil(t, employer)
		assert.Equal(t, "ТОО «Пример»", employer.Selected)
		test.Type(formWidget(t, top, p.T("ui.case.permit_issued")).(*appEntry), "04.01.2023")
		test.Type(formWidget(t, top, p.T("ui.case.permit_expires")).(*appEntry), "03.01.2024")
		test.Tap(findButton(top, p.T("ui.emp.save")))
		assert.Nil(t, w.Canvas().Overlays().Top(), "saved and closed")
	})
	emps, err := u.ws.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	require.Len(t, emps, 1)
	emp := emps[0]
	assert.Equal(t, civil.MustParse("1985-04-12"), emp.BirthDate)
	assert.Equal(t, "M", emp.Sex)
	assert.Equal(t, company.ID, emp.EmployerID)
	assert.Equal(t, civil.MustParse("2024-01-03"), emp.TRPExpiry)

	// 4. The seed's case: an extension, online, filed 29.12.2023.
	waitDocs := docsWaiter(t, u)
	u.locked(func() {
		require.NotNil(t, u.roster)
		require.Len(t, u.roster.shown, 1)
		u.roster.table.Select(widget.TableCellID{Row: 0, Col: 0})
		test.Tap(findButton(w.Content(), p.T("ui.emp.new_case")))
	})
	eventually(t, func() bool {
		u.lock.Lock()
		defer u.lock.Unlock()
		return u.caseEd.Stored() != nil && u.current == screenCase
	}, "the new case")
	waitDocs() // the first look at its (no) files
	u.locked(func() {
		c := w.Content()
		all := strings.Join(texts(c), "\n")
		assert.Contains(t, all, "ТОО «Пример»", "the company comes from the employee")
		assert.Nil(t, findSelect(c, "ТОО «Пример»"), "and is not chosen per case")
		formWidget(t, c, p.T("ui.case.filing_date")).(*appEntry).SetText("29.12.2023")
		// One owner, abroad.
		test.Tap(findButton(c, p.T("ui.owner.add")))
		require.Len(t, u.caseEd.Probe().OwnerNames(), 1)
		test.Type(u.caseEd.Probe().OwnerNames()[0], "Сергеев Пётр")
		var iin *appEntry
		var abroad *widget.Check
		walkObjects(c, func(o fyne.CanvasObject) {
			if en, ok := o.(*appEntry); ok && en.PlaceHolder == p.T("ui.owner.iin") {
				iin = en
			}
			if ch, ok := o.(*widget.Check); ok && ch.Text == p.T("ui.owner.abroad") {
				abroad = ch
			}
		})
		require.NotNil(t, iin)
		require.NotNil(t, abroad)
		test.Type(iin, "900101300017")
		test.Tap(abroad)
	})
	caseID := u.caseEd.Stored().ID
	eventually(t, func() bool {
		c, err := u.ws.Case(ctx, caseID)
		owners, oerr := u.ws.Owners(ctx, caseID)
		return err == nil && oerr == nil && c.FilingDate == civil.MustParse("2023-12-29") &&
			len(owners) == 1 && owners[0].Abroad && owners[0].IIN == "900101300017"
	}, "the filing date and the owner to be saved")
	sc, err := u.ws.Case(ctx, caseID)
	require.NoError(t, err)
	assert.Equal(t, store.KindExtension, sc.Kind)
	assert.Equal(t, store.ChannelOnline, sc.Channel)
	assert.Equal(t, 1, sc.OwnersCount)
	assert.Equal(t, 1, sc.OwnersAbroad, "owners_abroad comes from the owner list")
	rc, err := u.ws.RulesCase(ctx, caseID)
	require.NoError(t, err)
	cl := u.rules.Checklist(rc, lang)
	approval, ok := cl.Item("owner_approval")
	require.True(t, ok)
	assert.Equal(t, "required", string(approval.Status), "the owner approves online with their EDS")
	consent, _ := cl.Item("owner_consent")
	assert.Equal(t, "not_applicable", string(consent.Status))
	u.locked(func() {
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, approval.Title)
		assert.Contains(t, all, p.T("ui.owner.who")+"\n• Сергеев Пётр · "+p.T("ui.owner.iin_short", "900101300017")+" · "+p.T("ui.owner.abroad"),
			"the approval item names whom to call")
	})

	// 5. A file on every item, through the Files tab's "attach to".
	u.locked(func() { u.caseEd.SelectTab(2) })
	var items []string
	u.locked(func() {
		for _, z := range u.caseEd.Probe().DropZones() {
			items = append(items, z.Item)
		}
	})
	require.NotEmpty(t, items)
	t.Logf("items with files: %v", items)
	scans := t.TempDir()
	for i, item := range items {
		path := filepath.Join(scans, item+".jpg")
		require.NoError(t, os.WriteFile(path, distinctPage(i), 0o600))
		u.locked(func() {
			u.caseEd.Probe().PickTarget(item)
			u.onDropped(fyne.NewPos(1, 1), []fyne.URI{storage.NewFileURI(path)})
		})
		waitDocs()
	}
	files, err := u.ws.CaseFiles(ctx, caseID)
	require.NoError(t, err)
	covered := map[string]bool{}
	for _, f := range files {
		covered[f.ItemID] = true
	}
	for _, item := range items {
		assert.True(t, covered[item], "a file on %s", item)
	}
	u.locked(func() {
		for _, d := range u.caseEd.Docs() {
			assert.NotEqual(t, "reject", string(d.Result.Verdict), d.File.Name)
		}
	})

	// 6. The package.
	wait(t, func(done func()) { u.locked(func() { u.buildPackage(done); answerPackageFolder(u) }) })
	u.locked(func() {
		require.NotNil(t, u.lastBuild, "the package was built")
		require.NotEmpty(t, u.lastBuild.Merged)
		assert.FileExists(t, filepath.Join(u.lastBuild.Dir, u.lastBuild.Merged[0].Path))
		w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) // the report
	})

	// 7. Filed on the 29th.
	setDay("2023-12-29")
	u.locked(func() {
		b := findButton(w.Content(), p.T("ui.case.to.filed"))
		require.NotNil(t, b)
		test.Tap(b)
		top := w.Canvas().Overlays().Top()
		require.NotNil(t, top, "the filing date is asked")
		formWidget(t, top, p.T("ui.case.filing_date")).(*appEntry).SetText("29.12.2023")
		test.Tap(findButton(top, p.T("ui.case.to_filed_ok")))
	})
	eventually(t, func() bool {
		c, err := u.ws.Case(ctx, caseID)
		return err == nil && c.State == store.StateFiled && c.FilingDate == civil.MustParse("2023-12-29")
	}, "the case to be filed on 29.12.2023")

	// 8. The schedule.
	path := filepath.Join(t.TempDir(), "schedule.xlsx")
	today := civil.Of(nowKZ())
	var got error
	wait(t, func(done func()) {
		u.locked(func() {
			u.writeSchedule(path, schedule.Options{From: today.AddDays(-30), To: today.AddDays(365), Today: today},
				func(err error) { got = err; done() })
		})
	})
	require.NoError(t, got)
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	require.NoError(t, err)
	var sheet []string
	for _, r := range rows {
		sheet = append(sheet, strings.Join(r, "|"))
	}
	assert.Contains(t, strings.Join(sheet, "\n"), "Иванов Иван")
	assert.Contains(t, strings.Join(sheet, "\n"), "03.01.2024")
}

// distinctPage is a readable scan whose bytes differ by n (a JPEG comment),
// so each item gets its own file rather than one stored copy.
func distinctPage(n int) []byte {
	page := scantest.TextPage()
	comment := []byte{0xFF, 0xFE, 0x00, 0x04, byte('a' + n%26), byte('0' + n/26%10)}
	return append(append(append([]byte{}, page[:2]...), comment...), page[2:]...)
}
