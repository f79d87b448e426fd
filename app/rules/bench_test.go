package rules

import (
	"testing"

	"dossier/app/i18n"
)

// The GUI recomputes the checklist and timeline on every edit of a case, and
// the schedule does it for thousands of employees: both must stay cheap.
func BenchmarkChecklist(b *testing.B) {
	s := embedded(b)
	c := seed()
	for b.Loop() {
		_ = s.Checklist(c, i18n.RU)
	}
}

func BenchmarkTimeline(b *testing.B) {
	s := embedded(b)
	c := seed()
	for b.Loop() {
		_ = s.Timeline(c, i18n.RU)
	}
}

func BenchmarkEmbeddedRules(b *testing.B) {
	for b.Loop() {
		if _, err := Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}
