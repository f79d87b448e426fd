// Command benchroster writes the rosters scripts/bench-import.sh imports:
// large real rosters (.xlsx and .csv) and hostile ones (far cells, junk
// rows). Usage: benchroster DIR ROWS
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"dossier/app/civil"
	"dossier/app/kz"
)

var header = []any{"№", "ФИО", "Гражданство", "ИИН", "Номер паспорта", "Паспорт действителен до", "РВП до", "Договор до", "Пол"}

// person is row i of the roster: a valid IIN, a passport, dates as text.
func person(i int) []any {
	first11 := fmt.Sprintf("%02d%02d%02d3%04d", 70+i%30, 1+i%12, 1+i%28, i%10000)
	iin := ""
	for d := '0'; d <= '9'; d++ {
		if kz.ParseIIN(first11+string(d), civil.MustParse("2026-11-25")).Valid {
			iin = first11 + string(d)
			break
		}
	}
	countries := []string{"Россия", "Узбекистан", "Кыргызстан", "Таджикистан", "Китай", "Турция"}
	return []any{i, fmt.Sprintf("Сотрудник Номер %d", i), countries[i%len(countries)], iin,
		fmt.Sprintf("N%08d", i), fmt.Sprintf("%02d.%02d.2031", 1+i%28, 1+i%12),
		fmt.Sprintf("%02d.%02d.2027", 1+i%28, 1+i%12), "31.12.2027", "М"}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// writeXLSX writes real rows and then junk rows of one cell at junkCol.
func writeXLSX(path string, rows, junkFrom, junk int, junkCol string) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	must(err)
	must(sw.SetRow("A1", header))
	for i := 1; i <= rows; i++ {
		must(sw.SetRow("A"+strconv.Itoa(i+1), person(i)))
	}
	for i := 0; i < junk; i++ {
		must(sw.SetRow(junkCol+strconv.Itoa(junkFrom+i), []any{"x"}))
	}
	must(sw.Flush())
	must(f.SaveAs(path))
}

func writeCSV(path string, rows int) {
	out, err := os.Create(path)
	must(err)
	w := bufio.NewWriter(out)
	line := func(cells []any) {
		for i, c := range cells {
			if i > 0 {
				w.WriteByte(';')
			}
			fmt.Fprint(w, c)
		}
		w.WriteString("\r\n")
	}
	line(header)
	for i := 1; i <= rows; i++ {
		line(person(i))
	}
	must(w.Flush())
	must(out.Close())
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: benchroster DIR ROWS")
		os.Exit(2)
	}
	dir := os.Args[1]
	rows, err := strconv.Atoi(os.Args[2])
	must(err)
	writeXLSX(filepath.Join(dir, "roster.xlsx"), rows, 0, 0, "A")
	writeCSV(filepath.Join(dir, "roster.csv"), rows)
	// Hostile: a cell in column XFD on 1,000 rows (10 KB); two real rows and
	// one stray cell at XFD1048576; 2,000 real rows and a million junk rows.
	writeXLSX(filepath.Join(dir, "far-1000.xlsx"), 3, 5, 1000, "XFD")
	writeXLSX(filepath.Join(dir, "stray.xlsx"), 2, 1048576, 1, "XFD")
	writeXLSX(filepath.Join(dir, "junk-1m.xlsx"), 2000, 2002, 1_000_000, "XFD")
	// Hostile: as many rows as 32 MB of CSV holds, each with every column
	// filled (refused past the row cap); a header of 250 "Телефон" columns
	// with every cell filled (only a few such columns are kept).
	writeText(filepath.Join(dir, "dense.csv"), 31<<20, "№;ФИО;Гражданство;ИИН;Паспорт;РВП до;Пол\n", "1;А;Б;1;2;3;М\n")
	wide := "ФИО;Паспорт" + strings.Repeat(";Телефон", 250) + "\n"
	writeText(filepath.Join(dir, "wide.csv"), 31<<20, wide, "А;1"+strings.Repeat(";1", 250)+"\n")
}

// writeText writes head and then line repeated up to size bytes.
func writeText(path string, size int, head, line string) {
	out, err := os.Create(path)
	must(err)
	w := bufio.NewWriter(out)
	w.WriteString(head)
	for n := len(head); n+len(line) <= size; n += len(line) {
		w.WriteString(line)
	}
	must(w.Flush())
	must(out.Close())
}
