// Package roster imports a list of employees from a spreadsheet (.xlsx) or a
// CSV file into the workspace: it finds the header row by its names in
// Russian, Kazakh or English, reads each row into an employee, reports every
// row it cannot take with its line and the reason, and stores the good rows
// in one transaction, updating employees it already knows.
package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Limits that keep a wrong or hostile file from exhausting memory.
const (
	MaxFileSize = 64 << 20 // bytes of the file itself
	MaxRows     = 200_000
	MaxCols     = 256
	// maxUnzipped bounds what an .xlsx may expand to (a zip bomb stops here).
	maxUnzipped = 512 << 20
)

// Errors callers branch on.
var (
	ErrUnreadable = errors.New("unreadable roster file")
	ErrTooLarge   = errors.New("roster file too large")
	ErrNoHeader   = errors.New("no header row found")
	ErrNoSheet    = errors.New("no such sheet")
)

// ReadOptions override what is otherwise detected.
type ReadOptions struct {
	Sheet     string // .xlsx: the sheet to read (default: the first with a header)
	Encoding  string // CSV: "utf-8", "windows-1251" or "" to detect
	Delimiter rune   // CSV: ';', ',', '\t' or 0 to detect
	// TmpDir receives what excelize spills while reading a large workbook
	// (the workspace's private folder); "" means the system's temp folder.
	TmpDir string
}

// Row is one line of the sheet as text cells; Line is the line number a
// person sees in Excel or a text editor (1-based).
type Row struct {
	Line  int
	Cells []string
}

// Table is a sheet's rows as read, before any meaning is given to them.
type Table struct {
	Sheet string
	Rows  []Row
	// Serials reports that numbers in date columns are Excel day serials
	// (true for .xlsx); Date1904 selects the Mac 1904 epoch.
	Serials  bool
	Date1904 bool
	// Detected CSV settings, for the report.
	Encoding  string
	Delimiter rune
}

// ReadFile reads a roster file, telling .xlsx from CSV by content.
func ReadFile(path string, opts ReadOptions) ([]*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%w (over %d MiB)", ErrTooLarge, MaxFileSize>>20)
	}
	return Read(data, opts)
}

// Read reads roster data. An .xlsx file (a zip) yields one table per sheet
// (only the chosen one with opts.Sheet); anything else is read as CSV.
func Read(data []byte, opts ReadOptions) ([]*Table, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(data, opts)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("%w: an old .xls workbook; save it as .xlsx or CSV", ErrUnreadable)
	}
	t, err := readCSV(data, opts)
	if err != nil {
		return nil, err
	}
	return []*Table{t}, nil
}

