package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/kz"
	"dossier/assets"
)

// Confidence says how sure the rules are of a fact.
type Confidence string

const (
	Official   Confidence = "official"   // stated in a legal act or an official service page
	Practice   Confidence = "practice"   // what practitioners report
	Assumption Confidence = "assumption" // our inference: verify before relying on it
)

func (c Confidence) valid() bool { return c == Official || c == Practice || c == Assumption }

// Section names of a rules file.
const (
	SectionHolidays   = "holidays"
	SectionTransfers  = "transfers"
	SectionProcedures = "procedures"
)

var sectionNames = []string{SectionHolidays, SectionTransfers, SectionProcedures}

// ErrRulesFile is returned (wrapped) for a rules file that cannot be used.
var ErrRulesFile = errors.New("invalid rules file")

// file is the on-disk shape: any subset of sections (an override file may
// carry only the one it updates).
type file struct {
	Format     int              `json:"format"`
	Holidays   *json.RawMessage `json:"holidays"`
	Transfers  *json.RawMessage `json:"transfers"`
	Procedures *json.RawMessage `json:"procedures"`
}

// Source is a reference behind a rule.
type Source struct {
	Title string     `json:"title"`
	URL   string     `json:"url"`
	Kind  Confidence `json:"kind"`
	// Date is the day the source is dated (published, or the act signed),
	// when it shows one; zero when it shows none.
	Date civil.Date `json:"date"`
}

// Procedures is the "procedures" section.
type Procedures struct {
	Version       int                 `json:"version"`
	CountryGroups map[string][]string `json:"country_groups"`
	Sources       map[string]Source   `json:"sources"`
	Purposes      []Purpose           `json:"purposes"`
	Items         []ItemRule          `json:"items"`
	Timeline      []EventRule         `json:"timeline"`
	// Clocks are the legal deadlines of an employee outside any one case
	// (see ClockRule); app/clocks computes them.
	Clocks []ClockRule `json:"clocks,omitempty"`
}

// Purpose is a kind of permit, by the reason for the stay.
type Purpose struct {
	ID    string    `json:"id"`
	Title i18n.Text `json:"title"`
}

// ItemRule is one checklist entry and the clauses that decide its status.
type ItemRule struct {
	ID    string    `json:"id"`
	Kind  ItemKind  `json:"kind"`
	Title i18n.Text `json:"title"`
	// Rules are tried in order; the first clause in force on the filing day
	// whose condition holds decides. None matching means not applicable.
	Rules []Clause `json:"rules"`
}

// Clause is one conditional decision about an item.
type Clause struct {
	When          *Cond      `json:"when,omitempty"`
	Status        Status     `json:"status"`
	Reason        i18n.Text  `json:"reason"`
	Source        string     `json:"source"`
	Confidence    Confidence `json:"confidence"`
	EffectiveFrom civil.Date `json:"effective_from"`
	EffectiveTo   civil.Date `json:"effective_to"`
	// DateBasis says what EffectiveFrom/EffectiveTo rest on (see DateBasis).
	DateBasis    DateBasis     `json:"date_basis,omitempty"`
	Alternatives []Alternative `json:"alternatives,omitempty"`
}

// DateBasis says what a rule's effective dates rest on, so the clerk can be
// told when a date is a guess or missing.
type DateBasis string

const (
	// DatedByAct: the dates are those of the legal act (the default when
	// effective_from is given).
	DatedByAct DateBasis = "act"
	// DatedByReport: the date is when the change was first reported; the
	// act's own date of entry into force was not found.
	DatedByReport DateBasis = "reported"
	// DateUnknown: when the rule came into force is not known; it is applied
	// to every filing date. The default when effective_from is missing.
	DateUnknown DateBasis = "unknown"
	// DatedByCase: a timeline step that is a date of the case itself (the
	// filing, an expiry), not a rule that came into force on some day.
	DatedByCase DateBasis = "case"
)

func (b DateBasis) valid() bool {
	return b == "" || b == DatedByAct || b == DatedByReport || b == DateUnknown || b == DatedByCase
}

// basisOf is the effective basis of a rule: an explicit one, else "act" when
// a start date is given and "unknown" when not.
func basisOf(b DateBasis, from civil.Date) DateBasis {
	switch {
	case b != "":
		return b
	case from.IsZero():
		return DateUnknown
	}
	return DatedByAct
}

// Alternative is one of several documents any of which will do.
type Alternative struct {
	ID    string    `json:"id"`
	Title i18n.Text `json:"title"`
}

