package ui

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/i18n"
	"dossier/app/rules"
)

// The rules panel: which rules are in force, what changed since the previous
// ones, and loading a newer rules file a consultant received (Dossier never
// fetches one). Its texts live in their own catalogue so this feature and
// the shared screens do not edit the same file.

//go:embed messages_rules.json
var rulesMessages []byte

func init() { i18n.MustRegister(rulesMessages) }

// maxListed bounds the lines a dialog lists; the rest are counted.
const maxListed = 40

// useWorkspaceRules puts the open workspace's rules.json in force, or the
// built-in rules when it has none. A file that cannot be used is reported and
// the built-in rules stay in force, so the work goes on.
func (u *ui) useWorkspaceRules() {
	if u.ws == nil {
		return
	}
	base, err := rules.Embedded()
	if err != nil {
		u.showError(err)
		return
	}
	set, _, err := rules.ForWorkspace(u.ws.Dir(), base)
	u.rules = set
	if err != nil {
		u.showError(errors.New(u.p.T("ui.rules.workspace_failed", err)))
	}
}

// rulesPanel shows the rules version in force with each section's origin,
// and buttons for the change list and for loading a newer file.
func (u *ui) rulesPanel() fyne.CanvasObject {
	p := u.p
	lines := []string{p.T("ui.rules.in_force", u.rules.Version())}
	secs := u.rules.Sections()
	for _, name := range []string{rules.SectionHolidays, rules.SectionTransfers, rules.SectionProcedures} {
		origin := p.T("ui.rules.origin.embedded")
		switch o := secs[name].Origin; o {
		case "embedded":
		case rules.WorkspaceFile:
			origin = p.T("ui.rules.origin.workspace", o)
		default:
			origin = p.T("ui.rules.origin.file", o)
		}
		lines = append(lines, p.T("ui.rules.section", p.T("ui.rules.section."+name), secs[name].Version, origin))
	}
	info := widget.NewLabel(strings.Join(lines, "\n"))
	info.Wrapping = fyne.TextWrapWord
	changes := widget.NewButtonWithIcon(p.T("ui.rules.changes"), theme.InfoIcon(), u.showRulesChanges)
	buttons := container.NewHBox(changes)
	if u.ws != nil {
		buttons.Add(widget.NewButtonWithIcon(p.T("ui.rules.load"), theme.UploadIcon(), u.loadRulesFile))
	}
	return container.NewVBox(widget.NewLabelWithStyle(p.T("ui.rules.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		info, buttons)
}

// showRulesChanges lists what the rules in force changed against the
// previous ones (the built-in rules when a newer file is in force).
func (u *ui) showRulesChanges() {
	set, lang, p := u.rules, u.lang, u.p
	go func() {
		ch, err := rules.ChangesInForce(set)
		u.onUI(func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.showChangeList(p.T("ui.rules.changes_title", ch.FromVersion, ch.ToVersion), ch.In(lang))
		})
	}()
}

func (u *ui) showChangeList(title string, ch rules.Changes) {
	p := u.p
	lines := []string{}
	for i, e := range ch.Entries {
		if i == maxListed {
			lines = append(lines, p.T("ui.rules.more", len(ch.Entries)-maxListed))
			break
		}
		lines = append(lines, "• "+e.Message(u.lang))
	}
	if len(lines) == 0 {
		lines = append(lines, p.T("ui.rules.no_changes"))
	}
	u.showLines(title, lines)
}

func (u *ui) showLines(title string, lines []string) {
	msg := widget.NewLabel(strings.Join(lines, "\n"))
	msg.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(msg)
	scroll.SetMinSize(fyne.NewSize(620, 360))
	u.showEscapable(dialog.NewCustom(title, u.p.T("ui.build.close"), scroll, u.win))
}

// loadRulesFile asks for a newer rules file, checks it and, when it has no
// errors, installs it in the workspace and puts it in force.
func (u *ui) loadRulesFile() {
	open := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		u.installRules(path, nil)
	}, u.win)
	u.kit().DressFileDialog(open, u.p.T("ui.dialog.rules"), u.p.T("ui.dialog.choose_file"), "")
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	open.Show()
}

// installRules checks and installs the rules file at path off the UI
// thread; done (may be nil, tests) runs on the UI thread afterwards.
func (u *ui) installRules(path string, done func(error)) {
	ws, lang, p := u.ws, u.lang, u.p
	if ws == nil {
		return
	}
	go func() {
		var (
			over *rules.Set
			rep  rules.CheckReport
			ch   rules.Changes
		)
		base, err := rules.Embedded()
		var data []byte
		if err == nil {
			data, err = rules.ReadFile(path)
		}
		if err == nil {
			over, rep, err = rules.InstallInWorkspace(ws.Dir(), data, base)
		}
		if err == nil {
			ch = rules.Diff(base, over).In(lang)
		}
		u.onUI(func() {
			if done != nil {
				defer done(err)
			}
			rep = rep.In(lang)
			switch {
			case err != nil && rep.HasErrors():
				lines := []string{p.T("ui.rules.rejected", path)}
				for i, f := range rep.Findings {
					if i == maxListed {
						lines = append(lines, p.T("ui.rules.more", len(rep.Findings)-maxListed))
						break
					}
					lines = append(lines, fmt.Sprintf("• %s %s", f.Where, f.Message))
				}
				u.showLines(p.T("ui.rules.title"), lines)
			case err != nil:
				u.showError(errors.New(p.T("ui.rules.load_failed", path, err)))
			default:
				u.rules = over
				u.show()
				u.showChangeList(p.T("ui.rules.installed", over.Version()), ch)
			}
		})
	}()
}
