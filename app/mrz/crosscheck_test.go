package mrz

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"dossier/app/civil"
	"dossier/app/i18n"
)

func specimenTyped() Typed {
	return Typed{
		NameLat: "ERIKSSON ANNA MARIA", PassportNo: "L898902C3", Citizenship: "",
		BirthDate: civil.New(1974, 8, 12), Sex: "F", PassportExpiry: civil.New(2012, 4, 15),
	}
}

func TestCrossCheck(t *testing.T) {
	res := decodeText(t, specimen1, specimen2)
	// Utopia is no state: its nationality is reported, whatever was typed.
	type want struct {
		code, field string
		sev         Severity
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Typed)
		wants []want
	}{
		{"all agree", func(*Typed) {}, nil},
		{"name in another order, mixed case, hyphen", func(ty *Typed) { ty.NameLat = "Anna-Maria Eriksson" }, nil},
		{"diacritics folded", func(ty *Typed) { ty.NameLat = "ERIKSSÖN ANNA MARIA" }, nil},
		{"one digit wrong", func(ty *Typed) { ty.PassportNo = "L898902C8" }, []want{{CrossMismatch, FDocumentNumber, SevError}}},
		{"number with spaces", func(ty *Typed) { ty.PassportNo = "L89 8902 C3" }, nil},
		{"birth date", func(ty *Typed) { ty.BirthDate = civil.New(1974, 12, 8) }, []want{{CrossMismatch, FBirthDate, SevError}}},
		{"sex", func(ty *Typed) { ty.Sex = "M" }, []want{{CrossMismatch, FSex, SevError}}},
		{"expiry empty", func(ty *Typed) { ty.PassportExpiry = civil.Date{} }, []want{{CrossNotTyped, FExpiryDate, SevInfo}}},
		{"cyrillic in the Latin name", func(ty *Typed) { ty.NameLat = "Эрикссон Анна" }, []want{{CrossNotLatin, FSurname, SevError}}},
		{"a name missing", func(ty *Typed) { ty.NameLat = "ERIKSSON ANNA" }, []want{{CrossMismatch, FSurname, SevError}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ty := specimenTyped()
			tc.edit(&ty)
			got := CrossCheck(res, ty)
			var rest []want
			for _, f := range got {
				if f.Code == CrossSpecialState {
					continue
				}
				rest = append(rest, want{f.Code, f.Field, f.Severity})
				for _, lang := range i18n.Langs {
					assert.NotContains(t, f.Message(lang), "%!")
					assert.NotContains(t, f.Message(lang), "[mrz.")
				}
			}
			assert.Equal(t, tc.wants, rest)
		})
	}
}

func TestCrossCheckStates(t *testing.T) {
	l1 := "P<KAZIVANOV<<IVAN<<<<<<<<<<<<<<<<<<<<<<<<<<<"
	l2 := "N12345678" + string(mustCheck("N12345678")) + "KAZ850412" + string(mustCheck("850412")) +
		"M310620" + string(mustCheck("310620")) + "<<<<<<<<<<<<<<0"
	l2 += string(mustCheck(l2[0:10] + l2[13:20] + l2[21:43]))
	res := decodeText(t, l1, l2)
	assert.True(t, res.Valid, res.Problems)
	ty := Typed{NameLat: "Ivanov Ivan", PassportNo: "N12345678", Citizenship: "KZ",
		BirthDate: civil.New(1985, 4, 12), Sex: "M", PassportExpiry: civil.New(2031, 6, 20)}
	assert.Empty(t, CrossCheck(res, ty))
	ty.Citizenship = "RU"
	f := CrossCheck(res, ty)
	if assert.Len(t, f, 1) {
		assert.Equal(t, FNationality, f[0].Field)
		assert.Contains(t, f[0].Message(i18n.EN), "KAZ = KZ")
	}
	ty.Citizenship = ""
	f = CrossCheck(res, ty)
	if assert.Len(t, f, 1) {
		assert.Equal(t, CrossNotTyped, f[0].Code)
		assert.Equal(t, "KZ", f[0].Zone)
	}
}

func TestCrossCheckUncertainAndInvalid(t *testing.T) {
	r, _ := FromText(specimen1, specimen2)
	r.Lines[0][6] = []Candidate{{'P', 0}, {'R', 0.3}} // EPIKSSON, doubtful
	res := Decode(r, today)
	f := CrossCheck(res, specimenTyped())
	var names []Finding
	for _, x := range f {
		if x.Field == FSurname {
			names = append(names, x)
		}
	}
	if assert.Len(t, names, 1) {
		assert.Equal(t, CrossUnsure, names[0].Code)
		assert.Equal(t, SevWarning, names[0].Severity)
	}

	bad := decodeText(t, specimen1, "L898912C36UTO7408132F1204159ZE184226B<<<<<10")
	f = CrossCheck(bad, specimenTyped())
	if assert.Len(t, f, 1) {
		assert.Equal(t, CrossInvalidZone, f[0].Code)
	}
}

func TestNameVariants(t *testing.T) {
	for _, tc := range []struct {
		typed, zone string
		truncated   bool
		want        nameMatch
	}{
		{"Müller Jürgen", "MUELLER JUERGEN", false, matchExact},
		{"Müller Jürgen", "MULLER JURGEN", false, matchExact},
		{"O'Neil Seán", "ONEIL SEAN", false, matchExact},
		{"Ødegård Åse", "OEDEGAARD AASE", false, matchExact},
		{"Straße", "STRASSE", false, matchExact},
		{"VAN DER BERG JOHANNA WILHELMINA", "VAN DER BERG JOHANNA WI", true, matchTruncated},
		{"VAN DER BERG JOHANNA WILHELMINA", "VAN DER BERG JOHANNA WI", false, matchNone},
		{"IVANOV IVAN", "IVANOV PETR", false, matchNone},
	} {
		got := namesMatch(splitWords(tc.zone), typedNameVariants(tc.typed), tc.truncated)
		assert.Equal(t, tc.want, got, "%s / %s", tc.typed, tc.zone)
	}
}

func splitWords(s string) []string {
	var out []string
	w := ""
	for _, r := range s + " " {
		if r == ' ' {
			if w != "" {
				out = append(out, w)
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return out
}

// Every finding's text reads whole in every language, those that quote
// nothing included.
func TestCrossMessages(t *testing.T) {
	for _, code := range []string{CrossMismatch, CrossUnsure, CrossNotTyped, CrossTruncated, CrossNotLatin,
		CrossSpecialState, CrossInvalidZone, CrossNoZone} {
		for _, lang := range i18n.Langs {
			msg := Finding{Code: code, Field: FDocumentNumber, Zone: "A1", Form: "A2"}.Message(lang)
			assert.NotContains(t, msg, "%!", code)
			assert.NotContains(t, msg, "[mrz.", code)
		}
	}
}
