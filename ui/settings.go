package ui

import (
	"context"
	"errors"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/buildinfo"
	"dossier/app/i18n"
	"dossier/app/scan"
	"dossier/app/schedule"
	"dossier/app/store"
)

// languageNames are shown in each language's own words, so a user who picked
// the wrong one by mistake can still find theirs.
var languageNames = map[i18n.Lang]string{i18n.RU: "Русский", i18n.KK: "Қазақша", i18n.EN: "English"}

// prefTheme remembers light, dark or the system's choice.
const prefTheme = "theme"

// prefMaxFileMB is the egov per-file budget in MB (1 MB = 1,000,000 bytes).
const prefMaxFileMB = "max_file_mb"

// maxFileBytes is the remembered upload budget, 10 MB unless changed.
func maxFileBytes(a fyne.App) int64 {
	mb := a.Preferences().FloatWithFallback(prefMaxFileMB, 10)
	if !(mb >= 0.1 && mb <= 1000) {
		mb = 10
	}
	return int64(mb * 1_000_000)
}

func (u *ui) settingsScreen() fyne.CanvasObject {
	p := u.p
	var names []string
	for _, l := range i18n.Langs {
		names = append(names, languageNames[l])
	}
	langSelect := newSelect(u.p, names, nil)
	langSelect.SetSelected(languageNames[u.lang])
	langSelect.OnChanged = func(s string) {
		for l, n := range languageNames {
			if n == s {
				u.switchLanguage(l)
			}
		}
	}

	themes := []string{"system", "light", "dark"}
	themeLabels := make([]string, len(themes))
	for i, t := range themes {
		themeLabels[i] = p.T("ui.settings.theme." + t)
	}
	themeSelect := newSelect(u.p, themeLabels, nil)
	current := u.app.Preferences().StringWithFallback(prefTheme, "system")
	for i, t := range themes {
		if t == current {
			themeSelect.SetSelectedIndex(i)
		}
	}
	themeSelect.OnChanged = func(string) {
		t := themes[themeSelect.SelectedIndex()]
		u.app.Preferences().SetString(prefTheme, t)
		applyTheme(u.app)
	}

	budget := u.newShortEntry()
	budget.SetText(strconv.FormatFloat(float64(maxFileBytes(u.app))/1e6, 'f', -1, 64))
	budget.Validator = func(s string) error {
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
		if err != nil || !(v >= 0.1 && v <= 1000) {
			return errors.New(p.T("ui.settings.budget_invalid"))
		}
		return nil
	}
	budget.OnChanged = func(s string) {
		if budget.Validate() == nil {
			v, _ := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
			u.app.Preferences().SetFloat(prefMaxFileMB, v)
		}
	}
	form := widget.NewForm(
		widget.NewFormItem(p.T("ui.settings.language"), langSelect),
		widget.NewFormItem(p.T("ui.settings.theme"), themeSelect),
		widget.NewFormItem(p.T("ui.settings.budget"), budget),
	)
	if u.ws != nil {
		lead := u.newShortEntry()
		cur, _ := u.ws.Setting(context.Background(), store.SettingRenewalLead, strconv.Itoa(schedule.DefaultLeadDays))
		lead.SetText(cur)
		lead.Validator = func(s string) error {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 1 || n > 250 {
				return errors.New(p.T("ui.settings.lead_invalid"))
			}
			return nil
		}
		lead.OnChanged = func(s string) {
			if lead.Validate() == nil {
				if err := u.ws.SetSetting(context.Background(), store.SettingRenewalLead, strings.TrimSpace(s)); err != nil {
					u.showError(errors.New(store.Explain(u.lang, err)))
				}
			}
		}
		form.Append(p.T("ui.settings.lead"), lead)
		dpi := u.targetDPISelect()
		form.AppendItem(&widget.FormItem{Text: p.T("ui.settings.dpi"), Widget: dpi, HintText: p.T("ui.settings.dpi_hint", scan.DefaultMinDPI)})
		form.Append(p.T("ui.settings.workspace"), widget.NewLabel(u.ws.Dir()))
	}
	workspace := container.NewHBox(
		widget.NewButtonWithIcon(p.T("ui.settings.open_ws"), theme.FolderOpenIcon(), func() { u.chooseWorkspace(false) }),
		widget.NewButtonWithIcon(p.T("ui.settings.new_ws"), theme.FolderNewIcon(), func() { u.chooseWorkspace(true) }),
		widget.NewButtonWithIcon(p.T("ui.settings.import"), theme.UploadIcon(), u.importRoster),
	)
	recent := container.NewVBox()
	for _, dir := range u.app.Preferences().StringList(prefRecent) {
		if u.ws != nil && dir == u.ws.Dir() {
			continue
		}
		d := dir
		b := widget.NewButtonWithIcon(d, theme.FolderIcon(), func() { u.switchWorkspace(d, false) })
		b.Alignment = widget.ButtonAlignLeading
		recent.Add(b)
	}
	if len(recent.Objects) > 0 {
		recent.Objects = append([]fyne.CanvasObject{widget.NewLabel(p.T("ui.settings.recent"))}, recent.Objects...)
	}
	about := widget.NewLabel(aboutText(p, u.rules.Version()))
	about.Wrapping = fyne.TextWrapWord
	return container.NewVBox(
		widget.NewLabelWithStyle(p.T("ui.nav.settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, workspace, recent, about, u.rulesPanel(),
	)
}

// aboutText names this Dossier and its rules. The build's commit is said
// only when the binary knows it (from the Go toolchain's VCS stamp or the
// release build's flags); a build without one says nothing rather than
// "(build )".
func aboutText(p i18n.Printer, rulesVersion int) string {
	build := ""
	if buildinfo.Commit != "" {
		build = p.T("ui.settings.about_build", buildinfo.Commit)
	}
	return p.T("ui.settings.about", buildinfo.Name, buildinfo.Version, build, rulesVersion)
}

// targetDPISelect offers the target resolution of scans, kept in the
// workspace (it travels with the client's files). A changed target has the
// open case's files judged again when its documents are shown next; the scan
// cache keys verdicts by the target, so none is served stale.
func (u *ui) targetDPISelect() *widget.Select {
	p, ws := u.p, u.ws
	stored, err := ws.Setting(context.Background(), store.SettingTargetDPI, "")
	if err != nil {
		u.showError(errors.New(store.Explain(u.lang, err)))
	}
	current := scan.ParseTargetDPI(stored)
	if current == 0 {
		current = scan.DefaultWarnDPI
	}
	values := append([]int{}, scan.TargetDPIChoices...)
	if !slices.Contains(values, current) { // set by hand in another version
		values = append(values, current)
		slices.Sort(values)
	}
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = p.T("ui.settings.dpi_value", v)
		if v == scan.DefaultWarnDPI {
			labels[i] = p.T("ui.settings.dpi_default", v)
		}
	}
	sel := newSelect(u.p, labels, nil)
	sel.SetSelectedIndex(slices.Index(values, current))
	sel.OnChanged = func(string) {
		v := values[sel.SelectedIndex()]
		if err := ws.SetSetting(context.Background(), store.SettingTargetDPI, strconv.Itoa(v)); err != nil {
			u.showError(errors.New(store.Explain(u.lang, err)))
			return
		}
		u.caseEd.RecheckFiles()
	}
	return sel
}

// applyTheme follows the remembered choice.
func applyTheme(a fyne.App) {
	t := &readableTheme{Theme: theme.DefaultTheme(), variant: followSystem}
	switch a.Preferences().StringWithFallback(prefTheme, "system") {
	case "light":
		t.variant = theme.VariantLight
	case "dark":
		t.variant = theme.VariantDark
	}
	a.Settings().SetTheme(t)
}

// followSystem is no fixed variant: the system's choice is followed.
const followSystem fyne.ThemeVariant = 99

// readableTheme is Fyne's default theme, held to one variant when the clerk
// chose one, with darker green, amber and red on the light variant: Fyne's
// own (#43f436, #ff9800, #f44336) are hard to read as text on white (1.4,
// 2.2 and 3.7 to 1), and Dossier writes days left and warnings in them.
// These reach 4.5 to 1 or more, the WCAG level for body text.
type readableTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

var lightReadable = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameSuccess: color.NRGBA{R: 0x1b, G: 0x7a, B: 0x2e, A: 0xff},
	theme.ColorNameWarning: color.NRGBA{R: 0xa3, G: 0x4e, B: 0x00, A: 0xff},
	theme.ColorNameError:   color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
}

