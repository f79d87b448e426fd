package roster

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"dossier/app/store"
)

// benchRows builds n rows of a realistic roster: a valid IIN each.
func benchRows(b *testing.B, n int) [][]any {
	rows := make([][]any, 0, n)
	countries := []string{"Россия", "Узбекистан", "Кыргызстан", "Таджикистан", "Китай", "Турция"}
	for i := 1; i <= n; i++ {
		iin := "" // some 11 digits have no check digit: those rows go by passport
		for d := '0'; d <= '9' && iin == ""; d++ {
			if s := fmt.Sprintf("%02d%02d%02d3%04d%c", 70+i%30, 1+i%12, 1+i%28, i%10000, d); store.ParseIIN(s, today).Valid {
				iin = s
			}
		}
		rows = append(rows, []any{i, fmt.Sprintf("Сотрудник Номер %d", i), countries[i%len(countries)], iin,
			fmt.Sprintf("N%08d", i), fmt.Sprintf("%02d.%02d.2031", 1+i%28, 1+i%12),
			fmt.Sprintf("%02d.%02d.2027", 1+i%28, 1+i%12), "31.12.2027", "М"})
	}
	return rows
}

var benchHeader = []any{"№", "ФИО", "Гражданство", "ИИН", "Номер паспорта", "Паспорт действителен до", "РВП до", "Договор до", "Пол"}

// benchImport imports data into a fresh workspace per iteration and reports
// CPU seconds per import (user + system, from getrusage, which does not
// depend on how busy the machine is). Peak memory of the whole command is
// measured by scripts/bench-import.sh, per process.
func benchImport(b *testing.B, data []byte, want int) {
	b.ReportAllocs()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w, err := store.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprint("ws", i)), store.Options{Create: true})
		require.NoError(b, err)
		b.StartTimer()
		c0 := cpuTime()
		tables, err := Read(data, ReadOptions{})
		require.NoError(b, err)
		res, err := Import(context.Background(), w, tables, Options{Today: today})
		cpu += cpuTime() - c0
		b.StopTimer()
		require.NoError(b, err)
		require.Equal(b, want, res.Added)
		w.Close()
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

func BenchmarkImport50kXLSX(b *testing.B) {
	rows := benchRows(b, 50_000)
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(b, err)
	require.NoError(b, sw.SetRow("A1", benchHeader))
	for i, r := range rows {
		require.NoError(b, sw.SetRow(fmt.Sprintf("A%d", i+2), r))
	}
	require.NoError(b, sw.Flush())
	buf, err := f.WriteToBuffer()
	require.NoError(b, err)
	b.ResetTimer()
	benchImport(b, buf.Bytes(), len(rows))
}

func BenchmarkImport50kCSV(b *testing.B) {
	rows := benchRows(b, 50_000)
	var sb strings.Builder
	for _, r := range append([][]any{benchHeader}, rows...) {
		for j, c := range r {
			if j > 0 {
				sb.WriteByte(';')
			}
			fmt.Fprint(&sb, c)
		}
		sb.WriteString("\r\n")
	}
	b.ResetTimer()
	benchImport(b, []byte(sb.String()), len(rows))
}
