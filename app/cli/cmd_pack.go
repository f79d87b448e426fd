package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"dossier/app/buildinfo"
	"dossier/app/bundle"
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
			return func(env *Env, args []string) error {
				return runPack(env, *out, *maxMB, *repro, args)
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

func runPack(env *Env, out string, maxMB float64, repro bool, args []string) error {
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
	res, err := bundle.Pack(env.Ctx, out, files, bundle.Options{
		Lang: env.Lang, MaxFileBytes: int64(maxMB * 1_000_000), Reproducible: repro,
		Date: env.Today, ProgramVersion: buildinfo.Version,
	})
	if err != nil {
		switch {
		case errors.Is(err, bundle.ErrUnsupported), errors.Is(err, bundle.ErrDamaged),
			errors.Is(err, bundle.ErrEncrypted), errors.Is(err, bundle.ErrTooLarge), errors.Is(err, bundle.ErrNotJPEG):
			return &InputError{Msg: env.P.T("cli.pack.err.input", err), Err: err}
		}
		return err
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
			env.Printf("%s\n", env.P.T("cli.pack.written", m.Path, env.P.N("cli.pack.pages", m.Pages), float64(m.Bytes)/1e6))
		}
		for _, u := range res.Uploads {
			if u.OverBudget {
				env.Printf("%s\n", env.P.T("cli.pack.over_budget", u.Path, maxMB))
			}
		}
	}
	if over {
		return ErrProblems
	}
	return nil
}
