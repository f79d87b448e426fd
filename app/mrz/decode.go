package mrz

import (
	"math"
	"sort"
	"strings"

	"dossier/app/civil"
)

// Tuning holds the decoder's thresholds. The scan reader's evaluation
// (scripts/mrz-eval) chose the defaults; typed text never comes near them.
type Tuning struct {
	// GrammarCost is added to a look-alike that the field's grammar allows in
	// place of a character it does not (O read in a date becomes 0).
	GrammarCost float64
	// MinGap: a field whose best reading that passes its checks is not at
	// least this much cheaper than the next one is uncertain.
	MinGap float64
	// MaxCorrection: a field whose checks pass only after changes costing
	// more than this is uncertain.
	MaxCorrection float64
	// MaxCost: a field whose chosen reading costs more than this per
	// character on average is uncertain (the glyphs matched badly).
	MaxCost float64
	// TwinGap: in a field that may hold letters and digits alike (the
	// document number), a reading that differs from the chosen one only by
	// letter/digit twins (O and 0, I and 1, S and 5, …) and also passes the
	// check digit makes the field uncertain unless it is at least this much
	// dearer. Two like swaps at weights 7 and 3 always pass a check digit,
	// so the check cannot be trusted to settle them.
	TwinGap float64
}

// DefaultTuning is what Decode uses.
var DefaultTuning = Tuning{GrammarCost: 2, MinGap: 1.5, MaxCorrection: 4, MaxCost: 3, TwinGap: 4}

// Span is where a field lies in the zone: line Line, characters
// [Start, End).
type Span struct {
	Line  int `json:"line"`
	Start int `json:"start"`
	End   int `json:"end"`
}

// Field is one element of the zone as decoded.
type Field struct {
	Name string `json:"name"`
	// Value is the field's content with fillers taken out (names: words
	// separated by single spaces); Raw is the characters chosen, as in the
	// zone, check digit excluded; Read is the reader's first choice before
	// the grammar and the check digits had their say.
	Value string `json:"value"`
	Raw   string `json:"raw"`
	Read  string `json:"read"`
	// Confidence is 0–1: how much better the chosen reading is than the
	// next one that would also pass every check (1 when there is none).
	Confidence float64 `json:"confidence"`
	// Checked: a check digit covers the field. Confirmed: it (and the
	// composite check digit, where the field is under it) agrees.
	Checked   bool `json:"checked"`
	Confirmed bool `json:"confirmed"`
	// Uncertain: the reading is not sure enough to be used without a look.
	Uncertain bool `json:"uncertain"`
	// Corrected: the grammar or the check digits changed the first choice.
	Corrected bool   `json:"corrected"`
	Spans     []Span `json:"spans"`
}

// Field names.
const (
	FDocumentType   = "document_type"
	FIssuingState   = "issuing_state"
	FSurname        = "surname"
	FGivenNames     = "given_names"
	FDocumentNumber = "document_number"
	FNationality    = "nationality"
	FBirthDate      = "birth_date"
	FSex            = "sex"
	FExpiryDate     = "expiry_date"
	FOptional       = "optional_data"
	FOptional2      = "optional_data_2"
	FComposite      = "composite"
	fNames          = "names"
)

// Result is a decoded zone.
type Result struct {
	Format Format `json:"format"`
	// Lines are the characters chosen, line by line.
	Lines  []string `json:"lines"`
	Fields []Field  `json:"fields"`

	BirthDate  civil.Date `json:"birth_date"`  // zero when the zone leaves part of it unknown
	ExpiryDate civil.Date `json:"expiry_date"` // zero when unreadable
	// NamesTruncated: the names run to the end of their field, so they may
	// have been cut short.
	NamesTruncated bool `json:"names_truncated"`
	// CompositeOK: the composite check digit agrees (false when there is
	// none: visas).
	CompositeOK bool `json:"composite_ok"`
	// Valid: every check digit agrees and nothing is malformed.
	Valid    bool      `json:"valid"`
	Problems []Problem `json:"problems"`
}

// Field returns the named field, or nil.
func (r *Result) Field(name string) *Field {
	for i := range r.Fields {
		if r.Fields[i].Name == name {
			return &r.Fields[i]
		}
	}
	return nil
}

// Value returns the named field's value, "" when absent.
func (r *Result) Value(name string) string {
	if f := r.Field(name); f != nil {
		return f.Value
	}
	return ""
}

// Uncertain reports whether any field is uncertain.
func (r *Result) Uncertain() bool {
	for _, f := range r.Fields {
		if f.Uncertain {
			return true
		}
	}
	return false
}

