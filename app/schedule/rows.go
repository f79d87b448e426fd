package schedule

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"dossier/app/leftover"
)

// The schedule's data rows are the one large part of the workbook, and
// excelize's StreamWriter spent about ten times the rest of an export on
// them: every text cell went through a regular expression (for the rare
// "_xHHHH_" escape), a string builder and two copies, and the sheet grew in
// one buffer that doubled its way up. sheetRows writes the same
// SpreadsheetML cells straight into fixed-size chunks; excelize still makes
// the workbook around them (styles, widths, panes, filter, colours, print
// setup, the summary sheet), and the rows join it when it is zipped (see
// parallelZip.splice). Past spillAt the chunks go to a temporary file, so
// memory stays flat however long the roster.

const (
	rowChunk = 1 << 20  // bytes per chunk
	spillAt  = 16 << 20 // bytes kept in memory before spilling to a file
	// maxCellChars is Excel's limit on a cell's text, in UTF-16 units.
	maxCellChars = 32767
)

type sheetRows struct {
	// limit is spillAt, or less in tests.
	limit  int
	chunks [][]byte // the rows not yet spilled, in order
	inMem  int
	spill  *os.File // earlier rows, when there were many
	tmpDir string   // where spill goes ("" = the system's temp folder)
	spilt  int64
	err    error  // the first spill error, reported by WriteTo
	ref    []byte // scratch for cell references
	rows   int
}

// cur returns the chunk to append to, with room for at least n bytes.
func (s *sheetRows) cur(n int) []byte {
	if k := len(s.chunks); k > 0 && cap(s.chunks[k-1])-len(s.chunks[k-1]) >= n {
		return s.chunks[k-1]
	}
	if limit := cmp.Or(s.limit, spillAt); s.inMem >= limit {
		s.spillChunks()
	}
	c := make([]byte, 0, max(rowChunk, n))
	s.chunks = append(s.chunks, c)
	return c
}

func (s *sheetRows) put(b []byte) {
	s.chunks[len(s.chunks)-1] = b
}

func (s *sheetRows) spillChunks() {
	if s.err != nil {
		return
	}
	if s.spill == nil {
		if s.spill, s.err = os.CreateTemp(s.tmpDir, leftover.SpillPrefix+"*"); s.err != nil {
			s.err = fmt.Errorf("rows: %w", s.err)
			return
		}
	}
	for _, c := range s.chunks {
		n, err := s.spill.Write(c)
		s.spilt += int64(n)
		if err != nil {
			s.err = fmt.Errorf("rows: %w", err)
			return
		}
	}
	s.chunks, s.inMem = s.chunks[:0], 0
}

// rowBuilder appends one row's cells; begin and end bracket them.
type rowBuilder struct {
	s   *sheetRows
	b   []byte
	row []byte // the row number as text
}

// begin starts row r (1-based, as in the sheet).
func (s *sheetRows) begin(r int) rowBuilder {
	// A row of the schedule is well under 4 KiB; a longer one (a very long
	// warning text) still fits because the chunk grows with append.
	b := s.cur(4 << 10)
	s.ref = strconv.AppendInt(s.ref[:0], int64(r), 10)
	rb := rowBuilder{s: s, b: b, row: s.ref}
	rb.b = append(rb.b, `<row r="`...)
	rb.b = append(rb.b, rb.row...)
	rb.b = append(rb.b, `">`...)
	return rb
}

func (rb *rowBuilder) open(col byte, style int) {
	rb.b = append(rb.b, `<c r="`...)
	rb.b = append(rb.b, col)
	rb.b = append(rb.b, rb.row...)
	rb.b = append(rb.b, `" s="`...)
	rb.b = strconv.AppendInt(rb.b, int64(style), 10)
	rb.b = append(rb.b, '"')
}

// number writes a number cell.
func (rb *rowBuilder) number(col byte, style, v int) {
	rb.open(col, style)
	rb.b = append(rb.b, `><v>`...)
	rb.b = strconv.AppendInt(rb.b, int64(v), 10)
	rb.b = append(rb.b, `</v></c>`...)
}

