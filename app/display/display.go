// Package display makes text that came from outside (file names above all)
// safe to show to a person or to write into a PDF: valid UTF-8, no control
// characters that a terminal would obey (escape sequences), no invisible
// direction overrides that make "photo‮gpj.exe" read as "photoexe.jpg",
// one line, of bounded length. Each dropped or broken character becomes a
// visible U+FFFD, so a doctored name looks doctored instead of vanishing.
package display

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxRunes is the longest name shown; longer ones are cut with an ellipsis.
const MaxRunes = 200

// Name returns s made safe to show (see the package doc). Clean text comes
// back unchanged apart from Unicode normalisation (NFC).
func Name(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	n := 0
	for _, r := range s {
		if n == MaxRunes {
			b.WriteRune('…')
			break
		}
		if unsafeRune(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// unsafeRune reports characters a name never needs and a display may obey:
// C0 and C1 controls (tab and newline included: a name is one line), the
// bidirectional embeddings, overrides, isolates and marks, line and
// paragraph separators, and other format characters except the zero-width
// joiners some scripts need.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7F && r < 0xA0:
		return true
	case r == 0x200E, r == 0x200F, r == 0x061C: // direction marks
		return true
	case r >= 0x202A && r <= 0x202E: // embeddings and overrides
		return true
	case r >= 0x2066 && r <= 0x2069: // isolates
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r == 0x200C, r == 0x200D: // joiners: part of some scripts' spelling
		return false
	case unicode.Is(unicode.Cf, r):
		return true
	}
	return false
}
