package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"dossier/app/civil"
	"dossier/app/cleantext"
	"dossier/app/i18n"
	"dossier/app/kz"
)

// CaseSchema is the current version of the case file format (docs/cli.md).
const CaseSchema = 1

// Case is one application: who applies, for what, how and when.
type Case struct {
	Schema     int        `json:"schema"`
	Purpose    string     `json:"purpose"` // work | family
	Kind       string     `json:"kind"`    // extension | first
	Channel    string     `json:"channel"` // online | paper
	FilingDate civil.Date `json:"filing_date"`
	// FilingTime is the planned time of filing, "HH:MM" Kazakhstan time,
	// optional: online, owners must approve by 12:00 the same day (S11).
	FilingTime string     `json:"filing_time,omitempty"`
	Applicant  Applicant  `json:"applicant"`
	Employer   Employer   `json:"employer"`
	Housing    Housing    `json:"housing"`
	Principal  *Principal `json:"principal,omitempty"`
}

// Applicant is the foreigner the permit is for.
type Applicant struct {
	Name            string     `json:"name"`
	Citizenship     string     `json:"citizenship"` // ISO 3166-1 alpha-2
	BirthDate       civil.Date `json:"birth_date"`
	IIN             string     `json:"iin,omitempty"`
	PermitExpires   civil.Date `json:"permit_expires"`
	PermitIssued    civil.Date `json:"permit_issued"`
	Fingerprinted   bool       `json:"fingerprinted"`
	FingerprintedOn civil.Date `json:"fingerprinted_on"`
	// The fields below are optional for the checklist; the papers the
	// employer writes (app/papers) need them.
	NameLatin       string     `json:"name_latin,omitempty"` // as in the passport
	PassportNumber  string     `json:"passport_number,omitempty"`
	PassportExpires civil.Date `json:"passport_expires,omitempty"`
	ContractEnds    civil.Date `json:"contract_ends,omitempty"`
}

// Employer is the receiving party for a work permit.
type Employer struct {
	Name string `json:"name"`
	BIN  string `json:"bin,omitempty"`
	// Optional, for the employer's letter (app/papers).
	Address          string `json:"address,omitempty"` // legal address
	RKA              string `json:"rka,omitempty"`
	DirectorName     string `json:"director_name,omitempty"`
	DirectorPosition string `json:"director_position,omitempty"`
}

// Housing says who must consent to the applicant living there.
type Housing struct {
	OwnedByApplicant bool `json:"owned_by_applicant"`
	Owners           int  `json:"owners"`
	// OwnersAbroad is how many of the owners are outside Kazakhstan: they
	// can neither come to the ЦОН nor sign a consent at a notary here.
	OwnersAbroad int `json:"owners_abroad,omitempty"`
	// Optional, for the papers (app/papers): the residence address, its
	// RKA, how a paper filing proves the owners' consent, and who they are.
	Address   string  `json:"address,omitempty"`
	RKA       string  `json:"rka,omitempty"`
	Consent   string  `json:"consent,omitempty"` // notary | in_person | proxy
	OwnerList []Owner `json:"owner_list,omitempty"`
}

// Owner is one owner of the applicant's housing.
type Owner struct {
	Name   string `json:"name"`
	IIN    string `json:"iin,omitempty"`
	Abroad bool   `json:"abroad,omitempty"`
}

// Principal is the foreign worker a family member joins.
type Principal struct {
	Name          string     `json:"name"`
	Relation      string     `json:"relation,omitempty"` // spouse | child | parent
	PermitExpires civil.Date `json:"permit_expires"`
}

// CaseError is one problem with a case file: where, what, and the message
// arguments. Message gives the text in a language.
type CaseError struct {
	Path string // e.g. "applicant.birth_date"
	Code string // stable: syntax, unknown_field, missing, type, date, value, country, …
	Args []any
}

func (e CaseError) Error() string { return e.Message(i18n.EN) }

// Message renders the problem for a person, prefixed with the field's path.
func (e CaseError) Message(lang i18n.Lang) string {
	if e.Path == "" {
		return e.Text(lang)
	}
	return e.Path + ": " + e.Text(lang)
}

// Text renders the problem without the path, for forms that show it beside
// the field.
func (e CaseError) Text(lang i18n.Lang) string {
	return i18n.T(lang, "rules.case."+e.Code, e.Args...)
}

// CaseErrors is every problem found in a case file, in file order.
type CaseErrors []CaseError

