package roster

import (
	"bytes"
	"strings"
)

// csvScanner splits CSV text into records and accounts for every line.
//
// It is written here rather than taken from encoding/csv because of one
// failure: a quote opened and never closed. encoding/csv (with LazyQuotes,
// needed for the bare quotes in «ООО "Ромашка"») reads on to the next quote
// anywhere in the file, so one typo turned 4,996 lines into a single cell,
// and it only says where the record began after reading all of it. The
// scanner follows the same rules (RFC 4180 quotes, "" for a quote inside,
// a quote inside an unquoted cell kept as it is) but watches a quoted cell
// that runs past the end of its line: when the next line shows the
// separators of further cells, or the cell runs on for more than
// maxCellLines lines, the quote was never meant to span lines. The line is
// reported and reading starts again on the next line, so the cost stays
// linear and every other line is read.
type csvScanner struct {
	// text is the whole file: unquoted cells are substrings of it and cost
	// no copy of their own.
	text  string
	delim byte
	pos   int
	line  int // line of text[pos]
	// width is the number of cells of the first record with more than one:
	// a line swallowed by a quote shows about as many separators.
	width int
}

// maxCellLines is the most lines one quoted cell may span (an address over
// three lines is real; a hundred is a lost quote).
const maxCellLines = 20

type csvRecord struct {
	line   int
	fields []string // the first MaxCols cells
	far    bool     // the line has cells beyond MaxCols
	broken *Unaccounted
}

// keep adds a cell, up to MaxCols: a line of a million separators must
// not cost a million strings.
func (r *csvRecord) keep(v string) {
	if len(r.fields) < MaxCols {
		r.fields = append(r.fields, v)
	} else if strings.TrimSpace(v) != "" {
		r.far = true
	}
}

func newCSVScanner(text string, delim byte) *csvScanner {
	return &csvScanner{text: text, delim: delim, line: 1}
}

// lastLine is the number of the file's last line.
func (s *csvScanner) lastLine() int {
	n := s.line + strings.Count(s.text[s.pos:], "\n")
	if strings.HasSuffix(s.text, "\n") {
		n--
	}
	return max(n, s.line)
}

func (s *csvScanner) next() (csvRecord, bool) {
	if s.pos >= len(s.text) {
		return csvRecord{}, false
	}
	rec := csvRecord{line: s.line}
	var cur []byte
	text, d := s.text, s.delim
	fieldStart, quoted, wasQuoted := true, false, false
	fstart := s.pos // where the current unquoted cell starts
	// field ends the current cell at end: an unquoted cell is a substring of
	// the text, a quoted one the unescaped copy.
	field := func(end int) string {
		if wasQuoted {
			v := string(cur)
			cur = cur[:0]
			return v
		}
		return s.text[fstart:end]
	}
	var quoteLine, quoteCol, crossed, delimsAfter int
	var afterFirstLine int // offset just after the first line end inside the quote
	brk := func() (csvRecord, bool) {
		rec.fields = nil
		rec.broken = &Unaccounted{Line: rec.line, EndLine: quoteLine, Key: "roster.unclosed_quote",
			Args: []any{quoteCol}}
		s.pos, s.line = afterFirstLine, quoteLine+1
		return rec, true
	}
	for s.pos < len(text) {
		c := text[s.pos]
		if quoted {
			switch {
			case c == '"':
				next := byte('\n')
				if s.pos+1 < len(text) {
					next = text[s.pos+1]
				}
				switch next {
				case '"':
					cur = append(cur, '"')
					s.pos += 2
				case d, '\n', '\r':
					quoted = false
					s.pos++
				default: // a stray quote inside the quoted cell: kept
					cur = append(cur, '"')
					s.pos++
				}
				continue
			case c == '\n':
				crossed++
				delimsAfter = 0
				if crossed == 1 {
					afterFirstLine = s.pos + 1
				}
				s.line++
				if crossed > maxCellLines {
					return brk()
				}
			case c == d && crossed > 0:
				delimsAfter++
				if delimsAfter >= max(1, (s.width-1)/2) {
					return brk()
				}
			}
			cur = append(cur, c)
			s.pos++
			continue
		}
		if fieldStart && c == '"' {
			quoted, wasQuoted, fieldStart = true, true, false
			quoteLine, quoteCol, crossed = s.line, len(rec.fields)+1, 0
			s.pos++
			continue
		}
		if fieldStart {
			fieldStart, fstart = false, s.pos
		}
		switch {
		case c == d:
			rec.keep(field(s.pos))
			fieldStart, wasQuoted = true, false
			s.pos++
			continue
		case c == '\n':
			end := s.pos
			if end > fstart && text[end-1] == '\r' {
				end--
			}
			rec.keep(field(end))
			s.pos++
			s.line++
			s.noteWidth(len(rec.fields))
			return rec, true
		case c == '\r' && s.pos+1 < len(text) && text[s.pos+1] == '\n':
			s.pos++
			continue
		}
		if wasQuoted {
			cur = append(cur, c)
		}
		s.pos++
	}
	// The end of the text. A quote still open there that spans lines or
	// holds separators swallowed the rest of the file.
	if quoted && (crossed > 0 || bytes.IndexByte(cur, d) >= 0) {
		if crossed == 0 {
			afterFirstLine = len(text)
		}
		return brk()
	}
	if fieldStart {
		fstart = s.pos
	}
	rec.keep(field(len(text)))
	s.noteWidth(len(rec.fields))
	return rec, true
}

func (s *csvScanner) noteWidth(n int) {
	if s.width == 0 && n > 1 {
		s.width = n
	}
}
