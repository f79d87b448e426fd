package roster

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"dossier/app/i18n"
	"dossier/app/store"
)

// csvRoster is a roster of n people, one per line after the header.
func csvRoster(n int) []string {
	lines := []string{"ФИО;Гражданство;Паспорт;РВП до"}
	for i := 1; i <= n; i++ {
		lines = append(lines, fmt.Sprintf("Сотрудник %d;Узбекистан;FA%07d;01.02.2027", i, i))
	}
	return lines
}

func employees(t *testing.T, w *store.Workspace) []store.Employee {
	es, err := w.Employees(context.Background(), store.EmployeeFilter{})
	require.NoError(t, err)
	return es
}

// An unclosed quote on one line swallowed the next 4,996 lines into one
// cell and the import reported "added 3, skipped 1". Every line is now
// accounted for: the broken line is reported where it went wrong, nothing
// is written without Partial, and with it every other row is imported.
func TestCSVUnclosedQuoteIsReportedAndNothingWritten(t *testing.T) {
	skipBulkInShort(t, 5000)
	lines := csvRoster(5000)
	lines[4] = `Сотрудник 4;"Узбекистан;FA0000004;01.02.2027` // line 5: the quote never closes
	data := []byte(strings.Join(lines, "\r\n") + "\r\n")
	tables, err := Read(data, ReadOptions{})
	require.NoError(t, err)

	w := openWS(t)
	res, err := Import(context.Background(), w, tables, Options{Today: today})
	require.NoError(t, err)
	require.Len(t, res.Unaccounted, 1)
	assert.Equal(t, 5, res.Unaccounted[0].Line)
	assert.Equal(t, "roster.unclosed_quote", res.Unaccounted[0].Key)
	assert.False(t, res.Written)
	assert.False(t, res.Complete())
	assert.Empty(t, employees(t, w), "without Partial nothing is written")
	assert.Equal(t, 4999, res.Added, "the report says what would be added")

	res, err = Import(context.Background(), w, tables, Options{Today: today, Partial: true})
	require.NoError(t, err)
	assert.True(t, res.Written)
	assert.Equal(t, 4999, res.Added)
	assert.Len(t, res.AddedLines, 4999)
	assert.Len(t, employees(t, w), 4999)
	for _, l := range i18n.Langs {
		assert.NotContains(t, res.Unaccounted[0].Text(l), "[roster.")
	}
}

func TestCSVLineAccounting(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		rows        int
		unaccounted []int
	}{
		{"quote at the end of the file", "ФИО;Паспорт\nА;P1\nБ;\"P2;x\n", 1, []int{3}},
		{"legal multi-line cell", "ФИО;Паспорт;Примечание\nА;P1;\"улица\nдом 5\"\nБ;P2;x\n", 2, nil},
		{"escaped quotes and bare quotes", "ФИО;Паспорт;Работодатель\nА;P1;\"ТОО \"\"Ромашка\"\"\"\nБ;P2;ООО \"Лес\"\n", 2, nil},
		{"quote swallowing one line", "ФИО;Паспорт;РВП до\nА;\"P1;01.01.2027\nБ;P2;01.01.2027\nВ;P3;01.01.2027\n", 2, []int{2}},
		{"a lone CR for line ends", "ФИО;Паспорт\rА;P1\rБ;P2\r", 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tables, err := Read([]byte(tc.text), ReadOptions{})
			require.NoError(t, err)
			h, ok := FindHeader(tables[0])
			require.True(t, ok)
			recs, bad := parseRows(tables[0], h, today)
			assert.Equal(t, tc.rows, len(recs)+len(bad))
			var got []int
			for _, u := range tables[0].Unaccounted {
				got = append(got, u.Line)
			}
			assert.Equal(t, tc.unaccounted, got)
		})
	}
}

// farXLSX writes a roster with real rows and junk: cells at column XFD.
func farXLSX(t testing.TB, real int, junkFrom, junkRows int, junkCol string) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{"ФИО", "Гражданство", "Паспорт", "РВП до"}))
	for i := 1; i <= real; i++ {
		require.NoError(t, sw.SetRow(fmt.Sprintf("A%d", i+1), []any{fmt.Sprintf("Сотрудник %d", i), "Россия", fmt.Sprintf("P%07d", i), "01.02.2027"}))
	}
	for i := 0; i < junkRows; i++ {
		require.NoError(t, sw.SetRow(fmt.Sprintf("%s%d", junkCol, junkFrom+i), []any{"x"}))
	}
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// allocated runs fn and returns the bytes it allocated in all.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A 10 KB .xlsx with a cell in column XFD on each of 1,000 rows made the
// import use 3.6 GB: excelize loaded the whole sheet for its merged cells
// and padded every row out to column 16,384.
func TestXLSXFarCellsCostNothing(t *testing.T) {
	data := farXLSX(t, 3, 5, 1000, "XFD")
	var tables []*Table
	var err error
	alloc := allocated(func() { tables, err = Read(data, ReadOptions{}) })
	require.NoError(t, err)
	assert.Less(t, alloc, uint64(32<<20), "bytes allocated reading %d bytes", len(data))
	require.Len(t, tables, 1)
	assert.Len(t, tables[0].Rows, 4, "header and three people")
	assert.Equal(t, Ignored{Rows: 1000, First: 5, Last: 1004}, tables[0].Ignored)
}

