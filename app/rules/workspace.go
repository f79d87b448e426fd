package rules

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"dossier/app/atomicfile"
)

// WorkspaceFile is the name of a workspace's rules override: a newer rules
// file a consultant received by e-mail or on a stick, kept with the client's
// files so every computer that opens the workspace uses it.
const WorkspaceFile = "rules.json"

// maxRulesFile bounds what is read: the built-in file is under 100 KB.
const maxRulesFile = 8 << 20

// ErrRulesTooLarge is returned for a rules file beyond any sensible size.
var ErrRulesTooLarge = errors.New("rules file too large")

// ReadFile reads a rules file, refusing one larger than any rules file.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRulesFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxRulesFile {
		return nil, fmt.Errorf("%s: %w (over %d bytes)", filepath.Base(path), ErrRulesTooLarge, maxRulesFile)
	}
	return data, nil
}

// ForWorkspace returns base overridden by the workspace's rules.json when
// there is one. No file means base itself. A file that cannot be used leaves
// base in force and comes back as the error, so the work goes on with the
// built-in rules and the user is told why.
func ForWorkspace(dir string, base *Set) (*Set, []string, error) {
	path := filepath.Join(dir, WorkspaceFile)
	data, err := ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return base, nil, nil
	}
	if err != nil {
		return base, nil, fmt.Errorf("workspace rules: %w", err)
	}
	over, notes, err := base.OverrideNamed(data, WorkspaceFile)
	if err != nil {
		return base, nil, fmt.Errorf("workspace rules %s: %w", path, err)
	}
	return over, notes, nil
}

// InstallInWorkspace checks data against base and, when it has no errors,
// writes it as the workspace's rules.json (temp file + rename, private to
// the user) and returns the rules now in force. A file with errors is not
// written; the report says why.
func InstallInWorkspace(dir string, data []byte, base *Set) (*Set, CheckReport, error) {
	rep := Check(data, base)
	if rep.HasErrors() {
		return nil, rep, fmt.Errorf("%w: the file has errors", ErrRulesFile)
	}
	over, _, err := base.OverrideNamed(data, WorkspaceFile)
	if err != nil {
		return nil, rep, err
	}
	// Named as the workspace's sweep knows it (store: ".rules-" digits ".tmp").
	opts := atomicfile.Options{Prefix: ".rules-", Suffix: ".tmp"}
	if err := atomicfile.WriteBytes(filepath.Join(dir, WorkspaceFile), data, opts); err != nil {
		return nil, rep, fmt.Errorf("install rules: %w", err)
	}
	return over, rep, nil
}
