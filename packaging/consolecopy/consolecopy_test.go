package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fixtures are shared with peinfo: tiny executables made by mingw-w64,
// whose linker writes a header checksum we can check ours against.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "peinfo", "testdata", name))
	require.NoError(t, err)
	return data
}

func TestChecksumMatchesLinker(t *testing.T) {
	for _, name := range []string{"gui-res.exe", "console-bare.exe", "gui32-bare.exe"} {
		img := fixture(t, name)
		opt, err := optionalHeader(img)
		require.NoError(t, err)
		stored := binary.LittleEndian.Uint32(img[opt+optCheckSum:])
		require.NotZero(t, stored, name)
		assert.Equal(t, stored, checksum(img, opt+optCheckSum), name)
	}
}

func TestSetSubsystem(t *testing.T) {
	tests := []struct {
		file string
		from uint16
		to   uint16
	}{
		{"gui-res.exe", SubsystemGUI, SubsystemConsole},
		{"gui32-bare.exe", SubsystemGUI, SubsystemConsole},
		{"console-bare.exe", SubsystemConsole, SubsystemGUI},
		{"console-bare.exe", SubsystemConsole, SubsystemConsole},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			img := fixture(t, tc.file)
			before := append([]byte(nil), img...)
			sub, err := Subsystem(img)
			require.NoError(t, err)
			require.Equal(t, tc.from, sub)

			out, err := SetSubsystem(img, tc.to)
			require.NoError(t, err)
			assert.Equal(t, before, img, "input must not change")
			sub, err = Subsystem(out)
			require.NoError(t, err)
			assert.Equal(t, tc.to, sub)

			// Only the subsystem and the checksum fields may differ.
			opt, _ := optionalHeader(img)
			var changed []int
			for i := range img {
				if img[i] != out[i] {
					changed = append(changed, i)
				}
			}
			for _, i := range changed {
				inSub := i >= opt+optSubsystem && i < opt+optSubsystem+2
				inSum := i >= opt+optCheckSum && i < opt+optCheckSum+4
				assert.True(t, inSub || inSum, "byte %d changed", i)
			}
			assert.Equal(t, checksum(out, opt+optCheckSum), binary.LittleEndian.Uint32(out[opt+optCheckSum:]))
		})
	}
}

func TestRejects(t *testing.T) {
	img := fixture(t, "gui-res.exe")
	noPE := append([]byte(nil), img...)
	copy(noPE[binary.LittleEndian.Uint32(img[0x3c:]):], "XX")
	for name, data := range map[string][]byte{
		"empty":        nil,
		"text":         []byte("#!/bin/sh\necho this is not a program\n"),
		"mz only":      img[:0x40],
		"no signature": noPE,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := SetSubsystem(data, SubsystemConsole)
			assert.ErrorIs(t, err, ErrNotPE)
		})
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join("..", "peinfo", "testdata", "gui-res.exe")
	out := filepath.Join(dir, "cli.exe")
	var stderr bytes.Buffer
	require.Equal(t, 0, run([]string{in, out}, &stderr), stderr.String())
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	sub, err := Subsystem(data)
	require.NoError(t, err)
	assert.Equal(t, uint16(SubsystemConsole), sub)

	assert.Equal(t, 2, run([]string{in}, &stderr))
	assert.Equal(t, 2, run([]string{"consolecopy.go", out}, &stderr))
	assert.Equal(t, 2, run([]string{filepath.Join(dir, "missing.exe"), out}, &stderr))
	assert.Equal(t, 1, run([]string{in, filepath.Join(dir, "no", "such", "dir", "x.exe")}, &stderr))
}

func FuzzSetSubsystem(f *testing.F) {
	for _, name := range []string{"gui-res.exe", "console-bare.exe", "gui32-bare.exe"} {
		img := fixture(f, name)
		f.Add(img)
		f.Add(img[:0x80])
	}
	f.Add([]byte("MZ"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := SetSubsystem(data, SubsystemConsole)
		if err != nil {
			return
		}
		require.Len(t, out, len(data))
		sub, err := Subsystem(out)
		require.NoError(t, err)
		require.Equal(t, uint16(SubsystemConsole), sub)
	})
}
