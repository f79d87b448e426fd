// Package papers writes the papers the employer produces for a residence
// permit from the data of a case: the employer's letter (ходатайство), the
// owners' consent drafts for a notary, the list of originals and, for an
// online filing, the values to copy into the egov form. The wording lives in
// assets/papers (one JSON file per paper and language) with each field
// marked official, practice or assumption; this package fills it and
// refuses a case that would leave a blank.
package papers

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
)

// Options are what the case does not say.
type Options struct {
	Lang string     // ru or kk
	Date civil.Date // the date printed on the letter: the day it is prepared
	// EAEU reports whether a citizenship is of the Eurasian Economic Union:
	// the letter's term is then official (S2, S3), otherwise practice.
	EAEU func(country string) bool
	// Rules decide the case's checklist, from which the originals list of
	// a paper filing is drawn.
	Rules *rules.Set
}

// Paper is one filled paper.
type Paper struct {
	Name   string // letter, consent, originals, egov
	Key    string // Name, or consent-N for the N-th owner's draft
	Lang   string
	Title  string
	File   string // file name without extension
	Blocks []Filled
	Notes  []Note // what the clerk must check before printing
	Footer string // the PDF's note: Dossier's layout, not the letterhead
}

// Filled is one paragraph with its placeholders replaced.
type Filled struct {
	Style string
	Lines []string // a "\t" separates a left and a right part
}

// Note tells the clerk where a part of the paper comes from.
type Note struct {
	Field  string
	Basis  string
	Source string
	Text   string
}

// Missing is one field of the case the papers need and do not have.
type Missing struct {
	Path   string // e.g. "employer.director_name"
	Reason string // missing, country, owners_count
}

// Label names the field for a clerk in the window: what it is and where it
// is filled in (the company, the employee, the case), e.g. "Company:
// director's name". An owner's field names the owner by number.
func (m Missing) Label(lang i18n.Lang) string {
	path, owner := m.Path, 0
	if rest, ok := strings.CutPrefix(path, "housing.owner_list["); ok {
		if i := strings.IndexByte(rest, ']'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				owner = n + 1
				path = "housing.owner." + strings.TrimPrefix(rest[i+1:], ".")
			}
		}
	}
	key := "papers.field." + path
	if !i18n.Has(key) {
		return m.Path // a field with no label yet still names itself
	}
	label := i18n.T(lang, key)
	if owner > 0 {
		label = i18n.T(lang, key, owner)
	}
	if m.Reason != "missing" {
		label += " (" + i18n.T(lang, "papers.reason."+m.Reason) + ")"
	}
	return label
}

// MissingError lists every field to fill before any paper is written.
type MissingError struct{ Fields []Missing }

// ErrMissing is matched by errors.Is on *MissingError.
var ErrMissing = errors.New("papers: case lacks data")

// ErrUnknownPlaceholder is matched when a template names a field Dossier
// does not have.
var ErrUnknownPlaceholder = errors.New("unknown placeholder")

func (e *MissingError) Error() string        { return e.Message(i18n.EN) }
func (e *MissingError) Is(target error) bool { return target == ErrMissing }

// Message names the fields to fill, in the clerk's language.
func (e *MissingError) Message(lang i18n.Lang) string {
	var parts []string
	for _, m := range e.Fields {
		parts = append(parts, m.Path+" ("+i18n.T(lang, "papers.reason."+m.Reason)+")")
	}
	return i18n.T(lang, "papers.err.missing", strings.Join(parts, "; "))
}