type pos struct{ l, i int }

type fieldSpec struct {
	name     string
	pos      []pos
	k        class
	check    *pos
	fillerOK bool // the check digit may be a filler when the field is all fillers
	valid    func(string) bool
	maxSubs  int
}

func span(l, a, b int) []pos {
	out := make([]pos, 0, b-a)
	for i := a; i < b; i++ {
		out = append(out, pos{l, i})
	}
	return out
}

func at(l, i int) *pos { return &pos{l, i} }

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

func validDocType(s string) bool { return len(s) == 2 && isLetter(s[0]) }
func validCountry(s string) bool { _, ok := LookupCountry(s); return ok }
func validDate(s string) bool    { _, _, ok := parseYYMMDD(s); return ok }
func anything(string) bool       { return true }

// compositeOnlySubs: a field that only the composite covers (TD1 and TD2
// optional data) may have two characters changed to agree with it, as a
// checked field may: letter/digit twins come in pairs (O and 0 twice in
// 3T59OO). Such a change always flags the field (compositeDoubt).
const compositeOnlySubs = 2

// layout returns the fields of a zone of format f. top gives the first
// choice at a position, which decides the variants: visas (no composite
// check) and TD1 cards whose document number runs on into the optional data.
func layout(f Format, top func(pos) byte) (specs []fieldSpec, composite []pos, compositeAt *pos) {
	visa := top(pos{0, 0}) == 'V'
	head := func() []fieldSpec {
		return []fieldSpec{
			{name: FDocumentType, pos: span(0, 0, 2), k: classAlpha, valid: validDocType, maxSubs: 1},
			{name: FIssuingState, pos: span(0, 2, 5), k: classAlpha, valid: validCountry, maxSubs: 2},
		}
	}
	switch f {
	case TD3, TD2:
		width := 44
		if f == TD2 {
			width = 36
		}
		specs = head()
		specs = append(specs,
			fieldSpec{name: fNames, pos: span(0, 5, width), k: classAlpha, valid: anything, maxSubs: 1},
			fieldSpec{name: FDocumentNumber, pos: span(1, 0, 9), k: classAny, check: at(1, 9), valid: anything, maxSubs: 3},
			fieldSpec{name: FNationality, pos: span(1, 10, 13), k: classAlpha, valid: validCountry, maxSubs: 2},
			fieldSpec{name: FBirthDate, pos: span(1, 13, 19), k: classDigitF, check: at(1, 19), valid: validDate, maxSubs: 3},
			fieldSpec{name: FSex, pos: span(1, 20, 21), k: classSex, valid: anything, maxSubs: 1},
			fieldSpec{name: FExpiryDate, pos: span(1, 21, 27), k: classDigit, check: at(1, 27), valid: validDate, maxSubs: 3},
		)
		switch {
		case visa:
			specs = append(specs, fieldSpec{name: FOptional, pos: span(1, 28, width), k: classAny, valid: anything, maxSubs: 1})
		case f == TD3:
			specs = append(specs, fieldSpec{name: FOptional, pos: span(1, 28, 42), k: classAny, check: at(1, 42), fillerOK: true, valid: anything, maxSubs: 3})
			composite = append(append(span(1, 0, 10), span(1, 13, 20)...), span(1, 21, 43)...)
			compositeAt = at(1, 43)
		default:
			specs = append(specs, fieldSpec{name: FOptional, pos: span(1, 28, 35), k: classAny, valid: anything, maxSubs: compositeOnlySubs})
			composite = append(append(span(1, 0, 10), span(1, 13, 20)...), span(1, 21, 35)...)
			compositeAt = at(1, 35)
		}
	case TD1:
		specs = head()
		number := fieldSpec{name: FDocumentNumber, pos: span(0, 5, 14), k: classAny, check: at(0, 14), valid: anything, maxSubs: 3}
		optStart := 15
		if top(pos{0, 14}) == Filler {
			// A number longer than nine characters: its rest and its check
			// digit open the optional data, followed by a filler.
			end := 15
			for end < 30 && top(pos{0, end}) != Filler {
				end++
			}
			if end > 15 {
				number.pos = append(number.pos, span(0, 15, end-1)...)
				number.check = at(0, end-1)
				optStart = end
			}
		}
		specs = append(specs, number,
			fieldSpec{name: FOptional, pos: span(0, optStart, 30), k: classAny, valid: anything, maxSubs: compositeOnlySubs},
			fieldSpec{name: FBirthDate, pos: span(1, 0, 6), k: classDigitF, check: at(1, 6), valid: validDate, maxSubs: 3},
			fieldSpec{name: FSex, pos: span(1, 7, 8), k: classSex, valid: anything, maxSubs: 1},
			fieldSpec{name: FExpiryDate, pos: span(1, 8, 14), k: classDigit, check: at(1, 14), valid: validDate, maxSubs: 3},
			fieldSpec{name: FNationality, pos: span(1, 15, 18), k: classAlpha, valid: validCountry, maxSubs: 2},
			fieldSpec{name: FOptional2, pos: span(1, 18, 29), k: classAny, valid: anything, maxSubs: compositeOnlySubs},
			fieldSpec{name: fNames, pos: span(2, 0, 30), k: classAlpha, valid: anything, maxSubs: 1},
		)
		composite = append(append(append(span(0, 5, 30), span(1, 0, 7)...), span(1, 8, 15)...), span(1, 18, 29)...)
		compositeAt = at(1, 29)
	}
	return specs, composite, compositeAt
}

