package posixlocale

import "testing"

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"C":                "en_US.UTF-8",
		"c":                "en_US.UTF-8",
		"POSIX":            "en_US.UTF-8",
		"POSIX.UTF-8":      "en_US.UTF-8",
		"C.UTF-8":          "en_US.UTF-8",
		"C.utf8":           "en_US.UTF-8",
		"UTF-8":            "en_US.UTF-8",
		"en_US@euro":       "en_US",
		"de_DE.UTF-8@euro": "de_DE.UTF-8",
		"ru_RU.UTF-8":      "ru_RU.UTF-8",
		"kk_KZ.UTF-8":      "kk_KZ.UTF-8",
		"en":               "en",
		"ru-RU":            "ru-RU",
		"es_419.UTF-8":     "es_419.UTF-8",
		"en_":              "en_US.UTF-8",
	}
	for in, want := range cases {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
