package caseeditor

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/casework"
	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/app/rules"
	"dossier/app/scan"
	"dossier/app/store"
	"dossier/ui/uikit"

	_ "dossier/app/posixlocale" // a locale Fyne can parse, before it reads one
)

// testApp is the window as a test double: no workspace, the embedded
// rules, a real lock around UI callbacks (Fyne's test driver runs them on
// the posting goroutine), and a record of where the editor sent the clerk.
type testApp struct {
	win   fyne.Window
	rules *rules.Set
	lock  sync.Mutex
	bg    sync.WaitGroup

	redraws   int
	employees int
	opened    []int64
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	set, err := rules.Embedded()
	require.NoError(t, err)
	a := &testApp{win: w, rules: set}
	t.Cleanup(a.bg.Wait)
	return a
}

func (a *testApp) Kit() uikit.Kit {
	return uikit.Kit{P: i18n.Printer{Lang: i18n.RU}, Lang: i18n.RU, Win: a.win}
}
func (a *testApp) Workspace() *store.Workspace                       { return nil }
func (a *testApp) Rules() *rules.Set                                 { return a.rules }
func (a *testApp) Now() time.Time                                    { return time.Now().In(kz.Location()) }
func (a *testApp) Redraw()                                           { a.redraws++ }
func (a *testApp) CaseShown() bool                                   { return true }
func (a *testApp) ShowEmployees()                                    { a.employees++ }
func (a *testApp) OpenCase(id int64)                                 { a.opened = append(a.opened, id) }
func (a *testApp) BuildPackage()                                     {}
func (a *testApp) PreparePapers()                                    {}
func (a *testApp) EditEmployee(store.Employee, func(store.Employee)) {}

func (a *testApp) OnUI(fn func()) {
	fyne.Do(func() {
		a.lock.Lock()
		defer a.lock.Unlock()
		fn()
	})
}

func (a *testApp) Go(fn func()) {
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		fn()
	}()
}

// locked runs fn as the UI thread would: never beside a posted callback.
func (a *testApp) locked(fn func()) {
	a.lock.Lock()
	defer a.lock.Unlock()
	fn()
}

// TestOlderCheckLeavesNewerAlone: a check that ends after a newer one began
// must not hide the newer one's progress or take away its Stop button.
func TestOlderCheckLeavesNewerAlone(t *testing.T) {
	app := newTestApp(t)
	e := New(app)
	finished := make(chan struct{}, 4)
	e.AfterDocs = func() { finished <- struct{}{} }
	// A stored case on the Files tab, its first check already done.
	e.stored = &store.Case{ID: 1, State: store.StateDraft}
	e.docs.started = true
	e.refreshResults = func() {}
	e.documentsView(app.rules.Checklist(e.c, i18n.RU))

	release := make(chan struct{})
	olderEnded := make(chan struct{})
	app.locked(func() {
		// The older check ends as soon as the newer one cancels it.
		e.run(func(ctx context.Context, _ func(scan.Progress)) ([]casework.Doc, error) {
			<-ctx.Done()
			defer close(olderEnded)
			return nil, ctx.Err()
		})
		e.run(func(ctx context.Context, _ func(scan.Progress)) ([]casework.Doc, error) {
			<-release
			return nil, nil
		})
	})
	<-olderEnded
	// The older check's ending reaches the screen microseconds later; in
	// that time it used to clear the newer check's cancel and hide Stop.
	p := app.Kit().P
	assert.Never(t, func() bool {
		var broken bool
		app.locked(func() {
			d := &e.docs
			broken = d.cancel == nil || !d.stop.Visible() || d.status.Text == p.T("ui.docs.cancelled")
		})
		return broken
	}, 300*time.Millisecond, 5*time.Millisecond, "the newer check lost its Stop")
	close(release)
	select {
	case <-finished:
	case <-time.After(60 * time.Second):
		t.Fatal("the newer check did not finish")
	}
	app.locked(func() {
		assert.Nil(t, e.docs.cancel)
		assert.False(t, e.docs.stop.Visible())
	})
}

// An item is done only when an accepted file covers it.
func TestItemHeadTicksOnlyForAcceptedFiles(t *testing.T) {
	p := i18n.Printer{Lang: i18n.RU}
	req := rules.Item{ID: "passport", Title: "Паспорт", Status: rules.Required}
	doc := func(v scan.Verdict) casework.Doc { return casework.Doc{Result: scan.Result{Verdict: v}} }
	for _, c := range []struct {
		name  string
		files []casework.Doc
		icon  fyne.Resource
		text  string
	}{
		{"nothing", nil, theme.ErrorIcon(), "Паспорт — нет файла"},
		{"only rejected", []casework.Doc{doc(scan.Reject)}, theme.ErrorIcon(), "Паспорт — файл отклонён: приложите другой"},
		{"two rejected", []casework.Doc{doc(scan.Reject), doc(scan.Reject)}, theme.ErrorIcon(), "Паспорт — отклонено 2 файла: приложите другой"},
		{"accepted", []casework.Doc{doc(scan.Accept)}, theme.ConfirmIcon(), "Паспорт — файлов: 1"},
		{"with a warning", []casework.Doc{doc(scan.Warn)}, theme.ConfirmIcon(), "Паспорт — файлов: 1"},
		{"accepted and rejected", []casework.Doc{doc(scan.Reject), doc(scan.Accept)}, theme.ConfirmIcon(), "Паспорт — принято файлов: 1, отклонено: 1"},
		{"not checked yet", []casework.Doc{doc("")}, theme.ViewRefreshIcon(), "Паспорт — проверяется"},
	} {
		icon, text := itemHead(p, req, c.files)
		assert.Equal(t, c.icon.Name(), icon.Name(), c.name)
		assert.Equal(t, c.text, text, c.name)
	}
}

// Without a workspace the editor draws the sample case; Reset gives a
// blank trial case, which says what the clerk must fill in.
func TestSampleAndBlankCase(t *testing.T) {
	app := newTestApp(t)
	e := New(app)
	assert.NotNil(t, e.View())
	assert.Nil(t, e.Stored())
	_, problems := e.Checked()
	assert.Empty(t, problems, "the sample case is complete")
	e.Reset()
	assert.Empty(t, e.Case().Applicant.Name, "a blank trial case")
	_, problems = e.Checked()
	assert.NotEmpty(t, problems, "a blank case says what is missing")
}