// choice is one way of reading a field: its characters (value, then check
// digit if any) and their total cost.
type choice struct {
	chars []byte
	cost  float64
}

type solved struct {
	spec      fieldSpec
	read      []byte   // the reader's first choices, before the grammar
	readCheck byte     // the reader's first choice for the check digit
	top       choice   // first choices the grammar allows
	passing   []choice // readings that pass the field's checks, cheapest first
	chosen    choice
	opts      [][]Candidate
	ok        bool // chosen passes
	bad       bool // a position has nothing its class allows
	// compositeOnly: the field has no check digit of its own and only the
	// composite covers it (TD1 and TD2 optional data); compositeFixed: the
	// composite chose another reading than the field's own best;
	// compositeOK: the composite agrees; twinBlind: letter/digit twins
	// swapped in the field would agree with it as well (markComposite).
	compositeOnly, compositeFixed, compositeOK, twinBlind bool
}

const keepOptions = 3

// solve finds the cheapest readings of a field that pass its grammar and
// check digit, changing at most spec.maxSubs positions from the first
// choices.
func solve(spec fieldSpec, r Reading, t Tuning) solved {
	all := spec.pos
	if spec.check != nil {
		all = append(append([]pos(nil), spec.pos...), *spec.check)
	}
	opts := make([][]Candidate, len(all))
	s := solved{spec: spec}
	for i, p := range all {
		k := spec.k
		if spec.check != nil && i == len(all)-1 {
			k = classDigitF
		}
		opts[i] = options(candidatesAt(r, p), k, t, keepOptions)
		if len(opts[i]) == 0 {
			s.bad = true
			opts[i] = []Candidate{{Char: '?', Cost: 0}}
		}
	}
	s.read = make([]byte, len(spec.pos))
	for i, p := range spec.pos {
		s.read[i] = '?'
		if cs := candidatesAt(r, p); len(cs) > 0 {
			s.read[i] = cs[0].Char
		}
	}
	s.opts = opts
	if spec.check != nil {
		s.readCheck = '?'
		if cs := candidatesAt(r, *spec.check); len(cs) > 0 {
			s.readCheck = cs[0].Char
		}
	}
	top := choice{chars: make([]byte, len(all))}
	for i := range opts {
		top.chars[i] = opts[i][0].Char
		top.cost += opts[i][0].Cost
	}
	s.top = top
	pass := func(c []byte) bool {
		n := len(spec.pos)
		if !spec.valid(string(c[:n])) {
			return false
		}
		if spec.check == nil {
			return true
		}
		return checkOK(string(c[:n]), c[n], spec.fillerOK)
	}
	const maxPassing = 4
	bound := top.cost + 2*t.MaxCorrection + t.MinGap
	cur := append([]byte(nil), top.chars...)
	var walk func(from, subs int, cost float64)
	walk = func(from, subs int, cost float64) {
		if pass(cur) {
			s.passing = append(s.passing, choice{chars: append([]byte(nil), cur...), cost: cost})
		}
		if subs == spec.maxSubs {
			return
		}
		for i := from; i < len(opts); i++ {
			for _, o := range opts[i][1:] {
				c := cost + o.Cost - opts[i][0].Cost
				if c > bound {
					continue
				}
				cur[i] = o.Char
				walk(i+1, subs+1, c)
				cur[i] = opts[i][0].Char
			}
		}
	}
	if !s.bad {
		walk(0, 0, top.cost)
	}
	sort.SliceStable(s.passing, func(i, j int) bool { return s.passing[i].cost < s.passing[j].cost })
	if len(s.passing) > maxPassing {
		s.passing = s.passing[:maxPassing]
	}
	s.chosen, s.ok = top, false
	if len(s.passing) > 0 {
		s.chosen, s.ok = s.passing[0], true
	}
	return s
}

