package bundle

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SafeFileName is s made usable as a file or folder name on every system
// (see safeName), at most 60 letters; "" for a name with nothing usable.
func SafeFileName(s string) string {
	if strings.Trim(s, " _.") == "" {
		return ""
	}
	return safeName(s, 60)
}

// safeName makes s usable as a file name on Windows and macOS: NFC form,
// no characters either forbids, no control characters, no trailing dots or
// spaces, not a reserved Windows device name, at most maxRunes runes.
func safeName(s string, maxRunes int) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	lastUnderscore := false
	for _, r := range s {
		bad := r < 0x20 || r == 0x7F || strings.ContainsRune(`<>:"/\|?*`, r) || r == utf8.RuneError
		if unicode.IsSpace(r) {
			bad = true
		}
		if bad {
			if !lastUnderscore {
				b.WriteRune('_')
			}
			lastUnderscore = true
			continue
		}
		b.WriteRune(r)
		lastUnderscore = false
	}
	out := []rune(strings.Trim(b.String(), "_. "))
	if len(out) > maxRunes {
		out = out[:maxRunes]
	}
	name := strings.TrimRight(string(out), "_. ")
	if name == "" {
		return "file"
	}
	upper := strings.ToUpper(name)
	if i := strings.IndexByte(upper, '.'); i >= 0 {
		upper = upper[:i]
	}
	switch upper {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		name = "_" + name
	}
	return name
}
