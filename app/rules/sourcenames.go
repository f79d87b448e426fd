package rules

import (
	"regexp"
	"strings"

	"dossier/app/civil"
)

// sourceRef is a source's ID as the rules data cites it inside a note:
// "(S10)", "practice: S12, S52".
var sourceRef = regexp.MustCompile(`\bS[0-9]+\b`)

// SourceLabel is a source as the clerk reads it: its title and, when the
// source is dated and the title does not already say the date, the date in
// brackets. An untitled source is named by id.
func SourceLabel(id, title string, date civil.Date) string {
	if strings.TrimSpace(title) == "" {
		return id
	}
	if date.IsZero() || strings.Contains(title, date.DMY()) {
		return title
	}
	return title + " (" + date.DMY() + ")"
}

// SourceName is the label (see SourceLabel) of the source id, or id as it
// is when the rules do not know it.
func (s *Set) SourceName(id string) string {
	if src, ok := s.Source(id); ok {
		return SourceLabel(id, src.Title, src.Date)
	}
	return id
}

// NameSources replaces the source IDs cited in a note with the sources'
// titles in quotes, so a clerk never reads an internal code such as "S10".
// IDs the rules do not know are left as written.
func (s *Set) NameSources(text string) string {
	if !strings.Contains(text, "S") {
		return text
	}
	return sourceRef.ReplaceAllStringFunc(text, func(id string) string {
		if name := s.SourceName(id); name != id {
			return "«" + name + "»"
		}
		return id
	})
}
