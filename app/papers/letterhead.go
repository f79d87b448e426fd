package papers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"dossier/app/i18n"
	"dossier/app/rules"
)

// A company can print the letter on its own letterhead: a .docx with
// {placeholders} where the letter's values go, in the body, a header or a
// footer. It is filled by the run-merging filler of fill.go (go-docx was
// measured and missed split placeholders, see docs/papers.md). A template
// naming a field Dossier does not know, or lacking one the letter must
// carry, is refused with the field's name.

// Limits for an imported letterhead: it comes from outside.
const (
	maxLetterhead      = 20 << 20  // the .docx itself
	maxLetterheadParts = 500       // entries in its zip
	maxLetterheadXML   = 100 << 20 // all entries, uncompressed, as the zip declares them
	maxLetterheadPart  = 16 << 20  // one body, header or footer part, uncompressed
)

// MaxLetterhead is the largest letterhead file Dossier takes (20 MB): a
// letterhead with a logo is a few hundred kilobytes.
const MaxLetterhead = maxLetterhead

// letterheadRequired are the fields the letter must carry on any letterhead:
// the employee, the procedure and term, the residence, who signs and when.
// The company's own name, BIN and address may be printed on the letterhead.
var letterheadRequired = []string{
	"applicant.name_latin", "applicant.citizenship", "applicant.passport_number",
	"applicant.passport_expires", "procedure", "term", "housing.address", "housing.rka",
	"employer.director_name", "date",
}

// LetterheadError is a letterhead template Dossier refuses.
type LetterheadError struct {
	Unknown []string // placeholders Dossier has no value for
	Missing []string // placeholders the letter needs and the template lacks
	Broken  error    // not a .docx Dossier can read
	// Reason names what kind of file it is instead (see sniff.go):
	// papers.err.letterhead_<Reason> says it and what to do. Empty with
	// Broken set: a damaged .docx.
	Reason string
	Args   []any // the message's values (sizes in MB, counts)
}

// ErrLetterhead is matched by errors.Is on *LetterheadError.
var ErrLetterhead = errors.New("papers: letterhead refused")

func (e *LetterheadError) Error() string        { return e.Message(i18n.EN) }
func (e *LetterheadError) Is(target error) bool { return target == ErrLetterhead }
func (e *LetterheadError) Unwrap() error        { return e.Broken }

// Message says what is wrong with the template, in the clerk's language.
func (e *LetterheadError) Message(lang i18n.Lang) string {
	var parts []string
	switch {
	case e.Reason != "":
		parts = append(parts, i18n.T(lang, "papers.err.letterhead_"+e.Reason, e.Args...))
	case e.Broken != nil:
		parts = append(parts, i18n.T(lang, "papers.err.letterhead_broken"))
	}
	if len(e.Unknown) > 0 {
		parts = append(parts, i18n.T(lang, "papers.err.letterhead_unknown", braces(e.Unknown), braces(allowedPlaceholders())))
	}
	if len(e.Missing) > 0 {
		parts = append(parts, i18n.T(lang, "papers.err.letterhead_missing", braces(e.Missing)))
	}
	return strings.Join(parts, "; ")
}

func braces(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + n + "}"
	}
	return strings.Join(out, ", ")
}

// allowedPlaceholders are those a letterhead may use: the letter's, not an
// owner's.
func allowedPlaceholders() []string {
	var out []string
	for k := range knownPlaceholders {
		if !strings.HasPrefix(k, "owner.") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// checkZip refuses what is not a Word document Dossier can fill, before
// reading any part: another kind of file (an old .doc, a password-protected
// .docx, a PDF, a .docm with macros), a zip bomb or thousands of parts.
func checkZip(data []byte) (*zip.Reader, error) {
	if err := sniff(data); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &LetterheadError{Broken: err, Reason: "not_docx"}
	}
	if len(zr.File) > maxLetterheadParts {
		return nil, &LetterheadError{Broken: fmt.Errorf("%d parts", len(zr.File)), Reason: "parts", Args: []any{len(zr.File), maxLetterheadParts}}
	}
	var total uint64
	hasDoc := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		hasDoc = hasDoc || f.Name == "word/document.xml"
		if fillablePart(f.Name) && f.UncompressedSize64 > maxLetterheadPart {
			return nil, bomb(f.UncompressedSize64)
		}
	}
	if total > maxLetterheadXML {
		return nil, bomb(total)
	}
	if err := checkKind(zr, hasDoc); err != nil {
		return nil, err
	}
	return zr, nil
}

