package ui

import (
	"strings"
	"time"

	"dossier/app/i18n"
	"dossier/app/kz"
)

// nowKZ is the current time in Kazakhstan; a variable so tests can fix it.
var nowKZ = func() time.Time { return time.Now().In(kz.Location()) }

// fieldLabel names a case-file field the way the form does.
func (u *ui) fieldLabel(path string) string {
	if path == "" {
		return u.p.T("ui.field.file")
	}
	if s := u.p.T("ui.field." + path); !strings.HasPrefix(s, "[") {
		return s
	}
	return path
}

// commonCountries are the citizenships HR departments in Kazakhstan meet most,
// offered in the citizenship box; any other ISO code can be typed.
func commonCountries(p i18n.Printer) []string {
	codes := []string{"RU", "UZ", "KG", "TJ", "CN", "TR", "BY", "AM", "AZ", "GE", "TM", "MN", "IN", "KR", "UA", "DE", "GB", "US"}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c + " " + p.T("ui.country."+c)
	}
	return out
}