func candidatesAt(r Reading, p pos) []Candidate {
	if p.l < len(r.Lines) && p.i < len(r.Lines[p.l]) {
		return r.Lines[p.l][p.i]
	}
	return nil
}

// checkOK: a filler in place of the check digit is allowed only for an
// optional-data field that is all fillers.
func checkOK(value string, check byte, fillerOK bool) bool {
	if check == Filler {
		return fillerOK && strings.Trim(value, "<") == ""
	}
	d, ok := CheckDigit(value)
	return ok && d == check
}

func sigmoid(x float64) float64 {
	if math.IsInf(x, 1) {
		return 1
	}
	return 1 / (1 + math.Exp(-x))
}

// Decode turns a Reading into fields, using the grammar and the check
// digits to choose among the candidates, and today to place two-digit years.
func Decode(r Reading, today civil.Date) *Result {
	return DecodeWith(r, today, DefaultTuning)
}

// DecodeWith is Decode with explicit thresholds.
func DecodeWith(r Reading, today civil.Date, t Tuning) *Result {
	lengths := make([]int, len(r.Lines))
	for i, l := range r.Lines {
		lengths[i] = len(l)
	}
	f, ok := formatOf(lengths)
	res := &Result{Format: f}
	if !ok {
		res.Problems = append(res.Problems, problem(SevError, CodeShape, "", intsText(lengths)))
		return res
	}
	top := func(p pos) byte {
		if cs := candidatesAt(r, p); len(cs) > 0 {
			return cs[0].Char
		}
		return '?'
	}
	specs, composite, compositeAt := layout(f, top)
	inComposite := map[pos]bool{}
	for _, p := range composite {
		inComposite[p] = true
	}
	sols := solveAll(specs, r, t, inComposite)
	// The composite check digit covers several fields at once: when the
	// fields' own best readings disagree with it, try each field's next
	// reading that passes its own check.
	compOK := false
	var compChar byte
	if compositeAt != nil {
		compOK, compChar = settleComposite(sols, r, composite, *compositeAt, top, t)
		res.CompositeOK = compOK
	}
	grid := make([][]byte, len(r.Lines))
	for l := range grid {
		grid[l] = []byte(r.Text()[l])
	}
	for _, s := range sols {
		for i, p := range s.allPos() {
			grid[p.l][p.i] = s.chosen.chars[i]
		}
	}
	if compositeAt != nil {
		grid[compositeAt.l][compositeAt.i] = compChar
		markComposite(sols, grid, composite, compOK, compChar, t)
	}
	for _, l := range grid {
		res.Lines = append(res.Lines, string(l))
	}
	res.Valid = true
	for _, s := range sols {
		res.addField(s, t, compositeAt != nil && inComposite[s.spec.pos[0]], compOK, today)
	}
	if compositeAt != nil && !compOK {
		res.Valid = false
		res.Problems = append(res.Problems, problem(SevError, CodeCompositeFailed, FComposite))
	}
	for _, p := range res.Problems {
		if p.Severity == SevError {
			res.Valid = false
		}
	}
	return res
}

// solveAll solves each field on its own; inComposite tells the positions
// the composite check digit covers.
func solveAll(specs []fieldSpec, r Reading, t Tuning, inComposite map[pos]bool) []solved {
	sols := make([]solved, len(specs))
	for i, spec := range specs {
		sols[i] = solve(spec, r, t)
		sols[i].compositeOnly = spec.check == nil && spec.k == classAny && inComposite[spec.pos[0]]
	}
	return sols
}

func (s solved) allPos() []pos {
	if s.spec.check == nil {
		return s.spec.pos
	}
	return append(append([]pos(nil), s.spec.pos...), *s.spec.check)
}