// ErrCase is matched by errors.Is on CaseErrors.
var ErrCase = errors.New("invalid case")

func (es CaseErrors) Error() string {
	var parts []string
	for _, e := range es {
		parts = append(parts, e.Error())
	}
	return strings.Join(parts, "; ")
}

func (es CaseErrors) Is(target error) bool { return target == ErrCase }

// field describes one key of the case file.
type field struct {
	kind   string // string, date, bool, int, object
	values []string
	sub    map[string]field
}

var caseFields = map[string]field{
	"schema":      {kind: "int"},
	"purpose":     {kind: "string", values: []string{"work", "family"}},
	"kind":        {kind: "string", values: []string{"extension", "first"}},
	"channel":     {kind: "string", values: []string{"online", "paper"}},
	"filing_date": {kind: "date"},
	"filing_time": {kind: "time"},
	"applicant": {kind: "object", sub: map[string]field{
		"name":             {kind: "string"},
		"citizenship":      {kind: "country"},
		"birth_date":       {kind: "date"},
		"iin":              {kind: "string"},
		"permit_expires":   {kind: "date"},
		"permit_issued":    {kind: "date"},
		"fingerprinted":    {kind: "bool"},
		"fingerprinted_on": {kind: "date"},
		"name_latin":       {kind: "string"},
		"passport_number":  {kind: "string"},
		"passport_expires": {kind: "date"},
		"contract_ends":    {kind: "date"},
	}},
	"employer": {kind: "object", sub: map[string]field{
		"name":              {kind: "string"},
		"bin":               {kind: "string"},
		"address":           {kind: "string"},
		"rka":               {kind: "string"},
		"director_name":     {kind: "string"},
		"director_position": {kind: "string"},
	}},
	"housing": {kind: "object", sub: map[string]field{
		"owned_by_applicant": {kind: "bool"},
		"owners":             {kind: "int"},
		"owners_abroad":      {kind: "int"},
		"address":            {kind: "string"},
		"rka":                {kind: "string"},
		"consent":            {kind: "string", values: []string{"notary", "in_person", "proxy"}},
		"owner_list": {kind: "list", sub: map[string]field{
			"name":   {kind: "string"},
			"iin":    {kind: "string"},
			"abroad": {kind: "bool"},
		}},
	}},
	"principal": {kind: "object", sub: map[string]field{
		"name":           {kind: "string"},
		"relation":       {kind: "string", values: []string{"spouse", "child", "parent"}},
		"permit_expires": {kind: "date"},
	}},
}

// ParseCase reads a case file and reports every problem at once: unknown
// fields, missing fields, impossible dates, unknown countries, contradictions.
func ParseCase(data []byte) (Case, error) {
	var errs CaseErrors
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return Case{}, CaseErrors{{Code: "syntax", Args: []any{lineOf(data, syn.Offset), syn.Error()}}}
		}
		return Case{}, CaseErrors{{Code: "syntax", Args: []any{lineOf(data, int64(len(data))), err.Error()}}}
	}
	if _, err := dec.Token(); err == nil {
		return Case{}, CaseErrors{{Code: "trailing"}}
	}
	obj, ok := root.(map[string]any)
	if !ok {
		return Case{}, CaseErrors{{Code: "not_object"}}
	}
	checkObject("", obj, caseFields, &errs)

	var c Case
	if len(errs) == 0 {
		// The shape is right, so this decode only fills the struct.
		if err := json.Unmarshal(data, &c); err != nil {
			errs = append(errs, CaseError{Code: "syntax", Args: []any{1, err.Error()}})
			return Case{}, errs
		}
		if c.Schema == 0 {
			c.Schema = CaseSchema
		}
		housing, _ := obj["housing"].(map[string]any)
		if owners, present := housing["owners"]; (!present || owners == nil) && !c.Housing.OwnedByApplicant {
			c.Housing.Owners = 1
		}
		// Line breaks and tabs in a name become spaces, invisible marks go.
		for _, f := range []*string{&c.Applicant.Name, &c.Applicant.IIN, &c.Employer.Name, &c.Employer.BIN,
			&c.Applicant.NameLatin, &c.Applicant.PassportNumber, &c.Employer.RKA, &c.Employer.DirectorName,
			&c.Employer.DirectorPosition, &c.Housing.RKA} {
			*f, _ = cleantext.Clean(*f)
		}
		for i := range c.Housing.OwnerList {
			o := &c.Housing.OwnerList[i]
			o.Name, _ = cleantext.Clean(o.Name)
			o.IIN, _ = cleantext.Clean(o.IIN)
		}
		if c.Principal != nil {
			c.Principal.Name, _ = cleantext.Clean(c.Principal.Name)
		}
		c.Applicant.Citizenship = strings.ToUpper(c.Applicant.Citizenship)
		if c.Applicant.BirthDate.IsZero() && c.Applicant.IIN != "" {
			// A valid IIN carries the birth date: no need to type it twice.
			if info := kz.ParseIIN(c.Applicant.IIN, civil.Date{}); info.Valid {
				c.Applicant.BirthDate = info.BirthDate
			}
		}
		errs = append(errs, c.checkRequired(obj)...)
		errs = append(errs, c.checkConsistent()...)
	}
	if len(errs) > 0 {
		return Case{}, errs
	}
	return c, nil
}