// bomb refuses a zip that would unpack to far more than a letter.
func bomb(size uint64) error {
	return &LetterheadError{Broken: fmt.Errorf("%d MB unpacked", size>>20), Reason: "bomb", Args: []any{int((size + 1<<20 - 1) >> 20)}}
}

// CheckLetterhead reads a letterhead template and returns the placeholders
// it uses, or a *LetterheadError.
func CheckLetterhead(data []byte) ([]string, error) {
	zr, err := checkZip(data)
	if err != nil {
		return nil, err
	}
	var list []string
	for _, f := range zr.File {
		if !fillablePart(f.Name) {
			continue
		}
		b, err := readPart(f)
		if err != nil {
			return nil, &LetterheadError{Broken: fmt.Errorf("%s: %w", f.Name, err)}
		}
		names, err := partPlaceholders(b)
		if err != nil {
			return nil, &LetterheadError{Broken: fmt.Errorf("%s: %w", f.Name, err)}
		}
		list = append(list, names...)
	}
	return checkNames(list)
}

func checkNames(list []string) ([]string, error) {
	seen := map[string]bool{}
	var names, unknown []string
	for _, p := range list {
		name := p
		if seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, name)
		if !knownPlaceholders[name] || strings.HasPrefix(name, "owner.") {
			unknown = append(unknown, name)
		}
	}
	var missing []string
	for _, r := range letterheadRequired {
		if !seen[r] {
			missing = append(missing, r)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 || len(missing) > 0 {
		return nil, &LetterheadError{Unknown: unknown, Missing: missing}
	}
	return names, nil
}

// FillLetterhead fills a company's letterhead template with the case's
// letter values in a language. A value the template uses and the case lacks
// is a *MissingError, as for the default letter; nothing is returned then.
func (lib *Library) FillLetterhead(data []byte, c rules.Case, opt Options) ([]byte, error) {
	names, err := CheckLetterhead(data)
	if err != nil {
		return nil, err
	}
	words, ok := lib.words[opt.Lang]
	if !ok {
		return nil, fmt.Errorf("papers: language %q: only ru and kk", opt.Lang)
	}
	v := values(c, opt, words.Words)
	fill := map[string]string{}
	e := &MissingError{}
	for _, n := range names {
		val := strings.TrimSpace(v[n])
		if val == "" {
			path, why := casePath(n, 0)
			e.Fields = append(e.Fields, Missing{path, why})
			continue
		}
		fill[n] = val
	}
	if len(e.Fields) > 0 {
		sort.Slice(e.Fields, func(i, j int) bool { return e.Fields[i].Path < e.Fields[j].Path })
		return nil, e
	}
	zr, err := checkZip(data)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if !fillablePart(f.Name) {
			if err := zw.Copy(f); err != nil { // as it was, compressed bytes and all
				return nil, fmt.Errorf("letterhead: %w", err)
			}
			continue
		}
		b, err := readPart(f)
		if err != nil {
			return nil, &LetterheadError{Broken: err}
		}
		filled, err := fillPart(b, fill)
		if err != nil {
			return nil, fmt.Errorf("letterhead: %s: %w", f.Name, err)
		}
		if left, err := partPlaceholders(filled); err != nil || len(left) > 0 {
			// A value that itself reads as {something}: refuse rather than
			// print a letter that looks unfilled.
			return nil, fmt.Errorf("letterhead: %s: placeholder left after filling: %v %v", f.Name, left, err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return nil, fmt.Errorf("letterhead: %w", err)
		}
		if _, err := w.Write(filled); err != nil {
			return nil, fmt.Errorf("letterhead: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("letterhead: %w", err)
	}
	return out.Bytes(), nil
}

// DocxText is the text of a .docx's body as Word lays it out in lines: a
// line per paragraph and per line break, a tab as spaces. It is what a
// filled letterhead says, for the window's preview.
func DocxText(data []byte) (string, error) {
	zr, err := checkZip(data)
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		b, err := readPart(f)
		if err != nil {
			return "", fmt.Errorf("letterhead: %w", err)
		}
		return bodyText(b)
	}
	return "", &LetterheadError{Broken: errors.New("no_document"), Reason: "no_document"}
}

// bodyText reads the text of a WordprocessingML part.
func bodyText(part []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(part))
	var out strings.Builder
	inText := false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out.String(), nil
		}
		if err != nil {
			return "", fmt.Errorf("letterhead: %w", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "t":
				inText = true
			case "br", "cr":
				out.WriteString("\n")
			case "tab":
				out.WriteString("    ")
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "t":
				inText = false
			case "p":
				out.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				out.Write(el)
			}
		}
	}
}
