// Package i18n is Dossier's message catalogue: every text a person reads, in
// Russian (the default), Kazakh and English.
//
// Each package keeps its texts next to its code in a messages.json file and
// registers it from an init function, so a feature and its words travel
// together. An entry must carry all three languages; registration panics
// otherwise, which makes a missing translation fail every test at once rather
// than show up as an English word in a Kazakh window.
//
// Texts are fmt formats. Translators may reorder arguments with explicit
// indexes (%[2]s). Plural texts hold their forms separated by "|":
// Russian one|few|many, English one|other, Kazakh a single form.
package i18n

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// Lang is a supported interface language.
type Lang string

const (
	RU Lang = "ru"
	KK Lang = "kk"
	EN Lang = "en"
)

// Default is the language used when none is chosen: Dossier's users are in Kazakhstan.
const Default = RU

// Langs lists the supported languages in the order they are offered.
var Langs = []Lang{RU, KK, EN}

// ErrUnknownLang is returned by ParseLang.
var ErrUnknownLang = errors.New("unknown language")

// ParseLang accepts ru, kk or en (case-insensitive; "kz" is taken as Kazakh
// because people type the country code).
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ru", "rus", "russian":
		return RU, nil
	case "kk", "kz", "kaz", "kazakh":
		return KK, nil
	case "en", "eng", "english":
		return EN, nil
	}
	return "", fmt.Errorf("%q: %w (use ru, kk or en)", s, ErrUnknownLang)
}

// Text is one message in every language, as stored in messages.json files and
// in the rules data.
type Text map[Lang]string

// In returns the text in lang, falling back to Russian, then English.
func (t Text) In(lang Lang) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t[RU]; s != "" {
		return s
	}
	return t[EN]
}

// Complete reports the languages t lacks.
func (t Text) Missing() []Lang {
	var out []Lang
	for _, l := range Langs {
		if strings.TrimSpace(t[l]) == "" {
			out = append(out, l)
		}
	}
	return out
}

var (
	mu      sync.RWMutex
	catalog = map[string]Text{}
)

// Register adds the entries of a messages.json document ({"key": {"ru": …,
// "kk": …, "en": …}}). A duplicate key, an entry without all three languages,
// or one whose languages use different format arguments is an error.
func Register(data []byte) error {
	var entries map[string]Text
	if err := json.Unmarshal(data, &entries); err != nil {
		return fmt.Errorf("i18n: parse catalogue: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, dup := catalog[k]; dup {
			return fmt.Errorf("i18n: key %q registered twice", k)
		}
		if miss := entries[k].Missing(); len(miss) > 0 {
			return fmt.Errorf("i18n: key %q lacks %v", k, miss)
		}
		if err := checkFormats(k, entries[k]); err != nil {
			return err
		}
	}
	for k, v := range entries {
		catalog[k] = v
	}
	return nil
}

// MustRegister is Register for init functions.
func MustRegister(data []byte) {
	if err := Register(data); err != nil {
		panic(err)
	}
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	mu.RLock()
	defer mu.RUnlock()
	_, ok := catalog[key]
	return ok
}

// Keys returns all registered keys, sorted.
func Keys() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(catalog))
	for k := range catalog {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// T returns the message key in lang formatted with args. An unknown key comes
// back as the key itself in brackets, visible but never a crash.
func T(lang Lang, key string, args ...any) string {
	mu.RLock()
	text, ok := catalog[key]
	mu.RUnlock()
	if !ok {
		return "[" + key + "]"
	}
	format := text.In(lang)
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// N returns the plural form of key that fits n, formatted with n as the first
// argument followed by args.
func N(lang Lang, key string, n int, args ...any) string {
	mu.RLock()
	text, ok := catalog[key]
	mu.RUnlock()
	if !ok {
		return "[" + key + "]"
	}
	forms := strings.Split(text.In(lang), "|")
	form := forms[pluralIndex(lang, n, len(forms))]
	return fmt.Sprintf(form, append([]any{n}, args...)...)
}

// pluralIndex picks the form for n following CLDR's cardinal rules for the
// three languages, clamped to the forms available.
func pluralIndex(lang Lang, n, forms int) int {
	if n < 0 {
		n = -n
	}
	idx := 0
	switch lang {
	case RU:
		switch {
		case n%10 == 1 && n%100 != 11:
			idx = 0
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			idx = 1
		default:
			idx = 2
		}
	case EN:
		if n != 1 {
			idx = 1
		}
	default: // Kazakh nouns do not change after a numeral.
		idx = 0
	}
	if idx >= forms {
		idx = forms - 1
	}
	return idx
}

// Printer binds a language so call sites read p.T("key").
type Printer struct{ Lang Lang }

func (p Printer) T(key string, args ...any) string        { return T(p.Lang, key, args...) }
func (p Printer) N(key string, n int, args ...any) string { return N(p.Lang, key, n, args...) }

// MustRegisterFS registers every catalogue file in the root of fsys (an
// embed.FS of messages*.json files), for packages that split their texts by
// feature.
func MustRegisterFS(fsys fs.FS) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			panic(err)
		}
		MustRegister(data)
	}
}
