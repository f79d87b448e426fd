// Command consolecopy writes a copy of a Windows executable with its subsystem
// set to "console", as Microsoft's `editbin /SUBSYSTEM:CONSOLE` does.
//
// Dossier ships two executables built from one binary: Dossier.exe, marked as
// a GUI program so that double-clicking it opens no console window, and
// dossier-cli.exe, the same bytes marked as a console program, so that cmd.exe
// and PowerShell wait for it, show its output and see its exit code. The
// subsystem is a field in the PE optional header that Windows reads when it
// starts a program; Go's code does not depend on it (the runtime asks Windows
// for the console handles it has). Patching it instead of linking a second
// time keeps both files identical in code, icon and version resource.
//
//	go run ./packaging/consolecopy dist/Dossier.exe dist/dossier-cli.exe
package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"dossier/app/atomicfile"
)

// PE subsystem values.
const (
	SubsystemGUI     = 2
	SubsystemConsole = 3
)

// ErrNotPE means the input is not a PE image.
var ErrNotPE = errors.New("not a Windows PE image")

// Offsets inside the optional header, the same for PE32 and PE32+.
const (
	optCheckSum  = 64
	optSubsystem = 68
)

// SetSubsystem returns a copy of img with the PE subsystem set to sub, and the
// header checksum recomputed if the original carried one.
func SetSubsystem(img []byte, sub uint16) ([]byte, error) {
	opt, err := optionalHeader(img)
	if err != nil {
		return nil, err
	}
	out := append([]byte(nil), img...)
	binary.LittleEndian.PutUint16(out[opt+optSubsystem:], sub)
	if binary.LittleEndian.Uint32(img[opt+optCheckSum:]) != 0 {
		binary.LittleEndian.PutUint32(out[opt+optCheckSum:], checksum(out, opt+optCheckSum))
	}
	return out, nil
}

// Subsystem reads the PE subsystem of img.
func Subsystem(img []byte) (uint16, error) {
	opt, err := optionalHeader(img)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint16(img[opt+optSubsystem:]), nil
}

// optionalHeader finds the optional header and checks that it is one of ours.
func optionalHeader(img []byte) (int, error) {
	if len(img) < 0x40 || img[0] != 'M' || img[1] != 'Z' {
		return 0, ErrNotPE
	}
	peOff := int64(binary.LittleEndian.Uint32(img[0x3c:]))
	if peOff+24 > int64(len(img)) || string(img[peOff:peOff+4]) != "PE\x00\x00" {
		return 0, ErrNotPE
	}
	optSize := int64(binary.LittleEndian.Uint16(img[peOff+20:]))
	opt := peOff + 24
	if optSize < optSubsystem+2 || opt+optSize > int64(len(img)) {
		return 0, ErrNotPE
	}
	switch binary.LittleEndian.Uint16(img[opt:]) {
	case 0x10b, 0x20b: // PE32, PE32+
	default:
		return 0, ErrNotPE
	}
	return int(opt), nil
}

// checksum is the PE image checksum (as computed by imagehlp's
// CheckSumMappedFile), skipping the checksum field at skip.
func checksum(img []byte, skip int) uint32 {
	var sum uint64
	for i := 0; i < len(img); i += 2 {
		if i == skip || i == skip+2 {
			continue
		}
		var w uint64
		if i+1 < len(img) {
			w = uint64(binary.LittleEndian.Uint16(img[i:]))
		} else {
			w = uint64(img[i])
		}
		sum += w
		sum = (sum & 0xffff) + (sum >> 16)
	}
	sum = (sum & 0xffff) + (sum >> 16)
	return uint32(sum) + uint32(len(img))
}

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "usage: consolecopy GUI.exe CONSOLE.exe")
		return 2
	}
	in, out := args[0], args[1]
	img, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintln(stderr, "consolecopy:", err)
		return 2
	}
	patched, err := SetSubsystem(img, SubsystemConsole)
	if err != nil {
		fmt.Fprintf(stderr, "consolecopy: %s: %v\n", in, err)
		return 2
	}
	if err := writeAtomic(out, patched); err != nil {
		fmt.Fprintln(stderr, "consolecopy:", err)
		return 1
	}
	return 0
}

// writeAtomic writes through a temporary file in the target folder: the
// copy is a program, so it is made executable.
func writeAtomic(path string, data []byte) error {
	if err := atomicfile.WriteBytes(path, data, atomicfile.Options{Prefix: ".consolecopy-", Perm: 0o755}); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
