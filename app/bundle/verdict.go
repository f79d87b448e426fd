package bundle

import (
	"dossier/app/display"

	"context"
	"errors"
	"fmt"

	"dossier/app/scan"
)

// One verdict: a file goes into a package only with scan validation's
// verdict, and gets the repairs validation planned for it. Callers that
// have validated already (a case's files, checked and cached) pass the plan
// as File.Fixes (FixesFromPlan) with the hash it was checked under; every
// other file (Pack's loose files) is validated here with the same
// validator, its cache answering for files it has seen.

// Rejected is a file left out of a package because validation rejected it.
type Rejected struct {
	Doc      string         `json:"doc,omitempty"`
	Name     string         `json:"name"`
	Path     string         `json:"path"`
	Findings []scan.Finding `json:"findings"`
}

// ErrNothingAccepted is returned by Pack when validation rejected every file.
var ErrNothingAccepted = errors.New("no file passed validation")

// defaultValidator is the validator used when Options has none (the
// package's tests use one that accepts their small, low-resolution
// pictures).
var defaultValidator = func() *scan.Validator { return scan.New(scan.Options{}) }

// judge validates the files of docs that come without a verdict, in one
// batch. Rejected files are taken out (and returned); accepted ones get
// validation's plan as their fixes and the hash they were checked under,
// so that a file changed since is refused (ErrChanged) rather than packed
// unchecked.
func judge(ctx context.Context, v *scan.Validator, docs []Document) ([]Document, []Rejected, error) {
	var paths []string
	type at struct{ d, f int }
	var where []at
	for i, d := range docs {
		for j, f := range d.Files {
			if f.Fixes == nil {
				paths = append(paths, f.Path)
				where = append(where, at{i, j})
			}
		}
	}
	if len(paths) == 0 {
		return docs, nil, nil
	}
	if v == nil {
		v = defaultValidator()
	}
	restore := limitMemory(judgeMemoryLimit - memoryHeadroom)
	results, err := v.CheckAll(ctx, paths, nil)
	restore()
	if err != nil {
		return nil, nil, fmt.Errorf("validate: %w", err)
	}
	out := make([]Document, len(docs))
	for i, d := range docs {
		out[i] = d
		out[i].Files = append([]File(nil), d.Files...)
	}
	drop := map[at]bool{}
	var rejected []Rejected
	for k, r := range results {
		w := where[k]
		f := &out[w.d].Files[w.f]
		if r.Verdict == scan.Reject {
			drop[w] = true
			name := f.Name
			if name == "" {
				name = baseName(f.Path)
			}
			rejected = append(rejected, Rejected{Doc: docs[w.d].ID, Name: display.Name(name), Path: f.Path, Findings: r.Findings})
			continue
		}
		switch {
		case f.Stored && f.SHA256 != "":
			// The store's name is its hash; the builder takes it as given.
		case f.SHA256 != "" && f.SHA256 != r.SHA256:
			return nil, nil, fmt.Errorf("%s: %w", f.Path, ErrChanged)
		default:
			f.SHA256, f.Stored = r.SHA256, false
		}
		f.Fixes = FixesFromPlan(r.Plan)
	}
	for i := range out {
		var keep []File
		for j, f := range out[i].Files {
			if !drop[at{i, j}] {
				keep = append(keep, f)
			}
		}
		if len(keep) == 0 && len(out[i].Files) > 0 && out[i].Status == Required {
			out[i].Status = Missing
		}
		out[i].Files = keep
	}
	return out, rejected, nil
}
