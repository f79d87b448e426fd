package casework

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"dossier/app/bundle"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/scan"
	"dossier/app/store"
)

// Attached is one file given for a checklist item, with its check.
type Attached struct {
	ItemID string
	Name   string
	Result scan.Result // Result.File is the path to read
	// Rotation is the clerk's clockwise turn (0, 90, 180, 270), applied on
	// top of what scan validation plans.
	Rotation int
}

// PackageInput turns a case, its checklist and its checked files into what
// the package builder needs: documents in checklist order with their
// accepted files (in the order given) and fixes, required documents without an accepted file
// marked missing, and the actions still to do on the cover with their
// deadlines from the timeline. Rejected files are left out.
func PackageInput(set *rules.Set, c rules.Case, files []Attached, lang i18n.Lang) (bundle.Input, []Attached) {
	cl := set.Checklist(c, lang)
	tl := set.Timeline(c, lang)
	var in bundle.Input
	var rejected []Attached
	for _, it := range cl.Items {
		if it.Status == rules.NotApplicable {
			continue
		}
		if it.Kind == rules.Action {
			if it.Status == rules.Required {
				day, cutoff := actionDeadline(it.ID, tl)
				in.Cover.Actions = append(in.Cover.Actions, bundle.Action{Title: it.Title, Deadline: day, Time: cutoff})
			}
			continue
		}
		doc := bundle.Document{ID: it.ID, Title: it.Title, Status: bundle.Optional}
		if it.Status == rules.Required {
			doc.Status = bundle.Required
		}
		for _, f := range files {
			if f.ItemID != it.ID {
				continue
			}
			if f.Result.Verdict == scan.Reject {
				rejected = append(rejected, f)
				continue
			}
			fixes := bundle.FixesFromPlan(f.Result.Plan)
			fixes.Rotate = f.Rotation
			doc.Files = append(doc.Files, bundle.File{
				Path: f.Result.File, Name: f.Name, SHA256: f.Result.SHA256, Fixes: fixes,
			})
		}
		if len(doc.Files) == 0 {
			if doc.Status != bundle.Required {
				continue // an optional document nobody attached is not in the package
			}
			doc.Status = bundle.Missing
		}
		in.Documents = append(in.Documents, doc)
	}
	p := i18n.Printer{Lang: lang}
	in.Cover.Applicant = c.Applicant.Name
	in.Cover.Employer = c.Employer.Name
	in.Cover.Procedure = p.T("casework.procedure", p.T("casework.kind."+c.Kind), p.T("casework.purpose."+c.Purpose))
	in.Cover.Channel = p.T("casework.channel." + c.Channel)
	in.Cover.FilingDate = c.FilingDate
	in.Cover.RulesVersion = p.T("casework.rules_version", cl.RulesVersion)
	return in, rejected
}

// actionDeadline finds the timeline date of an action item and its cut-off
// time ("12:00"), if the timeline gives one.
func actionDeadline(itemID string, tl rules.Timeline) (d civil.Date, cutoff string) {
	// One owner or several approve in differently worded steps.
	events := map[string][]string{
		"owner_approval": {"owners_approval", "owners_approval_all"},
		"fingerprinting": {"fingerprinting"},
		"apply_after_16": {"turned16_deadline"},
	}[itemID]
	for _, e := range tl.Events {
		for _, id := range events {
			if e.ID != id {
				continue
			}
			if !e.Time.IsZero() {
				cutoff = e.Time.Format("15:04")
			}
			return e.Date, cutoff
		}
	}
	return d, ""
}

// BuildStored builds the package of a stored case into outDir: its files are
// checked (cached results come back at once), rejected ones left out, each
// item's files go in their stored order and turned as the clerk turned them,
// and the build is recorded on the case. opt.Progress receives the build's steps.
func BuildStored(ctx context.Context, ws *store.Workspace, set *rules.Set, caseID int64, outDir string,
	opt bundle.Options) (*bundle.Result, []Attached, error) {
	rc, err := ws.RulesCase(ctx, caseID)
	if err != nil {
		return nil, nil, err
	}
	docs, err := Validate(ctx, ws, Validator(ws), caseID, nil)
	if err != nil {
		return nil, nil, err
	}
	files := make([]Attached, len(docs))
	for i, d := range docs {
		files[i] = Attached{ItemID: d.File.ItemID, Name: d.File.Name, Result: d.Result, Rotation: d.File.Rotation}
	}
	in, rejected := PackageInput(set, rc, files, opt.Lang)
	// Every file of a stored case is in the content-addressed store, named
	// by the hash it is recorded under: the builder need not hash it again.
	for i := range in.Documents {
		for j := range in.Documents[i].Files {
			in.Documents[i].Files[j].Stored = true
		}
	}
	res, err := bundle.Build(ctx, outDir, in, opt)
	if err != nil {
		return nil, rejected, fmt.Errorf("build case %d: %w", caseID, err)
	}
	manifest, _ := json.Marshal(res.Manifest)
	if err := ws.RecordPackage(ctx, &store.Package{CaseID: caseID, Built: time.Now(), OutDir: res.Dir, Manifest: string(manifest)}); err != nil {
		return res, rejected, err
	}
	return res, rejected, nil
}

// PackageDir is where the window builds a case's package by default: inside
// the workspace, so it travels with it.
func PackageDir(ws *store.Workspace, caseID int64) string {
	return filepath.Join(ws.Dir(), "packages", fmt.Sprintf("case-%d", caseID))
}
