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
