package schedule

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/demo"
	"dossier/app/i18n"
	"dossier/app/store"
)

// benchWorkspace makes a demo workspace of n employees once per benchmark.
func benchWorkspace(b *testing.B, n int) *store.Workspace {
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "ws")
	require.NoError(b, demo.Create(ctx, dir, demo.Options{Employees: n, Today: today}))
	w, err := store.Open(ctx, dir, store.Options{})
	require.NoError(b, err)
	b.Cleanup(func() { w.Close() })
	return w
}

func everything() Options {
	return Options{Today: today, From: civil.MustParse("2020-01-01"), To: civil.MustParse("2040-12-31")}
}

// BenchmarkEach10k reads the rows of 10,000 employees (about 30,000 rows).
func BenchmarkEach10k(b *testing.B) {
	w := benchWorkspace(b, 10000)
	opts := everything()
	opts.Calendar = calendar(b)
	b.ResetTimer()
	for b.Loop() {
		n := 0
		require.NoError(b, Each(context.Background(), w, opts, func(Row) error { n++; return nil }))
		b.ReportMetric(float64(n), "rows")
	}
}

// BenchmarkWriteFile10k writes the schedule of 10,000 employees to .xlsx.
func BenchmarkWriteFile10k(b *testing.B) {
	w := benchWorkspace(b, 10000)
	opts := everything()
	opts.Calendar = calendar(b)
	out := filepath.Join(b.TempDir(), "s.xlsx")
	b.ResetTimer()
	for b.Loop() {
		sum, err := WriteFile(context.Background(), w, out, WriteOptions{Options: opts, Lang: i18n.RU})
		require.NoError(b, err)
		b.ReportMetric(float64(sum.Rows), "rows")
	}
}

// BenchmarkWriteFile10kDefault writes the default 90-day schedule of 10,000
// employees, what `dossier schedule` does without --from and --to.
func BenchmarkWriteFile10kDefault(b *testing.B) {
	w := benchWorkspace(b, 10000)
	opts := Options{Today: today, Calendar: calendar(b)}
	out := filepath.Join(b.TempDir(), "s.xlsx")
	b.ResetTimer()
	for b.Loop() {
		sum, err := WriteFile(context.Background(), w, out, WriteOptions{Options: opts, Lang: i18n.RU})
		require.NoError(b, err)
		b.ReportMetric(float64(sum.Rows), "rows")
	}
}
