package papers

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	assetpapers "dossier/assets/papers"
)

// Basis says where a field's wording comes from.
const (
	Official   = "official"   // a government source prescribes it
	Practice   = "practice"   // practitioners do it this way
	Assumption = "assumption" // no source: Dossier's guess, to check
)

// Template is one paper in one language, as the JSON in assets/papers holds it.
type Template struct {
	Paper  string           `json:"paper"`
	Lang   string           `json:"lang"`
	Title  string           `json:"title"`
	File   string           `json:"file"` // base of the output file name
	Fields map[string]Field `json:"fields"`
	Blocks []Block          `json:"blocks"`
	// Documents say, for the originals list, what each checklist document
	// is for, by the rules' item id; "owner_consent.notary" and
	// "owner_consent.in_person" word the consent by how the owners give it.
	// A title here replaces the checklist's.
	Documents map[string]DocumentLine `json:"documents,omitempty"`
}

// DocumentLine is one original to bring, as the originals list words it.
type DocumentLine struct {
	Title string `json:"title,omitempty"`
	For   string `json:"for"`
}

// Field marks where a field or group of fields ("employer.*") comes from,
// and what the clerk must still check.
type Field struct {
	Basis  string `json:"basis"`
	Source string `json:"source,omitempty"`
	Note   string `json:"note,omitempty"`
}

// Block is one paragraph of a paper. Lines are split on "\n"; a "\t" in a
// sign or row line separates a left and a right part.
type Block struct {
	Style    string   `json:"style"` // title, left, right, body, sign, note, item, row
	Text     string   `json:"text"`
	Mark     string   `json:"mark,omitempty"`     // a key of Fields
	Optional bool     `json:"optional,omitempty"` // dropped when a placeholder is empty
	When     []string `json:"when,omitempty"`     // conditions that must all hold
	// Each repeats a block: "owner" once per owner; "document" once per
	// document the case's checklist requires, "optional_document" once per
	// document it marks optional ({document.title}, {document.for}).
	Each string `json:"each,omitempty"`
}

var (
	placeholder = regexp.MustCompile(`\{([a-z_]+(?:\.[a-z_]+)?)\}`)
	styles      = map[string]bool{"title": true, "left": true, "right": true, "body": true, "sign": true, "note": true, "item": true, "row": true}
	bases       = map[string]bool{Official: true, Practice: true, Assumption: true}
)

// knownPlaceholders are the names a template may use.
var knownPlaceholders = map[string]bool{
	"employer.name": true, "employer.bin": true, "employer.address": true, "employer.rka": true,
	"employer.director_name": true, "employer.director_position": true,
	"applicant.name": true, "applicant.name_latin": true, "applicant.citizenship": true,
	"applicant.birth_date": true, "applicant.passport_number": true, "applicant.passport_expires": true,
	"applicant.iin": true, "housing.address": true, "housing.rka": true,
	"owner.name": true, "owner.iin": true,
	"procedure": true, "term": true, "date": true, "filing_date": true,
}

// documentPlaceholders are those of a block repeated per document.
var documentPlaceholders = map[string]bool{"document.title": true, "document.for": true}

// eachKinds are the values of Block.Each.
var eachKinds = map[string]bool{"owner": true, "document": true, "optional_document": true}

var knownConditions = map[string]bool{"extension": true, "first": true, "notary": true, "in_person": true, "fingerprinted": true, "owners": true,
	"optional_documents": true}

