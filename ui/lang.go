package ui

import (
	"embed"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"dossier/app/i18n"
	_ "dossier/app/posixlocale" // initialises before Fyne reads the locale
)

// Fyne 2.7 picks the language of its own widgets (dialog buttons, the file
// dialog, menus) from the operating system and offers no call to change it,
// and it ships no Kazakh. Dossier lets the clerk choose, so we supply the
// strings for ru, kk and en ourselves and register the chosen one under the
// locale Fyne will look for: the system's. Fyne's matcher then finds an exact
// match and uses our strings whatever the system language is.
//
//go:embed translations/fyne.*.json
var fyneStrings embed.FS

// prefLanguage is the preferences key remembering the chosen language.
const prefLanguage = "language"

// applyFyneLanguage makes Fyne's own widgets speak l. Widgets created before
// the call keep their text, which is why the window is rebuilt on a switch.
func applyFyneLanguage(l i18n.Lang) error {
	data, err := fyneStrings.ReadFile("translations/fyne." + string(l) + ".json")
	if err != nil {
		return fmt.Errorf("fyne strings for %s: %w", l, err)
	}
	sys := lang.SystemLocale()
	targets := []fyne.Locale{sys}
	if base := fyne.Locale(sys.LanguageString()); base != sys {
		targets = append(targets, base)
	}
	// "en" is Fyne's fallback when the system locale cannot be parsed (LANG=C).
	if sys.LanguageString() != "en" {
		targets = append(targets, "en")
	}
	for _, t := range targets {
		if err := lang.AddTranslationsForLocale(data, t); err != nil {
			return fmt.Errorf("register fyne strings for %s as %s: %w", l, t, err)
		}
	}
	return nil
}

// savedLanguage returns the language remembered in preferences, Russian by default.
func savedLanguage(a fyne.App) i18n.Lang {
	if l, err := i18n.ParseLang(a.Preferences().StringWithFallback(prefLanguage, string(i18n.Default))); err == nil {
		return l
	}
	return i18n.Default
}
