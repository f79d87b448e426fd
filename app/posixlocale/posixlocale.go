// Package posixlocale gives the GUI toolkit a locale it can parse.
//
// Fyne reads the language from LC_ALL, LC_MESSAGES and LANG while its
// packages initialise, and logs an error for any value that is not a language
// tag once the encoding is cut off: "POSIX.UTF-8", a bare "UTF-8", a lower-case
// "c", or a glibc modifier such as "en_US@euro" (still common on older
// systems). That noise would land on stderr of every command. Go initialises
// packages in import-path order where dependencies allow, so this package,
// which imports only the standard library and sorts before fyne.io, runs first
// and rewrites such values; main_test.go checks that this still holds.
// Dossier's own language comes from its settings, never from these variables,
// so nothing is lost.
package posixlocale

import "os"

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val, ok := os.LookupEnv(v); ok && val != "" {
			if clean := Sanitize(val); clean != val {
				_ = os.Setenv(v, clean)
			}
		}
	}
}

// Sanitize returns a locale value the toolkit can parse: a POSIX locale or
// anything that does not start with a language code becomes en_US.UTF-8, and
// a "@modifier" is dropped. A well-formed value comes back unchanged.
func Sanitize(val string) string {
	base, rest := val, ""
	for i := 0; i < len(val); i++ {
		if val[i] == '.' || val[i] == '@' {
			base, rest = val[:i], val[i:]
			break
		}
	}
	if !isLanguageCountry(base) {
		return "en_US.UTF-8"
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] == '@' {
			return base + rest[:i]
		}
	}
	return val
}

// isLanguageCountry accepts "ll", "lll", "ll_CC" and "ll-CC": a two- or
// three-letter language code, optionally with a region of letters or digits.
// "C" and "POSIX" are not languages.
func isLanguageCountry(s string) bool {
	lang, region := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '_' || s[i] == '-' {
			lang, region = s[:i], s[i+1:]
			if region == "" {
				return false
			}
			break
		}
	}
	if len(lang) < 2 || len(lang) > 3 {
		return false
	}
	for i := 0; i < len(lang); i++ {
		if c := lang[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	for i := 0; i < len(region); i++ {
		c := region[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
