package mrz

import (
	"strconv"
	"strings"
	"time"

	"dossier/app/i18n"
)

// Severity of a problem or finding: an error means the zone (or the typed
// data) is wrong, a warning that someone should look, info is for the record.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Problem codes of a decoded zone; texts are "mrz.<code>" in messages.json.
const (
	CodeShape           = "shape"            // wrong number or length of lines
	CodeBadChar         = "bad_char"         // a character no MRZ holds, or not allowed there
	CodeCheckFailed     = "check_failed"     // a field's check digit disagrees
	CodeCompositeFailed = "composite_failed" // the composite check digit disagrees
	CodeUnconfirmed     = "unconfirmed"      // the check digit agrees only after an unsure correction
	CodeBadDate         = "bad_date"         // not a date
	CodePartialDate     = "partial_date"     // day or month left unknown
	CodeExpired         = "expired"          // the document expired before today
	CodeUnknownCountry  = "unknown_country"  // not a code of ICAO 9303
	CodeUncertain       = "uncertain"        // the reader is not sure: compare with the page
	CodeNamesTruncated  = "names_truncated"  // names fill their field and may be cut short
	CodeNoSurname       = "no_surname"       // the names field holds no primary identifier
)

// Problem is something wrong or worth knowing about a decoded zone. Like the
// scan findings, it keeps a code and arguments, not text: Message makes the
// text in the reader's language.
type Problem struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Field    string   `json:"field,omitempty"`
	Args     []string `json:"args,omitempty"`
}

func problem(sev Severity, code, field string, args ...string) Problem {
	return Problem{Code: code, Severity: sev, Field: field, Args: args}
}

// Message is the problem's text in lang; the field's name comes first.
func (p Problem) Message(lang i18n.Lang) string {
	key := "mrz." + p.Code
	if !strings.Contains(i18n.T(lang, key), "%") {
		return i18n.T(lang, key) // a text that quotes nothing
	}
	args := []any{FieldName(lang, p.Field)}
	for _, a := range p.Args {
		args = append(args, a)
	}
	return i18n.T(lang, key, args...)
}

// FieldName is a field's name in lang.
func FieldName(lang i18n.Lang, field string) string {
	if field == "" {
		return ""
	}
	return i18n.T(lang, "mrz.field."+field)
}

func intsText(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

func monthOf(m int) time.Month { return time.Month(m) }

// timeNow is replaced in tests.
var timeNow = time.Now