func TestXLSXJunkRowsImportRealRowsAndReportOnce(t *testing.T) {
	tests := []struct {
		name                string
		real, from, n       int
		col                 string
		ignored, first, end int
	}{
		{"one stray cell at XFD1048576", 2, 1048576, 1, "XFD", 1, 1048576, 1048576},
		{"100,000 junk rows at XFD after 2,000 rows", 2000, 2002, 100_000, "XFD", 100_000, 2002, 102_001},
		// Junk in a column of no meaning: not counted against the row cap.
		{"250,000 junk rows in column Z", 10, 12, 250_000, "Z", 250_000, 12, 250_011},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			skipBulkInShort(t, tc.n)
			data := farXLSX(t, tc.real, tc.from, tc.n, tc.col)
			tables, err := Read(data, ReadOptions{})
			require.NoError(t, err)
			w := openWS(t)
			res, err := Import(context.Background(), w, tables, Options{Today: today})
			require.NoError(t, err)
			assert.Equal(t, tc.real, res.Added)
			assert.True(t, res.Written)
			assert.Empty(t, res.Skipped)
			assert.Equal(t, Ignored{Rows: tc.ignored, First: tc.first, Last: tc.end}, res.Ignored)
			for _, l := range i18n.Langs {
				text := i18n.T(l, "roster.ignored", res.Ignored.Rows, res.Ignored.First, res.Ignored.Last)
				assert.NotContains(t, text, "%!")
			}
		})
	}
}

// Control characters and text-direction overrides are refused per row and
// column (U+001F made the schedule drop an employee without a word); a line
// break inside a cell becomes a space.
func TestImportControlCharacters(t *testing.T) {
	text := "ФИО;Гражданство;Паспорт\n" +
		"Иванов\u001fИван;Россия;P1\n" +
		"Петров Пётр;Россия;P\u202e2\n" +
		"\"Сидоров\nСидор\";Россия;P3\n"
	tables, err := Read([]byte(text), ReadOptions{})
	require.NoError(t, err)
	w := openWS(t)
	res, err := Import(context.Background(), w, tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Added)
	require.Len(t, res.Skipped, 2)
	assert.Equal(t, 2, res.Skipped[0].Line)
	assert.Equal(t, "ФИО", res.Skipped[0].Reasons[0].Column)
	assert.Contains(t, res.Skipped[0].Text(i18n.EN), "U+001F")
	assert.Equal(t, 3, res.Skipped[1].Line)
	assert.Contains(t, res.Skipped[1].Text(i18n.RU), "U+202E")
	es := employees(t, w)
	require.Len(t, es, 1)
	assert.Equal(t, "Сидоров Сидор", es[0].NameCyr)
}

// rawLibraryText are fragments of Go's and excelize's own error texts.
var rawLibraryText = []string{"zip:", "EOF", "xml", "excelize", "unzip size", "binary data", "not a valid",
	"no such file", "permission denied", "is a directory", "invalid", "panic", "%!", "[roster."}