func readXLSX(data []byte, opts ReadOptions) (tables []*Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			tables, err = nil, fmt.Errorf("%w: spreadsheet reader failed: %v", ErrUnreadable, r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped, TmpDir: opts.TmpDir,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	sheets := f.GetSheetList()
	if opts.Sheet != "" {
		found := false
		for _, s := range sheets {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(opts.Sheet)) {
				sheets, found = []string{s}, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: %q (the file has: %s)", ErrNoSheet, opts.Sheet, strings.Join(f.GetSheetList(), ", "))
		}
	}
	for _, name := range sheets {
		if opts.Sheet == "" {
			if visible, err := f.GetSheetVisible(name); err == nil && !visible {
				continue
			}
		}
		t, err := readSheet(f, name)
		if err != nil {
			return nil, err
		}
		t.Serials, t.Date1904 = true, date1904
		tables = append(tables, t)
	}
	return tables, nil
}

func readSheet(f *excelize.File, name string) (*Table, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("%w: sheet %s: %w", ErrUnreadable, name, err)
	}
	defer rows.Close()
	t := &Table{Sheet: name}
	line := 0
	for rows.Next() {
		line++
		if line > MaxRows {
			return nil, fmt.Errorf("%w: sheet %s has over %d rows", ErrTooLarge, name, MaxRows)
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%w: sheet %s line %d: %w", ErrUnreadable, name, line, err)
		}
		if len(cols) > MaxCols {
			cols = cols[:MaxCols]
		}
		if !allEmpty(cols) {
			t.Rows = append(t.Rows, Row{Line: line, Cells: cols})
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%w: sheet %s: %w", ErrUnreadable, name, err)
	}
	// A merged cell holds its value in the top-left cell only; a person reads
	// it across the whole range, so spread it there.
	merges, err := f.GetMergeCells(name)
	if err == nil {
		spreadMerges(t, merges)
	}
	return t, nil
}

func spreadMerges(t *Table, merges []excelize.MergeCell) {
	byLine := map[int]int{}
	for i, r := range t.Rows {
		byLine[r.Line] = i
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		v := m.GetCellValue()
		if err1 != nil || err2 != nil || strings.TrimSpace(v) == "" || c2 > MaxCols || (r2-r1+1)*(c2-c1+1) > 10_000 {
			continue
		}
		for line := r1; line <= r2; line++ {
			i, ok := byLine[line]
			if !ok {
				continue // an empty row inside a merge: nothing to read there
			}
			cells := t.Rows[i].Cells
			for len(cells) < c2 {
				cells = append(cells, "")
			}
			for c := c1; c <= c2; c++ {
				if strings.TrimSpace(cells[c-1]) == "" {
					cells[c-1] = v
				}
			}
			t.Rows[i].Cells = cells
		}
	}
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Encodings reported for CSV files.
const (
	EncUTF8    = "utf-8"
	EncUTF16   = "utf-16"
	EncWin1251 = "windows-1251"
)

func decodeText(data []byte, enc string) (string, string, error) {
	switch strings.ToLower(strings.ReplaceAll(enc, "_", "-")) {
	case "":
		switch {
		case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
			return string(data[3:]), EncUTF8, nil
		case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
			s, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
			if err != nil {
				return "", "", fmt.Errorf("%w: %w", ErrUnreadable, err)
			}
			return string(s), EncUTF16, nil
		case utf8.Valid(data):
			return string(data), EncUTF8, nil
		}
		// Not UTF-8: Excel's "CSV" on a Russian Windows writes Windows-1251.
		fallthrough
	case "windows-1251", "cp1251", "1251", "win1251":
		s, err := charmap.Windows1251.NewDecoder().Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("%w: %w", ErrUnreadable, err)
		}
		return string(s), EncWin1251, nil
	case "utf-8", "utf8":
		data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
		if !utf8.Valid(data) {
			return "", "", fmt.Errorf("%w: the file is not valid UTF-8", ErrUnreadable)
		}
		return string(data), EncUTF8, nil
	}
	return "", "", fmt.Errorf("%w: unknown encoding %q (use utf-8 or windows-1251)", ErrUnreadable, enc)
}

func readCSV(data []byte, opts ReadOptions) (*Table, error) {
	text, enc, err := decodeText(data, opts.Encoding)
	if err != nil {
		return nil, err
	}
	if strings.ContainsRune(text, 0) {
		return nil, fmt.Errorf("%w: binary data, not a table", ErrUnreadable)
	}
	delim := opts.Delimiter
	if delim == 0 {
		delim = detectDelimiter(text)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &Table{Sheet: "", Encoding: enc, Delimiter: delim}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrUnreadable, err)
		}
		line, _ := r.FieldPos(0)
		if len(t.Rows) >= MaxRows {
			return nil, fmt.Errorf("%w: over %d rows", ErrTooLarge, MaxRows)
		}
		if len(rec) > MaxCols {
			rec = rec[:MaxCols]
		}
		if !allEmpty(rec) {
			t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
		}
	}
	return t, nil
}

// detectDelimiter picks the separator that splits the first lines into the
// most rows of the same, plural width.
func detectDelimiter(text string) rune {
	sample := text
	if lines := strings.SplitN(text, "\n", 41); len(lines) > 40 {
		sample = strings.Join(lines[:40], "\n")
	}
	best, bestScore := ';', -1
	for _, d := range []rune{';', ',', '\t', '|'} {
		r := csv.NewReader(strings.NewReader(sample))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		counts := map[int]int{}
		for {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) > 1 {
				counts[len(rec)]++
			}
		}
		score := 0
		for width, n := range counts {
			if s := n*1000 + width; s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// serialDate converts an Excel day serial to year, month, day. Excel's 1900
// system counts 1900-02-29, a day that never was; serials after it are one
// too high, which the 1899-12-30 epoch absorbs.
func serialDate(s string, date1904 bool) (y, m, d int, ok bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || v < 1 || v > 2958465 {
		return 0, 0, 0, false
	}
	days := int(math.Floor(v))
	epoch := excelEpoch1900
	if date1904 {
		epoch = excelEpoch1904
	} else if days < 61 {
		days++ // before the phantom 29 February 1900
	}
	t := epoch.AddDate(0, 0, days)
	return t.Year(), int(t.Month()), t.Day(), true
}
