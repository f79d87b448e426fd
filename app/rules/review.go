package rules

import (
	"dossier/app/i18n"
	"dossier/app/kz"
)

// Severity of a problem found in a case.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Problem is something about the case itself the user should know: a late
// filing, a worker's permit that ends first, a filing day the ЦОН is closed.
type Problem struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// HasErrors reports whether any problem is an error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SevError {
			return true
		}
	}
	return false
}

// noon is the owners' approval cut-off, in minutes after midnight (S11).
const noon = 12 * 60

// Review looks at the case's dates against the rules and the calendar.
func (s *Set) Review(c Case, lang i18n.Lang) []Problem {
	out := []Problem{}
	add := func(code string, sev Severity, args ...any) {
		out = append(out, Problem{Code: code, Severity: sev, Message: s.NameSources(i18n.T(lang, "rules.problem."+code, args...))})
	}
	cal := s.Calendar()
	a := c.Applicant
	if a.IIN != "" {
		info := kz.ParseIIN(a.IIN, c.FilingDate).In(lang)
		switch {
		case !info.Valid:
			add("iin_invalid", SevError, info.Number, info.Errors[0].Message)
		case !info.BirthDate.IsZero() && !a.BirthDate.IsZero() && !info.BirthDate.Equal(a.BirthDate):
			// The check digit misses some typos (digit 11 weighs nothing in the
			// first pass), so the birth date is the second line of defence.
			add("iin_birth_mismatch", SevWarning, info.Number, info.BirthDate.DMY(), a.BirthDate.DMY())
		}
	}
	if !a.FingerprintedOn.IsZero() && a.FingerprintedOn.After(c.FilingDate) {
		add("fingerprinted_after_filing", SevWarning, a.FingerprintedOn.DMY(), c.FilingDate.DMY())
	}
	if c.Employer.BIN != "" {
		if info := kz.ParseBIN(c.Employer.BIN, c.FilingDate).In(lang); !info.Valid {
			add("bin_invalid", SevError, info.Number, info.Errors[0].Message)
		}
	}
	if c.Kind == "extension" && !a.PermitExpires.IsZero() {
		// The deadline is the expiry itself. The "+10 calendar days" comes
		// from practice (S10: an MIA order whose date was not found), so it
		// is told as a risk, never as a day one may still file on (D6).
		latest := a.PermitExpires.AddDays(10)
		switch {
		case c.FilingDate.After(latest):
			add("filing_too_late", SevError, c.FilingDate.DMY(), a.PermitExpires.DMY())
		case c.FilingDate.After(a.PermitExpires):
			add("filing_after_expiry", SevWarning, a.PermitExpires.DMY(), c.FilingDate.DMY())
		}
	}
	if c.FilingTime != "" && c.Channel == "online" && !c.Housing.OwnedByApplicant {
		// Owners approve by 12:00 on the filing day (S11, practice): a
		// filing after noon cannot be approved that day (D8).
		if hh, mm, err := parseClock(c.FilingTime); err == nil && hh*60+mm > noon {
			add("filing_after_noon", SevWarning, c.FilingTime, c.FilingDate.DMY())
		}
	}
	if c.Purpose == "family" && c.Principal != nil && !c.Principal.PermitExpires.IsZero() {
		if c.Principal.PermitExpires.Before(c.FilingDate) {
			add("principal_expired", SevError, c.Principal.PermitExpires.DMY())
		}
	}
	if c.Channel == "paper" && !c.Housing.OwnedByApplicant && c.Housing.OwnersAbroad > 0 {
		// On paper every owner comes to the ЦОН or signs a consent at a
		// notary; one abroad can do neither here (the seed case went online
		// for this reason).
		add("owner_abroad_paper", SevWarning, c.Housing.OwnersAbroad)
	}
	if !cal.IsWorkingDay(c.FilingDate) {
		if c.Channel == "paper" {
			add("filing_day_off_paper", SevWarning, c.FilingDate.DMY(), cal.NextWorkingDay(c.FilingDate).DMY())
		} else {
			add("filing_day_off_online", SevInfo, c.FilingDate.DMY())
		}
	}
	if y := c.FilingDate.Year(); cal.CoverageOf(y) != kz.Published {
		info := cal.WithMessages(cal.Year(y), lang)
		out = append(out, calendarProblem(CalendarYear{Year: y, Coverage: info.Coverage, Notes: info.Notes}, lang))
	}
	return out
}
