package roster

import (
	"errors"
	"sort"
	"strings"

	"dossier/app/i18n"
)

// cellValue is one non-empty cell of a row: 0-based column and its text.
type cellValue struct {
	col int
	v   string
}

// errNoHeaderStop ends reading a sheet whose first rows hold no header:
// nothing further down can be imported, so it is not read.
var errNoHeaderStop = errors.New("no header in the first rows")

// tableBuilder turns rows as they stream out of a file into a Table whose
// memory follows the roster, not the file. The first rows (as many as a
// header may sit below the top) are kept whole, up to MaxCols columns; once
// the header is found only its columns are kept, packed side by side, so a
// stray cell far to the right or a million rows of junk cost nothing.
// Rows below the header with nothing in the roster's columns are counted in
// Table.Ignored instead of kept; only rows with data count against MaxRows.
type tableBuilder struct {
	t       *Table
	decided bool
	// keep maps a sheet column to its place in the packed rows; data marks
	// the packed columns whose field is imported (not FieldKnown).
	keep  map[int]int
	data  []bool
	width int
	rows  int // data rows kept
	// merges, sorted by first line; active are those covering the lines now
	// being read, with the value of their top-left cell once it was seen.
	merges []mergeRange
	next   int
	active []activeMerge
	dense  []string // scratch row
}

// maxKnownColumns is how many recognised but not imported columns are kept.
const maxKnownColumns = 4

type activeMerge struct {
	mergeRange
	v string
}

func newTableBuilder(t *Table) *tableBuilder {
	return &tableBuilder{t: t, dense: make([]string, MaxCols)}
}

func (b *tableBuilder) setMerges(m []mergeRange) {
	sort.SliceStable(m, func(i, j int) bool { return m[i].r1 < m[j].r1 })
	b.merges, b.next, b.active = m, 0, nil
}

// add takes one row of the file; far reports that it also had cells beyond
// MaxCols (never a roster column). It returns errNoHeaderStop when reading
// can stop, or a FileError when the rows exceed MaxRows.
func (b *tableBuilder) add(line int, cells []cellValue, far bool) error {
	if b.decided && b.keep == nil {
		return errNoHeaderStop
	}
	// Spread merged values: a merged cell holds its value in the top-left
	// cell only; a person reads it across the whole range.
	b.updateMerges(line, cells)
	maxCol := -1
	for _, c := range cells {
		if c.col < MaxCols && strings.TrimSpace(c.v) != "" {
			b.dense[c.col] = c.v
			maxCol = max(maxCol, c.col)
		}
	}
	if maxCol < 0 {
		if far {
			b.t.Ignored.note(line)
		}
		return nil // an empty row: nothing to account for
	}
	for _, m := range b.active {
		if m.v == "" || line < m.r1 || line > m.r2 {
			continue
		}
		for c := m.c1; c <= m.c2; c++ {
			if strings.TrimSpace(b.dense[c]) == "" {
				b.dense[c] = m.v
				maxCol = max(maxCol, c)
			}
		}
	}
	defer clear(b.dense[:maxCol+1])
	if !b.decided {
		row := Row{Line: line, Cells: append([]string(nil), b.dense[:maxCol+1]...)}
		b.t.Rows = append(b.t.Rows, row)
		if len(b.t.Rows) >= headerSearchRows {
			b.decide()
		}
		return nil
	}
	packed := make([]string, b.width)
	hasData := false
	for c := 0; c <= maxCol; c++ {
		if b.dense[c] == "" {
			continue
		}
		j, ok := b.keep[c]
		if !ok {
			continue
		}
		packed[j] = b.dense[c]
		if b.data[j] && strings.TrimSpace(b.dense[c]) != "" {
			hasData = true
		}
	}
	if !hasData {
		b.t.Ignored.note(line)
		return nil
	}
	if b.rows >= MaxRows {
		return fileErr(ErrTooLarge, nil, "roster.err.too_many_rows", MaxRows)
	}
	b.rows++
	b.t.Rows = append(b.t.Rows, Row{Line: line, Cells: packed})
	return nil
}

// updateMerges keeps the set of merges that cover line, taking the value of
// a merge from the row of its top-left cell.
func (b *tableBuilder) updateMerges(line int, cells []cellValue) {
	if len(b.merges) == 0 {
		return
	}
	kept := b.active[:0]
	for _, m := range b.active {
		if m.r2 >= line {
			kept = append(kept, m)
		}
	}
	b.active = kept
	for b.next < len(b.merges) && b.merges[b.next].r1 <= line {
		m := b.merges[b.next]
		b.next++
		if m.r2 < line {
			continue
		}
		am := activeMerge{mergeRange: m}
		if m.r1 == line {
			for _, c := range cells {
				if c.col == m.c1 {
					am.v = c.v
				}
			}
		}
		b.active = append(b.active, am)
	}
}

// decide finds the header in the rows read so far and packs them to its
// columns; with no header the table stays as read (Import reports it).
func (b *tableBuilder) decide() {
	b.decided = true
	h, ok := FindHeader(b.t)
	if !ok {
		return
	}
	// Every imported column, and the first few of the columns recognised but
	// not imported (row number, phone, note): they hold totals lines and
	// help spot a repeated header, but a header of 200 "Phone" columns must
	// not make every row 200 cells wide.
	cols := make([]int, 0, len(h.Columns))
	known := 0
	for _, c := range sortedColumns(h) {
		if h.Columns[c] == FieldKnown {
			if known == maxKnownColumns {
				continue
			}
			known++
		}
		cols = append(cols, c)
	}
	b.keep = make(map[int]int, len(cols))
	b.data = make([]bool, len(cols))
	for j, c := range cols {
		b.keep[c] = j
		b.data[j] = h.Columns[c] != FieldKnown
	}
	b.width = len(cols)
	// Rows above the header keep only its columns too; rows below it are
	// data rows like any later one.
	var kept []Row
	headerEnd := h.first
	for i, r := range b.t.Rows {
		packed := make([]string, b.width)
		hasData := false
		for c, v := range r.Cells {
			if j, ok := b.keep[c]; ok {
				packed[j] = v
				if b.data[j] && strings.TrimSpace(v) != "" {
					hasData = true
				}
			}
		}
		if i >= headerEnd && !hasData {
			b.t.Ignored.note(r.Line)
			continue
		}
		if i < headerEnd && allEmpty(packed) {
			continue // a title line above the header
		}
		if i >= headerEnd {
			b.rows++
		}
		kept = append(kept, Row{Line: r.Line, Cells: packed})
	}
	b.t.Rows = kept
}

// finish decides on the header if the file had fewer rows than the search
// depth, and returns the table.
func (b *tableBuilder) finish() *Table {
	if !b.decided {
		b.decide()
	}
	return b.t
}

// Ignored counts rows below the header that held something, but nothing in
// the columns Dossier imports: a stray cell far to the right, row numbers of
// an empty template, junk. They are reported in one line, not one each.
type Ignored struct {
	Rows  int `json:"rows"`
	First int `json:"first_line,omitempty"`
	Last  int `json:"last_line,omitempty"`
}

// Text renders the summary in lang.
func (ig Ignored) Text(lang i18n.Lang) string {
	if ig.Rows == 1 {
		return i18n.T(lang, "roster.ignored_one", ig.First)
	}
	return i18n.T(lang, "roster.ignored", ig.Rows, ig.First, ig.Last)
}

func (ig *Ignored) note(line int) {
	ig.Rows++
	if ig.First == 0 || line < ig.First {
		ig.First = line
	}
	if line > ig.Last {
		ig.Last = line
	}
}
