package kz

import (
	_ "embed"
	"time"
)

// ZoneName is the IANA zone used for Kazakhstan wall-clock times. Almaty was
// UTC+6 until 00:00 on 1 March 2024, when the whole country moved to UTC+5
// (tzdata 2024a).
const ZoneName = "Asia/Almaty"

// almatyTZif is Asia/Almaty from IANA tzdata 2025c (as shipped in Go's
// lib/time/zoneinfo.zip). The program carries it because time.LoadLocation
// prefers the system's zone files (and $ZONEINFO) over any embedded copy: on
// a Linux or macOS machine with tzdata older than 2024a, Almaty would still be
// UTC+6 and every "approve by 12:00" an hour off. To update it, copy
// Asia/Almaty out of a newer zoneinfo.zip and run the kz tests.
//
//go:embed zoneinfo/Asia_Almaty
var almatyTZif []byte

var almaty = mustLoad(ZoneName, almatyTZif)

func mustLoad(name string, tzif []byte) *time.Location {
	loc, err := time.LoadLocationFromTZData(name, tzif)
	if err != nil {
		// Unreachable (the bytes are tested); a fixed zone keeps the
		// program usable with today's offset.
		return time.FixedZone("KZ", 5*3600)
	}
	return loc
}

// Location returns Kazakhstan's time zone.
func Location() *time.Location { return almaty }

// Now returns the current time in Kazakhstan.
func Now() time.Time { return time.Now().In(almaty) }
