package mrz

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// td3 writes a passport zone with every check digit right.
func td3(t *testing.T, names, number, nat, birth, sex, expiry string) (string, string) {
	t.Helper()
	cd := func(s string) string {
		d, ok := CheckDigit(s)
		require.True(t, ok, s)
		return string(d)
	}
	pad := func(s string, n int) string { return s + strings.Repeat("<", n-len(s)) }
	l1 := pad("P<"+nat+names, 44)
	num := pad(number, 9)
	opt := strings.Repeat("<", 14)
	body := num + cd(num) + nat + birth + cd(birth) + sex + expiry + cd(expiry) + opt + "<"
	comp := num + cd(num) + birth + cd(birth) + expiry + cd(expiry) + opt + "<"
	return l1, body + cd(comp)
}

func TestPropose(t *testing.T) {
	l1, l2 := td3(t, "IVANOV<<PETR", "N12345678", "KAZ", "900215", "M", "300101")
	res := decodeText(t, l1, l2)
	require.True(t, res.Valid, res.Problems)
	full := Typed{NameLat: "IVANOV PETR", PassportNo: "N12345678", Citizenship: "KZ",
		BirthDate: civil.New(1990, 2, 15), Sex: "M", PassportExpiry: civil.New(2030, 1, 1)}

	// An empty form is filled with every field, for the clerk to confirm.
	got, props := Propose(res, Typed{})
	assert.Equal(t, full, got)
	require.Len(t, props, 6)
	for _, p := range props {
		assert.Equal(t, FillFilled, p.Status, p.Field)
		assert.True(t, p.Filled())
	}

	// What was typed is never overwritten; a difference is reported.
	typed := full
	typed.PassportNo = "N12345679"
	typed.NameLat = ""
	got, props = Propose(res, typed)
	assert.Equal(t, "N12345679", got.PassportNo)
	assert.Equal(t, "IVANOV PETR", got.NameLat)
	statuses := map[string]string{}
	for _, p := range props {
		statuses[p.Field] = p.Status
	}
	assert.Equal(t, map[string]string{FName: FillFilled, FDocumentNumber: FillKept, FNationality: FillSame,
		FBirthDate: FillSame, FSex: FillSame, FExpiryDate: FillSame}, statuses)

	for _, p := range props {
		for _, lang := range i18n.Langs {
			msg := p.Message(lang)
			assert.NotContains(t, msg, "%!", p.Status)
			assert.NotContains(t, msg, "[mrz.", p.Status)
		}
	}
}

// A field the reader is unsure of is left empty, with its reading as a
// hint; a zone that fails its checks fills nothing.
func TestProposeUnsure(t *testing.T) {
	l1, l2 := td3(t, "IVANOV<<PETR", "N12345678", "KAZ", "900215", "<", "300101")
	r, err := FromText(l1, l2)
	require.NoError(t, err)
	// The scan cannot tell the surname's V from a Y.
	r.Lines[0][10] = []Candidate{{Char: 'V', Cost: 0}, {Char: 'Y', Cost: 0.3}}
	res := Decode(r, today)
	require.True(t, res.Field(FSurname).Uncertain)
	got, props := Propose(res, Typed{})
	assert.Empty(t, got.NameLat, "an unsure name is not filled")
	assert.Empty(t, got.Sex, "a zone's < is no sex the form takes")
	assert.Equal(t, "N12345678", got.PassportNo)
	assert.Equal(t, FillUnsure, props[0].Status)
	assert.Equal(t, "IVANOV PETR", props[0].Zone)
	assert.Equal(t, FillNoValue, props[4].Status)

	// Every check digit wrong: not a zone to fill from.
	bad := []byte(l2)
	for _, i := range []int{9, 19, 27} {
		bad[i] = '0' + (bad[i]-'0'+1)%10
	}
	res = decodeText(t, l1, string(bad))
	got, props = Propose(res, Typed{Sex: "F"})
	assert.Equal(t, Typed{Sex: "F"}, got)
	assert.Equal(t, []Proposal{{Field: FComposite, Status: FillNoZone}}, props)

	// A truncated name is filled, and said to be possibly cut short.
	l1, l2 = td3(t, "ABDIRAKHMANOVA<<JOHANNA<WILHELMINA<MARI", "N12345678", "KAZ", "900215", "F", "300101")
	res = decodeText(t, l1, l2)
	require.True(t, res.NamesTruncated)
	_, props = Propose(res, Typed{})
	assert.Equal(t, FillTruncated, props[0].Status)
	assert.True(t, props[0].Filled())
}

// Two like letter/digit swaps at weights 7 and 3 pass any check digit: a
// number read with O where the scan's 0 is only somewhat less likely must
// be flagged, not passed as confirmed.
func TestTwinSwapsFlagged(t *testing.T) {
	l1, l2 := td3(t, "IVANOV<<PETR", "102236044", "KAZ", "900215", "M", "300101")
	reading := func(zeroCost float64) Reading {
		r, err := FromText(l1, l2)
		require.NoError(t, err)
		for _, i := range []int{1, 6} { // weights 3 and 7
			r.Lines[1][i] = []Candidate{{Char: 'O', Cost: 0}, {Char: '0', Cost: zeroCost}}
		}
		return r
	}
	res := Decode(reading(1.7), today)
	f := res.Field(FDocumentNumber)
	require.NotNil(t, f)
	assert.Equal(t, "1O2236O44", f.Value, "the cheaper reading passes its check too")
	assert.True(t, f.Uncertain, "another reading by letter/digit twins passes as well")
	assert.Contains(t, res.Problems, problem(SevWarning, CodeUncertain, FDocumentNumber))

	// O and 0 are doubted however clearly the scan seems to show them.
	res = Decode(reading(12), today)
	assert.True(t, res.Field(FDocumentNumber).Uncertain)

	// Other twins only when the scan leaves room: 1 read where I is far
	// less likely is not doubted, though I at weights 7 and 3 passes too.
	l1, l2 = td3(t, "IVANOV<<PETR", "112236144", "KAZ", "900215", "M", "300101")
	for _, iCost := range []float64{1.7, 6} {
		r, err := FromText(l1, l2)
		require.NoError(t, err)
		for _, i := range []int{1, 6} {
			r.Lines[1][i] = []Candidate{{Char: '1', Cost: 0}, {Char: 'I', Cost: iCost}}
		}
		res = Decode(r, today)
		assert.Equal(t, "112236144", res.Value(FDocumentNumber))
		assert.Equal(t, iCost < 2, res.Field(FDocumentNumber).Uncertain, "I at %.1f", iCost)
	}
}
