package cli

import (
	"os"
	"path/filepath"
	"sync"

	"dossier/app/rules"
)

// services holds what commands load on first use.
type services struct {
	rulesOnce sync.Once
	rules     *rules.Set
	rulesErr  error
}

// RulesIn returns the rules for work inside the workspace folder dir. An
// explicit --rules file wins; without one, the workspace's own rules.json
// (the update a clerk loaded in the window) applies on top of the embedded
// rules, so the command line and the window compute the same deadlines. A
// workspace file that cannot be used is reported on stderr and the embedded
// rules stay in force, as the window does.
func (e *Env) RulesIn(dir string) (*rules.Set, error) {
	set, err := e.Rules()
	if err != nil || e.RulesPath != "" {
		return set, err
	}
	over, notes, err := rules.ForWorkspace(dir, set)
	if err != nil {
		e.Warnf("%s", e.P.T("cli.err.rules_file", filepath.Join(dir, rules.WorkspaceFile), err))
		return set, nil
	}
	for _, n := range notes {
		e.Warnf("%s", n)
	}
	return over, nil
}

// Rules returns the embedded rules, overridden section by section by --rules
// when given. A broken override file is reported on stderr and the embedded
// rules stay in force, so a bad update never stops the work.
func (e *Env) Rules() (*rules.Set, error) {
	e.rulesOnce.Do(func() {
		set, err := rules.Embedded()
		if err != nil {
			e.rulesErr = err
			return
		}
		e.rules = set
		if e.RulesPath == "" {
			return
		}
		data, err := os.ReadFile(e.RulesPath)
		if err != nil {
			e.rulesErr = &InputError{Msg: e.P.T("cli.err.read_file", e.RulesPath, err), Err: err}
			return
		}
		over, notes, err := set.OverrideNamed(data, filepath.Base(e.RulesPath))
		if err != nil {
			e.Warnf("%s", e.P.T("cli.err.rules_file", e.RulesPath, err))
			return
		}
		for _, n := range notes {
			e.Warnf("%s", n)
		}
		e.rules = over
	})
	return e.rules, e.rulesErr
}
