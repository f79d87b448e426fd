// Package roster imports a list of employees from a spreadsheet (.xlsx) or a
// CSV file into the workspace: it finds the header row by its names in
// Russian, Kazakh or English, reads each row into an employee, reports every
// row it cannot take with its line and the reason, and stores the good rows
// in one transaction, updating employees it already knows.
package roster

import (
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"dossier/app/i18n"
)

// Limits that keep a wrong or hostile file from exhausting memory.
const (
	// MaxFileSize bounds the file itself: a roster of 200,000 people is
	// about 30 MB as CSV and a tenth of that as .xlsx.
	MaxFileSize = 32 << 20
	// MaxRows bounds the rows with data under the header; empty rows and
	// rows with nothing in the roster's columns do not count.
	MaxRows = 200_000
	// MaxCols is the widest row read; cells further right are ignored.
	MaxCols = 256
)

// Errors callers branch on. The errors Read and ReadFile return are
// *FileError values that match one of these with errors.Is and carry a
// message for the clerk (see Explain).
var (
	ErrUnreadable = errors.New("unreadable roster file")
	ErrTooLarge   = errors.New("roster file too large")
	ErrNoHeader   = errors.New("no header row found")
	ErrNoSheet    = errors.New("no such sheet")
)

// ReadOptions override what is otherwise detected.
type ReadOptions struct {
	Sheet     string // .xlsx: the sheet to read (default: the first with a header)
	Encoding  string // CSV: "utf-8", "utf-16", "windows-1251" or "" to detect
	Delimiter rune   // CSV: ';', ',', '\t' or 0 to detect
}

// Row is one line of the sheet as text cells; Line is the line number a
// person sees in Excel or a text editor (1-based).
type Row struct {
	Line  int
	Cells []string
}

// Table is a sheet's rows as read, before any meaning is given to them.
// Once the header is found among the first rows, each row keeps only the
// header's columns, packed side by side (Cells[i] is the i-th recognised
// column, not the i-th column of the sheet).
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
	// Unaccounted are the lines the reader could not turn into rows.
	Unaccounted []Unaccounted
	// Ignored counts rows with nothing in the roster's columns.
	Ignored Ignored
}

// Unaccounted is a stretch of lines that gave no row, and why: the reader
// could not split it into cells. An import with such lines writes nothing
// unless the clerk asks for a partial import.
type Unaccounted struct {
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	Key     string `json:"key"`
	Args    []any  `json:"args,omitempty"`
}

// Text renders the reason in lang.
func (u Unaccounted) Text(lang i18n.Lang) string { return i18n.T(lang, u.Key, u.Args...) }

// ReadFile reads a roster file, telling .xlsx from CSV by content.
func ReadFile(path string, opts ReadOptions) ([]*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openErr(err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fileErr(ErrUnreadable, nil, "roster.err.is_dir")
	}
	// Read into a string once: CSV cells are substrings of it, and the
	// zip reader reads .xlsx parts from it, with no second copy.
	var sb strings.Builder
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() <= MaxFileSize {
		sb.Grow(int(st.Size()) + 1)
	}
	_, err = io.Copy(&sb, io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		if errors.Is(err, syscall.EISDIR) {
			return nil, fileErr(ErrUnreadable, err, "roster.err.is_dir")
		}
		return nil, fileErr(ErrUnreadable, err, "roster.err.read_failed")
	}
	return readString(sb.String(), opts)
}

func openErr(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fileErr(ErrUnreadable, err, "roster.err.not_found")
	case errors.Is(err, fs.ErrPermission):
		return fileErr(ErrUnreadable, err, "roster.err.denied")
	}
	return fileErr(ErrUnreadable, err, "roster.err.open_failed")
}

// Read reads roster data. An .xlsx file (a zip) yields one table per sheet
// up to the first with a header (only the chosen one with opts.Sheet);
// plain text is read as CSV; anything else is refused with a message that
// names what the file is.
func Read(data []byte, opts ReadOptions) ([]*Table, error) {
	if len(data) > MaxFileSize {
		return nil, fileErr(ErrTooLarge, nil, "roster.err.file_too_large", MaxFileSize>>20)
	}
	return readString(string(data), opts)
}

