package kz

import (
	"time"
	_ "time/tzdata" // the zone database travels inside the binary: Windows has none, and old systems lack the 2024 change
)

// ZoneName is the IANA zone used for Kazakhstan wall-clock times. Almaty was
// UTC+6 until 00:00 on 1 March 2024, when the whole country moved to UTC+5
// (tzdata 2024a).
const ZoneName = "Asia/Almaty"

var almaty = mustLoad(ZoneName)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Unreachable with time/tzdata embedded; a fixed zone keeps the program usable.
		return time.FixedZone("KZ", 5*3600)
	}
	return loc
}

// Location returns Kazakhstan's time zone.
func Location() *time.Location { return almaty }

// Now returns the current time in Kazakhstan.
func Now() time.Time { return time.Now().In(almaty) }
