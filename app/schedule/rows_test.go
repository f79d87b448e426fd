package schedule

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestAppendCellText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Иванов Иван", "Иванов Иван"},
		{`ТОО «A & B» <c>`, `ТОО «A &amp; B» &lt;c&gt;`},
		{"tab\tline\nreturn\r", "tab\tline\nreturn&#xD;"},
		{"bell\x07", "bell_x0007_"},
		{"\x00", "_x0000_"},
		{"_x0041_ as typed", "_x005F_x0041_ as typed"},
		{"_x004", "_x004"},
		{"_xZZZZ_", "_xZZZZ_"},
		{"broken \xff byte", "broken \uFFFD byte"},
		{"\uFFFF", "_xFFFF_"},
		{"😀", "😀"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, string(appendCellText(nil, c.in)), "%q", c.in)
	}
	// Excel's limit is counted in UTF-16 units: an astral character is two.
	long := strings.Repeat("я", maxCellChars-1) + "😀"
	assert.Equal(t, maxCellChars-1, utf8.RuneCount(appendCellText(nil, long)), "the pair does not fit in the one unit left")
	assert.Equal(t, maxCellChars, utf8.RuneCount(appendCellText(nil, strings.Repeat("я", maxCellChars+5))))
}

// FuzzCellText: whatever a roster holds, the cell text is well-formed XML
// inside <t>, and valid UTF-8.
func FuzzCellText(f *testing.F) {
	for _, s := range []string{"Иванов", "a&b<c>", "_x0041_", "\x00\x01\xff", "\uFFFE", " x ", "😀", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendCellText([]byte("<t>"), s)
		b = append(b, "</t>"...)
		require.True(t, utf8.Valid(b))
		var v struct {
			Text string `xml:",chardata"`
		}
		require.NoError(t, xml.Unmarshal(b, &v), "%q", b)
		// Text with nothing to escape Excel's way reads back as it was.
		plain := utf8.ValidString(s) && !strings.Contains(s, "_x") && utf8.RuneCountInString(s) <= maxCellChars/2 &&
			!strings.ContainsFunc(s, func(r rune) bool {
				return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
			})
		if plain {
			require.Equal(t, s, v.Text, "%q", b)
		}
	})
}

// The rows read back through excelize as written: awkward texts, numbers,
// dates and formulas, with their styles.
func TestSheetRowsReadBack(t *testing.T) {
	texts := []string{"a & b <c>", " leading space", "trailing space ", "_x0041_ literal", "ctl\x01char", "two\nlines", "😀 Ёлка",
		"ТОО\r\nПример", "cr\ronly", "tab\there"}
	rows := &sheetRows{}
	defer rows.Close()
	for i, s := range texts {
		r := rows.begin(i + 2)
		r.number('A', 4, i+1)
		r.text('B', 5, s)
		r.text('C', 5, "") // left out
		r.number('H', 3, 46336)
		r.formula('I', 4, "H"+string(r.row)+"-TODAY()", -15)
		r.end()
	}
	var buf bytes.Buffer
	f := excelize.NewFile()
	require.NoError(t, f.SetCellValue("Sheet1", "A1", "header"))
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return newParallelZip(w, &splice{part: dataSheetPart, marker: []byte("</sheetData>"), body: rows})
	})
	require.NoError(t, f.Write(&buf))

	g, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	got, err := g.GetRows("Sheet1")
	require.NoError(t, err)
	require.Len(t, got, len(texts)+1)
	assert.Equal(t, "header", got[0][0])
	for i, s := range texts {
		want := s
		if s == "ctl\x01char" {
			want = "ctl\x01char" // _x0001_ read back as the character
		}
		assert.Equal(t, want, got[i+1][1], "row %d", i+2)
		assert.Equal(t, "", got[i+1][2])
	}
	formula, err := g.GetCellFormula("Sheet1", "I3")
	require.NoError(t, err)
	assert.Equal(t, "H3-TODAY()", formula)
	raw, err := g.GetCellValue("Sheet1", "H2", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "46336", raw)
	style, err := g.GetCellStyle("Sheet1", "B2")
	require.NoError(t, err)
	assert.Equal(t, 5, style)
}

// Past the limit the rows go to a temporary file; what comes out is the
// same, and Close removes the file.
func TestSheetRowsSpill(t *testing.T) {
	write := func(s *sheetRows) []byte {
		for i := range 20000 {
			r := s.begin(i + 2)
			r.number('A', 1, i)
			r.text('B', 2, strings.Repeat("Иванов ", i%20))
			r.end()
		}
		var out bytes.Buffer
		_, err := s.WriteTo(&out)
		require.NoError(t, err)
		return out.Bytes()
	}
	inMemory := write(&sheetRows{})
	small := &sheetRows{limit: 64 << 10}
	spilled := write(small)
	require.NotNil(t, small.spill, "rows went to a file")
	name := small.spill.Name()
	assert.FileExists(t, name)
	assert.Equal(t, inMemory, spilled)
	require.NoError(t, small.Close())
	assert.NoFileExists(t, name)
	assert.Equal(t, os.TempDir(), filepath.Dir(name))
}

func TestSpliceNeedsItsPart(t *testing.T) {
	var buf bytes.Buffer
	z := newParallelZip(&buf, &splice{part: "xl/worksheets/sheet1.xml", marker: []byte("</sheetData>"), body: &sheetRows{}})
	w, err := z.Create("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	_, err = w.Write([]byte("<worksheet><sheetData/></worksheet>")) // no closing tag to put rows before
	require.NoError(t, err)
	assert.ErrorContains(t, z.Close(), "</sheetData>")

	buf.Reset()
	z = newParallelZip(&buf, &splice{part: "xl/worksheets/sheet1.xml", marker: []byte("</sheetData>"), body: &sheetRows{}})
	_, err = z.Create("xl/workbook.xml")
	require.NoError(t, err)
	assert.ErrorContains(t, z.Close(), "no part")
}

// writeSizes records the size of every write.
type writeSizes []int

func (w *writeSizes) Write(p []byte) (int, error) { *w = append(*w, len(p)); return len(p), nil }

// Spilt rows come back in whole chunks, as the rows kept in memory do:
// parallelZip deflates a large write on every core, while small ones are
// each deflated alone and end with a flush.
func TestSheetRowsSpillWritesWholeChunks(t *testing.T) {
	s := &sheetRows{limit: 2 * rowChunk}
	defer s.Close()
	for i := range 40000 {
		r := s.begin(i + 2)
		r.text('B', 2, strings.Repeat("Иванов ", 10))
		r.end()
	}
	require.NotNil(t, s.spill, "rows went to a file")
	require.Greater(t, s.spilt, int64(2*rowChunk))
	var sizes writeSizes
	_, err := s.WriteTo(&sizes)
	require.NoError(t, err)
	for i, n := range sizes[:int(s.spilt/rowChunk)] {
		assert.Equal(t, rowChunk, n, "write %d", i)
	}
}