// checkCountry checks a citizenship: a country code, not Kazakhstan's. An
// empty one is not chosen yet (a blank trial case) and is said so, not
// called a wrong code.
func checkCountry(path, s string, errs *CaseErrors) {
	code := strings.ToUpper(strings.TrimSpace(s))
	switch {
	case code == "":
		*errs = append(*errs, CaseError{Path: path, Code: "country_empty"})
	case strings.ToUpper(s) == "KZ":
		*errs = append(*errs, CaseError{Path: path, Code: "kz_citizen"})
	case !IsCountry(strings.ToUpper(s)):
		*errs = append(*errs, CaseError{Path: path, Code: "country", Args: []any{s}})
	}
}

func checkObject(prefix string, obj map[string]any, fields map[string]field, errs *CaseErrors) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := prefix + k
		f, known := fields[k]
		if !known {
			*errs = append(*errs, CaseError{Path: path, Code: "unknown_field", Args: []any{strings.Join(fieldNames(fields), ", ")}})
			continue
		}
		v := obj[k]
		if v == nil {
			continue // null means "not given"
		}
		switch f.kind {
		case "list":
			items, ok := v.([]any)
			if !ok {
				*errs = append(*errs, CaseError{Path: path, Code: "type_list"})
				continue
			}
			for i, it := range items {
				sub, ok := it.(map[string]any)
				if !ok {
					*errs = append(*errs, CaseError{Path: fmt.Sprintf("%s[%d]", path, i), Code: "type_object"})
					continue
				}
				checkObject(fmt.Sprintf("%s[%d].", path, i), sub, f.sub, errs)
			}
		case "object":
			sub, ok := v.(map[string]any)
			if !ok {
				*errs = append(*errs, CaseError{Path: path, Code: "type_object"})
				continue
			}
			checkObject(path+".", sub, f.sub, errs)
		case "string", "country":
			s, ok := v.(string)
			if !ok {
				*errs = append(*errs, CaseError{Path: path, Code: "type_string"})
				continue
			}
			if bad := cleantext.Bad(s); bad >= 0 {
				// A control character or a text-direction override: refused
				// here, as in the employee form and the roster import.
				*errs = append(*errs, CaseError{Path: path, Code: "control_char", Args: []any{cleantext.Code(bad)}})
				continue
			}
			if f.kind == "country" {
				checkCountry(path, s, errs)
			}
			if len(f.values) > 0 && !contains(f.values, s) {
				*errs = append(*errs, CaseError{Path: path, Code: "value", Args: []any{s, strings.Join(f.values, ", ")}})
			}
		case "date":
			s, ok := v.(string)
			if !ok {
				*errs = append(*errs, CaseError{Path: path, Code: "type_date"})
				continue
			}
			if bad := cleantext.Bad(s); bad >= 0 {
				*errs = append(*errs, CaseError{Path: path, Code: "control_char", Args: []any{cleantext.Code(bad)}})
				continue
			}
			if _, err := civil.Parse(s); err != nil {
				*errs = append(*errs, CaseError{Path: path, Code: "date", Args: []any{s}})
			}
		case "time":
			s, ok := v.(string)
			if !ok {
				*errs = append(*errs, CaseError{Path: path, Code: "type_time"})
				continue
			}
			if _, _, err := parseClock(s); err != nil {
				*errs = append(*errs, CaseError{Path: path, Code: "time", Args: []any{s}})
			}
		case "bool":
			if _, ok := v.(bool); !ok {
				*errs = append(*errs, CaseError{Path: path, Code: "type_bool"})
			}
		case "int":
			n, ok := v.(json.Number)
			if _, err := n.Int64(); !ok || err != nil {
				*errs = append(*errs, CaseError{Path: path, Code: "type_int"})
			}
		}
	}
}

