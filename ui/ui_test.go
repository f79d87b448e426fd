package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/overview"
)

// texts collects every label and card title under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Accordion:
			for _, it := range w.Items {
				out = append(out, it.Title)
				walk(it.Detail)
			}
			return
		case *widget.Form:
			for _, it := range w.Items {
				out = append(out, it.Text)
				walk(it.Widget)
			}
			return
		case *widget.Card:
			out = append(out, w.Title, w.Subtitle)
			if w.Content != nil {
				walk(w.Content)
			}
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if wi, ok := o.(fyne.Widget); ok {
			r := test.WidgetRenderer(wi)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func newTestUI(t *testing.T) (*ui, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	u, err := newUI(a, w)
	if err != nil {
		t.Fatal(err)
	}
	u.show()
	return u, w
}

func TestCaseScreenShowsSeedChecklistInEveryLanguage(t *testing.T) {
	u, w := newTestUI(t)
	u.current = screenCase
	for _, c := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "Owner's approval with EDS on egov"},
		{i18n.KK, "Тұрғын үй иесінің egov-тағы ЭЦҚ арқылы келісімі"},
		{i18n.RU, "Согласие собственника жилья через ЭЦП на egov"},
	} {
		u.switchLanguage(c.lang)
		all := strings.Join(texts(w.Content()), "\n")
		assert.Contains(t, all, c.want, c.lang)
		assert.NotContains(t, all, "[ui.", "untranslated text in %s", c.lang)
		assert.NotContains(t, all, "[rules.", "untranslated text in %s", c.lang)
	}
	assert.Equal(t, "ru", u.app.Preferences().String(prefLanguage), "the choice is remembered")
}

func TestEditingTheCaseRecomputesTheChecklist(t *testing.T) {
	u, _ := newTestUI(t)
	ed := u.caseEd
	c, problems := ed.validCase()
	assert.Empty(t, problems)
	cl := u.rules.Checklist(c, i18n.RU)
	it, _ := cl.Item("owner_consent")
	assert.Equal(t, "not_applicable", string(it.Status))

	ed.c.Channel = "paper"
	c, _ = ed.validCase()
	it, _ = u.rules.Checklist(c, i18n.RU).Item("owner_consent")
	assert.Equal(t, "required", string(it.Status), "on paper the notarized consent appears")

	ed.c.Applicant.Citizenship = "XX"
	_, problems = ed.validCase()
	assert.Len(t, problems, 1)
	assert.Contains(t, problems[0], "Гражданство")
}

// openDemo opens the demo workspace the way a first start does and waits.
func openDemo(t *testing.T, u *ui) {
	t.Helper()
	done := make(chan struct{})
	u.openWorkspace(func() { close(done) })
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the demo workspace did not open")
	}
	if u.ws == nil {
		t.Fatalf("no workspace: %s", u.wsErr)
	}
	t.Cleanup(u.closeWorkspace)
}

func TestEmployeesScreenFilters(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	u.current = screenEmployees
	u.show()
	v := findEmployees(t, u)
	total := len(v.all)
	require.Greater(t, total, 10, "the demo has a dozen employees or more")
	assert.Len(t, v.shown, total)

	v.query.Filter = overview.ExpiredOnly
	v.apply()
	require.NotEmpty(t, v.shown)
	for _, r := range v.shown {
		assert.Equal(t, overview.Expired, r.Urgency)
	}
	assert.Contains(t, strings.Join(texts(w.Content()), "\n"), fmt.Sprintf("%d из %d", len(v.shown), total))

	v.query = overview.Query{Filter: overview.All, Text: v.all[0].Employee.IIN}
	v.apply()
	assert.NotEmpty(t, v.shown)
	assert.Less(t, len(v.shown), total)

	// Typing in the search box filters too.
	v.query = overview.Query{Filter: overview.All}
	test.Type(v.search, "zzzz-nobody")
	assert.Empty(t, v.shown)
}

// findEmployees builds the roster view directly so the test can drive it.
func findEmployees(t *testing.T, u *ui) *employeesView {
	t.Helper()
	rows, err := overview.Load(context.Background(), u.ws, civil.Of(nowKZ()))
	require.NoError(t, err)
	v := &employeesView{u: u, all: rows, query: overview.Query{Filter: overview.All}, today: civil.Of(nowKZ())}
	u.win.SetContent(v.build())
	return v
}

// wait runs an asynchronous UI action and waits for its done callback.
func wait(t *testing.T, start func(done func())) {
	t.Helper()
	ch := make(chan struct{})
	start(func() { close(ch) })
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		t.Fatal("the action did not finish")
	}
}

func eventually(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestOpenStoredCaseAndSaveAsYouType(t *testing.T) {
	u, w := newTestUI(t)
	openDemo(t, u)
	rows, err := overview.Load(context.Background(), u.ws, civil.Of(nowKZ()))
	require.NoError(t, err)
	var seedRow overview.Row
	for _, r := range rows {
		if r.OpenCaseID != 0 && r.Employee.Citizenship == "RU" && r.Urgency == overview.Expired {
			seedRow = r
		}
	}
	require.NotZero(t, seedRow.OpenCaseID, "the demo holds the seed case")

	wait(t, func(done func()) { u.openCase(seedRow.OpenCaseID, done) })
	require.NotNil(t, u.caseEd.stored)
	all := strings.Join(texts(w.Content()), "\n")
	assert.Contains(t, all, "Согласие собственника жилья через ЭЦП на egov", "the stored seed case is online")

	u.caseEd.c.Channel = "paper"
	u.caseEd.save()
	eventually(t, func() bool {
		c, err := u.ws.Case(context.Background(), seedRow.OpenCaseID)
		return err == nil && c.Channel == "paper"
	}, "the change to be saved")

	// A new case for an employee without one.
	var other overview.Row
	for _, r := range rows {
		if r.OpenCaseID == 0 {
			other = r
			break
		}
	}
	wait(t, func(done func()) { u.newCaseFor(other.Employee, done) })
	assert.Equal(t, other.Employee.ID, u.caseEd.stored.EmployeeID)
	cases, err := u.ws.Cases(context.Background(), other.Employee.ID)
	require.NoError(t, err)
	assert.Len(t, cases, 1)
}
