package demo

import (
	"bytes"
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/rules"
	"dossier/app/schedule"
	"dossier/app/store"
)

var today = civil.MustParse("2026-11-25")

func TestCreateDemo(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "demo")
	require.NoError(t, Create(ctx, dir, Options{Today: today, Scans: true}))
	w, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer w.Close()

	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	assert.Len(t, es, 13)
	citizenships := map[string]bool{}
	for _, e := range es {
		citizenships[e.Citizenship] = true
		if e.IIN != "" {
			assert.True(t, store.ParseIIN(e.IIN, today).Valid, e.IIN)
			assert.Equal(t, e.BirthDate, store.ParseIIN(e.IIN, today).BirthDate, e.Name())
		}
	}
	assert.True(t, citizenships["RU"] && citizenships["KG"], "EAEU citizens")
	assert.True(t, citizenships["UZ"] && citizenships["CN"], "non-EAEU citizens")

	// The seed case: a Russian worker, extension filed online on 29.12.2023,
	// TRP expiring 03.01.2024, one owner abroad.
	var ivanov store.Employee
	for _, e := range es {
		if e.NameCyr == "Иванов Иван" {
			ivanov = e
		}
	}
	require.NotZero(t, ivanov.ID)
	assert.Equal(t, "2024-01-03", ivanov.TRPExpiry.String())
	cases, err := w.Cases(ctx, ivanov.ID)
	require.NoError(t, err)
	require.Len(t, cases, 1)
	c := cases[0]
	assert.Equal(t, store.KindExtension, c.Kind)
	assert.Equal(t, store.ChannelOnline, c.Channel)
	assert.Equal(t, "2023-12-29", c.FilingDate.String())
	assert.Equal(t, 1, c.OwnersAbroad)

	files, err := w.CaseFiles(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, files, 2)
	for _, f := range files {
		data, err := os.ReadFile(w.FilePath(f.SHA256))
		require.NoError(t, err)
		assert.Less(t, len(data), 100<<10, "%s is a small sample", f.Name)
		switch f.ItemID {
		case "passport":
			_, err := jpeg.Decode(bytes.NewReader(data))
			require.NoError(t, err)
		case "employment_contract":
			checkPDF(t, data)
		default:
			t.Errorf("unexpected item %s", f.ItemID)
		}
	}

	set, err := rules.Embedded()
	require.NoError(t, err)
	items := map[schedule.Item]int{}
	var overdue, thisMonth, fingerprint, eaeuWarn int
	err = schedule.Each(ctx, w, schedule.Options{Today: today, Calendar: set.Calendar()}, func(r schedule.Row) error {
		items[r.Item]++
		if r.DaysLeft < 0 {
			overdue++
		}
		if r.Date.Month() == today.Month() && r.Date.Year() == today.Year() && r.DaysLeft >= 0 {
			thisMonth++
		}
		if r.Fingerprint {
			fingerprint++
		}
		for _, w := range r.Warnings {
			if w.Key == "schedule.warn.trp_after_passport" || w.Key == "schedule.warn.trp_after_contract" {
				eaeuWarn++
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Positive(t, overdue, "expired")
	assert.Positive(t, thisMonth, "expiring this month")
	assert.Positive(t, fingerprint, "fingerprinting missing")
	assert.Equal(t, 1, items[schedule.ItemTurns16], "a child about to turn 16")
	assert.Equal(t, 1, items[schedule.ItemEmployerChange])
	assert.GreaterOrEqual(t, eaeuWarn, 2, "TRP outlasting passport and contract")

	// A demo is never mixed into a workspace with employees.
	require.ErrorIs(t, Fill(ctx, w, Options{Today: today}), ErrNotEmpty)
}

func TestLargeDemo(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "big")
	var last int
	require.NoError(t, Create(ctx, dir, Options{Today: today, Employees: 500, Progress: func(done, total int) { last = done }}))
	assert.Equal(t, 500, last)
	w, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	defer w.Close()
	es, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	assert.Len(t, es, 500)
	seen := map[string]bool{}
	for _, e := range es {
		require.True(t, store.ParseIIN(e.IIN, today).Valid, e.IIN)
		require.False(t, seen[e.IIN], "IIN %s used twice", e.IIN)
		seen[e.IIN] = true
	}
}

func TestCheckDigitMatchesStore(t *testing.T) {
	for _, s := range []string{"940140000385", "990140004654", "790303402568", "061211600012"} {
		d, ok := checkDigit(s[:11])
		assert.True(t, ok)
		assert.Equal(t, int(s[11]-'0'), d, s)
	}
}

// checkPDF checks the structure of the one-page PDF: header, trailer, a cross
// reference table where startxref says, and the embedded JPEG decodes.
func checkPDF(t *testing.T, data []byte) {
	require.True(t, bytes.HasPrefix(data, []byte("%PDF-1.")))
	require.True(t, bytes.HasSuffix(data, []byte("%%EOF\n")))
	m := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(data)
	require.NotNil(t, m)
	off, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data[off:], []byte("xref\n0 6\n")))
	for i, line := range bytes.Split(data[off:], []byte("\n"))[3:8] {
		o, err := strconv.Atoi(string(line[:10]))
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data[o:], []byte(strconv.Itoa(i+1)+" 0 obj")), "object %d offset", i+1)
	}
	start := bytes.Index(data, []byte("stream\n")) + len("stream\n")
	end := bytes.Index(data, []byte("\nendstream"))
	_, err = jpeg.Decode(bytes.NewReader(data[start:end]))
	require.NoError(t, err)
}
