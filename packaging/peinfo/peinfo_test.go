package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

func TestInspect(t *testing.T) {
	tests := []struct {
		file      string
		machine   string
		subsystem string
		resources map[string]int
		icons     []int
		version   string
		product   string
		manifest  bool
		signed    bool
	}{
		{
			file: "gui-res.exe", machine: "amd64", subsystem: "gui",
			resources: map[string]int{"icon": 2, "group-icon": 1, "version": 1, "manifest": 1},
			icons:     []int{16, 32}, version: "1.2.3.4", product: "Fixture", manifest: true,
		},
		{file: "console-bare.exe", machine: "amd64", subsystem: "console", resources: map[string]int{}},
		{file: "gui32-bare.exe", machine: "386", subsystem: "gui", resources: map[string]int{}},
		{file: "console-signed.exe", machine: "amd64", subsystem: "console", resources: map[string]int{}, signed: true},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			info, err := Inspect(bytes.NewReader(readFixture(t, tc.file)))
			require.NoError(t, err)
			assert.Equal(t, tc.machine, info.Machine)
			assert.Equal(t, tc.subsystem, info.Subsystem)
			assert.Equal(t, tc.resources, info.Resources)
			assert.Equal(t, tc.icons, info.IconSizes)
			assert.Equal(t, tc.version, info.FixedVersion)
			assert.Equal(t, tc.product, info.Strings["ProductName"])
			assert.Equal(t, tc.manifest, strings.Contains(info.Manifest, "peinfo.fixture"))
			assert.Equal(t, tc.signed, info.Signed)
		})
	}
}

func TestInspectRejects(t *testing.T) {
	gui := readFixture(t, "gui-res.exe")
	for name, data := range map[string][]byte{
		"empty":     nil,
		"text":      []byte("MZ but not really a program"),
		"truncated": gui[:len(gui)/3],
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Inspect(bytes.NewReader(data))
			assert.ErrorIs(t, err, ErrNotPE)
		})
	}
}

func TestCheck(t *testing.T) {
	info, err := Inspect(bytes.NewReader(readFixture(t, "gui-res.exe")))
	require.NoError(t, err)
	all := []string{"icon", "group-icon", "version", "manifest"}
	tests := []struct {
		name string
		want Want
		bad  []string
	}{
		{"everything right", Want{Machine: "amd64", Subsystem: "gui", Version: "1.2.3.4", Resources: all}, nil},
		{"wrong subsystem", Want{Subsystem: "console"}, []string{"subsystem is gui, want console"}},
		{"wrong version", Want{Version: "1.2.3.5"}, []string{`file version is "1.2.3.4", want "1.2.3.5"`}},
		{"wrong machine", Want{Machine: "386"}, []string{"machine is amd64, want 386"}},
		{"missing resource", Want{Resources: []string{"bitmap"}}, []string{"no bitmap resource"}},
		{"unsigned", Want{Signed: true}, []string{"not signed"}},
		{"icon sizes present", Want{IconSizes: []int{16, 32}}, nil},
		{"icon size missing", Want{IconSizes: []int{16, 48}}, []string{"no 48 px icon"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.bad, info.Check(tc.want))
		})
	}
}

func TestRun(t *testing.T) {
	dir := "testdata"
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"-subsystem", "gui", "-version", "1.2.3.4", "-require", "icon,version,manifest", filepath.Join(dir, "gui-res.exe")}, 0, "icon:      16, 32 px"},
		{[]string{"-subsystem", "gui", filepath.Join(dir, "console-bare.exe")}, 1, "PROBLEM:   subsystem is console, want gui"},
		{[]string{"-machine", "386", "-require", "", filepath.Join(dir, "gui32-bare.exe")}, 0, "machine:   386"},
		{[]string{"-signed", "-require", "", filepath.Join(dir, "console-signed.exe")}, 0, "signed:    true"},
		{[]string{"-signed", "-require", "", filepath.Join(dir, "console-bare.exe")}, 1, "PROBLEM:   not signed"},
		{[]string{filepath.Join(dir, "gen.sh")}, 2, ""},
		{[]string{filepath.Join(dir, "missing.exe")}, 2, ""},
		{[]string{"-icon-sizes", "16,32", filepath.Join(dir, "gui-res.exe")}, 0, "icon:      16, 32 px"},
		{[]string{"-icon-sizes", "16,256", filepath.Join(dir, "gui-res.exe")}, 1, "PROBLEM:   no 256 px icon"},
		{[]string{"-icon-sizes", "x", filepath.Join(dir, "gui-res.exe")}, 2, ""},
		{[]string{"-require", "", "-same-code-as", filepath.Join(dir, "console-signed.exe"), filepath.Join(dir, "console-bare.exe")}, 0, "code:      same as"},
		{[]string{"-require", "", "-machine", "", "-same-code-as", filepath.Join(dir, "gui32-bare.exe"), filepath.Join(dir, "console-bare.exe")}, 1, "PROBLEM:   sections differ"},
		{nil, 2, ""},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			assert.Equal(t, tc.code, run(tc.args, &out, &errOut), "stderr: %s", errOut.String())
			assert.Contains(t, out.String(), tc.out)
		})
	}
}

func TestSameCode(t *testing.T) {
	bare := readFixture(t, "console-bare.exe")
	tests := []struct {
		name  string
		other []byte
		diffs []string
	}{
		{"itself", bare, nil},
		// Signing appends to the file, not to a section.
		{"signed copy", readFixture(t, "console-signed.exe"), nil},
		{"another program", readFixture(t, "gui32-bare.exe"), []string{".text"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			diffs, err := SameCode(bytes.NewReader(bare), bytes.NewReader(tc.other))
			require.NoError(t, err)
			if tc.diffs == nil {
				assert.Empty(t, diffs)
			} else {
				assert.Subset(t, diffs, tc.diffs)
			}
		})
	}
	_, err := SameCode(bytes.NewReader(bare), bytes.NewReader([]byte("MZ")))
	assert.ErrorIs(t, err, ErrNotPE)
}

// FuzzInspect feeds damaged executables to the parser: errors are fine,
// panics and hangs are not.
func FuzzInspect(f *testing.F) {
	for _, name := range []string{"gui-res.exe", "console-bare.exe", "gui32-bare.exe", "console-signed.exe"} {
		data := readFixture(f, name)
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte("MZ"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(bytes.NewReader(data))
		if err == nil {
			require.NotNil(t, info)
			info.Report(&bytes.Buffer{})
		}
	})
}