func (t *readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != followSystem {
		v = t.variant
	}
	if c, ok := lightReadable[n]; ok && v == theme.VariantLight {
		return c
	}
	return t.Theme.Color(n, v)
}

// chooseWorkspace makes a new workspace in a new, empty folder (create) or
// opens an existing one, then switches to it.
func (u *ui) chooseWorkspace(create bool) {
	if create {
		u.newWorkspace(nil)
		return
	}
	u.openExistingWorkspace()
}

// switchWorkspace opens dir off the UI thread and, when that works, closes
// the current workspace and shows the new one.
func (u *ui) switchWorkspace(dir string, create bool) { u.switchWorkspaceThen(dir, create, nil) }

// switchWorkspaceThen is switchWorkspace with a callback once the new
// workspace is shown (may be nil). A workspace with no company yet asks for
// the clerk's company first.
func (u *ui) switchWorkspaceThen(dir string, create bool, then func(dir string)) {
	p := u.p
	// Not counted in u.bg: its callback closes the old workspace, which
	// waits for u.bg, and must not wait for itself.
	go func() {
		ws, err := store.Open(context.Background(), dir, store.Options{Create: create})
		u.onUI(func() {
			if err != nil {
				u.showError(errors.New(p.T("ui.settings.ws_failed", dir, store.Explain(u.lang, err))))
				return
			}
			u.closeWorkspace()
			u.ws, u.wsErr = ws, ""
			u.useWorkspaceRules()
			rememberWorkspace(u.app, dir)
			u.caseEd.Clear()
			u.current = screenEmployees
			u.show()
			u.askFirstCompany()
			if then != nil {
				then(dir)
			}
		})
	}()
}

// importRoster asks for a roster file and imports it (ui/importflow).
func (u *ui) importRoster() { u.imports.Pick() }
