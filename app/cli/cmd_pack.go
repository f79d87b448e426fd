package cli

import (
	"flag"
	"fmt"
	"os"

	"dossier/app/buildinfo"
	"dossier/app/bundle"
	"dossier/app/display"
	"dossier/app/failure"
	"dossier/app/scan"
)

// setupBundle prepares pdfcpu's configuration and fonts; tests point it at
// a temporary folder.
var setupBundle = bundle.SetupDefault

func init() {
	Register(&Command{
		Name:    "pack",
		Args:    "FILE…",
		Summary: "cli.pack.summary",
		Help:    "cli.pack.help",
		Order:   310,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			out := fs.String("out", "", "output PDF file")
			maxMB := fs.Float64("max-file-mb", 10, "size budget per file in MB (1 MB = 1,000,000 bytes)")
			repro := fs.Bool("reproducible", false, "same inputs give the same bytes")
			noCache := fs.Bool("no-cache", false, "check every file again")
			return func(env *Env, args []string) error {
				return runPack(env, *out, *maxMB, *repro, *noCache, args)
			}
		},
	})
}

// checkBudget refuses a size budget that is not a sensible positive number
// (NaN compares false with everything, so test for the good case).
func checkBudget(env *Env, maxMB float64) error {
	if !(maxMB > 0 && maxMB <= 10_000) || maxMB*1e6 < 1 {
		return env.Usagef("cli.pack.err.bad_budget", maxMB)
	}
	return nil
}

// inputFile checks that path is a readable file, not a folder.
func inputFile(env *Env, path string) (os.FileInfo, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, env.Inputf("cli.pack.err.no_file", path)
	case st.IsDir():
		return nil, env.Inputf("cli.pack.err.is_dir", path)
	}
	return st, nil
}

func runPack(env *Env, out string, maxMB float64, repro, noCache bool, args []string) error {
	if out == "" {
		return env.Usagef("cli.pack.err.no_out")
	}
	if len(args) == 0 {
		return env.Usagef("cli.pack.err.no_files")
	}
	if err := checkBudget(env, maxMB); err != nil {
		return err
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return env.Usagef("cli.pack.err.out_is_dir", out)
	}
	if err := setupBundle(); err != nil {
		return fmt.Errorf("pack: %w", err)
	}
	outInfo, outErr := os.Stat(out)
	files := make([]bundle.File, len(args))
	for i, a := range args {
		st, err := inputFile(env, a)
		if err != nil {
			return err
		}
		if outErr == nil && os.SameFile(st, outInfo) {
			return env.Usagef("cli.pack.err.out_is_input", a)
		}
		files[i] = bundle.File{Path: a}
	}
	// Every file is validated as `validate` would (the cache answers for
	// files already checked); what validation rejects is left out.
	res, err := bundle.Pack(env.Ctx, out, files, bundle.Options{
		Lang: env.Lang, MaxFileBytes: int64(maxMB * 1_000_000), Reproducible: repro,
		Date: env.Today, ProgramVersion: buildinfo.Version,
		Validator: scan.New(scan.Options{NoCache: noCache}),
	})
	if res != nil && !env.JSON {
		writeRejected(env, res.Rejected)
	}
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
		if err := env.WriteJSON(struct {
			*bundle.Result
			Manifest *bundle.Manifest `json:"manifest"`
		}{res, res.Manifest}); err != nil {
			return err
		}
	} else {
		if len(res.Merged) > 1 {
			env.Printf("%s\n", env.P.N("cli.pack.split", len(res.Merged), maxMB))
		}
		for _, m := range res.Merged {
			env.Printf("%s\n", env.P.T("cli.pack.written", display.Name(m.Path), env.P.N("cli.pack.pages", m.Pages), float64(m.Bytes)/1e6))
		}
		for _, u := range res.Uploads {
			if u.OverBudget {
				env.Printf("%s\n", env.P.T("cli.pack.over_budget", display.Name(u.Path), maxMB))
			}
		}
	}
	if over || len(res.Rejected) > 0 {
		return ErrProblems
	}
	return nil
}

// writeRejected lists the files validation kept out of a package, with
// validation's reasons.
func writeRejected(env *Env, rejected []bundle.Rejected) {
	for _, r := range rejected {
		env.Printf("%s\n", env.P.T("cli.pack.rejected", display.Name(r.Name)))
		for _, f := range r.Findings {
			if f.Severity == scan.SevError {
				env.Printf("    %s\n", f.Message(env.Lang))
			}
		}
	}
}