// formula writes a formula cell with its value as last computed.
func (rb *rowBuilder) formula(col byte, style int, f string, v int) {
	rb.open(col, style)
	rb.b = append(rb.b, `><f>`...)
	rb.b = appendEscaped(rb.b, f)
	rb.b = append(rb.b, `</f><v>`...)
	rb.b = strconv.AppendInt(rb.b, int64(v), 10)
	rb.b = append(rb.b, `</v></c>`...)
}

// text writes an inline-string cell; empty text leaves the cell out.
func (rb *rowBuilder) text(col byte, style int, s string) {
	if s == "" {
		return
	}
	rb.open(col, style)
	rb.b = append(rb.b, ` t="inlineStr"><is><t`...)
	if first, last := s[0], s[len(s)-1]; isSpace(first) || isSpace(last) {
		rb.b = append(rb.b, ` xml:space="preserve"`...)
	}
	rb.b = append(rb.b, '>')
	rb.b = appendCellText(rb.b, s)
	rb.b = append(rb.b, `</t></is></c>`...)
}

// end closes the row.
func (rb *rowBuilder) end() {
	rb.b = append(rb.b, `</row>`...)
	rb.s.inMem += len(rb.b) - len(rb.s.chunks[len(rb.s.chunks)-1])
	rb.s.put(rb.b)
	rb.s.rows++
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendCellText appends s as cell text: XML-escaped (a carriage return
// as a character reference); characters XML 1.0
// cannot carry written as Excel's "_xHHHH_" escapes (control characters)
// or replaced (broken UTF-8); a literal "_xHHHH_" in s escaped in turn ("_x005F_")
// so Excel shows it as typed; cut at Excel's 32,767 characters.
func appendCellText(b []byte, s string) []byte {
	units := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > maxCellChars {
			break
		}
		units += u
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '\r':
			// A literal carriage return would reach the reader as a line
			// feed (XML normalises line ends); a character reference stays.
			b = append(b, "&#xD;"...)
		case r == '_' && looksEscaped(s[i:]):
			b = append(b, "_x005F_"...)
		case r == utf8.RuneError && size == 1:
			b = append(b, "\uFFFD"...) // a broken byte: the replacement character
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			b = append(b, "_x"...)
			for shift := 12; shift >= 0; shift -= 4 {
				b = append(b, hexDigit(byte(r>>shift)))
			}
			b = append(b, '_')
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// looksEscaped reports whether s starts with "_xHHHH_", which Excel would
// read as an escaped character.
func looksEscaped(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func hexDigit(n byte) byte { return "0123456789ABCDEF"[n&15] }

// appendEscaped appends s with XML's three special characters escaped.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// WriteTo writes every row, in order, and releases them.
func (s *sheetRows) WriteTo(w io.Writer) (int64, error) {
	if s.err != nil {
		return 0, s.err
	}
	var n int64
	if s.spill != nil {
		if _, err := s.spill.Seek(0, io.SeekStart); err != nil {
			return 0, fmt.Errorf("rows: %w", err)
		}
		buf := make([]byte, rowChunk)
		k, err := io.CopyBuffer(onlyWriter{w}, onlyReader{s.spill}, buf)
		n += k
		if err != nil {
			return n, fmt.Errorf("rows: %w", err)
		}
	}
	for i, c := range s.chunks {
		k, err := w.Write(c)
		n += int64(k)
		if err != nil {
			return n, err
		}
		s.chunks[i] = nil
	}
	return n, nil
}

// onlyWriter hides a writer's ReadFrom and onlyReader a file's WriteTo
// (which copies in 32 KiB pieces), so io.CopyBuffer uses the buffer given:
// large writes, which parallelZip deflates on every core.
type (
	onlyWriter struct{ io.Writer }
	onlyReader struct{ io.Reader }
)

// Close removes the spill file, if any.
func (s *sheetRows) Close() error {
	if s.spill == nil {
		return nil
	}
	name := s.spill.Name()
	err := s.spill.Close()
	s.spill = nil
	return errors.Join(err, os.Remove(name))
}