// EventRule is one dated step of the timeline.
type EventRule struct {
	ID           string     `json:"id"`
	When         *Cond      `json:"when,omitempty"`
	Anchor       string     `json:"anchor"`
	CalendarDays int        `json:"calendar_days"`
	WorkingDays  int        `json:"working_days"`
	Time         string     `json:"time"`
	Title        i18n.Text  `json:"title"`
	Note         i18n.Text  `json:"note"`
	Source       string     `json:"source"`
	Confidence   Confidence `json:"confidence"`
	// EffectiveFrom/EffectiveTo bound the filing dates the step applies to;
	// DateBasis says what they rest on, as for clauses.
	EffectiveFrom civil.Date `json:"effective_from"`
	EffectiveTo   civil.Date `json:"effective_to"`
	DateBasis     DateBasis  `json:"date_basis,omitempty"`
	// NotBefore is the first day the step can happen at all (a regime that
	// began that day): an earlier date is moved to the first working day on
	// or after it, and the move is reported as a problem.
	NotBefore civil.Date `json:"not_before"`
}

// inForce reports whether the step applies to a filing on day d.
func (ev EventRule) inForce(d civil.Date) bool {
	return Clause{EffectiveFrom: ev.EffectiveFrom, EffectiveTo: ev.EffectiveTo}.inForce(d)
}

// SectionInfo says where a section in force came from.
type SectionInfo struct {
	Version int    `json:"version"`
	Origin  string `json:"origin"` // "embedded" or the override file's name
}

// Set is a complete, validated set of rules in force.
type Set struct {
	holidays   kz.HolidayData
	transfers  kz.TransferData
	procedures Procedures
	calendar   *kz.Calendar
	info       map[string]SectionInfo
}

// Embedded returns the rules built into the program.
func Embedded() (*Set, error) {
	parts, err := parseFile(assets.Rules)
	if err != nil {
		return nil, fmt.Errorf("embedded rules: %w", err)
	}
	for _, name := range sectionNames {
		if parts[name] == nil {
			return nil, fmt.Errorf("embedded rules: section %q missing: %w", name, ErrRulesFile)
		}
	}
	s := &Set{info: map[string]SectionInfo{}}
	if err := s.apply(parts, "embedded"); err != nil {
		return nil, err
	}
	return s, nil
}

type sections map[string]any

// parseFile decodes a rules document strictly: syntax errors and unknown
// fields are reported with their line so a person editing the file can find them.
func parseFile(data []byte) (sections, error) {
	var f file
	if err := decodeStrict(data, data, &f); err != nil {
		return nil, err
	}
	if f.Format != 1 {
		return nil, fmt.Errorf("%w: \"format\" must be 1 (got %d)", ErrRulesFile, f.Format)
	}
	out := sections{}
	if f.Holidays != nil {
		var h kz.HolidayData
		if err := decodeStrict(data, *f.Holidays, &h); err != nil {
			return nil, fmt.Errorf("section holidays: %w", err)
		}
		if err := h.Validate(); err != nil {
			return nil, fmt.Errorf("%w: section holidays: %w", ErrRulesFile, err)
		}
		out[SectionHolidays] = h
	}
	if f.Transfers != nil {
		var t kz.TransferData
		if err := decodeStrict(data, *f.Transfers, &t); err != nil {
			return nil, fmt.Errorf("section transfers: %w", err)
		}
		if err := t.Validate(); err != nil {
			return nil, fmt.Errorf("%w: section transfers: %w", ErrRulesFile, err)
		}
		out[SectionTransfers] = t
	}
	if f.Procedures != nil {
		var p Procedures
		if err := decodeStrict(data, *f.Procedures, &p); err != nil {
			return nil, fmt.Errorf("section procedures: %w", err)
		}
		if err := p.validate(); err != nil {
			return nil, fmt.Errorf("section procedures: %w", err)
		}
		out[SectionProcedures] = p
	}
	return out, nil
}

func (s sections) version(name string) int {
	switch v := s[name].(type) {
	case kz.HolidayData:
		return v.Version
	case kz.TransferData:
		return v.Version
	case Procedures:
		return v.Version
	}
	return 0
}

// apply installs sections into s and rebuilds the calendar.
func (s *Set) apply(parts sections, origin string) error {
	for name, v := range parts {
		switch v := v.(type) {
		case kz.HolidayData:
			s.holidays = v
		case kz.TransferData:
			s.transfers = v
		case Procedures:
			s.procedures = v
		}
		s.info[name] = SectionInfo{Version: parts.version(name), Origin: origin}
	}
	cal, err := kz.NewCalendar(s.holidays, s.transfers)
	if err != nil {
		return fmt.Errorf("rules calendar: %w", err)
	}
	s.calendar = cal
	return nil
}

// Override returns a new Set in which each section of data replaces the
// receiver's when its version is higher. Notes (in English, for logs and
// stderr) say which sections were taken and which ignored. On error the
// receiver stays valid and in force.
func (s *Set) Override(data []byte) (*Set, []string, error) {
	return s.OverrideNamed(data, "override")
}