// Placeholders lists the placeholders a text uses, in order.
func Placeholders(text string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// check refuses a template that would write a paper with a hole in it: an
// unknown placeholder, style, basis or mark.
func (t Template) check() error {
	if t.Title == "" || t.File == "" {
		return fmt.Errorf("%s.%s: title and file are required", t.Paper, t.Lang)
	}
	for name, f := range t.Fields {
		if f.Note == "" {
			return fmt.Errorf("%s.%s: field %q: a note for the clerk is required", t.Paper, t.Lang, name)
		}
		if !bases[f.Basis] {
			return fmt.Errorf("%s.%s: field %q: basis %q is not official, practice or assumption", t.Paper, t.Lang, name, f.Basis)
		}
	}
	for id, d := range t.Documents {
		if d.For == "" {
			return fmt.Errorf("%s.%s: document %q: what it is for is required", t.Paper, t.Lang, id)
		}
	}
	for i, b := range t.Blocks {
		if err := t.checkBlock(i, b); err != nil {
			return err
		}
	}
	return nil
}

// checkBlock refuses one block that would leave a hole: an unknown style,
// mark, condition or placeholder.
func (t Template) checkBlock(i int, b Block) error {
	if !styles[b.Style] {
		return fmt.Errorf("%s.%s: block %d: unknown style %q", t.Paper, t.Lang, i+1, b.Style)
	}
	if b.Style == "body" && strings.Contains(b.Text, "\n") {
		// Word justifies a body paragraph: a line break in it stretches
		// the words of the line before across the page.
		return fmt.Errorf("%s.%s: block %d: a body paragraph has no line breaks; use left", t.Paper, t.Lang, i+1)
	}
	if b.Mark != "" {
		if _, ok := t.Fields[b.Mark]; !ok {
			return fmt.Errorf("%s.%s: block %d: mark %q is not among the fields", t.Paper, t.Lang, i+1, b.Mark)
		}
	}
	for _, c := range b.When {
		if !knownConditions[c] {
			return fmt.Errorf("%s.%s: block %d: unknown condition %q", t.Paper, t.Lang, i+1, c)
		}
	}
	if b.Each != "" && !eachKinds[b.Each] {
		return fmt.Errorf("%s.%s: block %d: each %q: only owner, document or optional_document", t.Paper, t.Lang, i+1, b.Each)
	}
	perDocument := b.Each == "document" || b.Each == "optional_document"
	for _, p := range Placeholders(b.Text) {
		if !knownPlaceholders[p] && !(perDocument && documentPlaceholders[p]) {
			return fmt.Errorf("%s.%s: block %d: %w: {%s}", t.Paper, t.Lang, i+1, ErrUnknownPlaceholder, p)
		}
	}
	if rest := placeholder.ReplaceAllString(b.Text, ""); strings.ContainsAny(rest, "{}") {
		return fmt.Errorf("%s.%s: block %d: %w: a brace that is not a placeholder", t.Paper, t.Lang, i+1, ErrUnknownPlaceholder)
	}
	return nil
}

// fieldMark finds the mark of a placeholder: its own entry, else its group's
// ("employer.*").
func (t Template) fieldMark(name string) (Field, bool) {
	if f, ok := t.Fields[name]; ok {
		return f, true
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		f, ok := t.Fields[name[:i]+".*"]
		return f, ok
	}
	return Field{}, false
}

// Words are the phrases a template's placeholders expand to in a language:
// procedures and country names.
type Words struct {
	Lang  string            `json:"lang"`
	Words map[string]string `json:"words"`
}

// Library is every template and word list, checked.
type Library struct {
	templates map[string]Template // "letter.ru"
	words     map[string]Words    // "ru"
}

// Papers in the order they are written.
var Papers = []string{"letter", "consent", "originals", "egov"}

// Langs the papers are written in: the migration service reads these two.
var Langs = []string{"ru", "kk"}

// LoadLibrary reads and checks the shipped template data.
func LoadLibrary() (*Library, error) { return loadLibrary(assetpapers.Files) }

func loadLibrary(fsys fs.FS) (*Library, error) {
	lib := &Library{templates: map[string]Template{}, words: map[string]Words{}}
	for _, lang := range Langs {
		data, err := fs.ReadFile(fsys, "words."+lang+".json")
		if err != nil {
			return nil, fmt.Errorf("papers: %w", err)
		}
		var w Words
		if err := json.Unmarshal(data, &w); err != nil {
			return nil, fmt.Errorf("papers: words.%s.json: %w", lang, err)
		}
		if w.Words["pdf.footer"] == "" {
			return nil, fmt.Errorf("papers: words.%s.json: pdf.footer is required", lang)
		}
		lib.words[lang] = w
		for _, p := range Papers {
			name := p + "." + lang + ".json"
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("papers: %w", err)
			}
			var t Template
			dec := json.NewDecoder(strings.NewReader(string(data)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&t); err != nil {
				return nil, fmt.Errorf("papers: %s: %w", name, err)
			}
			if t.Paper != p || t.Lang != lang {
				return nil, fmt.Errorf("papers: %s says it is %s.%s", name, t.Paper, t.Lang)
			}
			if err := t.check(); err != nil {
				return nil, fmt.Errorf("papers: %w", err)
			}
			lib.templates[p+"."+lang] = t
		}
	}
	return lib, nil
}
