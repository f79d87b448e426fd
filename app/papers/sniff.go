package papers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"
)

// A letterhead is picked by a clerk from whatever Word, a colleague or an
// e-mail left on the disk. What the file is decides the message, by its
// bytes and never by its name: a .docx renamed from a .doc is still a .doc.
// Each refusal is a *LetterheadError whose Reason selects the message
// (papers.err.letterhead_<Reason>) that says what to do in Word.

// Leading bytes of the kinds of file a clerk may pick instead of a .docx.
var (
	magicCFB = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // OLE compound file: .doc, or an encrypted .docx
	magicPDF = []byte("%PDF-")
	magicRTF = []byte(`{\rtf`)
	magicZip = []byte("PK\x03\x04")
)

// The main part's content types that are not a plain Word document.
const (
	ctDocMacro    = "application/vnd.ms-word.document.macroEnabled.main+xml"
	ctTemplate    = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	ctTemplateMac = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
	ctODT         = "application/vnd.oasis.opendocument.text"
)

// sniff refuses, by its first bytes, a file that is no zip package at all.
func sniff(data []byte) error {
	refuse := func(reason string, args ...any) error {
		return &LetterheadError{Broken: errors.New(reason), Reason: reason, Args: args}
	}
	switch {
	case len(data) == 0:
		return refuse("empty")
	case len(data) > maxLetterhead:
		return refuse("too_large", megabytes(int64(len(data))), maxLetterhead>>20)
	case bytes.HasPrefix(data, magicCFB):
		// Word keeps a password-protected .docx inside an OLE compound
		// file with these two streams; without them it is a Word 97–2003
		// document.
		if bytes.Contains(data, utf16le("EncryptedPackage")) || bytes.Contains(data, utf16le("EncryptionInfo")) {
			return refuse("encrypted")
		}
		return refuse("old_doc")
	case bytes.HasPrefix(data, magicPDF):
		return refuse("pdf")
	case bytes.HasPrefix(data, magicRTF):
		return refuse("rtf")
	case !bytes.HasPrefix(data, magicZip) && !bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return refuse("not_docx")
	}
	return nil
}

// checkKind refuses a zip package that is not a plain Word document: an
// OpenDocument text, a document with macros, a Word template, or a zip
// with no document in it.
func checkKind(zr *zip.Reader, hasDoc bool) error {
	refuse := func(reason string) error {
		return &LetterheadError{Broken: errors.New(reason), Reason: reason}
	}
	var types string
	for _, f := range zr.File {
		switch {
		case f.Name == "mimetype":
			if b, err := readSmall(f); err == nil && strings.HasPrefix(string(b), ctODT) {
				return refuse("odt")
			}
		case f.Name == "word/vbaProject.bin":
			return refuse("macro")
		case f.Name == "[Content_Types].xml":
			if b, err := readSmall(f); err == nil {
				types = mainContentType(b)
			}
		}
	}
	switch types {
	case ctDocMacro, ctTemplateMac:
		return refuse("macro")
	case ctTemplate:
		return refuse("template")
	}
	if !hasDoc {
		return refuse("no_document")
	}
	return nil
}

// mainContentType is the content type [Content_Types].xml gives the main
// document part, "" when it does not say.
func mainContentType(data []byte) string {
	var t ctTypes
	if err := xml.Unmarshal(data, &t); err != nil {
		return ""
	}
	for _, o := range t.Overrides {
		if strings.EqualFold(o.PartName, "/word/document.xml") {
			return o.ContentType
		}
	}
	return ""
}

// readSmall reads a zip entry of at most 1 MB (a content types list, a
// mimetype): anything larger is not what it claims to be.
func readSmall(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > 1<<20 {
		return nil, fmt.Errorf("%s: too large", f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, 1<<20))
}

func utf16le(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// megabytes rounds a size up to whole megabytes for a message.
func megabytes(n int64) int { return int((n + 1<<20 - 1) >> 20) }

// ReadLetterhead reads a letterhead file the clerk chose, refusing one over
// MaxLetterhead before reading it (a *LetterheadError). It does not check
// the content: CheckLetterhead does.
func ReadLetterhead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("letterhead: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > maxLetterhead {
		return nil, &LetterheadError{Broken: errors.New("too large"), Reason: "too_large", Args: []any{megabytes(st.Size()), maxLetterhead >> 20}}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxLetterhead+1))
	if err != nil {
		return nil, fmt.Errorf("letterhead: %w", err)
	}
	if len(data) > maxLetterhead { // it grew while being read
		return nil, &LetterheadError{Broken: errors.New("too large"), Reason: "too_large", Args: []any{megabytes(int64(len(data))), maxLetterhead >> 20}}
	}
	return data, nil
}
