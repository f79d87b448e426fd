// Package cleantext decides which characters of a typed or imported value
// may be stored. Values end up in tables, PDFs, the expiry schedule and
// filings, where an invisible character does harm: a control character
// broke the schedule's rows, a right-to-left override makes a name read
// differently from how it is stored. Line breaks and tabs (an Alt+Enter in
// an Excel cell) and invisible formatting marks are cleaned away; other
// control characters and the bidirectional overrides are refused, so the
// clerk sees which field holds one.
package cleantext

import (
	"fmt"
	"strings"
)

// Clean returns s with line breaks and tabs turned into single spaces and
// invisible formatting marks (zero-width space, byte-order mark,
// left-to-right and right-to-left marks) removed. bad is the first character
// that cannot be stored, or -1 when there is none; clean is only meaningful
// when bad is -1.
func Clean(s string) (clean string, bad rune) {
	if isPlain(s) {
		return s, -1
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch kind(r) {
		case keep:
			b.WriteRune(r)
			space = r == ' '
		case toSpace:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		case drop:
		case refuse:
			return s, r
		}
	}
	return b.String(), -1
}

// Bad returns the first character of s that Clean would refuse, or -1.
func Bad(s string) rune {
	_, bad := Clean(s)
	return bad
}

// Code names a character the way the message shows it: U+001F.
func Code(r rune) string { return fmt.Sprintf("U+%04X", r) }

type action int

const (
	keep action = iota
	toSpace
	drop
	refuse
)

func kind(r rune) action {
	switch {
	case r == '\t', r == '\n', r == '\r', r == '\v', r == '\f', r == 0x85, r == 0x2028, r == 0x2029:
		return toSpace
	case r == 0x200B, r == 0xFEFF, r == 0x200E, r == 0x200F:
		return drop
	case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F:
		return refuse
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		// Embeddings, overrides and isolates reorder what follows.
		return refuse
	case r == 0xFFFD:
		// The replacement character: text that was not decoded right.
		return refuse
	}
	return keep
}

// isPlain is the fast path: printable ASCII and ordinary letters only.
func isPlain(s string) bool {
	for _, r := range s {
		if kind(r) != keep {
			return false
		}
	}
	return true
}
