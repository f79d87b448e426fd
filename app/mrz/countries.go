package mrz

import (
	_ "embed"
	"strings"
)

// The code list is data, not code: countries.tsv beside this file, one code a
// line, so a new or changed code is a one-line edit.
//
//go:embed countries.tsv
var countriesTSV string

// Country is one nationality or issuing-state code of ICAO 9303.
type Country struct {
	Code   string `json:"code"`   // as in the MRZ without fillers: "KAZ", "D", "XXA"
	Alpha2 string `json:"alpha2"` // ISO 3166 alpha-2 when the code stands for a state's citizens; "" otherwise
	Kind   string `json:"kind"`   // state, british, organisation, stateless, refugee, unspecified, specimen
	Name   string `json:"name"`   // English name, for messages and logs
}

var countries = parseCountries(countriesTSV)

func parseCountries(data string) map[string]Country {
	m := map[string]Country{}
	for _, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			panic("mrz: bad line in countries.tsv: " + line)
		}
		m[f[0]] = Country{Code: f[0], Alpha2: f[1], Kind: f[2], Name: f[3]}
	}
	return m
}

// LookupCountry finds a code as written in the MRZ; trailing fillers are
// ignored ("D<<" is Germany).
func LookupCountry(code string) (Country, bool) {
	c, ok := countries[strings.TrimRight(code, "<")]
	return c, ok
}

// Alpha3For returns the MRZ code of the state with ISO 3166 alpha-2 code a2
// ("DE" gives "D"), or "" when there is none.
func Alpha3For(a2 string) string {
	a2 = strings.ToUpper(strings.TrimSpace(a2))
	if a2 == "" {
		return ""
	}
	best := ""
	for code, c := range countries {
		if c.Alpha2 == a2 && c.Kind == "state" && (best == "" || code < best) {
			best = code
		}
	}
	return best
}