func zipOf(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// cfb is the start of an OLE compound file with the given stream names in
// its directory (UTF-16), enough for the check that tells them apart.
func cfb(names ...string) []byte {
	out := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	out = append(out, make([]byte, 504)...)
	for _, n := range names {
		for _, r := range n {
			out = append(out, byte(r), 0)
		}
		out = append(out, make([]byte, 64)...)
	}
	return out
}

// Every roster file a clerk can pick by mistake or meet damaged gets a
// message from the catalogue, in each language, with no library text: a
// password-protected .xlsx was told it is "an old .xls", a .docx renamed
// .xlsx got "EOF", a UTF-16 CSV without a byte-order mark was "binary data".
func TestRosterFileMessages(t *testing.T) {
	encrypted := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		require.NoError(t, f.SetCellValue("Sheet1", "A1", "ФИО"))
		var buf bytes.Buffer
		require.NoError(t, f.Write(&buf, excelize.Options{Password: "secret"}))
		return buf.Bytes()
	}()
	good := farXLSX(t, 2, 0, 0, "A")
	truncated := good[:len(good)/2]
	dir := t.TempDir()
	bomb := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, body := range map[string]string{
			"[Content_Types].xml":        `<Types/>`,
			"xl/workbook.xml":            `<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		} {
			w, _ := zw.Create(name)
			w.Write([]byte(body))
		}
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		w.Write([]byte(`<worksheet><sheetData>`))
		row := []byte(strings.Repeat(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`, 1000))
		for i := 0; i < 200; i++ { // 10 MB of rows, past the lowered budget below
			w.Write(row)
		}
		zw.Close()
		return buf.Bytes()
	}()
	defer func(old int64) { maxUnzipped = old }(maxUnzipped)
	maxUnzipped = 4 << 20

	tests := []struct {
		name string
		data []byte
		path string // read from this path instead
		key  string
		kind error
	}{
		{"password-protected xlsx", encrypted, "", "roster.err.encrypted", ErrUnreadable},
		{"old xls", cfb("Root Entry", "Workbook"), "", "roster.err.old_xls", ErrUnreadable},
		{"Word .doc renamed", cfb("Root Entry", "WordDocument"), "", "roster.err.office_other", ErrUnreadable},
		{"docx renamed xlsx", zipOf(t, map[string]string{"word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>"}), "", "roster.err.office_other", ErrUnreadable},
		{"ods", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), "", "roster.err.ods", ErrUnreadable},
		{"xlsb", zipOf(t, map[string]string{"xl/workbook.bin": "x"}), "", "roster.err.xlsb", ErrUnreadable},
		{"plain zip", zipOf(t, map[string]string{"a.txt": "x"}), "", "roster.err.zip_not_xlsx", ErrUnreadable},
		{"truncated xlsx", truncated, "", "roster.err.damaged_xlsx", ErrUnreadable},
		{"zip bomb", bomb, "", "roster.err.unpacks_too_large", ErrTooLarge},
		{"NUL-filled file", append([]byte("ФИО;Паспорт\n"), make([]byte, 4000)...), "", "roster.err.binary", ErrUnreadable},
		{"PDF", []byte("%PDF-1.7\n1 0 obj"), "", "roster.err.pdf", ErrUnreadable},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "", "roster.err.picture", ErrUnreadable},
		{"empty", []byte(" \n"), "", "roster.err.empty", ErrUnreadable},
		{"missing file", nil, filepath.Join(dir, "missing.xlsx"), "roster.err.not_found", ErrUnreadable},
		{"a folder", nil, dir, "roster.err.is_dir", ErrUnreadable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.path != "" {
				_, err = ReadFile(tc.path, ReadOptions{})
			} else {
				_, err = Read(tc.data, ReadOptions{})
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.kind)
			var fe *FileError
			require.True(t, errors.As(err, &fe), "%T %v", err, err)
			assert.Equal(t, tc.key, fe.Key)
			for _, lang := range i18n.Langs {
				text := Explain(lang, err)
				assert.Equal(t, i18n.T(lang, fe.Key, fe.Args...), text)
				for _, raw := range rawLibraryText {
					assert.NotContains(t, text, raw, "%s in %s", tc.name, lang)
				}
				if fe.Cause != nil {
					assert.NotContains(t, text, fe.Cause.Error())
				}
			}
		})
	}
}

func TestUnreadableFileIsExplained(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	path := filepath.Join(t.TempDir(), "r.csv")
	require.NoError(t, os.WriteFile(path, []byte("ФИО;Паспорт\n"), 0o000))
	_, err := ReadFile(path, ReadOptions{})
	var fe *FileError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "roster.err.denied", fe.Key)
}

// UTF-16 without a byte-order mark (Excel's "Unicode text" saved by some
// tools) was refused as "binary data"; it is read.
func TestUTF16WithoutBOM(t *testing.T) {
	text := "ФИО\tГражданство\tПаспорт\r\nАлиев Азиз\tУзбекистан\tFA1\r\nSmith John\tUSA\tX2\r\n"
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		data, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(text))
		require.NoError(t, err)
		tables, err := Read(data, ReadOptions{})
		require.NoError(t, err)
		assert.Equal(t, EncUTF16, tables[0].Encoding)
		w := openWS(t)
		res, err := Import(context.Background(), w, tables, Options{Today: today})
		require.NoError(t, err)
		assert.Equal(t, 2, res.Added)
	}
}

