package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"dossier/app/buildinfo"
	"dossier/app/bundle"
	"dossier/app/casework"
	"dossier/app/display"
	"dossier/app/failure"
	"dossier/app/rules"
	"dossier/app/scan"
)

// attachList collects repeated --attach ITEM=FILE flags in order.
type attachList []string

func (a *attachList) String() string     { return strings.Join(*a, ",") }
func (a *attachList) Set(v string) error { *a = append(*a, v); return nil }

func init() {
	Register(&Command{
		Name: "build", Args: "CASE.json", Order: 300,
		Summary: "cli.build.summary", Help: "cli.build.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			var attach attachList
			fs.Var(&attach, "attach", "ITEM=FILE: a file for a checklist item (repeat for several)")
			out := fs.String("out", "", "output folder (Dossier owns it)")
			maxMB := fs.Float64("max-file-mb", 10, "size budget per upload file in MB (1 MB = 1,000,000 bytes)")
			repro := fs.Bool("reproducible", false, "same inputs give the same bytes")
			noCache := fs.Bool("no-cache", false, "check every file again")
			return func(env *Env, args []string) error {
				return runBuild(env, args, attach, *out, *maxMB, *repro, *noCache)
			}
		},
	})
}

func runBuild(env *Env, args []string, attach attachList, out string, maxMB float64, repro, noCache bool) error {
	p := env.P
	if out == "" {
		return env.Usagef("cli.build.err.no_out")
	}
	if err := checkBudget(env, maxMB); err != nil {
		return err
	}
	set, c, err := loadCase(env, args)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, id := range set.ItemIDs() {
		known[id] = true
	}
	cl := set.Checklist(c, env.Lang)
	var items, paths []string
	for _, a := range attach {
		item, path, ok := strings.Cut(a, "=")
		if !ok || item == "" || path == "" {
			return env.Usagef("cli.build.err.attach_form", a)
		}
		if !known[item] {
			return env.Usagef("cli.build.err.unknown_item", item, strings.Join(set.ItemIDs(), ", "))
		}
		if it, _ := cl.Item(item); it.Status == rules.NotApplicable || it.Kind != rules.Document {
			env.Warnf("%s", p.T("cli.build.not_needed", item, filepath.Base(path)))
			continue
		}
		if _, err := inputFile(env, path); err != nil {
			return err
		}
		items, paths = append(items, item), append(paths, path)
	}

	v := scan.New(scan.Options{NoCache: noCache})
	results, err := v.CheckAll(env.Ctx, paths, nil)
	if err != nil {
		return err
	}
	files := make([]casework.Attached, len(paths))
	for i := range paths {
		files[i] = casework.Attached{ItemID: items[i], Name: filepath.Base(paths[i]), Result: casework.ForItem(items[i], results[i])}
	}
	in, rejected := casework.PackageInput(set, c, files, env.Lang)

	if err := setupBundle(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	res, err := bundle.Build(env.Ctx, out, in, bundle.Options{
		Lang: env.Lang, MaxFileBytes: int64(maxMB * 1_000_000), Reproducible: repro,
		Date: env.Today, ProgramVersion: buildinfo.Version,
	})
	if err != nil {
		if msg, ok := bundle.Message(err, env.Lang); ok {
			return &InputError{Msg: msg, Err: err}
		}
		return &InputError{Msg: failure.Message(env.Lang, err), Err: err}
	}
	over := false
	for _, u := range res.Uploads {
		over = over || u.OverBudget
	}
	if env.JSON {
		type rejectedFile struct {
			Item     string         `json:"item"`
			File     string         `json:"file"`
			Findings []scan.Finding `json:"findings"`
		}
		rj := []rejectedFile{}
		for _, r := range rejected {
			rj = append(rj, rejectedFile{Item: r.ItemID, File: r.Name, Findings: r.Result.Findings})
		}
		if err := env.WriteJSON(struct {
			*bundle.Result
			Rejected []rejectedFile `json:"rejected"`
		}{res, rj}); err != nil {
			return err
		}
	} else {
		for _, m := range res.Merged {
			env.Printf("%s\n", p.T("cli.pack.written", display.Name(m.Path), p.N("cli.pack.pages", m.Pages), float64(m.Bytes)/1e6))
		}
		env.Printf("%s\n", p.N("cli.build.uploads", len(res.Uploads), filepath.Join(res.Dir, "upload")))
		for _, u := range res.Uploads {
			if u.OverBudget {
				env.Printf("  %s\n", p.T("cli.pack.over_budget", u.Path, maxMB))
			}
		}
		for _, r := range rejected {
			env.Printf("%s\n", p.T("cli.build.rejected", display.Name(r.Name), r.ItemID))
			for _, f := range r.Result.Findings {
				if f.Severity == scan.SevError {
					env.Printf("    %s\n", f.Message(env.Lang))
				}
			}
		}
		printItemWarnings(env, files)
		if len(res.Missing) > 0 {
			env.Printf("%s\n", p.T("cli.build.missing"))
			for _, m := range res.Missing {
				env.Printf("  • %s\n", m)
			}
		}
		for _, a := range in.Cover.Actions {
			by := a.Deadline.DMY()
			if a.Time != "" {
				by += " " + a.Time // the owners' approval closes at noon
			}
			env.Printf("%s\n", p.T("cli.build.action", a.Title, by))
		}
	}
	if len(res.Missing) > 0 || len(rejected) > 0 || over {
		return ErrProblems
	}
	return nil
}

// printItemWarnings names the files taken with a warning that depends on
// their item: a PDF typed on a computer where the scan of a signed and
// stamped paper belongs (casework.ForItem).
func printItemWarnings(env *Env, files []casework.Attached) {
	for _, f := range files {
		if f.Result.Verdict == scan.Reject || !f.Result.Has(scan.CodeUnsignedText) {
			continue
		}
		env.Printf("%s\n", env.P.T("cli.build.warned", display.Name(f.Name), f.ItemID))
		for _, fd := range f.Result.Findings {
			if fd.Code == scan.CodeUnsignedText {
				env.Printf("    %s\n", fd.Message(env.Lang))
			}
		}
	}
}
