package kz

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAlmatyOffsets: both of Almaty's offsets, either side of the change.
func TestAlmatyOffsets(t *testing.T) {
	checkOffsets(t)
}

func checkOffsets(t *testing.T) {
	t.Helper()
	for _, tc := range []struct {
		y       int
		m       time.Month
		d, h    int
		wantOff int
	}{
		{2023, time.December, 29, 12, 6}, // the seed's "approve by 12:00"
		{2024, time.February, 29, 20, 6}, // 23:00–24:00 that night came twice
		{2024, time.March, 1, 1, 5},
		{2026, time.December, 7, 12, 5},
	} {
		at := time.Date(tc.y, tc.m, tc.d, tc.h, 0, 0, 0, Location())
		_, off := at.Zone()
		assert.Equal(t, tc.wantOff*3600, off, "%v", at)
	}
	// 29.12.2023 12:00 in Almaty is 06:00 UTC.
	assert.Equal(t, "2023-12-29T06:00:00Z", time.Date(2023, 12, 29, 12, 0, 0, 0, Location()).UTC().Format(time.RFC3339))
}

// staleTZif is a zone file as tzdata before 2024a had it for Almaty, reduced
// to its point: UTC+6 with no change ahead (a TZif version 2 file with one
// zone type and the POSIX rule "<+06>-6").
func staleTZif() []byte {
	var b bytes.Buffer
	// timecnt is 0, so the 32-bit and 64-bit blocks are the same.
	block := func() {
		b.WriteString("TZif2")
		b.Write(make([]byte, 15))
		// isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
		for _, n := range []uint32{0, 0, 0, 0, 1, 4} {
			_ = binary.Write(&b, binary.BigEndian, n)
		}
		_ = binary.Write(&b, binary.BigEndian, int32(6*3600)) // utoff
		b.WriteByte(0)                                        // isdst
		b.WriteByte(0)                                        // abbreviation index
		b.WriteString("+06\x00")
	}
	block()
	block()
	b.WriteString("\n<+06>-6\n")
	return b.Bytes()
}

// TestZoneIgnoresStaleSystemData runs this test binary with ZONEINFO
// pointing at a stale Asia/Almaty: the system's zone files then say UTC+6
// for 2026, and Dossier must still say UTC+5.
func TestZoneIgnoresStaleSystemData(t *testing.T) {
	if os.Getenv("KZ_STALE_ZONE_CHILD") != "" {
		// The stale file is in force for time.LoadLocation…
		sys, err := time.LoadLocation(ZoneName)
		require.NoError(t, err)
		_, off := time.Date(2026, 6, 1, 12, 0, 0, 0, sys).Zone()
		require.Equal(t, 6*3600, off, "the stale zone file is not in use: the test proves nothing")
		// …and Dossier's zone is not affected.
		checkOffsets(t)
		return
	}
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "Asia"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Asia", "Almaty"), staleTZif(), 0o644))
	cmd := exec.Command(os.Args[0], "-test.run=^TestZoneIgnoresStaleSystemData$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "KZ_STALE_ZONE_CHILD=1", "ZONEINFO="+dir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "--- PASS: TestZoneIgnoresStaleSystemData")
}
