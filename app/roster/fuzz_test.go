package roster

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"dossier/app/store"
)

// fuzzWorkspace is one workspace shared by all runs of a fuzz target: each
// run imports as a dry run, so the workspace stays as it was and opening a
// database per run does not eat the fuzzing time.
var (
	fuzzOnce sync.Once
	fuzzWS   *store.Workspace
)

func fuzzWorkspace(f *testing.F) *store.Workspace {
	fuzzOnce.Do(func() {
		dir := filepath.Join(f.TempDir(), "ws")
		w, err := store.Open(context.Background(), dir, store.Options{Create: true})
		if err != nil {
			f.Fatal(err)
		}
		fuzzWS = w
	})
	return fuzzWS
}

// headerWords are titles the fuzzer places in the header row, so that most
// generated sheets get past header finding into row parsing and the import.
var headerWords = []string{"ФИО", "Гражданство", "ИИН", "Паспорт", "Паспорт действителен до", "РВП до",
	"Дата рождения", "Пол", "Работодатель", "БИН", "№", "Статус", "Дактилоскопия", "ЕСУТД", "Договор до"}

// fuzzSheet builds a workbook from fuzzed bytes: a header from headerWords,
// then cells placed by the data (row step, column, value), with numbers,
// merged ranges, jumps far down and cells at column XFD. It writes through
// excelize's stream writer (an ordinary sheet with a cell a million rows
// down would cost the generator, not the reader, a million rows). Size is
// capped so each run stays fast.
func fuzzSheet(t *testing.T, data []byte) []byte {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	type row struct {
		cells map[int]any
		far   any // a value at column XFD, on a row of its own
	}
	rows := map[int]*row{}
	at := func(line int) *row {
		if rows[line] == nil {
			rows[line] = &row{cells: map[int]any{}}
		}
		return rows[line]
	}
	headerLine := 1 + int(next()%3)
	for c := 0; c < 1+int(next()%8); c++ {
		at(headerLine).cells[c+1] = headerWords[int(next())%len(headerWords)]
	}
	var merges [][2]string
	line := headerLine
	for cells := 0; len(data) > 0 && cells < 200; cells++ {
		op := next()
		line += int(op>>6) % 3
		if line > excelize.TotalRows {
			break
		}
		col := 1 + int(next()%12)
		var val any
		switch op % 8 {
		case 0: // a far cell, alone on its line
			line++
			at(line).far = "junk"
			continue
		case 1: // a merge from here
			a, _ := excelize.CoordinatesToCellName(col, line)
			b, _ := excelize.CoordinatesToCellName(col+int(next()%3), line+int(next()%3))
			merges = append(merges, [2]string{a, b})
		case 2: // a number (a date serial, an IIN stored as a number)
			at(line).cells[col] = float64(int(next())<<8|int(next())) * (1 + float64(next()))
			continue
		case 3: // a jump far down
			line = min(line+int(next())*4096, excelize.TotalRows-1)
		}
		n := min(int(next()%24), len(data))
		val, data = string(data[:n]), data[n:]
		at(line).cells[col] = val
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	lines := make([]int, 0, len(rows))
	for l := range rows {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	for _, l := range lines {
		r := rows[l]
		if r.far != nil {
			if err := sw.SetRow(fmt.Sprintf("XFD%d", l), []any{r.far}); err != nil {
				t.Skip()
			}
			continue
		}
		vals := make([]any, 13)
		for c, v := range r.cells {
			vals[c-1] = v
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", l), vals); err != nil {
			t.Skip()
		}
	}
	for _, m := range merges {
		_ = sw.MergeCell(m[0], m[1])
	}
	if err := sw.Flush(); err != nil {
		t.Skip()
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Skip()
	}
	return buf.Bytes()
}

// FuzzImportXLSX drives the workbook reader, header finding, row parsing
// and the import (as a dry run) with generated, well-formed workbooks whose
// cells, positions and merges come from the fuzzer: bad content must give
// skipped rows or an error from the catalogue, never a panic.
func FuzzImportXLSX(f *testing.F) {
	f.Add([]byte("\x00\x03\x00\x03\x05\x40\x01\x0cИванов Иван\x41\x02\x06Россия\x42\x03\x0a01.01.2027"))
	f.Add([]byte("\x01\x05\x01\x02\x03\x04\x05\x08\x02\x01\x03\x03\x01\x09\x00\x00"))
	f.Add([]byte("\x02\x02\x00\x01\x03\x01\x05\xff\xff\x04x\x1fy\u202ez"))
	w := fuzzWorkspace(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		book := fuzzSheet(t, data)
		tables, err := Read(book, ReadOptions{})
		if err != nil {
			if Explain("en", err) == "" {
				t.Fatalf("no message for %v", err)
			}
			return
		}
		_, _ = Import(context.Background(), w, tables, Options{Today: today, DryRun: true})
	})
}

// FuzzImportCSV drives the CSV scanner and the import (as a dry run) with
// text under a real header, so quotes, separators and line ends land in
// the data rows where the accounting matters. Every line that holds data
// must end up taken, skipped, unaccounted or ignored.
func FuzzImportCSV(f *testing.F) {
	f.Add("Иванов Иван;Россия;P1;01.01.2027\n")
	f.Add("А;\"P1;01.01.2027\nБ;P2;01.01.2027\n")
	f.Add("\"ТОО \"\"Р\"\"\";x\r\n;;\n\"a\nb\";c")
	f.Add("Ким\u001fОльга;Корея;M2;\n")
	w := fuzzWorkspace(f)
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 8192 {
			return
		}
		tables, err := Read([]byte("ФИО;Гражданство;Паспорт;РВП до\n"+body), ReadOptions{Delimiter: ';'})
		if err != nil {
			if Explain("en", err) == "" {
				t.Fatalf("no message for %v", err)
			}
			return
		}
		res, err := Import(context.Background(), w, tables, Options{Today: today, DryRun: true})
		if err != nil {
			return
		}
		if res.Written {
			t.Fatal("a dry run wrote")
		}
		seen := map[int]bool{}
		for _, l := range res.AddedLines {
			seen[l.Line] = true
		}
		for _, l := range res.Changed {
			seen[l.Line] = true
		}
		for _, s := range res.Skipped {
			seen[s.Line] = true
		}
		for _, u := range res.Unaccounted {
			seen[u.Line] = true
		}
		if got := len(seen) + res.Ignored.Rows; got < res.Rows {
			t.Fatalf("rows read %d, accounted %d", res.Rows, got)
		}
	})
}