// settleComposite picks, among the fields under the composite check, the
// cheapest set of readings (each field's best, or one field's runner-up)
// that the composite digit confirms. It changes sols in place.
func settleComposite(sols []solved, r Reading, composite []pos, at pos, top func(pos) byte, t Tuning) (bool, byte) {
	digitOpts := options(candidatesAt(r, at), classDigit, t, keepOptions)
	// Like a field's check digit, the composite digit confirms only as it
	// was read: changing the digit itself is the cheapest way to make any
	// wrong zone agree (a clear 6 "read" as 4 would confirm a misread O
	// for 0 anywhere in some 40 characters).
	digitOpts = digitOpts[:min(1, len(digitOpts))]
	charAt := func(p pos, override *solved, alt choice) byte {
		for si := range sols {
			s := &sols[si]
			for i, q := range s.allPos() {
				if q == p {
					if override == s {
						return alt.chars[i]
					}
					return s.chosen.chars[i]
				}
			}
		}
		return top(p)
	}
	sum := func(override *solved, alt choice) byte {
		b := make([]byte, len(composite))
		for i, p := range composite {
			b[i] = charAt(p, override, alt)
		}
		d, _ := CheckDigit(string(b))
		return d
	}
	best, bestCost, bestField, bestDigit := -1, math.Inf(1), choice{}, byte(0)
	secondCost := math.Inf(1) // the next set of readings the composite accepts
	try := func(si int, alt choice, extra float64) {
		var ov *solved
		if si >= 0 {
			ov = &sols[si]
		}
		want := sum(ov, alt)
		for _, o := range digitOpts {
			if o.Char != want {
				continue
			}
			c := extra + o.Cost
			if c < bestCost {
				secondCost = bestCost
				best, bestCost, bestField, bestDigit = si, c, alt, o.Char
			} else if c < secondCost {
				secondCost = c
			}
		}
	}
	try(-1, choice{}, 0)
	if !math.IsInf(bestCost, 1) {
		return true, bestDigit // the fields' own best readings agree
	}
	inComp := map[pos]bool{}
	for _, p := range composite {
		inComp[p] = true
	}
	for si, s := range sols {
		if !inComp[s.spec.pos[0]] {
			continue
		}
		for _, alt := range s.passing[min(1, len(s.passing)):] {
			try(si, alt, alt.cost-s.chosen.cost)
		}
	}
	if math.IsInf(bestCost, 1) {
		if len(digitOpts) > 0 {
			return false, digitOpts[0].Char
		}
		return false, top(at)
	}
	if best >= 0 {
		// A runner-up becomes the choice. Its own best reading failed the
		// composite, so the field's doubt is measured against the next
		// readings the composite accepts, not against that one.
		s := &sols[best]
		s.chosen = bestField
		s.compositeFixed = true
		s.passing = []choice{bestField}
		if !math.IsInf(secondCost, 1) {
			s.passing = append(s.passing, choice{chars: bestField.chars, cost: bestField.cost + secondCost - bestCost})
		}
	}
	return true, bestDigit
}

func (res *Result) addField(s solved, t Tuning, underComposite, compOK bool, today civil.Date) {
	n := len(s.spec.pos)
	raw := string(s.chosen.chars[:n])
	read := string(s.read)
	checked := s.spec.check != nil
	gap := math.Inf(1)
	if len(s.passing) > 1 {
		gap = s.passing[1].cost - s.passing[0].cost
	}
	if !s.ok {
		gap = 0
	}
	if !checked {
		// Without a check digit any reading is as valid as the grammar
		// allows; the gap is the first choice's lead over the next one.
		gap = math.Inf(1)
		for _, alt := range s.passing[min(1, len(s.passing)):] {
			if d := alt.cost - s.chosen.cost; d < gap {
				gap = d
			}
		}
	}
	ownDoubt := s.doubt(t, gap)
	uncertain := ownDoubt || (checked && (!s.ok || (underComposite && !compOK)))
	f := Field{
		Name: s.spec.name, Raw: raw, Read: read,
		Confidence: sigmoid(gap), Checked: checked,
		Confirmed: checked && s.ok && (!underComposite || compOK),
		Uncertain: uncertain, Corrected: raw != read,
		Spans: spansOf(s.spec.pos),
	}
	if s.bad {
		f.Confidence = 0
	}
	if s.spec.name == fNames {
		res.addNames(f, raw, s, t)
		return
	}
	f.Value = strings.TrimRight(raw, "<")
	switch s.spec.name {
	case FDocumentType:
		f.Value = strings.TrimRight(raw, "<")
	case FIssuingState, FNationality:
		if !validCountry(raw) && !s.bad {
			res.Problems = append(res.Problems, problem(SevWarning, CodeUnknownCountry, s.spec.name, f.Value))
		}
	case FSex:
		if f.Value == "" {
			f.Value = "X"
		}
	case FBirthDate, FExpiryDate:
		f.Value = raw
		d, partial, ok := parseYYMMDD(raw)
		switch {
		case !ok && !s.bad:
			res.Problems = append(res.Problems, problem(SevError, CodeBadDate, s.spec.name, raw))
		case partial:
			res.Problems = append(res.Problems, problem(SevInfo, CodePartialDate, s.spec.name, raw))
		case ok:
			if s.spec.name == FBirthDate {
				res.BirthDate = birthCentury(d, today)
				f.Value = res.BirthDate.String()
			} else {
				res.ExpiryDate = expiryCentury(d, today)
				f.Value = res.ExpiryDate.String()
				if !today.IsZero() && res.ExpiryDate.Before(today) {
					res.Problems = append(res.Problems, problem(SevWarning, CodeExpired, s.spec.name, res.ExpiryDate.DMY()))
				}
			}
		}
	case FOptional, FOptional2:
		f.Value = strings.Trim(strings.ReplaceAll(raw, "<", " "), " ")
		f.Value = strings.Join(strings.Fields(f.Value), " ")
	}
	switch {
	case s.bad:
		res.Problems = append(res.Problems, problem(SevError, CodeBadChar, s.spec.name, read))
	case checked && !s.ok:
		res.Problems = append(res.Problems, problem(SevError, CodeCheckFailed, s.spec.name))
	case checked && (f.Corrected && ownDoubt || s.chosen.chars[n] != s.readCheck):
		// Changing the check digit itself is the cheapest way to make any
		// wrong field agree, so a check digit not read as it is used
		// confirms nothing either.
		// The check digit agrees only with a reading the scan does not
		// clearly show: a zone whose digits were all wrong (MRZ-like
		// text) could be "repaired" this way, so it confirms nothing.
		f.Confirmed = false
		f.Uncertain = true // what is unconfirmed needs a look
		res.Problems = append(res.Problems, problem(SevError, CodeUnconfirmed, s.spec.name))
	}
	if ownDoubt && !s.bad && (s.ok || !checked) {
		res.Problems = append(res.Problems, problem(SevWarning, CodeUncertain, s.spec.name))
	}
	res.Fields = append(res.Fields, f)
}

