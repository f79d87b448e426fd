package mrz

import (
	"strings"
	"testing"

	"dossier/app/i18n"
)

// FuzzDecodeText feeds arbitrary text to the parser: it must never panic,
// and a zone it calls valid must decode to itself again.
func FuzzDecodeText(f *testing.F) {
	for _, seed := range [][2]string{
		{specimen1, specimen2},
		{"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
		{"I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
		{"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"},
		{"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"},
		{"P<D<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"},
		{"", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		r, err := FromText(a, b)
		if err != nil {
			return
		}
		res := Decode(r, today)
		for _, p := range res.Problems {
			_ = p.Message(i18n.EN)
		}
		_ = CrossCheck(res, specimenTyped())
		if !res.Valid {
			return
		}
		again, err := FromText(strings.Join(res.Lines, "\n"))
		if err != nil {
			t.Fatalf("valid result's lines do not parse: %v", err)
		}
		res2 := Decode(again, today)
		if !res2.Valid || strings.Join(res2.Lines, "") != strings.Join(res.Lines, "") {
			t.Fatalf("not stable: %q then %q", res.Lines, res2.Lines)
		}
	})
}