// Build fills every paper the case calls for, in one language. A case that
// lacks data gets a *MissingError naming every field and no paper.
func (lib *Library) Build(c rules.Case, opt Options) ([]Paper, error) {
	if _, ok := lib.templates["letter."+opt.Lang]; !ok {
		return nil, fmt.Errorf("papers: language %q: only ru and kk", opt.Lang)
	}
	words := lib.words[opt.Lang].Words
	v := values(c, opt, words)
	flags := map[string]bool{
		c.Kind:            true,
		c.Housing.Consent: true,
		"fingerprinted":   c.Applicant.Fingerprinted,
		"notary":          c.Housing.Consent == "notary",
		"in_person":       c.Housing.Consent == "in_person" || c.Housing.Consent == "proxy",
		"owners":          !c.Housing.OwnedByApplicant,
		"family":          c.Purpose == "family",
	}
	want, needOwners := wanted(c)
	missing := caseGaps(c, needOwners)
	dateGaps(c, opt, missing)
	owners := c.Housing.OwnerList
	if c.Housing.OwnedByApplicant {
		owners = nil
	}
	var out []Paper
	for _, name := range want {
		t := lib.templates[name+"."+opt.Lang]
		if name == "originals" {
			if opt.Rules == nil {
				return nil, ErrNoRules
			}
			o := originalsOf(opt.Rules, c, opt.Lang)
			t = expandDocuments(t, o, consentWay(c), words["or"])
			flags["optional_documents"] = len(o.optional) > 0
		}
		if name == "consent" {
			for i, o := range owners {
				if o.Abroad {
					continue // cannot sign at a notary here
				}
				p := fill(t, v, flags, []ownerAt{{i, o}}, missing)
				p.File = fmt.Sprintf("%s-%d", t.File, i+1)
				p.Key = fmt.Sprintf("%s-%d", name, i+1)
				out = append(out, p)
			}
			continue
		}
		var os []ownerAt
		for i, o := range owners {
			os = append(os, ownerAt{i, o})
		}
		out = append(out, fill(t, v, flags, os, missing))
	}
	if len(missing) > 0 {
		e := &MissingError{}
		for m := range missing {
			e.Fields = append(e.Fields, m)
		}
		sort.Slice(e.Fields, func(i, j int) bool { return e.Fields[i].Path < e.Fields[j].Path })
		return nil, e
	}
	for i := range out {
		out[i].Notes = termNote(out[i].Notes, c, opt)
		out[i].Footer = footer(words, out[i].Name)
	}
	return out, nil
}

// footer is the note at the foot of a paper's PDF. The letter's says the
// layout is Dossier's, not the letterhead it must be printed on; the owner's
// consent is signed by the owner and certified in the notary's own form;
// the originals list and the egov values are memos that are never filed.
func footer(words map[string]string, paper string) string {
	if f, ok := words["pdf.footer."+paper]; ok {
		return f
	}
	return words["pdf.footer"]
}

// wanted lists the papers a case calls for, and whether they name the
// housing owners.
func wanted(c rules.Case) (want []string, needOwners bool) {
	if c.Purpose == "work" {
		want = append(want, "letter")
	}
	switch c.Channel {
	case "paper":
		if c.Housing.Consent == "notary" && !c.Housing.OwnedByApplicant {
			want = append(want, "consent")
			needOwners = true
		}
		want = append(want, "originals")
	case "online":
		want = append(want, "egov")
		needOwners = !c.Housing.OwnedByApplicant
	}
	return want, needOwners
}

// caseGaps finds what the case lacks before any template is read: how a
// paper filing's owners consent, and the owners themselves.
func caseGaps(c rules.Case, needOwners bool) map[Missing]bool {
	missing := map[Missing]bool{}
	if c.Channel == "paper" && !c.Housing.OwnedByApplicant && c.Housing.Consent == "" {
		// Which papers a paper filing needs (a consent draft or none) and
		// what the originals list asks the owners to bring depend on it.
		missing[Missing{"housing.consent", "missing"}] = true
	}
	if needOwners {
		switch {
		case len(c.Housing.OwnerList) == 0:
			missing[Missing{"housing.owner_list", "missing"}] = true
		case len(c.Housing.OwnerList) != c.Housing.Owners:
			missing[Missing{"housing.owner_list", "owners_count"}] = true
		}
	}
	return missing
}

type ownerAt struct {
	index int
	rules.Owner
}

