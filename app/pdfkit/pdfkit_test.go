package pdfkit

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"dossier/app/scan/scantest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var bg = context.Background()

func TestCanonicalRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("%PDF-1.7\n"), []byte("startxref\n999999\n%%EOF")} {
		_, err := Canonical(b, "seed")
		assert.Error(t, err)
	}
}

// The canonical form depends on the document, not on how it was numbered:
// it is its own canonical form, and the seed alone decides the file ID.
func TestCanonicalIsStable(t *testing.T) {
	content := "BT /F1 14 Tf 72 760 Td (12 0 R) Tj ET"
	pdf := scantest.HandPDF(
		"<< /Type /Catalog /Pages 3 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 2 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	)
	once, err := Canonical(pdf, "seed")
	require.NoError(t, err)
	twice, err := Canonical(once, "seed")
	require.NoError(t, err)
	assert.Equal(t, string(once), string(twice))
	assert.True(t, bytes.Contains(once, []byte(content)), "the stream is kept")
	other, err := Canonical(pdf, "another seed")
	require.NoError(t, err)
	assert.NotEqual(t, string(once), string(other))
	assert.Equal(t, len(once), len(other))

	doc, err := Read(bg, bytes.NewReader(once), Limits{})
	require.NoError(t, err)
	require.NoError(t, doc.Validate(bg))
	assert.Equal(t, 1, doc.PageCount())
}

func TestWordWrapKeepsWords(t *testing.T) {
	lines, err := WordWrap("Қазақстан Республикасы Ішкі істер министрлігі", "Helvetica", 10, 80)
	require.NoError(t, err)
	assert.Greater(t, len(lines), 1)
}

// TestSetInfo: an entry written with SetInfo reads back with InfoEntry; a
// PDF without it has none.
func TestSetInfo(t *testing.T) {
	ctx := context.Background()
	var made bytes.Buffer
	require.NoError(t, CreateFromJSON(ctx, []byte(`{"paper":"A4P","pages":{"1":{"content":{"text":[
		{"value":"draft","pos":[72,720],"font":{"name":"Helvetica","size":12}}]}}}}`), &made))
	plain := made.Bytes()
	marked, err := SetInfo(ctx, plain, map[string]string{"DossierPaper": "consent-1"})
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		pdf  []byte
		want string
		ok   bool
	}{{"marked", marked, "consent-1", true}, {"plain", plain, "", false}} {
		d, err := Read(ctx, bytes.NewReader(tc.pdf), Limits{})
		require.NoError(t, err, tc.name)
		v, ok := d.InfoEntry("DossierPaper")
		assert.Equal(t, tc.ok, ok, tc.name)
		assert.Equal(t, tc.want, v, tc.name)
	}
}
