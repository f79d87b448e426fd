package papers

import (
	"bytes"
	"fmt"
	"strings"

	"dossier/app/i18n"
)

// A clerk rarely starts a letterhead from nothing: Dossier hands out its own
// letter with the fields still in braces, the clerk adds the logo and the
// company's details in Word and imports it back. The fields' meanings go
// into a separate text beside it, so nothing has to be deleted from the
// letter before it is imported.

// StartingLetterhead is the default letter in lang (ru or kk) as a .docx
// whose values are still {placeholders}: a letterhead CheckLetterhead
// accepts. Lines the default letter leaves out when empty (the Cyrillic
// name, the IIN) are left out here, since a letterhead cannot: an empty
// value would stop every first application's letter.
func (lib *Library) StartingLetterhead(lang string) ([]byte, error) {
	t, ok := lib.templates["letter."+lang]
	if !ok {
		return nil, fmt.Errorf("papers: language %q: only ru and kk", lang)
	}
	p := Paper{Name: t.Paper, Key: t.Paper, Lang: t.Lang, Title: t.Title, File: t.File}
	for _, b := range t.Blocks {
		if len(b.When) > 0 || b.Each != "" || b.Optional {
			continue // depends on the case: a letterhead has one text
		}
		var lines []string
		for _, line := range strings.Split(b.Text, "\n") {
			if !strings.HasPrefix(line, "?") {
				lines = append(lines, line)
			}
		}
		if len(lines) > 0 {
			p.Blocks = append(p.Blocks, Filled{Style: b.Style, Lines: lines})
		}
	}
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, p); err != nil {
		return nil, err
	}
	if _, err := CheckLetterhead(buf.Bytes()); err != nil {
		return nil, fmt.Errorf("papers: starting letterhead %s: %w", lang, err)
	}
	return buf.Bytes(), nil
}

// LetterheadFields is the list of the fields a letterhead may use, what
// each means and which the letter must carry, in the clerk's language: the
// text saved beside the starting letterhead.
func LetterheadFields(lang i18n.Lang) string {
	required := map[string]bool{}
	for _, r := range letterheadRequired {
		required[r] = true
	}
	var b strings.Builder
	b.WriteString(i18n.T(lang, "papers.letterhead.fields_title") + "\n\n")
	b.WriteString(i18n.T(lang, "papers.letterhead.fields_intro") + "\n\n")
	for _, name := range allowedPlaceholders() {
		line := "{" + name + "} — " + i18n.T(lang, "papers.placeholder."+name)
		if required[name] {
			line += " (" + i18n.T(lang, "papers.letterhead.required") + ")"
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + i18n.T(lang, "papers.letterhead.empty_note") + "\n")
	return b.String()
}
