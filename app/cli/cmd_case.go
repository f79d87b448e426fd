package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
)

func init() {
	Register(&Command{
		Name: "checklist", Args: "CASE.json", Order: 10,
		Summary: "cli.checklist.summary", Help: "cli.case.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				set, c, err := loadCase(env, args)
				if err != nil {
					return err
				}
				cl := set.Checklist(c, env.Lang)
				if env.JSON {
					if err := env.WriteJSON(cl); err != nil {
						return err
					}
				} else {
					printChecklist(env, c, cl)
				}
				if rules.HasErrors(cl.Problems) {
					return ErrProblems
				}
				return nil
			}
		},
	})
	Register(&Command{
		Name: "timeline", Args: "CASE.json", Order: 11,
		Summary: "cli.timeline.summary", Help: "cli.case.help",
		Setup: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(env *Env, args []string) error {
				set, c, err := loadCase(env, args)
				if err != nil {
					return err
				}
				tl := set.Timeline(c, env.Lang).From(env.Today)
				if env.JSON {
					if err := env.WriteJSON(tl); err != nil {
						return err
					}
				} else {
					printTimeline(env, tl)
				}
				if rules.HasErrors(tl.Problems) {
					return ErrProblems
				}
				return nil
			}
		},
	})
}

// maxCaseFile bounds what we read: a case file is a few hundred bytes.
const maxCaseFile = 1 << 20

// loadCase reads the one CASE.json argument ("-" is standard input).
func loadCase(env *Env, args []string) (*rules.Set, rules.Case, error) {
	if len(args) == 0 {
		return nil, rules.Case{}, env.Usagef("cli.err.need_args", "CASE.json")
	}
	if len(args) > 1 {
		return nil, rules.Case{}, env.Usagef("cli.err.extra_args", strings.Join(args[1:], " "))
	}
	set, err := env.Rules()
	if err != nil {
		return nil, rules.Case{}, err
	}
	data, err := readInput(args[0])
	if err != nil {
		return nil, rules.Case{}, &InputError{Msg: env.P.T("cli.err.read_file", args[0], err), Err: err}
	}
	c, err := rules.ParseCase(data)
	if err != nil {
		var ces rules.CaseErrors
		if errors.As(err, &ces) {
			lines := []string{env.P.T("cli.case.invalid", args[0])}
			for _, ce := range ces {
				lines = append(lines, "  "+ce.Message(env.Lang))
			}
			return nil, rules.Case{}, &InputError{Msg: strings.Join(lines, "\n"), Err: err}
		}
		return nil, rules.Case{}, err
	}
	return set, c, nil
}

func readInput(path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxCaseFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxCaseFile {
		return nil, fmt.Errorf("larger than %d bytes", maxCaseFile)
	}
	return data, nil
}

func caseSummary(p i18n.Printer, c rules.Case) string {
	return p.T("cli.case.summary",
		p.T("cli.case.kind."+c.Kind), p.T("cli.case.purpose."+c.Purpose),
		p.T("cli.case.channel."+c.Channel), c.FilingDate.DMY())
}

func printChecklist(env *Env, c rules.Case, cl rules.Checklist) {
	p := env.P
	name := c.Applicant.Name
	if name == "" {
		name = c.Applicant.Citizenship
	}
	env.Printf("%s — %s\n%s\n", name, caseSummary(p, c), p.T("cli.rules_version", cl.RulesVersion))
	for _, st := range []rules.Status{rules.Required, rules.Optional, rules.NotApplicable} {
		var block []rules.Item
		for _, it := range cl.Items {
			if it.Status == st {
				block = append(block, it)
			}
		}
		if len(block) == 0 {
			continue
		}
		env.Printf("\n%s\n", p.T("cli.status."+string(st)))
		for _, it := range block {
			env.Printf("  %s %s\n", p.T("cli.kind."+string(it.Kind)), it.Title)
			for _, alt := range it.Alternatives {
				env.Printf("      • %s\n", alt.Title)
			}
			env.Printf("      %s\n", it.Reason)
			if it.Source != "" {
				env.Printf("      %s\n", p.T("cli.source", sourceName(it.Source, it.SourceTitle, it.SourceDate), p.T("cli.confidence."+string(it.Confidence))))
			}
			if it.DateNote != "" {
				env.Printf("      %s\n", it.DateNote)
			}
		}
	}
	printProblems(env, cl.Problems)
}

func printTimeline(env *Env, tl rules.Timeline) {
	p := env.P
	env.Printf("%s\n\n", p.T("cli.rules_version", tl.RulesVersion))
	// A calendar that is not fully published is said before the dates,
	// loudly, so nobody reads them without the reservation.
	for _, cy := range tl.Calendar {
		for _, n := range cy.Notes {
			mark := "  "
			if n.Warning() {
				mark = "! "
			}
			env.Printf("%s%s\n", mark, n.Message)
		}
	}
	if len(tl.Calendar) > 0 {
		env.Printf("\n")
	}
	for _, e := range tl.Events {
		when := e.Date.DMY()
		if !e.Time.IsZero() {
			when += e.Time.Format(" 15:04 (-07:00)")
		}
		mark := ""
		if !e.WorkingDay {
			mark = " " + p.T("cli.timeline.day_off")
		}
		if e.DaysLeft != nil {
			switch n := *e.DaysLeft; {
			case n < 0:
				mark += " " + p.T("cli.timeline.past")
			case n == 0:
				mark += " " + p.T("cli.timeline.today")
			default:
				mark += " " + p.N("cli.timeline.in_days", n)
			}
		}
		env.Printf("%-26s %s%s\n", when, e.Title, mark)
		if e.Note != "" {
			env.Printf("%-26s %s\n", "", e.Note)
		}
		env.Printf("%-26s %s\n", "", p.T("cli.source", sourceName(e.Source, e.SourceTitle, e.SourceDate), p.T("cli.confidence."+string(e.Confidence))))
		if e.DateNote != "" {
			env.Printf("%-26s %s\n", "", e.DateNote)
		}
	}
	// The calendar reservations were printed above the dates already.
	var rest []rules.Problem
	for _, pr := range tl.Problems {
		if pr.Code != "calendar_derived" && pr.Code != "calendar_outside" {
			rest = append(rest, pr)
		}
	}
	printProblems(env, rest)
}

func printProblems(env *Env, ps []rules.Problem) {
	if len(ps) == 0 {
		return
	}
	env.Printf("\n%s\n", env.P.T("cli.problems"))
	for _, pr := range ps {
		env.Printf("  %s %s\n", env.P.T("cli.severity."+string(pr.Severity)), pr.Message)
	}
}

// sourceName is a cited source as the clerk reads it: its title and date
// (rules.SourceLabel), never the rules' ID unless that is all there is.
func sourceName(id, title string, date civil.Date) string {
	return rules.SourceLabel(id, title, date)
}