// addNames splits the names field: the primary identifier (surnames) ends at
// the first double filler, single fillers separate words.
func (res *Result) addNames(f Field, raw string, s solved, t Tuning) {
	trimmed := strings.TrimRight(raw, "<")
	res.NamesTruncated = len(trimmed) == len(raw)
	primary, secondary, _ := strings.Cut(trimmed, "<<")
	words := func(s string) string {
		return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '<' }), " ")
	}
	sp := f.Spans[0]
	cut := func(str string, from, to int) string {
		to = min(to, len(str))
		from = min(from, to)
		return str[from:to]
	}
	gFrom := min(len(primary)+2, len(trimmed)) // where the given names start
	sur := f
	sur.Name, sur.Value = FSurname, words(primary)
	sur.Raw, sur.Read = primary, cut(f.Read, 0, len(primary))
	sur.Spans = []Span{{Line: sp.Line, Start: sp.Start, End: sp.Start + len(primary)}}
	giv := f
	giv.Name, giv.Value = FGivenNames, words(secondary)
	giv.Raw, giv.Read = secondary, cut(f.Read, gFrom, len(trimmed))
	giv.Spans = []Span{{Line: sp.Line, Start: sp.Start + gFrom, End: sp.Start + len(trimmed)}}
	// Each part is as sure as its least sure position, the separators and
	// trailing fillers included: a filler misread as a letter changes words.
	judge := func(fd *Field, from, to int) {
		gap := math.Inf(1)
		cost := 0.0
		for i := from; i < min(to, len(s.opts)); i++ {
			cost += s.opts[i][0].Cost
			if len(s.opts[i]) > 1 {
				gap = min(gap, s.opts[i][1].Cost-s.opts[i][0].Cost)
			}
		}
		fd.Confidence = sigmoid(gap)
		fd.Uncertain = s.bad || gap < t.MinGap || (to > from && cost/float64(to-from) > t.MaxCost)
		if s.bad {
			fd.Confidence = 0
		}
		if fd.Uncertain {
			res.Problems = append(res.Problems, problem(SevWarning, CodeUncertain, fd.Name))
		}
	}
	judge(&sur, 0, min(len(primary)+2, len(raw)))
	judge(&giv, gFrom, len(raw))
	res.Fields = append(res.Fields, sur, giv)
	if res.NamesTruncated {
		res.Problems = append(res.Problems, problem(SevInfo, CodeNamesTruncated, FGivenNames))
	}
	if sur.Value == "" {
		res.Problems = append(res.Problems, problem(SevError, CodeNoSurname, FSurname))
	}
}

func spansOf(ps []pos) []Span {
	var out []Span
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].Line == p.l && out[n-1].End == p.i {
			out[n-1].End++
			continue
		}
		out = append(out, Span{Line: p.l, Start: p.i, End: p.i + 1})
	}
	return out
}

