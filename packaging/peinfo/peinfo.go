// Command peinfo inspects a Windows executable made by the packaging scripts
// and checks what a release needs: 64-bit (the NSIS installer stub is 32-bit), the right subsystem (GUI for
// Dossier.exe, console for dossier-cli.exe), an icon, a version resource with
// the expected version and a manifest. Windows programs built by Go ≥ 1.24
// cannot be started under Debian's wine, so this is how `make windows` checks
// its output on Linux.
//
//	go run ./packaging/peinfo -subsystem gui -version 0.1.0.1 dist/Dossier.exe
//
// It prints a short report and exits 1 when a check fails, 2 on bad usage or
// a file that is not a PE image.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Resource type IDs (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

var typeNames = map[uint32]string{
	1: "cursor", 2: "bitmap", rtIcon: "icon", 4: "menu", 5: "dialog", 6: "string",
	9: "accelerator", 10: "rcdata", 12: "group-cursor", rtGroupIcon: "group-icon",
	rtVersion: "version", rtManifest: "manifest",
}

// Info is what peinfo learns about an executable.
type Info struct {
	Machine   string
	Subsystem string // "gui", "console" or "other(N)"
	// Resources counts the resources of each type, by name ("icon", "version" …).
	Resources map[string]int
	// IconSizes are the sizes in the first icon group, in pixels.
	IconSizes []int
	// FixedVersion is the binary file version from VS_FIXEDFILEINFO, "a.b.c.d".
	FixedVersion string
	// Strings are the StringFileInfo values (ProductName, FileVersion …).
	Strings map[string]string
	// Manifest is the text of the first manifest resource.
	Manifest string
	// Signed says whether the image carries an Authenticode signature (a
	// certificate table); whether the signature is valid is not checked.
	Signed bool
}

// ErrNotPE means the input is not a PE image this tool understands.
var ErrNotPE = errors.New("not a Windows PE image")

// maxResourceSection bounds what is read of an untrusted .rsrc section.
const maxResourceSection = 64 << 20

// Inspect reads a PE image. It never panics on damaged input.
func Inspect(r io.ReaderAt) (info *Info, err error) {
	defer func() {
		if p := recover(); p != nil {
			info, err = nil, fmt.Errorf("%w: damaged image (%v)", ErrNotPE, p)
		}
	}()
	f, err := pe.NewFile(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotPE, err)
	}
	defer f.Close()
	var subsystem uint16
	var dirs []pe.DataDirectory
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		subsystem, dirs = oh.Subsystem, oh.DataDirectory[:min(int(oh.NumberOfRvaAndSizes), len(oh.DataDirectory))]
	case *pe.OptionalHeader32:
		subsystem, dirs = oh.Subsystem, oh.DataDirectory[:min(int(oh.NumberOfRvaAndSizes), len(oh.DataDirectory))]
	default:
		return nil, ErrNotPE
	}
	info = &Info{Resources: map[string]int{}, Strings: map[string]string{}}
	if len(dirs) > pe.IMAGE_DIRECTORY_ENTRY_SECURITY {
		info.Signed = dirs[pe.IMAGE_DIRECTORY_ENTRY_SECURITY].Size > 0
	}
	switch f.Machine {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		info.Machine = "amd64"
	case pe.IMAGE_FILE_MACHINE_ARM64:
		info.Machine = "arm64"
	case pe.IMAGE_FILE_MACHINE_I386:
		info.Machine = "386"
	default:
		info.Machine = fmt.Sprintf("0x%x", f.Machine)
	}
	switch subsystem {
	case pe.IMAGE_SUBSYSTEM_WINDOWS_GUI:
		info.Subsystem = "gui"
	case pe.IMAGE_SUBSYSTEM_WINDOWS_CUI:
		info.Subsystem = "console"
	default:
		info.Subsystem = fmt.Sprintf("other(%d)", subsystem)
	}

	sec := f.Section(".rsrc")
	if sec == nil {
		return info, nil
	}
	if sec.Size > maxResourceSection {
		return nil, fmt.Errorf("%w: resource section of %d bytes", ErrNotPE, sec.Size)
	}
	data, err := sec.Data()
	if err != nil {
		return nil, fmt.Errorf("%w: resource section: %v", ErrNotPE, err)
	}
	res, err := walkResources(data, sec.VirtualAddress)
	if err != nil {
		return nil, err
	}
	for _, r := range res {
		name, ok := typeNames[r.typ]
		if !ok {
			name = fmt.Sprintf("type-%d", r.typ)
		}
		info.Resources[name]++
	}
	for _, r := range res {
		switch r.typ {
		case rtGroupIcon:
			if info.IconSizes == nil {
				info.IconSizes = groupIconSizes(r.data)
			}
		case rtVersion:
			if info.FixedVersion == "" {
				info.FixedVersion, err = parseVersionInfo(r.data, info.Strings)
				if err != nil {
					return nil, err
				}
			}
		case rtManifest:
			if info.Manifest == "" {
				info.Manifest = string(r.data)
			}
		}
	}
	return info, nil
}

