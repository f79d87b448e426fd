package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"dossier/app/civil"
	"dossier/app/mrz"
)

// evalToday places two-digit years the same way in every run.
var evalToday = civil.New(2026, 12, 7)

var fieldNames = []string{mrz.FDocumentType, mrz.FIssuingState, mrz.FSurname, mrz.FGivenNames, mrz.FDocumentNumber,
	mrz.FNationality, mrz.FBirthDate, mrz.FSex, mrz.FExpiryDate, mrz.FOptional}

func expectFields(lines []string) map[string]string {
	r, err := mrz.FromText(lines...)
	if err != nil {
		panic(err)
	}
	res := mrz.Decode(r, evalToday)
	out := map[string]string{}
	for _, f := range fieldNames {
		out[f] = res.Value(f)
	}
	return out
}

func loadTruth(dir, half string) ([]truth, error) {
	var all []truth
	if b, err := os.ReadFile(filepath.Join(dir, "truth.json")); err == nil {
		if err := json.Unmarshal(b, &all); err != nil {
			return nil, err
		}
	} else {
		// A run still going, or stopped: the pages drawn so far.
		b, err := os.ReadFile(filepath.Join(dir, "truth.jsonl"))
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var t truth
			if err := json.Unmarshal([]byte(line), &t); err == nil {
				all = append(all, t)
			}
		}
	}
	var out []truth
	for _, t := range all {
		if half == "all" || t.Half == half {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

// tally is one class's score.
type tally struct {
	Pages, MRZPages, NoMRZPages                   int
	FullyCorrect, FullyCorrectUnflagged, NotFound int
	FieldsRight, Fields                           int
	FieldRight                                    map[string]int
	RightFlagged, RightFields                     int // names excluded
	NameRightFlagged, NameRight                   int
	WrongUnflagged, WrongFlagged                  int
	Inventions, FakeReportedInvalid               int
	Seconds                                       []float64
	CPUSeconds                                    float64
	Work                                          []float64 // the reader's steps per page (mrz.Scan.Work)
	OverBudget                                    int       // pages stopped by the reader's work budget
	WrongExamples                                 []string
}

func newTally() *tally { return &tally{FieldRight: map[string]int{}} }

func read(args []string) error {
	fs := flag.NewFlagSet("read", flag.ExitOnError)
	dir := fs.String("dir", "", "folder of pages (mrzeval gen)")
	half := fs.String("half", "report", "tune, report or all")
	verbose := fs.Bool("v", false, "print each page")
	limit := fs.Int("limit", 0, "pages per class at most (0: all): a quick look while tuning")
	fs.Parse(args)
	pages, err := loadTruth(*dir, *half)
	if err != nil {
		return err
	}
	tallies := map[string]*tally{"flatbed": newTally(), "phone": newTally(), "card": newTally()}
	for _, p := range pages {
		t := tallies[p.Class]
		if *limit > 0 && t.Pages >= *limit {
			continue
		}
		t.Pages++
		cpu0 := cpuSeconds()
		start := time.Now()
		sc, err := mrz.ReadFile(context.Background(), filepath.Join(*dir, p.File), evalToday)
		t.Seconds = append(t.Seconds, time.Since(start).Seconds())
		t.CPUSeconds += cpuSeconds() - cpu0
		if errors.Is(err, mrz.ErrBudget) {
			// Scored as a page where nothing was found; counted apart,
			// since the budget is sized so that no real page meets it.
			t.OverBudget++
			sc, err = &mrz.Scan{}, nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", p.File, err)
		}
		t.Work = append(t.Work, float64(sc.Work))
		line := score(t, p, sc)
		if *verbose {
			fmt.Printf("%s %s %s\n", p.File, p.Kind, line)
			if line != "ok" && sc.Found && len(p.Lines) > 0 {
				fmt.Print(diagnose(p, sc))
			}
		}
	}
	peak := peakRSS()
	report := map[string]any{"half": *half, "peak_rss_mib": peak, "work_budget_millions": mrz.WorkBudget / 1e6}
	for class, t := range tallies {
		if t.Pages > 0 {
			report[class] = summary(t)
		}
	}
	b, _ := json.MarshalIndent(report, "", " ")
	fmt.Println(string(b))
	return nil
}

// score compares one reading with the truth and returns a one-line verdict.
func score(t *tally, p truth, sc *mrz.Scan) string {
	if p.Kind == "none" || p.Kind == "fake" {
		t.NoMRZPages++
		if sc.Found && sc.Result.Valid {
			t.Inventions++
			return "INVENTED " + strings.Join(sc.Result.Lines, " ")
		}
		if sc.Found {
			t.FakeReportedInvalid++
			return "found, invalid (right)"
		}
		return "none (right)"
	}
	t.MRZPages++
	if !sc.Found {
		t.NotFound++
		return "NOT FOUND"
	}
	all, unflagged := true, true
	var wrong []string
	for _, name := range fieldNames {
		f := sc.Result.Field(name)
		t.Fields++
		want := p.Fields[name]
		got := ""
		uncertain := true
		if f != nil {
			got, uncertain = f.Value, f.Uncertain
		}
		isName := name == mrz.FSurname || name == mrz.FGivenNames
		if got == want {
			t.FieldsRight++
			t.FieldRight[name]++
			if isName {
				t.NameRight++
				if uncertain {
					t.NameRightFlagged++
				}
			} else {
				t.RightFields++
				if uncertain {
					t.RightFlagged++
				}
			}
			if uncertain {
				unflagged = false
			}
			continue
		}
		all, unflagged = false, false
		wrong = append(wrong, fmt.Sprintf("%s=%q want %q", name, got, want))
		if uncertain {
			t.WrongFlagged++
		} else {
			t.WrongUnflagged++
			if len(t.WrongExamples) < 20 {
				t.WrongExamples = append(t.WrongExamples, p.File+": "+name+" "+got+" ≠ "+want)
			}
		}
	}
	if all {
		t.FullyCorrect++
		if unflagged {
			t.FullyCorrectUnflagged++
		}
		return "ok"
	}
	return "WRONG " + strings.Join(wrong, "; ")
}

func summary(t *tally) map[string]any {
	pct := func(a, b int) string {
		if b == 0 {
			return "—"
		}
		return fmt.Sprintf("%.1f %% (%d/%d)", 100*float64(a)/float64(b), a, b)
	}
	perField := map[string]string{}
	for _, f := range fieldNames {
		perField[f] = pct(t.FieldRight[f], t.MRZPages)
	}
	sort.Float64s(t.Seconds)
	q := func(x float64) float64 {
		if len(t.Seconds) == 0 {
			return 0
		}
		return round3(t.Seconds[min(len(t.Seconds)-1, int(x*float64(len(t.Seconds))))])
	}
	return map[string]any{
		"pages": t.Pages, "mrz_pages": t.MRZPages, "pages_without_zone": t.NoMRZPages,
		"fully_correct":               pct(t.FullyCorrect, t.MRZPages),
		"fully_correct_and_unflagged": pct(t.FullyCorrectUnflagged, t.MRZPages),
		"not_found":                   pct(t.NotFound, t.MRZPages),
		"fields_correct":              pct(t.FieldsRight, t.Fields),
		"per_field":                   perField,
		"correct_fields_flagged":      pct(t.RightFlagged, t.RightFields),
		"correct_names_flagged":       pct(t.NameRightFlagged, t.NameRight),
		"wrong_values_flagged":        t.WrongFlagged,
		"wrong_values_not_flagged":    t.WrongUnflagged,
		"inventions":                  t.Inventions,
		"fake_or_blank_found_invalid": t.FakeReportedInvalid,
		"seconds_median_p95_max":      []float64{q(0.5), q(0.95), q(1)},
		"cpu_seconds_per_page":        round3(t.CPUSeconds / float64(max(1, t.Pages))),
		"work_steps_median_p99_max":   workQuantiles(t.Work),
		"over_budget":                 t.OverBudget,
		"wrong_not_flagged_examples":  t.WrongExamples,
	}
}

// workQuantiles are the reader's steps per page, in millions, against
// its budget.
func workQuantiles(w []float64) []float64 {
	if len(w) == 0 {
		return nil
	}
	sort.Float64s(w)
	q := func(x float64) float64 { return round3(w[min(len(w)-1, int(x*float64(len(w))))] / 1e6) }
	return []float64{q(0.5), q(0.99), q(1)}
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// cpuSeconds is the process's user+system time (Linux; 0 elsewhere).
func cpuSeconds() float64 {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	k, _ := strconv.ParseFloat(f[12], 64)
	return (u + k) / 100 // clock ticks; 100 per second on Linux
}

// peakRSS is the process's peak resident memory in MiB (Linux; 0 elsewhere).
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	kb, _ := strconv.ParseFloat(string(m[1]), 64)
	return round3(kb / 1024)
}

// tess reads the same pages with Tesseract (character whitelist, block of
// text): the two longest MRZ-shaped lines of its output are decoded like the
// reader's and scored the same way.
func tess(args []string) error {
	fs := flag.NewFlagSet("tess", flag.ExitOnError)
	dir := fs.String("dir", "", "folder of pages")
	half := fs.String("half", "report", "tune, report or all")
	limit := fs.Int("limit", 0, "pages per class at most (0: all)")
	fs.Parse(args)
	if _, err := exec.LookPath("tesseract"); err != nil {
		fmt.Println(`{"skipped": "tesseract is not installed (apt-get install tesseract-ocr)"}`)
		return nil
	}
	pages, err := loadTruth(*dir, *half)
	if err != nil {
		return err
	}
	tallies := map[string]*tally{"flatbed": newTally(), "phone": newTally()}
	for _, p := range pages {
		t := tallies[p.Class]
		if t == nil || (*limit > 0 && t.Pages >= *limit) {
			continue // Tesseract is compared on passports only
		}
		t.Pages++
		start := time.Now()
		cmd := exec.Command("tesseract", filepath.Join(*dir, p.File), "stdout", "--psm", "6", "-l", "eng",
			"-c", "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
		out, err := cmd.Output()
		el := time.Since(start).Seconds()
		t.Seconds = append(t.Seconds, el)
		t.CPUSeconds += el
		if err != nil {
			return fmt.Errorf("tesseract %s: %w", p.File, err)
		}
		score(t, p, tessScan(string(out)))
	}
	report := map[string]any{"half": *half, "engine": "tesseract", "limit_per_class": *limit}
	for class, t := range tallies {
		report[class] = summary(t)
	}
	b, _ := json.MarshalIndent(report, "", " ")
	fmt.Println(string(b))
	return nil
}

// tessScan turns Tesseract's text into a Scan, generously: the last pair of
// consecutive long lines (spaces dropped), the second at least 40
// characters, is padded or cut to 44 each and decoded like the reader's
// text. Tesseract gives no alternatives: only a failing check digit flags a field.
func tessScan(text string) *mrz.Scan {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, strings.ReplaceAll(strings.TrimSpace(l), " ", ""))
	}
	for i := len(lines) - 1; i > 0; i-- {
		a, b := lines[i-1], lines[i]
		if len(b) < 40 || len(b) > 50 || len(a) < 20 || len(a) > 50 {
			continue
		}
		r, err := mrz.FromText(fit44(a), fit44(b))
		if err != nil {
			continue
		}
		res := mrz.Decode(r, evalToday)
		for i := range res.Fields {
			res.Fields[i].Uncertain = res.Fields[i].Checked && !res.Fields[i].Confirmed
		}
		return &mrz.Scan{Found: true, Result: res}
	}
	return &mrz.Scan{}
}

// fit44 pads or cuts a line to 44 characters: Tesseract often drops or
// doubles fillers at the end.
func fit44(s string) string {
	if len(s) > 44 {
		return s[:44]
	}
	return s + strings.Repeat("<", 44-len(s))
}

// diagnose lists, for a page read wrong, each position where the chosen
// character differs from the truth or the first choice did: the truth's
// rank among the reader's candidates (-1: not among them) and the costs.
// It tells a misread glyph (classification), a run of misreads (a
// character cell out of place: segmentation) and a wrong pick among good
// candidates (the decoder's choice) apart.
func diagnose(p truth, sc *mrz.Scan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "   params %v turn %d\n", p.Params, sc.Turn)
	for l, want := range p.Lines {
		if l >= len(sc.Result.Lines) || l >= len(sc.Reading.Lines) {
			break
		}
		got := sc.Result.Lines[l]
		first := sc.Reading.Text()[l]
		fmt.Fprintf(&b, "   truth %s\n   read  %s\n   chose %s\n", want, first, got)
		for i := 0; i < len(want) && i < len(got); i++ {
			if want[i] == got[i] && want[i] == first[i] {
				continue
			}
			cs := sc.Reading.Lines[l][i]
			rank := -1
			var alts []string
			for k, c := range cs {
				if c.Char == want[i] {
					rank = k
				}
				alts = append(alts, fmt.Sprintf("%c:%.1f", c.Char, c.Cost))
			}
			fmt.Fprintf(&b, "     L%d[%2d] want %c read %c chose %c rank %d  %s\n", l+1, i, want[i], first[i], got[i], rank, strings.Join(alts, " "))
		}
	}
	for _, f := range sc.Result.Fields {
		if f.Uncertain {
			fmt.Fprintf(&b, "   flagged %s=%q conf %.2f\n", f.Name, f.Value, f.Confidence)
		}
	}
	return b.String()
}
