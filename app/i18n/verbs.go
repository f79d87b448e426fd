package i18n

import (
	"fmt"
	"sort"
	"strings"
)

// formatArgs lists the arguments a message format consumes, as "index:verb"
// pairs ("1:s", "2:d"), following fmt's rules for explicit indexes ("%[2]s")
// and for the implicit index that moves on after each verb. Plural forms are
// merged: an English "one" form may leave out the number its "other" form
// prints, but between them the forms use the same arguments.
func formatArgs(text string) []string {
	seen := map[string]bool{}
	for _, form := range strings.Split(text, "|") {
		next := 1
		for i := 0; i < len(form); i++ {
			if form[i] != '%' {
				continue
			}
			i++
			// Flags, width and precision; a '*' consumes an argument of its own.
			for i < len(form) && strings.IndexByte("+-# 0123456789.*[]", form[i]) >= 0 {
				switch form[i] {
				case '[':
					end := strings.IndexByte(form[i:], ']')
					if end < 0 {
						i = len(form)
						continue
					}
					var n int
					if _, err := fmt.Sscanf(form[i+1:i+end], "%d", &n); err == nil {
						next = n
					}
					i += end
				case '*':
					seen[fmt.Sprintf("%d:*", next)] = true
					next++
				}
				i++
			}
			if i >= len(form) {
				break
			}
			if form[i] == '%' {
				continue
			}
			seen[fmt.Sprintf("%d:%c", next, verbClass(form[i]))] = true
			next++
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// verbClass folds verbs that print the same kind of value, so a translator
// may write %v where the original has %s without tripping the check.
func verbClass(v byte) byte {
	switch v {
	case 's', 'v', 'q':
		return 's'
	}
	return v
}

// checkFormats reports an entry whose languages consume different arguments:
// such a message prints "%!d(MISSING)" or drops a value in one language only.
func checkFormats(key string, t Text) error {
	want := formatArgs(t[RU])
	for _, l := range Langs[1:] {
		got := formatArgs(t[l])
		if strings.Join(got, ",") != strings.Join(want, ",") {
			return fmt.Errorf("i18n: key %q: %s uses arguments %v, ru uses %v", key, l, got, want)
		}
	}
	return nil
}
