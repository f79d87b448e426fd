// Package casework holds the services the case screen and the CLI run on a
// stored case: attach scans to checklist items, validate them through scan
// validation (cached in the workspace), and remember the findings.
package casework

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dossier/app/i18n"
	"dossier/app/scan"
	"dossier/app/store"
)

// Validator returns a scan validator whose cache lives in the workspace, so a
// file is decoded once however often it is checked or built, and the cache
// travels with the workspace. It warns below the workspace's target
// resolution; a setting that cannot be read means the default target.
func Validator(ws *store.Workspace) *scan.Validator {
	target, _ := ws.Setting(context.Background(), store.SettingTargetDPI, "")
	return scan.New(scan.Options{CacheDir: filepath.Join(ws.Dir(), "cache", "scan"), WarnDPI: scan.ParseTargetDPI(target)})
}

// Doc is one attached file with its validation result.
type Doc struct {
	File store.CaseFile
	// Result is the file's check; its File field is the stored copy's path.
	Result scan.Result
}

// Attach copies files (folders are walked, in name order) into the
// workspace and attaches them to item itemID of the case, in order. Paths
// that do not exist or cannot be read are reported together in the error;
// the others are attached.
func Attach(ctx context.Context, ws *store.Workspace, caseID int64, itemID string, paths []string) ([]store.CaseFile, error) {
	files, err := expand(paths)
	var out []store.CaseFile
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	for _, p := range files {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		cf, err := ws.AttachPath(ctx, caseID, itemID, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", filepath.Base(p), err))
			continue
		}
		out = append(out, cf)
	}
	if len(errs) == 0 {
		return out, nil
	}
	return out, &AttachError{Errs: errs}
}

// AttachError lists every path Attach could not take, each with its
// reason: a draft Dossier wrote (store.ErrDraft), a file that is not there.
// errors.Is and errors.As see each of them.
type AttachError struct{ Errs []error }

func (e *AttachError) Error() string   { return errors.Join(e.Errs...).Error() }
func (e *AttachError) Unwrap() []error { return e.Errs }

// Message explains every refused path in lang, one per line, so a folder
// holding two drafts names both.
func (e *AttachError) Message(lang i18n.Lang) string {
	lines := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		lines[i] = store.Explain(lang, err)
	}
	return strings.Join(lines, "\n")
}

// expand turns folders into the files inside them, skipping hidden files and
// system clutter the way scan validation does.
func expand(paths []string) ([]string, error) {
	var out []string
	var errs []error
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var inside []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && len(name) > 0 && name[0] == '.' {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && name != "Thumbs.db" && name != "desktop.ini" && !(len(name) > 1 && name[:2] == "~$") {
				inside = append(inside, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Strings(inside)
		out = append(out, inside...)
	}
	return out, errors.Join(errs...)
}

// Validate checks every file of the case (cached results come back at once),
// stores the findings on the case, and returns the documents in checklist
// item order as stored.
func Validate(ctx context.Context, ws *store.Workspace, v *scan.Validator, caseID int64, progress func(scan.Progress)) ([]Doc, error) {
	files, err := ws.CaseFiles(ctx, caseID)
	if err != nil {
		return nil, err
	}
	paths, hashes, names := make([]string, len(files)), make([]string, len(files)), make([]string, len(files))
	for i, f := range files {
		paths[i], hashes[i], names[i] = ws.FilePath(f.SHA256), f.SHA256, f.Name
	}
	// Stored files are named by their hash and never rewritten: a cached
	// verdict is taken without reading them again. Notes and progress name
	// each file as the clerk gave it, not by its stored copy's hash.
	results, err := v.CheckAllNamed(ctx, paths, hashes, names, progress)
	if err != nil {
		return nil, fmt.Errorf("validate case %d: %w", caseID, err)
	}
	docs := make([]Doc, len(files))
	var findings []store.Finding
	for i := range files {
		docs[i] = Doc{File: files[i], Result: ForItem(files[i].ItemID, results[i])}
		for _, f := range docs[i].Result.Findings {
			findings = append(findings, store.Finding{
				ItemID: files[i].ItemID, Code: f.Code, Severity: string(f.Severity),
				Detail: fmt.Sprintf("%s p.%d", files[i].Name, f.Page),
			})
		}
	}
	if err := ws.ReplaceFindings(ctx, caseID, findings); err != nil {
		return docs, err
	}
	return docs, nil
}
