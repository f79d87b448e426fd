package cli

import (
	"dossier/app/display"

	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"dossier/app/scan"
)

func init() {
	Register(&Command{
		Name:    "validate",
		Args:    "PATH…",
		Summary: "cli.validate.summary",
		Help:    "cli.validate.help",
		Order:   20,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			noCache := fs.Bool("no-cache", false, "do not use or fill the result cache")
			cacheDir := fs.String("cache", "", "folder for cached results")
			return func(env *Env, args []string) error {
				return runValidate(env, args, scan.Options{NoCache: *noCache, CacheDir: *cacheDir})
			}
		},
	})
	Register(&Command{
		Name:    scan.WorkerCommandName,
		Args:    "PATH",
		Summary: "cli.scan_worker.summary",
		Hidden:  true,
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				return scan.RunWorker(env.Ctx, args, os.Stdin, env.Stdout)
			}
		},
	})
}

// validateFinding is one finding in --json output.
type validateFinding struct {
	Code     string        `json:"code"`
	Severity scan.Severity `json:"severity"`
	Page     *int          `json:"page"`
	DPI      int           `json:"dpi,omitempty"`
	Bytes    int64         `json:"bytes,omitempty"`
	Message  string        `json:"message"`
}

// validateFile is one file's verdict in --json output.
type validateFile struct {
	File     string            `json:"file"`
	Verdict  scan.Verdict      `json:"verdict"`
	Kind     scan.Kind         `json:"kind"`
	Pages    int               `json:"pages"`
	SHA256   string            `json:"sha256,omitempty"`
	Findings []validateFinding `json:"findings"`
	Plan     scan.Plan         `json:"plan"`
}

func runValidate(env *Env, args []string, opts scan.Options) error {
	if len(args) == 0 {
		return env.Usagef("cli.err.need_args", "PATH")
	}
	files, err := scan.CollectFiles(args)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(err, scan.ErrNotFound) {
			return env.Inputf("cli.validate.not_found", pe.Path)
		}
		return env.Inputf("cli.err.read_file", strings.Join(args, ", "), err)
	}
	if len(files) == 0 {
		return env.Inputf("cli.validate.no_files", strings.Join(args, ", "))
	}
	v := scan.New(opts)
	var progress func(scan.Progress)
	if !env.JSON && len(files) > 1 && isTerminal(env.Stderr) {
		progress = func(p scan.Progress) {
			fmt.Fprintf(env.Stderr, "\r%s", env.P.T("cli.validate.progress", p.Done, p.Total))
			if p.Done == p.Total {
				fmt.Fprintln(env.Stderr)
			}
		}
	}
	results, err := v.CheckAll(env.Ctx, files, progress)
	if err != nil {
		return env.Inputf("cli.validate.cancelled")
	}
	rejected := 0
	for _, r := range results {
		if r.Verdict == scan.Reject {
			rejected++
		}
	}
	if env.JSON {
		out := make([]validateFile, 0, len(results))
		for _, r := range results {
			vf := validateFile{File: r.File, Verdict: r.Verdict, Kind: r.Kind, Pages: r.Pages, SHA256: r.SHA256,
				Findings: []validateFinding{}, Plan: r.Plan}
			for _, f := range r.Findings {
				jf := validateFinding{Code: f.Code, Severity: f.Severity, DPI: f.DPI, Bytes: f.Bytes, Message: f.Message(env.Lang)}
				if f.Page > 0 {
					p := f.Page
					jf.Page = &p
				}
				vf.Findings = append(vf.Findings, jf)
			}
			out = append(out, vf)
		}
		if err := env.WriteJSON(out); err != nil {
			return err
		}
	} else {
		writeValidateText(env, results)
	}
	if rejected > 0 {
		return ErrProblems
	}
	return nil
}

func writeValidateText(env *Env, results []scan.Result) {
	p := env.P
	counts := map[scan.Verdict]int{}
	for _, r := range results {
		counts[r.Verdict]++
		fmt.Fprintf(env.Stdout, "%-7s %s  (%s", p.T("cli.validate.verdict."+string(r.Verdict)), display.Name(r.File), r.Kind)
		if r.Pages > 0 {
			fmt.Fprintf(env.Stdout, ", %s", p.N("cli.validate.pages", r.Pages))
		}
		fmt.Fprintln(env.Stdout, ")")
		for _, f := range r.Findings {
			where := ""
			if f.Page > 0 {
				where = p.T("cli.validate.page", f.Page) + ": "
			}
			fmt.Fprintf(env.Stdout, "    %s %s%s\n", p.T("cli.validate.severity."+string(f.Severity)), where, f.Message(env.Lang))
		}
	}
	fmt.Fprintln(env.Stdout, p.T("cli.validate.summary_line", len(results), counts[scan.Accept], counts[scan.Warn], counts[scan.Reject]))
}

// isTerminal reports whether w is a terminal, where a progress line that
// rewrites itself makes sense (in a log file it would be noise).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