// values maps placeholders to text; an empty value is a hole.
func values(c rules.Case, opt Options, words map[string]string) map[string]string {
	a, e, h := c.Applicant, c.Employer, c.Housing
	latin, cyr := a.NameLatin, a.Name
	if latin == "" && !hasCyrillic(a.Name) {
		latin, cyr = a.Name, ""
	}
	if cyr == latin {
		cyr = ""
	}
	v := map[string]string{
		"employer.name": e.Name, "employer.bin": e.BIN, "employer.address": e.Address, "employer.rka": e.RKA,
		"employer.director_name": e.DirectorName, "employer.director_position": e.DirectorPosition,
		"applicant.name": cyr, "applicant.name_latin": latin,
		"applicant.citizenship":     words["country."+a.Citizenship],
		"applicant.birth_date":      dmy(a.BirthDate),
		"applicant.passport_number": a.PassportNumber, "applicant.passport_expires": dmy(a.PassportExpires),
		"applicant.iin": a.IIN, "housing.address": strings.TrimSpace(h.Address), "housing.rka": h.RKA,
		"procedure": words["procedure."+c.Kind], "date": dmy(opt.Date), "filing_date": dmy(c.FilingDate),
	}
	if end, _ := requestedTerm(c); !end.IsZero() {
		v["term"] = end.DMY()
	}
	return v
}

// Caps on the requested term, for the note and the message.
const (
	capYear      = "year"
	capContract  = "contract"
	capPassport  = "passport"
	capPrincipal = "principal"
)

// requestedTerm is the end of the term the letter asks for: one year from
// filing, not beyond the employment contract (S2, S3) and not beyond the
// passport's validity (S53). by names the cap that decided it. A case
// without a filing date or a contract end has no term yet.
func requestedTerm(c rules.Case) (end civil.Date, by string) {
	a := c.Applicant
	bound, boundBy := a.ContractEnds, capContract
	if c.Purpose == "family" {
		// A family member stays on the worker's terms (S2, S3): not
		// beyond the worker's own permit.
		bound, boundBy = civil.Date{}, capPrincipal
		if c.Principal != nil {
			bound = c.Principal.PermitExpires
		}
	}
	if c.FilingDate.IsZero() || bound.IsZero() {
		return civil.Date{}, ""
	}
	end, by = c.FilingDate.AddDate(1, 0, -1), capYear
	if bound.Before(end) {
		end, by = bound, boundBy
	}
	if !a.PassportExpires.IsZero() && a.PassportExpires.Before(end) {
		end, by = a.PassportExpires, capPassport
	}
	return end, by
}

// dateGaps refuses dates a migration officer would send back: a letter
// dated after the day it is filed (the case's filing date is stale, and
// with it the term and the owners' deadline), and a term that ends by the
// filing date because the contract has ended, the passport expired or, for
// a family member, the worker's own permit ends.
func dateGaps(c rules.Case, opt Options, missing map[Missing]bool) {
	if !c.FilingDate.IsZero() && !opt.Date.IsZero() && c.FilingDate.Before(opt.Date) {
		missing[Missing{"filing_date", "past"}] = true
	}
	end, by := requestedTerm(c)
	if end.IsZero() || end.After(c.FilingDate) {
		return
	}
	switch by {
	case capContract:
		missing[Missing{"applicant.contract_ends", "ended"}] = true
	case capPassport:
		missing[Missing{"applicant.passport_expires", "expired"}] = true
	case capPrincipal:
		missing[Missing{"principal.permit_expires", "principal_expired"}] = true
	}
}