// OverrideNamed is Override with the origin recorded as name (a file name).
func (s *Set) OverrideNamed(data []byte, name string) (*Set, []string, error) {
	parts, err := parseFile(data)
	if err != nil {
		return nil, nil, err
	}
	if len(parts) == 0 {
		return nil, nil, fmt.Errorf("%w: no section (holidays, transfers or procedures) in the file", ErrRulesFile)
	}
	taken := sections{}
	var notes []string
	for _, sec := range sectionNames {
		if parts[sec] == nil {
			continue
		}
		have, got := s.info[sec].Version, parts.version(sec)
		if got > have {
			taken[sec] = parts[sec]
			notes = append(notes, fmt.Sprintf("rules: section %s version %d from %s replaces version %d", sec, got, name, have))
		} else {
			notes = append(notes, fmt.Sprintf("rules: section %s version %d in %s ignored: version %d is already in force", sec, got, name, have))
		}
	}
	out := &Set{holidays: s.holidays, transfers: s.transfers, procedures: s.procedures, info: map[string]SectionInfo{}}
	for k, v := range s.info {
		out.info[k] = v
	}
	if err := out.apply(taken, name); err != nil {
		return nil, nil, err
	}
	// A new procedures section may reference sources or facts that only make
	// sense with the others; validate the combination once more.
	if err := out.procedures.validate(); err != nil {
		return nil, nil, err
	}
	return out, notes, nil
}

// Version is the rules version in force: the highest section version, so
// any update raises it.
func (s *Set) Version() int {
	v := 0
	for _, i := range s.info {
		if i.Version > v {
			v = i.Version
		}
	}
	return v
}

// Sections reports each section's version and origin.
func (s *Set) Sections() map[string]SectionInfo {
	out := map[string]SectionInfo{}
	for k, v := range s.info {
		out[k] = v
	}
	return out
}

// Describe is a one-line summary of the sections, for version output.
func (s *Set) Describe() string {
	var parts []string
	for _, name := range sectionNames {
		i := s.info[name]
		parts = append(parts, fmt.Sprintf("%s %d %s", name, i.Version, i.Origin))
	}
	return strings.Join(parts, ", ")
}

// Calendar returns the working-day calendar of these rules.
func (s *Set) Calendar() *kz.Calendar { return s.calendar }

// Source looks up a source by ID.
func (s *Set) Source(id string) (Source, bool) {
	src, ok := s.procedures.Sources[id]
	return src, ok
}

// Purposes lists the permit purposes the rules know.
func (s *Set) Purposes() []Purpose { return append([]Purpose(nil), s.procedures.Purposes...) }

// ItemIDs lists every checklist item ID the rules know, in checklist order.
func (s *Set) ItemIDs() []string {
	var out []string
	for _, it := range s.procedures.Items {
		out = append(out, it.ID)
	}
	return out
}

// InGroup reports whether an ISO country code belongs to a named group
// ("eaeu", "minsk_convention").
func (s *Set) InGroup(group, country string) bool {
	for _, c := range s.procedures.CountryGroups[group] {
		if c == country {
			return true
		}
	}
	return false
}

// decodeStrict decodes part, a piece of the rules document whole, rejecting
// unknown fields. Errors carry the line and column in whole, so a person
// editing the file can go straight to the mistake.
func decodeStrict(whole, part []byte, v any) error {
	base := int64(bytes.Index(whole, part))
	if base < 0 {
		base = 0
	}
	at := func(off int64) string { return position(whole, base+off) }
	dec := json.NewDecoder(bytes.NewReader(part))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return fmt.Errorf("%w: %s: unexpected data after the end", ErrRulesFile, at(dec.InputOffset()+1))
		}
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("%w: %s: %s", ErrRulesFile, at(syn.Offset), syn.Error())
	case errors.As(err, &typ):
		return fmt.Errorf("%w: %s: field %q: %s where %s is expected", ErrRulesFile, at(typ.Offset), typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%w: %s: the file ends too early (an unclosed brace or quote?)", ErrRulesFile, at(int64(len(part))))
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if off := bytes.Index(part, []byte(field)); off >= 0 {
			return fmt.Errorf("%w: %s: unknown field %s", ErrRulesFile, at(int64(off)+1), field)
		}
		return fmt.Errorf("%w: unknown field %s", ErrRulesFile, field)
	}
	// Values our own types reject (dates, months) name the problem themselves;
	// the decoder has read up to the offending value.
	return fmt.Errorf("%w: %s: %v", ErrRulesFile, at(dec.InputOffset()), err)
}