// A stray NUL in one line of a text roster refuses that row, not the file.
func TestStrayNULRefusesOneRow(t *testing.T) {
	lines := csvRoster(200)
	lines[3] = strings.Replace(lines[3], "Сотрудник", "Сотруд\x00ник", 1)
	tables, err := Read([]byte(strings.Join(lines, "\n")), ReadOptions{})
	require.NoError(t, err)
	res, err := Import(context.Background(), openWS(t), tables, Options{Today: today})
	require.NoError(t, err)
	assert.Equal(t, 199, res.Added)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, 4, res.Skipped[0].Line)
	assert.Contains(t, res.Skipped[0].Text(i18n.EN), "U+0000")
}

// A dry run reports what an import would do, including changes to known
// employees, and writes nothing.
func TestDryRunReportsChanges(t *testing.T) {
	w := openWS(t)
	first := "ФИО;Гражданство;Паспорт;РВП до\nАлиев Азиз;Узбекистан;FA1;01.02.2027\n"
	tables, err := Read([]byte(first), ReadOptions{})
	require.NoError(t, err)
	_, err = Import(context.Background(), w, tables, Options{Today: today})
	require.NoError(t, err)
	second := first + "Ким Ольга;Корея;M2;01.03.2027\n"
	second = strings.Replace(second, "01.02.2027", "05.02.2027", 1)
	tables, err = Read([]byte(second), ReadOptions{})
	require.NoError(t, err)
	res, err := Import(context.Background(), w, tables, Options{Today: today, DryRun: true})
	require.NoError(t, err)
	assert.False(t, res.Written)
	require.Len(t, res.AddedLines, 1)
	assert.Equal(t, Line{Line: 3, Name: "Ким Ольга"}, res.AddedLines[0])
	require.Len(t, res.Changed, 1)
	assert.Equal(t, []string{"trp_expiry"}, res.Changed[0].Fields)
	es := employees(t, w)
	require.Len(t, es, 1)
	assert.Equal(t, "2027-02-01", es[0].TRPExpiry.String())
}

// Lines and rows that are all separators or all one cell repeated must not
// cost a string each: a 5 MB line of separators was five million cells.
func TestHostileWideLinesCostLittle(t *testing.T) {
	skipBulkInShort(t, 5_000_000)
	csv := "ФИО;Паспорт\nА;1" + strings.Repeat(";", 5_000_000) + "x\nБ;2\n"
	var tables []*Table
	var err error
	alloc := allocated(func() { tables, err = Read([]byte(csv), ReadOptions{}) })
	require.NoError(t, err)
	assert.Less(t, alloc, uint64(40<<20))
	assert.Len(t, tables[0].Rows, 3)

	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c>` +
		`<c r="B1" t="inlineStr"><is><t>Паспорт</t></is></c></row><row r="2">` +
		strings.Repeat(`<c r="A2" t="inlineStr"><is><t>А</t></is></c>`, 200_000) +
		`<c r="B2"><v>1</v></c></row></sheetData></worksheet>`
	book := zipOf(t, map[string]string{
		"xl/workbook.xml":            `<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet,
	})
	alloc = allocated(func() { tables, err = Read(book, ReadOptions{}) })
	require.NoError(t, err)
	// The sheet part alone is 9 MB of XML; what is read is bounded, not free.
	assert.Less(t, alloc, uint64(128<<20), "200,000 copies of one cell")
	require.Len(t, tables[0].Rows, 2)
	assert.Equal(t, []string{"А", ""}, tables[0].Rows[1].Cells, "the repeated cell once; cells past the cap dropped")
}

func TestOpenErrorsExplained(t *testing.T) {
	for err, key := range map[error]string{
		&os.PathError{Op: "open", Path: "x", Err: os.ErrPermission}: "roster.err.denied",
		&os.PathError{Op: "open", Path: "x", Err: os.ErrNotExist}:   "roster.err.not_found",
		&os.PathError{Op: "open", Path: "x", Err: errors.New("io")}: "roster.err.open_failed",
	} {
		var fe *FileError
		require.True(t, errors.As(openErr(err), &fe))
		assert.Equal(t, key, fe.Key)
	}
}

// skipBulkInShort skips a test that feeds the reader n rows or cells when
// run with -short. Reading is single-threaded, so these bulk cases find no
// data race; under the race detector they cost minutes of CPU on every
// "make test", whose plain stage (no -short) still runs them in full.
func skipBulkInShort(t *testing.T, n int) {
	t.Helper()
	if testing.Short() && n > 1000 {
		t.Skipf("bulk input (%d rows or cells): run without -short", n)
	}
}