func fieldNames(fields map[string]field) []string {
	out := make([]string, 0, len(fields))
	for k := range fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkRequired reports missing fields; what is required depends on the case.
func (c Case) checkRequired(obj map[string]any) CaseErrors {
	var errs CaseErrors
	miss := func(path string) { errs = append(errs, CaseError{Path: path, Code: "missing"}) }
	if c.Schema < 0 {
		errs = append(errs, CaseError{Path: "schema", Code: "value", Args: []any{fmt.Sprint(c.Schema), "1"}})
	}
	if c.Schema > CaseSchema {
		errs = append(errs, CaseError{Path: "schema", Code: "schema_newer", Args: []any{c.Schema, CaseSchema}})
	}
	if c.Purpose == "" {
		miss("purpose")
	}
	if c.Kind == "" {
		miss("kind")
	}
	if c.Channel == "" {
		miss("channel")
	}
	if c.FilingDate.IsZero() {
		miss("filing_date")
	}
	if obj["applicant"] == nil {
		miss("applicant")
	} else {
		if c.Applicant.Citizenship == "" {
			miss("applicant.citizenship")
		}
		if c.Applicant.BirthDate.IsZero() {
			if c.Applicant.IIN != "" {
				// The birth date would have come from the IIN: say why it did not.
				errs = append(errs, CaseError{Path: "applicant.iin", Code: "iin_no_birth"})
			} else {
				miss("applicant.birth_date")
			}
		}
		if c.Kind == "extension" && c.Applicant.PermitExpires.IsZero() {
			miss("applicant.permit_expires")
		}
	}
	if obj["housing"] == nil {
		miss("housing")
	}
	if c.Purpose == "work" && strings.TrimSpace(c.Employer.Name) == "" {
		miss("employer.name")
	}
	if c.Purpose == "family" {
		if c.Principal == nil {
			miss("principal")
		} else if c.Principal.PermitExpires.IsZero() {
			miss("principal.permit_expires")
		}
	}
	return errs
}

// checkConsistent reports values that cannot all be true.
func (c Case) checkConsistent() CaseErrors {
	var errs CaseErrors
	a := c.Applicant
	if !a.BirthDate.IsZero() && !c.FilingDate.IsZero() && a.BirthDate.After(c.FilingDate) {
		errs = append(errs, CaseError{Path: "applicant.birth_date", Code: "born_after_filing", Args: []any{a.BirthDate.DMY(), c.FilingDate.DMY()}})
	}
	if !a.PermitIssued.IsZero() && !a.PermitExpires.IsZero() && a.PermitIssued.After(a.PermitExpires) {
		errs = append(errs, CaseError{Path: "applicant.permit_issued", Code: "issued_after_expiry", Args: []any{a.PermitIssued.DMY(), a.PermitExpires.DMY()}})
	}
	if !a.FingerprintedOn.IsZero() && !a.Fingerprinted {
		errs = append(errs, CaseError{Path: "applicant.fingerprinted_on", Code: "fingerprint_contradiction"})
	}
	if (!c.Housing.OwnedByApplicant && c.Housing.Owners < 1) || c.Housing.Owners < 0 || c.Housing.Owners > 50 {
		errs = append(errs, CaseError{Path: "housing.owners", Code: "owners", Args: []any{c.Housing.Owners}})
	}
	if c.Housing.OwnersAbroad < 0 || c.Housing.OwnersAbroad > c.Housing.Owners {
		errs = append(errs, CaseError{Path: "housing.owners_abroad", Code: "owners_abroad", Args: []any{c.Housing.OwnersAbroad, c.Housing.Owners}})
	}
	if c.Purpose == "work" && c.Principal != nil {
		errs = append(errs, CaseError{Path: "principal", Code: "principal_for_work"})
	}
	return errs
}

// lineOf returns the 1-based line of a byte offset.
func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// MarshalCase writes a case file in the documented form.
func MarshalCase(c Case) ([]byte, error) {
	if c.Schema == 0 {
		c.Schema = CaseSchema
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal case: %w", err)
	}
	return append(b, '\n'), nil
}
