package schedule

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParallelZipRoundTrip: entries of every shape come back byte for byte
// through the standard reader, which checks each CRC and size.
func TestParallelZipRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// Text-like data (compressible) and noise (not), around the piece size.
	text := func(n int) []byte {
		var b bytes.Buffer
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Иванов %d</t></is></c></row>`, i, i, rng.IntN(1000))
		}
		return b.Bytes()[:n]
	}
	noise := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	entries := []struct {
		name   string
		writes [][]byte
	}{
		{"empty.xml", nil},
		{"small.xml", [][]byte{[]byte("<a/>")}},
		{"exactly one piece.xml", [][]byte{text(zipPiece)}},
		{"one byte over.xml", [][]byte{text(zipPiece + 1)}},
		{"sheet.xml", [][]byte{text(5*zipPiece + 12345)}},
		{"several writes.xml", [][]byte{text(100), text(3 * zipPiece), nil, text(7)}},
		{"noise.bin", [][]byte{noise(2*zipPiece + 3)}},
	}
	var out bytes.Buffer
	zw := newParallelZip(&out, nil)
	want := map[string][]byte{}
	for _, e := range entries {
		w, err := zw.Create(e.name)
		require.NoError(t, err)
		var all []byte
		for _, p := range e.writes {
			n, err := w.Write(p)
			require.NoError(t, err)
			require.Equal(t, len(p), n)
			all = append(all, p...)
		}
		want[e.name] = all
	}
	require.NoError(t, zw.Close())

	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, len(entries))
	for i, f := range zr.File {
		assert.Equal(t, entries[i].name, f.Name, "entries keep their order")
		assert.Equal(t, uint64(len(want[f.Name])), f.UncompressedSize64, f.Name)
		assert.Equal(t, uint16(20), f.ReaderVersion, "%s: deflate needs zip 2.0 to be read", f.Name)
		assert.Equal(t, uint16(20), f.CreatorVersion&0xff, f.Name)
		rc, err := f.Open()
		require.NoError(t, err)
		got, err := io.ReadAll(rc) // fails on a wrong CRC or size
		require.NoError(t, err, f.Name)
		require.NoError(t, rc.Close())
		assert.True(t, bytes.Equal(want[f.Name], got), f.Name)
	}
}
