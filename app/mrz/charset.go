package mrz

// Filler is the MRZ's padding and separator character.
const Filler = '<'

// charValue is a character's value in the check-digit sum: digits are
// themselves, A–Z are 10–35, the filler is 0. ok is false for anything else.
func charValue(c byte) (v int, ok bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == Filler:
		return 0, true
	}
	return 0, false
}

var checkWeights = [3]int{7, 3, 1}

// CheckDigit computes the ICAO 9303 check digit of s (weights 7, 3, 1
// repeated, sum mod 10). ok is false when s holds a character the MRZ cannot.
func CheckDigit(s string) (digit byte, ok bool) {
	sum := 0
	for i := 0; i < len(s); i++ {
		v, ok := charValue(s[i])
		if !ok {
			return 0, false
		}
		sum += v * checkWeights[i%3]
	}
	return byte('0' + sum%10), true
}

// class is what a position may hold by the field grammar.
type class uint8

const (
	classAny    class = iota // A–Z, 0–9, <
	classDigit               // 0–9
	classDigitF              // 0–9 or < (a date part left unknown, a check digit over fillers)
	classAlpha               // A–Z or <
	classSex                 // M, F, X or <
)

func (k class) allows(c byte) bool {
	switch k {
	case classDigit:
		return c >= '0' && c <= '9'
	case classDigitF:
		return (c >= '0' && c <= '9') || c == Filler
	case classAlpha:
		return (c >= 'A' && c <= 'Z') || c == Filler
	case classSex:
		return c == 'M' || c == 'F' || c == 'X' || c == Filler
	}
	_, ok := charValue(c)
	return ok
}

// lookAlike maps a character to the ones OCR-B makes it easy to mistake for,
// across the digit/letter line. The grammar uses it to turn a letter read in
// a digits-only field into its digit, and the other way round.
var lookAlike = map[byte][]byte{
	'0': {'O', 'D', 'Q'}, 'O': {'0'}, 'D': {'0'}, 'Q': {'0'},
	'1': {'I', 'L'}, 'I': {'1'}, 'L': {'1'},
	'2': {'Z'}, 'Z': {'2'},
	'5': {'S'}, 'S': {'5'},
	'6': {'G'}, 'G': {'6'},
	'8': {'B'}, 'B': {'8'},
	'4': {'A'}, 'A': {'4'},
	'7': {'T'}, 'T': {'7'},
	'<': {'K'}, 'K': {'<'},
}
