// Package kz holds what is particular to Kazakhstan and not to permits: the
// IIN and BIN identifiers, the address registration code (RKA), the country's
// time zone, and the working-day calendar derived from the holiday law.
package kz