// parseYYMMDD reads an MRZ date. The zone may leave the day, or the month
// and day, unknown as fillers; such a date is valid but partial.
func parseYYMMDD(s string) (d [3]int, partial, ok bool) {
	if len(s) != 6 {
		return d, false, false
	}
	num := func(a string) (int, bool) {
		if a[0] < '0' || a[0] > '9' || a[1] < '0' || a[1] > '9' {
			return 0, false
		}
		return int(a[0]-'0')*10 + int(a[1]-'0'), true
	}
	y, ok := num(s[0:2])
	if !ok {
		return d, false, false
	}
	if s[2:4] == "<<" {
		return [3]int{y, 0, 0}, true, s[4:6] == "<<"
	}
	m, ok := num(s[2:4])
	if !ok || m < 1 || m > 12 {
		return d, false, false
	}
	if s[4:6] == "<<" {
		return [3]int{y, m, 0}, true, true
	}
	day, ok := num(s[4:6])
	if !ok || day < 1 {
		return d, false, false
	}
	// 2000 is a leap year and 1900 is not; a 29 February in a 00 year is
	// accepted here and placed in 2000 by birthCentury.
	year := 2000 + y
	if _, err := civil.Valid(year, m, day, s); err != nil {
		return d, false, false
	}
	return [3]int{y, m, day}, false, true
}

// birthCentury places a two-digit birth year: the latest century that does
// not put the birth after today.
func birthCentury(d [3]int, today civil.Date) civil.Date {
	if today.IsZero() {
		today = civil.Of(timeNow())
	}
	date := civil.New(2000+d[0], monthOf(d[1]), d[2])
	if date.After(today) {
		date = civil.New(1900+d[0], monthOf(d[1]), d[2])
	}
	return date
}

// expiryCentury places a two-digit expiry year: in this century unless that
// lies more than 50 years ahead (no travel document is valid that long).
func expiryCentury(d [3]int, today civil.Date) civil.Date {
	if today.IsZero() {
		today = civil.Of(timeNow())
	}
	date := civil.New(2000+d[0], monthOf(d[1]), d[2])
	if date.After(today.AddDate(50, 0, 0)) {
		date = civil.New(1900+d[0], monthOf(d[1]), d[2])
	}
	return date
}

// doubt: the reader's own reasons to doubt the chosen reading, whatever
// the check digits say: a close runner-up (gap), a costly correction, a
// poor match, or letter/digit twins that pass the same check digit.
func (s solved) doubt(t Tuning, gap float64) bool {
	n := len(s.spec.pos)
	correction := s.chosen.cost - s.top.cost
	return gap < t.MinGap || correction > t.MaxCorrection || s.bad ||
		(n > 0 && s.chosen.cost/float64(n) > t.MaxCost) ||
		(s.spec.check != nil && s.ok && s.spec.k == classAny && twinGap(s) < t.TwinGap) ||
		(s.compositeOnly && s.compositeDoubt())
}

// compositeDoubt: a field that only the composite check digit covers (TD1
// optional data) is not settled when the composite fails or had to
// correct it, when letter/digit twins (O and 0, T and 1, S and 5, …)
// within TwinGap of the chosen characters would agree with the composite
// as well (twinBlind), or when a run of it mixes letters and digits: the
// national numbers these fields carry (Kazakhstan's 12-digit IIN) are all
// digits, and a letter inside a run of digits is more likely a misread
// than the truth. Typed text, which offers no other reading anywhere, is
// taken as typed.
func (s solved) compositeDoubt() bool {
	if s.compositeFixed || !s.compositeOK || s.twinBlind {
		return true
	}
	n := len(s.spec.pos)
	others := false // the reader offered another reading somewhere
	for i := 0; i < n; i++ {
		others = others || len(s.opts[i]) > 1
	}
	return others && mixedRun(string(s.chosen.chars[:n]))
}

// markComposite tells each field that only the composite covers whether
// the composite agrees (ok) and whether one or two swaps of letter/digit
// twins, each within TwinGap of the chosen character, would agree with
// the composite digit too: the composite cannot settle those, as a check
// digit cannot settle O and 0 swapped at weights 7 and 3. grid holds the
// zone as chosen; composite lists the positions it covers.
func markComposite(sols []solved, grid [][]byte, composite []pos, ok bool, digit byte, t Tuning) {
	sum := func() bool {
		b := make([]byte, len(composite))
		for i, p := range composite {
			b[i] = grid[p.l][p.i]
		}
		d, _ := CheckDigit(string(b))
		return d == digit
	}
	for si := range sols {
		s := &sols[si]
		s.compositeOK = ok
		if !s.compositeOnly || !ok {
			continue
		}
		var swaps []pos
		var chars []byte
		for i, p := range s.spec.pos {
			if c, gap := s.twinAt(i); gap < t.TwinGap {
				swaps, chars = append(swaps, p), append(chars, c)
			}
		}
		s.twinBlind = anySwapAgrees(grid, swaps, chars, sum)
	}
}

