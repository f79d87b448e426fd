// Package posixlocale gives the GUI toolkit a locale it can parse.
//
// Fyne reads the language from LANG and friends while its packages
// initialise, and logs an error for the POSIX values "C" and "POSIX" (common
// in terminals, containers and CI). That noise would land on stderr of every
// command. Go initialises packages in import-path order where dependencies
// allow, so this package, which imports only the standard library and sorts
// before fyne.io, runs first and replaces such values. Dossier's own language
// comes from its settings, never from these variables, so nothing is lost.
package posixlocale

import "os"

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch os.Getenv(v) {
		case "C", "POSIX", "C.UTF-8", "C.utf8":
			_ = os.Setenv(v, "en_US.UTF-8")
		}
	}
}
