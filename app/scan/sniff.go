package scan

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// Kind is what a file is, decided from its first bytes.
type Kind string

// Kinds Dossier recognises. Only PDF, JPEG and PNG are accepted; the others
// are named so that the clerk is told what to do with them.
const (
	KindPDF     Kind = "pdf"
	KindJPEG    Kind = "jpeg"
	KindPNG     Kind = "png"
	KindTIFF    Kind = "tiff"
	KindHEIC    Kind = "heic"
	KindAVIF    Kind = "avif"
	KindGIF     Kind = "gif"
	KindWebP    Kind = "webp"
	KindBMP     Kind = "bmp"
	KindJP2     Kind = "jp2"
	KindZIP     Kind = "zip" // also docx, xlsx, odt: all are zip containers
	KindOffice  Kind = "office"
	KindRAR     Kind = "rar"
	Kind7Z      Kind = "7z"
	KindRTF     Kind = "rtf"
	KindHTML    Kind = "html"
	KindXML     Kind = "xml"
	KindPS      Kind = "postscript"
	KindText    Kind = "text"
	KindEmpty   Kind = "empty"
	KindUnknown Kind = "unknown"
)

// Accepted reports whether files of this kind can go into a package.
func (k Kind) Accepted() bool { return k == KindPDF || k == KindJPEG || k == KindPNG }

// SniffLen is how many leading bytes Sniff looks at.
const SniffLen = 4096

// Sniff tells the kind of a file from its first bytes (SniffLen are enough;
// fewer are fine for short files).
func Sniff(head []byte) Kind {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	if len(head) == 0 {
		return KindEmpty
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return KindJPEG
	case bytes.HasPrefix(head, pngSignature):
		return KindPNG
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")),
		bytes.HasPrefix(head, []byte("II+\x00")), bytes.HasPrefix(head, []byte("MM\x00+")):
		return KindTIFF
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return KindGIF
	case len(head) >= 12 && bytes.HasPrefix(head, []byte("RIFF")) && string(head[8:12]) == "WEBP":
		return KindWebP
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return KindOffice
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return KindZIP
	case bytes.HasPrefix(head, []byte("Rar!\x1A\x07")):
		return KindRAR
	case bytes.HasPrefix(head, []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}):
		return Kind7Z
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return KindRTF
	case bytes.HasPrefix(head, []byte("%!PS")):
		return KindPS
	case bytes.HasPrefix(head, []byte{0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' '}),
		bytes.HasPrefix(head, []byte{0xFF, 0x4F, 0xFF, 0x51}):
		return KindJP2
	case len(head) >= 14 && bytes.HasPrefix(head, []byte("BM")) && head[6] == 0 && head[7] == 0 && head[8] == 0 && head[9] == 0:
		return KindBMP
	}
	if k := sniffISOBMFF(head); k != "" {
		return k
	}
	// PDF readers accept a header anywhere in the first kilobyte (some
	// exporters put junk before it).
	if i := bytes.Index(head[:min(len(head), 1024)], []byte("%PDF-")); i >= 0 {
		return KindPDF
	}
	return sniffText(head)
}

// sniffISOBMFF recognises HEIF family files (iPhone photos) by the ftyp box.
func sniffISOBMFF(head []byte) Kind {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return ""
	}
	size := int(head[0])<<24 | int(head[1])<<16 | int(head[2])<<8 | int(head[3])
	if size < 12 || size > len(head) {
		size = min(len(head), 64)
	}
	// The major brand and the compatible brands, four bytes each.
	brands := [][]byte{head[8:12]}
	for i := 16; i+4 <= size; i += 4 {
		brands = append(brands, head[i:i+4])
	}
	heic := false
	for _, b := range brands {
		switch string(b) {
		case "avif", "avis":
			return KindAVIF
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1":
			heic = true
		}
	}
	if heic {
		return KindHEIC
	}
	return ""
}

func sniffText(head []byte) Kind {
	b := bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	trimmed := bytes.TrimLeft(b, " \t\r\n")
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 64)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<head")), bytes.HasPrefix(lower, []byte("<body")):
		return KindHTML
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<svg")):
		if bytes.Contains(bytes.ToLower(b), []byte("<html")) {
			return KindHTML
		}
		return KindXML
	}
	// Text: valid UTF-8 (a cut rune at the very end is fine) without control
	// characters other than tab, CR, LF and form feed.
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) {
				break
			}
			return KindUnknown
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return KindUnknown
		}
		i += n
	}
	return KindText
}

// SniffFile reads the first bytes of path and tells its kind.
func SniffFile(path string) (Kind, error) {
	f, err := os.Open(path)
	if err != nil {
		return KindUnknown, fmt.Errorf("sniff: %w", err)
	}
	defer f.Close()
	head := make([]byte, SniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return KindUnknown, fmt.Errorf("sniff: %w", err)
	}
	return Sniff(head[:n]), nil
}