// anySwapAgrees reports whether putting chars at one or two of the
// positions swaps in grid keeps agree true; grid is left as it was.
func anySwapAgrees(grid [][]byte, swaps []pos, chars []byte, agree func() bool) bool {
	put := func(k int, c byte) byte {
		old := grid[swaps[k].l][swaps[k].i]
		grid[swaps[k].l][swaps[k].i] = c
		return old
	}
	for a := range swaps {
		oldA := put(a, chars[a])
		found := agree()
		for b := a + 1; b < len(swaps) && !found; b++ {
			oldB := put(b, chars[b])
			found = agree()
			put(b, oldB)
		}
		put(a, oldA)
		if found {
			return true
		}
	}
	return false
}

// twinAt is the cheapest candidate of the other kind (a letter for a
// digit, a digit for a letter) at position i of the field, and how much
// dearer than the chosen character it is (+Inf when there is none).
func (s solved) twinAt(i int) (byte, float64) {
	c := s.chosen.chars[i]
	best, gap := byte(0), math.Inf(1)
	if c == Filler {
		return best, gap
	}
	for _, o := range s.opts[i] {
		if o.Char == c || o.Char == Filler || isDigit(o.Char) == isDigit(c) {
			continue
		}
		if d := o.Cost - s.costOf(i, c); d < gap {
			best, gap = o.Char, d
		}
	}
	return best, gap
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// costOf is the cost of character c at position i of the field's options
// (+Inf when the reader did not list it).
func (s solved) costOf(i int, c byte) float64 {
	for _, o := range s.opts[i] {
		if o.Char == c {
			return o.Cost
		}
	}
	return math.Inf(1)
}

// mixedRun: some run between fillers holds both letters and digits.
func mixedRun(v string) bool {
	for _, run := range strings.FieldsFunc(v, func(r rune) bool { return r == Filler }) {
		if strings.IndexFunc(run, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 &&
			strings.IndexFunc(run, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
			return true
		}
	}
	return false
}

// roundTwins: O and 0, which blur and a worn print make one shape. Two of
// them swapped at weights 7 and 3 pass any check digit, so a number read
// with one where the other also passes is doubted whatever the scan
// seems to show (on the tuning pages that doubts 6 % of the numbers).
func roundTwins(a, b byte) bool { return (a == 'O' && b == '0') || (a == '0' && b == 'O') }

// twinGap is how much dearer than the chosen reading of a checked field is
// the cheapest other reading that differs from it only by one or two
// letter/digit twins (lookAlike) and passes the same check digit; +Inf when
// there is none. A twin the reader did not list at a position is no
// candidate there, except O for 0 and 0 for O, which always are, at no
// extra cost (roundTwins).
func twinGap(s solved) float64 {
	n := len(s.spec.pos)
	chars := append([]byte(nil), s.chosen.chars...)
	costOf := func(i int, c byte) (float64, bool) {
		for _, o := range s.opts[i] {
			if o.Char == c {
				return o.Cost, true
			}
		}
		return 0, false
	}
	type swap struct {
		i    int
		c    byte
		cost float64 // extra cost over the chosen character
	}
	var swaps []swap
	for i := 0; i < n; i++ {
		base, ok := costOf(i, chars[i])
		if !ok {
			continue
		}
		for _, tw := range lookAlike[chars[i]] {
			if roundTwins(chars[i], tw) {
				swaps = append(swaps, swap{i, tw, 0})
			} else if c, ok := costOf(i, tw); ok && s.spec.k.allows(tw) {
				swaps = append(swaps, swap{i, tw, c - base})
			}
		}
	}
	passes := func() bool { return checkOK(string(chars[:n]), chars[n], s.spec.fillerOK) }
	best := math.Inf(1)
	for a, sa := range swaps {
		chars[sa.i] = sa.c
		if passes() {
			best = math.Min(best, sa.cost)
		}
		for _, sb := range swaps[a+1:] {
			if sb.i == sa.i {
				continue
			}
			chars[sb.i] = sb.c
			if passes() {
				best = math.Min(best, sa.cost+sb.cost)
			}
			chars[sb.i] = s.chosen.chars[sb.i]
		}
		chars[sa.i] = s.chosen.chars[sa.i]
	}
	return best
}
