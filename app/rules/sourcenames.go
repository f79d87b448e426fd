package rules

import (
	"regexp"
	"strings"
)

// sourceRef is a source's ID as the rules data cites it inside a note:
// "(S10)", "practice: S12, S52".
var sourceRef = regexp.MustCompile(`\bS[0-9]+\b`)

// SourceName is how a clerk reads a cited source: its title (which carries
// the act's number and date where the source has them), or the ID as it is
// when the rules do not know it.
func (s *Set) SourceName(id string) string {
	if src, ok := s.Source(id); ok && strings.TrimSpace(src.Title) != "" {
		return src.Title
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