func dmy(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.DMY()
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// casePath names the case field a placeholder comes from, for the message.
func casePath(name string, owner int) (string, string) {
	switch name {
	case "term":
		return "applicant.contract_ends", "missing"
	case "procedure":
		return "kind", "missing"
	case "date":
		return "date", "missing"
	case "applicant.citizenship":
		return "applicant.citizenship", "country"
	case "applicant.name_latin":
		return "applicant.name_latin", "missing"
	case "owner.name", "owner.iin":
		return fmt.Sprintf("housing.owner_list[%d].%s", owner, strings.TrimPrefix(name, "owner.")), "missing"
	}
	return name, "missing"
}

// fill writes one paper; every empty placeholder outside an optional block
// goes into missing.
func fill(t Template, v map[string]string, flags map[string]bool, owners []ownerAt, missing map[Missing]bool) Paper {
	p := Paper{Name: t.Paper, Key: t.Paper, Lang: t.Lang, Title: t.Title, File: t.File}
	noted := map[string]bool{}
	note := func(key string) {
		f, ok := t.fieldMark(key)
		if !ok {
			return
		}
		k := key
		if i := strings.IndexByte(key, '.'); i > 0 {
			if _, own := t.Fields[key]; !own {
				k = key[:i] + ".*"
			}
		}
		if noted[k] {
			return
		}
		noted[k] = true
		p.Notes = append(p.Notes, Note{Field: k, Basis: f.Basis, Source: f.Source, Text: f.Note})
	}
blocks:
	for _, b := range t.Blocks {
		for _, c := range b.When {
			if !flags[c] {
				continue blocks
			}
		}
		rounds := []ownerAt{{index: -1}}
		if b.Each == "owner" || (len(owners) == 1 && strings.Contains(b.Text, "{owner.")) {
			rounds = owners
		}
		for _, o := range rounds {
			var lines []string
			for _, line := range strings.Split(b.Text, "\n") {
				optional := b.Optional || strings.HasPrefix(line, "?")
				line = strings.TrimPrefix(line, "?")
				text, holes := fillLine(line, b.Style, v, o, flags["family"], note)
				if len(holes) > 0 {
					if optional {
						continue // a line the case may leave out, like an IIN on a first application
					}
					for _, h := range holes {
						missing[h] = true
					}
				}
				lines = append(lines, strings.Split(text, "\n")...)
			}
			if len(lines) == 0 {
				continue
			}
			if b.Mark != "" {
				note(b.Mark)
			}
			p.Blocks = append(p.Blocks, Filled{Style: b.Style, Lines: lines})
		}
	}
	return p
}

// fillLine replaces the placeholders of one line and reports the empty
// ones as holes, each under the case field to fill.
func fillLine(line, style string, v map[string]string, o ownerAt, family bool, note func(string)) (string, []Missing) {
	var holes []Missing
	text := placeholder.ReplaceAllStringFunc(line, func(m string) string {
		name := m[1 : len(m)-1]
		val := v[name]
		switch name {
		case "owner.name":
			val = o.Name
		case "owner.iin":
			val = o.IIN
		}
		if style == "body" {
			// Prose flows: a multi-line address joins its lines there, and
			// keeps them in an address block.
			val = strings.Join(strings.Fields(val), " ")
		}
		if strings.TrimSpace(val) == "" {
			path, why := casePath(name, o.index)
			if name == "term" && family {
				path = "principal.permit_expires" // a family member's term follows the worker's permit
			}
			holes = append(holes, Missing{path, why})
		}
		note(name)
		return val
	})
	return text, holes
}

// termNote marks the term official for EAEU labour (S2, S3): the sources
// say one year, not beyond the contract; otherwise the template's practice
// mark stays. When the passport's validity cuts the term short, the note
// says so, as the clerk may rather file with the new passport first.
func termNote(notes []Note, c rules.Case, opt Options) []Note {
	eaeu := opt.EAEU != nil && c.Purpose == "work" && opt.EAEU(c.Applicant.Citizenship)
	_, by := requestedTerm(c)
	for i := range notes {
		if notes[i].Field != "term" {
			continue
		}
		if eaeu {
			notes[i].Basis, notes[i].Source = Official, "S2, S3, S53"
		}
		if by == capPassport {
			notes[i].Text += " " + i18n.T(i18n.Lang(opt.Lang), "papers.note.term_passport", c.Applicant.PassportExpires.DMY())
		}
	}
	return notes
}

// Text is the paper as plain text, notes last: what the golden tests keep.
func (p Paper) Text() string {
	var b strings.Builder
	b.WriteString(p.Body())
	b.WriteString("---\n")
	for _, n := range p.Notes {
		src := ""
		if n.Source != "" {
			src = ", " + n.Source
		}
		fmt.Fprintf(&b, "[%s%s] %s: %s\n", n.Basis, src, n.Field, n.Text)
	}
	return b.String()
}

// Body is the paper's text as it is printed, a blank line between
// paragraphs: what the window's preview shows.
func (p Paper) Body() string {
	var b strings.Builder
	for _, bl := range p.Blocks {
		for _, l := range bl.Lines {
			prefix := ""
			if bl.Style == "item" {
				prefix = "• "
			}
			b.WriteString(prefix + strings.ReplaceAll(l, "\t", "    ") + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}