func readString(data string, opts ReadOptions) ([]*Table, error) {
	if len(data) > MaxFileSize {
		return nil, fileErr(ErrTooLarge, nil, "roster.err.file_too_large", MaxFileSize>>20)
	}
	if len(strings.TrimSpace(data)) == 0 {
		return nil, fileErr(ErrUnreadable, nil, "roster.err.empty")
	}
	switch {
	case strings.HasPrefix(data, "PK\x03\x04"), strings.HasPrefix(data, "PK\x05\x06"):
		return readXLSX(data, opts)
	case strings.HasPrefix(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"):
		return nil, compoundFileErr(data)
	case strings.HasPrefix(data, "%PDF"):
		return nil, fileErr(ErrUnreadable, nil, "roster.err.pdf")
	case isPicture(data):
		return nil, fileErr(ErrUnreadable, nil, "roster.err.picture")
	}
	t, err := readCSV(data, opts)
	if err != nil {
		return nil, err
	}
	return []*Table{t}, nil
}

// compoundFileErr tells what an OLE compound file is. Excel writes a
// password-protected .xlsx as one (streams EncryptionInfo and
// EncryptedPackage); an old .xls keeps its sheets in a Workbook stream;
// Word's .doc in WordDocument. Stream names are UTF-16 in the directory.
func compoundFileErr(data string) error {
	has := func(name string) bool {
		u := make([]byte, 0, 2*len(name))
		for _, r := range name {
			u = append(u, byte(r), 0)
		}
		return strings.Contains(data, string(u))
	}
	switch {
	case has("EncryptedPackage") || has("EncryptionInfo"):
		return fileErr(ErrUnreadable, nil, "roster.err.encrypted")
	case has("WordDocument"):
		return fileErr(ErrUnreadable, nil, "roster.err.office_other", "Word (.doc)")
	case has("Workbook") || has("Book"):
		return fileErr(ErrUnreadable, nil, "roster.err.old_xls")
	}
	return fileErr(ErrUnreadable, nil, "roster.err.binary")
}

func isPicture(data string) bool {
	for _, magic := range []string{"\xFF\xD8\xFF", "\x89PNG", "GIF8", "II*\x00", "MM\x00*", "BM"} {
		if strings.HasPrefix(data, magic) {
			return true
		}
	}
	return len(data) > 12 && data[4:8] == "ftyp"
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

// utf16Order guesses UTF-16 without a byte-order mark (Excel's "Unicode
// text" can be saved without one): text in it has zero bytes on one side
// of each pair (ASCII) and 0x04 there for Cyrillic, and almost none on the
// other side.
func utf16Order(data string) (unicode.Endianness, bool) {
	sample := data[:min(len(data), 8192)&^1]
	pairs := len(sample) / 2
	if pairs < 4 {
		return unicode.LittleEndian, false
	}
	var zero, low [2]int // by position in the pair
	for i := 0; i < len(sample); i++ {
		b := sample[i]
		if b == 0 {
			zero[i%2]++
		}
		if b == 0 || b == 4 {
			low[i%2]++
		}
	}
	for side, order := range []unicode.Endianness{unicode.BigEndian, unicode.LittleEndian} {
		other := 1 - side
		if zero[side]*20 >= pairs && zero[other]*10 <= zero[side] && low[side]*10 >= pairs*6 {
			return order, true
		}
	}
	return unicode.LittleEndian, false
}

func decodeText(data, enc string) (string, string, error) {
	utf16 := func(order unicode.Endianness) (string, string, error) {
		b, err := unicode.UTF16(order, unicode.UseBOM).NewDecoder().String(data)
		if err != nil {
			return "", "", fileErr(ErrUnreadable, err, "roster.err.encoding", EncUTF16)
		}
		return b, EncUTF16, nil
	}
	switch strings.ToLower(strings.ReplaceAll(enc, "_", "-")) {
	case "":
		switch {
		case strings.HasPrefix(data, "\xEF\xBB\xBF"):
			return data[3:], EncUTF8, nil
		case strings.HasPrefix(data, "\xFF\xFE"):
			return utf16(unicode.LittleEndian)
		case strings.HasPrefix(data, "\xFE\xFF"):
			return utf16(unicode.BigEndian)
		}
		if order, ok := utf16Order(data); ok {
			return utf16(order)
		}
		if utf8.ValidString(data) {
			return data, EncUTF8, nil
		}
		// Not UTF-8: Excel's "CSV" on a Russian Windows writes Windows-1251.
		fallthrough
	case "windows-1251", "cp1251", "1251", "win1251":
		s, err := charmap.Windows1251.NewDecoder().String(data)
		if err != nil {
			return "", "", fileErr(ErrUnreadable, err, "roster.err.encoding", EncWin1251)
		}
		return s, EncWin1251, nil
	case "utf-8", "utf8":
		data = strings.TrimPrefix(data, "\xEF\xBB\xBF")
		if !utf8.ValidString(data) {
			return "", "", fileErr(ErrUnreadable, nil, "roster.err.encoding", EncUTF8)
		}
		return data, EncUTF8, nil
	case "utf-16", "utf16", "unicode":
		if order, ok := utf16Order(data); ok {
			return utf16(order)
		}
		return utf16(unicode.LittleEndian)
	}
	return "", "", fileErr(ErrUnreadable, nil, "roster.err.unknown_encoding", enc)
}

func readCSV(data string, opts ReadOptions) (*Table, error) {
	text, enc, err := decodeText(data, opts.Encoding)
	if err != nil {
		return nil, err
	}
	// A file of binary data: more than a few NUL characters. A stray NUL in
	// a text file is a control character in one row, reported there.
	if n := strings.Count(text, "\x00"); n > 0 && n*100 > len(text) {
		return nil, fileErr(ErrUnreadable, nil, "roster.err.binary")
	}
	// Line ends of old Macs: a lone CR.
	if strings.IndexByte(text, '\n') < 0 && strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	delim := opts.Delimiter
	if delim == 0 {
		delim = detectDelimiter(text)
	}
	t := &Table{Sheet: "", Encoding: enc, Delimiter: delim}
	b := newTableBuilder(t)
	sc := newCSVScanner(text, byte(delim))
	cells := make([]cellValue, 0, 32)
	for {
		rec, ok := sc.next()
		if !ok {
			break
		}
		if rec.broken != nil {
			t.Unaccounted = append(t.Unaccounted, *rec.broken)
			if len(t.Unaccounted) >= maxUnaccounted {
				t.Unaccounted = append(t.Unaccounted, Unaccounted{Line: sc.line, EndLine: sc.lastLine(), Key: "roster.rest_unread"})
				break
			}
			continue
		}
		cells = cells[:0]
		for i, f := range rec.fields {
			if strings.TrimSpace(f) != "" {
				cells = append(cells, cellValue{col: i, v: f})
			}
		}
		far := rec.far
		if err := b.add(rec.line, cells, far); err != nil {
			if errors.Is(err, errNoHeaderStop) {
				break
			}
			return nil, err
		}
	}
	return b.finish(), nil
}

// maxUnaccounted: after this many broken lines the file is not a roster
// with a typo but damaged; the rest is reported in one entry.
const maxUnaccounted = 100

// detectDelimiter picks the separator that splits the first lines into the
// most rows of the same, plural width.
func detectDelimiter(text string) rune {
	head := text[:min(len(text), 256<<10)]
	end := len(head)
	for i, n := 0, 0; i < len(head); i++ {
		if head[i] == '\n' {
			if n++; n == 40 {
				end = i
				break
			}
		}
	}
	sample := head[:end]
	best, bestScore := ';', -1
	for _, d := range []rune{';', ',', '\t', '|'} {
		// The same scanner as for the rows: it keeps at most MaxCols cells
		// of a line, where a line of a million separators would otherwise
		// cost a million strings per guess.
		sc := newCSVScanner(sample, byte(d))
		counts := map[int]int{}
		for {
			rec, ok := sc.next()
			if !ok {
				break
			}
			if len(rec.fields) > 1 {
				counts[len(rec.fields)]++
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