type resource struct {
	typ  uint32
	data []byte
}

// walkResources reads the three-level resource tree (type, name, language).
func walkResources(sec []byte, baseRVA uint32) ([]resource, error) {
	var out []resource
	bad := func(what string) error { return fmt.Errorf("%w: resource %s out of bounds", ErrNotPE, what) }
	var walk func(off uint32, depth int, typ uint32) error
	walk = func(off uint32, depth int, typ uint32) error {
		if depth > 3 {
			return fmt.Errorf("%w: resource tree too deep", ErrNotPE)
		}
		if uint64(off)+16 > uint64(len(sec)) {
			return bad("directory")
		}
		n := int(binary.LittleEndian.Uint16(sec[off+12:])) + int(binary.LittleEndian.Uint16(sec[off+14:]))
		for i := 0; i < n; i++ {
			e := uint64(off) + 16 + uint64(i)*8
			if e+8 > uint64(len(sec)) {
				return bad("entry")
			}
			id := binary.LittleEndian.Uint32(sec[e:])
			target := binary.LittleEndian.Uint32(sec[e+4:])
			t := typ
			if depth == 0 {
				if id&0x80000000 != 0 {
					t = 0 // a named type: none of ours
				} else {
					t = id
				}
			}
			if target&0x80000000 != 0 {
				if err := walk(target&0x7fffffff, depth+1, t); err != nil {
					return err
				}
				continue
			}
			if uint64(target)+16 > uint64(len(sec)) {
				return bad("data entry")
			}
			rva := binary.LittleEndian.Uint32(sec[target:])
			size := binary.LittleEndian.Uint32(sec[target+4:])
			if rva < baseRVA || uint64(rva-baseRVA)+uint64(size) > uint64(len(sec)) {
				return bad("data")
			}
			start := rva - baseRVA
			out = append(out, resource{typ: t, data: sec[start : start+size]})
		}
		return nil
	}
	if err := walk(0, 0, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// groupIconSizes reads a GRPICONDIR; a width byte of 0 means 256.
func groupIconSizes(b []byte) []int {
	if len(b) < 6 {
		return nil
	}
	n := int(binary.LittleEndian.Uint16(b[4:]))
	var sizes []int
	for i := 0; i < n; i++ {
		e := 6 + i*14
		if e+14 > len(b) {
			break
		}
		w := int(b[e])
		if w == 0 {
			w = 256
		}
		sizes = append(sizes, w)
	}
	sort.Ints(sizes)
	return sizes
}

// versionNode is one node of a VS_VERSIONINFO tree.
type versionNode struct {
	key      string
	value    []byte
	text     bool
	children []versionNode
}

// parseVersionNode reads the node at the start of b and returns it with its length.
func parseVersionNode(b []byte, depth int) (versionNode, int, error) {
	var n versionNode
	bad := fmt.Errorf("%w: damaged version resource", ErrNotPE)
	if depth > 8 || len(b) < 6 {
		return n, 0, bad
	}
	length := int(binary.LittleEndian.Uint16(b[0:]))
	valueLen := int(binary.LittleEndian.Uint16(b[2:]))
	n.text = binary.LittleEndian.Uint16(b[4:]) == 1
	if length < 6 || length > len(b) {
		return n, 0, bad
	}
	b = b[:length]
	// The key: NUL-terminated UTF-16.
	pos := 6
	var key []uint16
	for {
		if pos+2 > len(b) {
			return n, 0, bad
		}
		c := binary.LittleEndian.Uint16(b[pos:])
		pos += 2
		if c == 0 {
			break
		}
		key = append(key, c)
	}
	n.key = string(utf16.Decode(key))
	pos = align4(pos)
	if n.text {
		valueLen *= 2 // text values are counted in UTF-16 units
	}
	if pos+valueLen > len(b) {
		// Some tools count the text value loosely; take what is there.
		if !n.text || pos > len(b) {
			return n, 0, bad
		}
		valueLen = len(b) - pos
	}
	n.value = b[pos : pos+valueLen]
	pos = align4(pos + valueLen)
	for pos < len(b) {
		child, l, err := parseVersionNode(b[pos:], depth+1)
		if err != nil {
			return n, 0, err
		}
		n.children = append(n.children, child)
		pos = align4(pos + l)
	}
	return n, length, nil
}

func align4(n int) int { return (n + 3) &^ 3 }

func utf16String(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

// parseVersionInfo returns the fixed file version and fills strings with the
// StringFileInfo values of the first string table.
func parseVersionInfo(b []byte, strs map[string]string) (string, error) {
	root, _, err := parseVersionNode(b, 0)
	if err != nil {
		return "", err
	}
	if root.key != "VS_VERSION_INFO" || len(root.value) < 52 ||
		binary.LittleEndian.Uint32(root.value[0:]) != 0xFEEF04BD {
		return "", fmt.Errorf("%w: version resource without VS_FIXEDFILEINFO", ErrNotPE)
	}
	ms := binary.LittleEndian.Uint32(root.value[8:])
	ls := binary.LittleEndian.Uint32(root.value[12:])
	fixed := fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
	for _, c := range root.children {
		if c.key != "StringFileInfo" || len(c.children) == 0 {
			continue
		}
		for _, s := range c.children[0].children {
			strs[s.key] = utf16String(s.value)
		}
		break
	}
	return fixed, nil
}

// Want is what a release executable must have.
type Want struct {
	Machine   string   // "amd64" (Dossier) or "386" (the NSIS installer); empty: any
	Subsystem string   // "gui" or "console"; empty: any
	Version   string   // fixed file version "a.b.c.d"; empty: any
	Resources []string // resource type names that must be present
	Signed    bool     // an Authenticode signature must be present
	IconSizes []int    // sizes (px) the first icon group must contain
}

// Check lists what is missing or wrong; nil means all good.
func (info *Info) Check(w Want) []string {
	var problems []string
	if w.Machine != "" && info.Machine != w.Machine {
		problems = append(problems, "machine is "+info.Machine+", want "+w.Machine)
	}
	if w.Subsystem != "" && info.Subsystem != w.Subsystem {
		problems = append(problems, "subsystem is "+info.Subsystem+", want "+w.Subsystem)
	}
	for _, r := range w.Resources {
		if info.Resources[r] == 0 {
			problems = append(problems, "no "+r+" resource")
		}
	}
	for _, size := range w.IconSizes {
		found := false
		for _, have := range info.IconSizes {
			found = found || have == size
		}
		if !found {
			problems = append(problems, fmt.Sprintf("no %d px icon", size))
		}
	}
	if w.Signed && !info.Signed {
		problems = append(problems, "not signed")
	}
	if w.Version != "" && info.FixedVersion != w.Version {
		problems = append(problems, fmt.Sprintf("file version is %q, want %q", info.FixedVersion, w.Version))
	}
	return problems
}

// Report writes a human-readable summary.
func (info *Info) Report(w io.Writer) {
	fmt.Fprintf(w, "  machine:   %s\n  subsystem: %s\n", info.Machine, info.Subsystem)
	var kinds []string
	for k, n := range info.Resources {
		kinds = append(kinds, fmt.Sprintf("%s×%d", k, n))
	}
	sort.Strings(kinds)
	fmt.Fprintf(w, "  resources: %s\n", strings.Join(kinds, " "))
	if len(info.IconSizes) > 0 {
		s := make([]string, len(info.IconSizes))
		for i, v := range info.IconSizes {
			s[i] = fmt.Sprint(v)
		}
		fmt.Fprintf(w, "  icon:      %s px\n", strings.Join(s, ", "))
	}
	if info.FixedVersion != "" {
		fmt.Fprintf(w, "  version:   %s", info.FixedVersion)
		for _, k := range []string{"ProductName", "ProductVersion", "FileDescription", "OriginalFilename"} {
			if v, ok := info.Strings[k]; ok {
				fmt.Fprintf(w, "; %s=%s", k, v)
			}
		}
		fmt.Fprintln(w)
	}
	if info.Manifest != "" {
		fmt.Fprintf(w, "  manifest:  %d bytes\n", len(info.Manifest))
	}
	fmt.Fprintf(w, "  signed:    %v\n", info.Signed)
}

// SameCode compares two images section by section, by name, and lists the
// sections other than .rsrc whose contents differ or that only one image
// has: after resources are replaced in a linked program, the list must be
// empty. Damaged input is an error, never a panic.
func SameCode(a, b io.ReaderAt) (diffs []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			diffs, err = nil, fmt.Errorf("%w: damaged image (%v)", ErrNotPE, p)
		}
	}()
	read := func(r io.ReaderAt) (map[string][]byte, error) {
		f, err := pe.NewFile(r)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotPE, err)
		}
		defer f.Close()
		out := map[string][]byte{}
		for _, s := range f.Sections {
			if s.Name == ".rsrc" {
				continue
			}
			if s.Size > maxResourceSection*4 {
				return nil, fmt.Errorf("%w: section %s of %d bytes", ErrNotPE, s.Name, s.Size)
			}
			data, err := s.Data()
			if err != nil {
				return nil, fmt.Errorf("%w: section %s: %v", ErrNotPE, s.Name, err)
			}
			out[s.Name] = data
		}
		return out, nil
	}
	sa, err := read(a)
	if err != nil {
		return nil, err
	}
	sb, err := read(b)
	if err != nil {
		return nil, err
	}
	for name, da := range sa {
		if db, ok := sb[name]; !ok || !bytes.Equal(da, db) {
			diffs = append(diffs, name)
		}
	}
	for name := range sb {
		if _, ok := sa[name]; !ok {
			diffs = append(diffs, name)
		}
	}
	sort.Strings(diffs)
	return diffs, nil
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("peinfo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var want Want
	var resources, iconSizes, sameCode string
	fs.StringVar(&want.Machine, "machine", "amd64", "required machine: amd64, arm64 or 386")
	fs.StringVar(&want.Subsystem, "subsystem", "", "required subsystem: gui or console")
	fs.StringVar(&want.Version, "version", "", "required file version a.b.c.d")
	fs.BoolVar(&want.Signed, "signed", false, "require an Authenticode signature")
	fs.StringVar(&sameCode, "same-code-as", "", "every section but .rsrc must equal this executable's")
	fs.StringVar(&iconSizes, "icon-sizes", "", "comma-separated icon sizes in px that must be present")
	fs.StringVar(&resources, "require", "icon,group-icon,version", "comma-separated resource types that must be present")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: peinfo [-subsystem gui|console] [-version a.b.c.d] [-require types] FILE.exe…")
		return 2
	}
	if resources != "" {
		want.Resources = strings.Split(resources, ",")
	}
	for _, f := range strings.FieldsFunc(iconSizes, func(r rune) bool { return r == ',' }) {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 256 {
			fmt.Fprintf(stderr, "peinfo: bad -icon-sizes value %q\n", f)
			return 2
		}
		want.IconSizes = append(want.IconSizes, n)
	}
	code := 0
	for _, path := range fs.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(stderr, "peinfo:", err)
			return 2
		}
		info, err := Inspect(bytes.NewReader(data))
		if err != nil {
			fmt.Fprintf(stderr, "peinfo: %s: %v\n", path, err)
			return 2
		}
		fmt.Fprintf(stdout, "%s (%d bytes)\n", path, len(data))
		info.Report(stdout)
		problems := info.Check(want)
		if sameCode != "" {
			other, err := os.ReadFile(sameCode)
			if err != nil {
				fmt.Fprintln(stderr, "peinfo:", err)
				return 2
			}
			diffs, err := SameCode(bytes.NewReader(data), bytes.NewReader(other))
			if err != nil {
				fmt.Fprintf(stderr, "peinfo: %v\n", err)
				return 2
			}
			if len(diffs) > 0 {
				problems = append(problems, "sections differ from "+sameCode+": "+strings.Join(diffs, " "))
			} else {
				fmt.Fprintf(stdout, "  code:      same as %s (all sections but .rsrc)\n", sameCode)
			}
		}
		for _, p := range problems {
			fmt.Fprintf(stdout, "  PROBLEM:   %s\n", p)
			code = 1
		}
	}
	return code
}
