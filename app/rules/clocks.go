package rules

import (
	"fmt"
	"sort"
	"strings"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// ClockRule is one variant of a legal clock: a deadline that runs from a
// date of the employee, a family member or the company (an entry into the
// country, a signed contract, an expiry), outside any one case. Several
// variants may share an ID; the first one in force on the anchor date (the
// day the clock starts) decides, as clauses do for the filing day. Which
// dates the anchors are is fixed in code (app/clocks); who a variant
// applies to, its period and its length are data, so a change in the law is
// a new entry in the rules file; a new ID on a known anchor is computed too.
type ClockRule struct {
	ID string `json:"id"`
	// Anchor names the date the clock runs from (see ClockAnchors).
	Anchor string `json:"anchor"`
	// AppliesTo names the people the source speaks of (see ClockPopulations).
	AppliesTo string `json:"applies_to"`
	// CalendarDays then WorkingDays (on the Kazakh calendar) give the due
	// date from the anchor; both zero: the anchor date itself.
	CalendarDays int `json:"calendar_days"`
	WorkingDays  int `json:"working_days"`
	// Notice: the variant dates nothing; it tells the clerk that no rule is
	// established for these people (shown with the anchor date).
	Notice        bool       `json:"notice,omitempty"`
	Title         i18n.Text  `json:"title"`
	Note          i18n.Text  `json:"note"`
	Source        string     `json:"source"`
	Confidence    Confidence `json:"confidence"`
	EffectiveFrom civil.Date `json:"effective_from"`
	EffectiveTo   civil.Date `json:"effective_to"`
	DateBasis     DateBasis  `json:"date_basis,omitempty"`
	// PeriodOf says which day EffectiveFrom/EffectiveTo are checked
	// against: "anchor" (default: the rule in force when the clock
	// started) or "due" (a liability that attaches on the due day, such
	// as a fine in force by then).
	PeriodOf string `json:"period_of,omitempty"`
}

// InForce reports whether the variant applies to a clock started on day d.
func (c ClockRule) InForce(d civil.Date) bool {
	return Clause{EffectiveFrom: c.EffectiveFrom, EffectiveTo: c.EffectiveTo}.inForce(d)
}

// Basis is the variant's effective date basis (see DateBasis).
func (c ClockRule) Basis() DateBasis { return basisOf(c.DateBasis, c.EffectiveFrom) }

// ClockAnchors are the dates a clock may run from, with what each is.
var ClockAnchors = map[string]string{
	"entry_date":           "the employee's last entry into Kazakhstan",
	"address_changed":      "the day the employee moved to a new address",
	"contract_signed":      "the day the employment contract was signed (until it is entered in ESUTD)",
	"contract_end":         "the end of the employment contract",
	"work_permit_expiry":   "the expiry of the employer's permit to attract foreign labour for the employee",
	"employer_changed":     "the change of employer (until a TRP issued on or after it is recorded)",
	"passport_before_trp":  "a passport expiring before the TRP it carries",
	"contract_before_trp":  "a contract ending before the TRP",
	"principal_trp_expiry": "the worker's TRP expiry, for each family member",
	"sixteenth_birthday":   "a family member's 16th birthday",
	"eds_expiry":           "the expiry of the company's EDS keys",
}

// ClockPopulations are the people a clock variant may apply to.
var ClockPopulations = map[string]string{
	"everyone":    "every person the anchor exists for",
	"non_eaeu":    "citizens of countries outside the EAEU",
	"no_trp":      "people without a TRP valid on the anchor day",
	"trp":         "people with a TRP valid on the anchor day",
	"visa_free":   "non-EAEU people without a TRP valid on the anchor day who did not enter on a visa",
	"trp_or_eaeu": "TRP holders and EAEU citizens (for notices that no rule is established for them)",
	"visa_entry":  "non-EAEU people without a TRP valid on the anchor day who entered on a visa (for notices)",
	"child":       "family members recorded as children",
}

// Clocks lists the clock variants in rules order.
func (s *Set) Clocks() []ClockRule { return append([]ClockRule(nil), s.procedures.Clocks...) }

func (p Procedures) validateClocks(checkSource func(where, id string) error) error {
	for i, c := range p.Clocks {
		where := fmt.Sprintf("clocks[%d] %s", i, c.ID)
		if c.ID == "" {
			return fmt.Errorf("%w: clocks[%d]: id is missing", ErrRulesFile, i)
		}
		if _, ok := ClockAnchors[c.Anchor]; !ok {
			return fmt.Errorf("%w: %s: anchor %q (use %s)", ErrRulesFile, where, c.Anchor, strings.Join(sortedKeys(ClockAnchors), ", "))
		}
		if _, ok := ClockPopulations[c.AppliesTo]; !ok {
			return fmt.Errorf("%w: %s: applies_to %q (use %s)", ErrRulesFile, where, c.AppliesTo, strings.Join(sortedKeys(ClockPopulations), ", "))
		}
		if c.CalendarDays < -3660 || c.CalendarDays > 3660 || c.WorkingDays < -400 || c.WorkingDays > 400 {
			return fmt.Errorf("%w: %s: calendar_days must be within ±3660 and working_days within ±400", ErrRulesFile, where)
		}
		if !c.Confidence.valid() {
			return fmt.Errorf("%w: %s: confidence %q (use official, practice or assumption)", ErrRulesFile, where, c.Confidence)
		}
		if miss := c.Title.Missing(); len(miss) > 0 {
			return fmt.Errorf("%w: %s: title lacks %v", ErrRulesFile, where, miss)
		}
		if miss := c.Note.Missing(); len(miss) > 0 {
			return fmt.Errorf("%w: %s: note lacks %v", ErrRulesFile, where, miss)
		}
		if !c.EffectiveTo.IsZero() && c.EffectiveTo.Before(c.EffectiveFrom) {
			return fmt.Errorf("%w: %s: effective_to is before effective_from", ErrRulesFile, where)
		}
		if !c.DateBasis.valid() {
			return fmt.Errorf("%w: %s: date_basis %q (use act, reported or unknown)", ErrRulesFile, where, c.DateBasis)
		}
		if c.PeriodOf != "" && c.PeriodOf != "anchor" && c.PeriodOf != "due" {
			return fmt.Errorf("%w: %s: period_of %q (use anchor or due)", ErrRulesFile, where, c.PeriodOf)
		}
		if err := checkSource(where, c.Source); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
