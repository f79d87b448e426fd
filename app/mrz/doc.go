// Package mrz reads the machine-readable zone of passports and identity
// cards (ICAO Doc 9303: TD3 passports, 2 × 44 characters; TD1 cards, 3 × 30;
// TD2 documents, 2 × 36) and compares it with what a clerk typed.
//
// It works on Readings: for every character position of the zone, the likely
// characters with a cost each. Text typed or pasted by a person is a Reading
// with one certain character per position (FromText); the scan reader in
// this package produces Readings with alternatives, and Decode uses the
// field grammar (digits in dates, letters in country codes) and the check
// digits to choose among them.
//
// What the checks prove, and what they cannot:
//   - A check digit catches any single wrong character in its field, except
//     a swap between two characters whose values differ by a multiple of ten
//     (the weights 7, 3, 1 are all prime to 10, but 10 itself vanishes mod 10):
//     < 0 A K U, 1 B L V, 2 C M W, 3 D N X, 4 E O Y, 5 F P Z, 6 G Q, 7 H R,
//     8 I S, 9 J T. The pairs that also look alike in OCR-B (K and <, I and S,
//     G and Q, M and W) survive every check.
//   - Two neighbours swapped survive when their values differ by a multiple
//     of five.
//   - The names have no check digit at all; a misread letter there can only
//     be caught by the reader's own confidence or by comparing with the
//     typed name.
//   - The grammar settles 0/O, 1/I, 5/S, 8/B (and the like) in fields that
//     can hold only digits or only letters; in the document number, which may
//     hold both, only the check digit decides.
//
// The package imports no GUI code.
package mrz