// position turns a 1-based byte offset into "line L, column C".
func position(data []byte, off int64) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 1 {
		off = 1
	}
	prefix := data[:off-1]
	line := bytes.Count(prefix, []byte("\n")) + 1
	col := len(prefix) - bytes.LastIndexByte(prefix, '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}

// validate checks what JSON decoding cannot: references, enums and conditions.
func (p Procedures) validate() error {
	seen := map[string]bool{}
	for _, g := range []string{"eaeu", "minsk_convention"} {
		for _, c := range p.CountryGroups[g] {
			if !IsCountry(c) {
				return fmt.Errorf("%w: country_groups.%s: %q is not an ISO 3166 country code", ErrRulesFile, g, c)
			}
		}
	}
	checkSource := func(where, id string) error {
		if _, ok := p.Sources[id]; !ok {
			return fmt.Errorf("%w: %s: source %q is not in \"sources\"", ErrRulesFile, where, id)
		}
		return nil
	}
	for i, it := range p.Items {
		where := fmt.Sprintf("items[%d] %s", i, it.ID)
		if it.ID == "" {
			return fmt.Errorf("%w: items[%d]: id is missing", ErrRulesFile, i)
		}
		if seen[it.ID] {
			return fmt.Errorf("%w: %s: id used twice", ErrRulesFile, where)
		}
		if it.Kind != Document && it.Kind != Action {
			return fmt.Errorf("%w: %s: kind must be document or action", ErrRulesFile, where)
		}
		if miss := it.Title.Missing(); len(miss) > 0 {
			return fmt.Errorf("%w: %s: title lacks %v", ErrRulesFile, where, miss)
		}
		for j, c := range it.Rules {
			cw := fmt.Sprintf("%s rules[%d]", where, j)
			if !c.Status.valid() {
				return fmt.Errorf("%w: %s: status %q (use required, optional or not_applicable)", ErrRulesFile, cw, c.Status)
			}
			if !c.Confidence.valid() {
				return fmt.Errorf("%w: %s: confidence %q (use official, practice or assumption)", ErrRulesFile, cw, c.Confidence)
			}
			if miss := c.Reason.Missing(); len(miss) > 0 {
				return fmt.Errorf("%w: %s: reason lacks %v", ErrRulesFile, cw, miss)
			}
			if err := checkSource(cw, c.Source); err != nil {
				return err
			}
			if !c.EffectiveTo.IsZero() && c.EffectiveTo.Before(c.EffectiveFrom) {
				return fmt.Errorf("%w: %s: effective_to is before effective_from", ErrRulesFile, cw)
			}
			if !c.DateBasis.valid() {
				return fmt.Errorf("%w: %s: date_basis %q (use act, reported or unknown)", ErrRulesFile, cw, c.DateBasis)
			}
			if err := c.When.check(seen); err != nil {
				return fmt.Errorf("%w: %s: when: %v", ErrRulesFile, cw, err)
			}
		}
		seen[it.ID] = true
	}
	evSeen := map[string]bool{}
	for i, ev := range p.Timeline {
		where := fmt.Sprintf("timeline[%d] %s", i, ev.ID)
		if ev.ID == "" || evSeen[ev.ID] {
			return fmt.Errorf("%w: %s: id missing or used twice", ErrRulesFile, where)
		}
		evSeen[ev.ID] = true
		if _, ok := anchors[ev.Anchor]; !ok {
			return fmt.Errorf("%w: %s: anchor %q (use %s)", ErrRulesFile, where, ev.Anchor, strings.Join(anchorNames(), ", "))
		}
		// Offsets are bounded: a timeline step years away is a typo, and a
		// huge working-day count would take long to walk.
		if ev.CalendarDays < -3660 || ev.CalendarDays > 3660 || ev.WorkingDays < -400 || ev.WorkingDays > 400 {
			return fmt.Errorf("%w: %s: calendar_days must be within ±3660 and working_days within ±400", ErrRulesFile, where)
		}
		if ev.Time != "" {
			if _, _, err := parseClock(ev.Time); err != nil {
				return fmt.Errorf("%w: %s: time: %v", ErrRulesFile, where, err)
			}
		}
		if !ev.Confidence.valid() {
			return fmt.Errorf("%w: %s: confidence %q", ErrRulesFile, where, ev.Confidence)
		}
		if !ev.EffectiveTo.IsZero() && ev.EffectiveTo.Before(ev.EffectiveFrom) {
			return fmt.Errorf("%w: %s: effective_to is before effective_from", ErrRulesFile, where)
		}
		if !ev.DateBasis.valid() {
			return fmt.Errorf("%w: %s: date_basis %q (use act, reported, unknown or case)", ErrRulesFile, where, ev.DateBasis)
		}
		if err := checkSource(where, ev.Source); err != nil {
			return err
		}
		if err := ev.When.check(seen); err != nil {
			return fmt.Errorf("%w: %s: when: %v", ErrRulesFile, where, err)
		}
	}
	return p.validateClocks(checkSource)
}

func anchorNames() []string {
	var out []string
	for k := range anchors {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
