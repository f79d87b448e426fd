package papers

import (
	"errors"
	"strings"
	"unicode"

	"dossier/app/i18n"
	"dossier/app/rules"
)

// ErrNoRules is returned when a case needs the originals list and the
// options carry no rules to decide its checklist.
var ErrNoRules = errors.New("papers: the originals list needs the rules")

// originals are the documents a paper filing brings, from the case's own
// checklist: what it requires, then what the service may ask for. Deriving
// the list from the checklist keeps the two from disagreeing: a family
// member brings the proof of kinship and the worker's permit, not an
// employer's letter; an EAEU citizen brings no health insurance.
type originals struct {
	required, optional []rules.Item
}

func originalsOf(set *rules.Set, c rules.Case, lang string) originals {
	var o originals
	for _, it := range set.Checklist(c, i18n.Lang(lang)).Items {
		if it.Kind != rules.Document {
			continue
		}
		switch it.Status {
		case rules.Required:
			o.required = append(o.required, it)
		case rules.Optional:
			o.optional = append(o.optional, it)
		}
	}
	return o
}

// expandDocuments repeats each per-document block of a template once per
// document, with its title and what it is for, and drops the block when
// there is none. The texts come from the rules and the template, never
// from the case; braces in them are turned into brackets so that they can
// never read as a placeholder.
func expandDocuments(t Template, o originals, consent, or string) Template {
	out := t
	out.Blocks = nil
	for _, b := range t.Blocks {
		var items []rules.Item
		switch b.Each {
		case "document":
			items = o.required
		case "optional_document":
			items = o.optional
		default:
			out.Blocks = append(out.Blocks, b)
			continue
		}
		for _, it := range items {
			title, purpose := t.documentLine(it, consent, or)
			nb := b
			nb.Each = ""
			nb.Text = strings.NewReplacer("{document.title}", unbrace(title), "{document.for}", unbrace(purpose)).Replace(b.Text)
			out.Blocks = append(out.Blocks, nb)
		}
	}
	return out
}

// documentLine words one original: the template's title and purpose for the
// item (for the consent, by how the owners give it), else the checklist's
// title and reason, so an item a workspace's rules add is still listed.
func (t Template) documentLine(it rules.Item, consent, or string) (title, purpose string) {
	title, purpose = it.Title, strings.TrimSuffix(strings.TrimSpace(it.Reason), ".")
	if len(it.Alternatives) > 1 {
		// Any one of them will do: the list names them all.
		var alts []string
		for i, a := range it.Alternatives {
			if i > 0 {
				a.Title = lowerFirst(a.Title)
			}
			alts = append(alts, a.Title)
		}
		title = strings.Join(alts, " "+or+" ")
	}
	keys := []string{it.ID}
	if consent != "" {
		keys = append([]string{it.ID + "." + consent}, keys...)
	}
	for _, k := range keys {
		if d, ok := t.Documents[k]; ok {
			if d.Title != "" {
				title = d.Title
			}
			purpose = d.For
			break
		}
	}
	return title, purpose
}

// lowerFirst lowers the capital a title starts with when it continues a
// sentence ("… или договор …"), and leaves an abbreviation ("ЕСУТД") be.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

func unbrace(s string) string { return strings.NewReplacer("{", "(", "}", ")").Replace(s) }

// consentWay names how the owners consent, as the originals template keys
// it: a notarized consent, or the owner (or a proxy) in person.
func consentWay(c rules.Case) string {
	switch c.Housing.Consent {
	case "notary":
		return "notary"
	case "in_person", "proxy":
		return "in_person"
	}
	return ""
}
