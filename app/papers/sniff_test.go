package papers

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
	"dossier/app/store/storetest"
)

// zipOf builds a zip of the named parts, in order.
func zipOf(t *testing.T, parts ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		require.NoError(t, err)
		_, err = io.WriteString(w, p[1])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// contentTypes is a [Content_Types].xml giving the main part the type ct.
func contentTypes(ct string) [2]string {
	return [2]string{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="` + nsCT +
		`"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="` + ct + `"/></Types>`}
}

// rawZip writes one entry whose declared sizes are declared, whatever
// deflated really holds: a zip bomb, or a zip that lies about its size.
func rawZip(t *testing.T, name string, content []byte, declared uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestSpeed)
	require.NoError(t, err)
	_, err = fw.Write(content)
	require.NoError(t, err)
	require.NoError(t, fw.Close())
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	require.NoError(t, err)
	_, err = w.Write(comp.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func utf16Bytes(s string) []byte { return utf16le(s) }

// TestHostileLetterheads: every kind of wrong file gets its own message,
// in the three languages, and nothing panics.
func TestHostileLetterheads(t *testing.T) {
	good := letterheadDocx(t, letterheadXML)
	cfb := append(append([]byte{}, magicCFB...), make([]byte, 504)...)
	encrypted := append(append(append([]byte{}, cfb...), utf16Bytes("EncryptedPackage")...), make([]byte, 64)...)
	manyParts := func() []byte {
		var parts [][2]string
		parts = append(parts, [2]string{"word/document.xml", letterheadXML})
		for i := 0; i < maxLetterheadParts; i++ {
			parts = append(parts, [2]string{fmt.Sprintf("word/media/p%d.xml", i), "<a/>"})
		}
		return zipOf(t, parts...)
	}()
	tests := []struct {
		name   string
		data   []byte
		reason string
		args   []any
	}{
		{"empty", nil, "empty", nil},
		{"not a zip", []byte("Уважаемый директор, просим…"), "not_docx", nil},
		{"old Word 97-2003 .doc", cfb, "old_doc", nil},
		{"password-protected .docx (OLE compound file)", encrypted, "encrypted", nil},
		{"a PDF", []byte("%PDF-1.7\n%âãÏÓ\n"), "pdf", nil},
		{"RTF", []byte(`{\rtf1\ansi Бланк}`), "rtf", nil},
		{"huge file", append(bytes.Repeat([]byte{'P', 'K', 3, 4}, 1), make([]byte, maxLetterhead)...), "too_large", []any{21, 20}},
		{"zip bomb: the body unpacks to 200 MB", rawZip(t, "word/document.xml", []byte(letterheadXML), 200<<20), "bomb", []any{200}},
		{"zip bomb: a picture unpacks to 1 GB", append([]byte{}, rawZip(t, "word/media/image1.png", make([]byte, 1<<16), 1<<30)...), "bomb", []any{1024}},
		{"too many parts", manyParts, "parts", []any{maxLetterheadParts + 1, maxLetterheadParts}},
		{".docm with macros (content type)", zipOf(t, contentTypes(ctDocMacro), [2]string{"word/document.xml", letterheadXML}), "macro", nil},
		{".docm with macros (vbaProject)", zipOf(t, [2]string{"word/document.xml", letterheadXML}, [2]string{"word/vbaProject.bin", "\x00"}), "macro", nil},
		{".dotx template", zipOf(t, contentTypes(ctTemplate), [2]string{"word/document.xml", letterheadXML}), "template", nil},
		{".odt", zipOf(t, [2]string{"mimetype", ctODT}, [2]string{"content.xml", "<office:document-content/>"}), "odt", nil},
		{"zip without a document", zipOf(t, [2]string{"бланк/readme.txt", "x"}), "no_document", nil},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CheckLetterhead(tt.data)
			require.ErrorIs(t, err, ErrLetterhead)
			var le *LetterheadError
			require.True(t, errors.As(err, &le))
			assert.Equal(t, tt.reason, le.Reason)
			if tt.args != nil {
				assert.Equal(t, tt.args, le.Args)
			}
			for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
				msg := le.Message(lang)
				assert.NotEmpty(t, msg)
				assert.NotContains(t, msg, "%!", "format arguments match")
				assert.NotContains(t, msg, "papers.err", "the key is in the catalogue")
				if prev, ok := seen[string(lang)+msg]; ok && prev != tt.reason {
					t.Errorf("%s and %s share a message", prev, tt.reason)
				}
				seen[string(lang)+msg] = tt.reason
			}
		})
	}
	_, err := CheckLetterhead(good)
	require.NoError(t, err, "the fixture's good letterhead passes")
}

// A zip that declares a small body and unpacks to more is damaged:
// archive/zip stops at the declared size, and the message says so.
func TestLetterheadLyingSize(t *testing.T) {
	body := []byte(letterheadXML + strings.Repeat(" ", 4<<20))
	_, err := CheckLetterhead(rawZip(t, "word/document.xml", body, 100))
	var le *LetterheadError
	require.ErrorAs(t, err, &le)
	assert.NotNil(t, le.Broken)
	assert.Contains(t, le.Message(i18n.RU), "Документ Word (.docx)")
}

// ReadLetterhead refuses a file over the limit from its size, before
// reading it.
func TestReadLetterheadTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "бланк.docx")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(maxLetterhead+5<<20)) // sparse: nothing is written
	require.NoError(t, f.Close())
	_, err = ReadLetterhead(path)
	var le *LetterheadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "too_large", le.Reason)
	assert.Contains(t, le.Message(i18n.RU), "25 МБ")
}

// The starting letterhead is the default letter with its fields in braces,
// in both languages: it passes the check, and filled it has no brace left.
func TestStartingLetterhead(t *testing.T) {
	lib := library(t)
	c := loadCase(t, cases[1].path)
	for _, lang := range Langs {
		t.Run(lang, func(t *testing.T) {
			data, err := lib.StartingLetterhead(lang)
			require.NoError(t, err)
			names, err := CheckLetterhead(data)
			require.NoError(t, err)
			assert.NotContains(t, names, "applicant.iin", "an optional line is left out")
			text := checkDOCX(t, data)
			assert.Contains(t, text, "{term}")
			out, err := lib.FillLetterhead(data, c, Options{Lang: lang, Date: letterDate, EAEU: eaeu})
			require.NoError(t, err)
			filled := checkDOCX(t, out)
			assert.NotContains(t, filled, "{")
			assert.Contains(t, filled, c.Applicant.PassportNumber)
		})
	}
	_, err := lib.StartingLetterhead("en")
	assert.Error(t, err)
}

func TestLetterheadFields(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
		text := LetterheadFields(lang)
		for _, name := range allowedPlaceholders() {
			assert.Contains(t, text, "{"+name+"} — ", lang)
		}
		assert.NotContains(t, text, "papers.placeholder", lang)
		assert.NotContains(t, text, "{owner.", lang)
		assert.Equal(t, len(letterheadRequired), strings.Count(text, "("+i18n.T(lang, "papers.letterhead.required")+")"), lang)
	}
}

// ImportLetterhead keeps a letterhead whose fields Word split across runs,
// and keeps nothing of a refused one: the company's letterhead stays as it
// was.
func TestImportLetterhead(t *testing.T) {
	ctx := context.Background()
	w, caseID := storetest.PaperFiling(t, "Сапаров Ержан")
	rc, err := w.RulesCase(ctx, caseID)
	require.NoError(t, err)
	list, err := w.Employers(ctx)
	require.NoError(t, err)
	employer := list[0].ID
	dir := t.TempDir()
	good := filepath.Join(dir, "Бланк «Алтын-Дала».docx")
	require.NoError(t, os.WriteFile(good, letterheadDocx(t, letterheadXML), 0o600))
	lh, err := ImportLetterhead(ctx, w, employer, "ru", good)
	require.NoError(t, err)
	assert.Equal(t, "Бланк «Алтын-Дала».docx", lh.Name)

	bad := filepath.Join(dir, "без срока.docx")
	require.NoError(t, os.WriteFile(bad, letterheadDocx(t, strings.Replace(letterheadXML, "{term}", "31.12", 1)), 0o600))
	_, err = ImportLetterhead(ctx, w, employer, "ru", bad)
	var le *LetterheadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, []string{"term"}, le.Missing)

	got, err := w.CaseLetterhead(ctx, caseID, "ru")
	require.NoError(t, err)
	assert.Equal(t, "Бланк «Алтын-Дала».docx", got.Name, "the refused file replaced nothing")
	out, err := library(t).FillLetterhead(got.Data, rc, Options{Lang: "ru", Date: letterDate, EAEU: eaeu})
	require.NoError(t, err)
	assert.Contains(t, checkDOCX(t, out), "O'CONNOR SEAN")
	_, err = w.CaseLetterhead(ctx, caseID, "kk")
	assert.ErrorIs(t, err, store.ErrNoLetterhead)
	assert.FileExists(t, good, "the clerk's own file is only read")
}

// FuzzCheckLetterhead: whatever file a clerk picks, the check neither
// panics nor accepts something it then cannot fill: an accepted letterhead
// fills (or names the case's missing fields) and leaves no placeholder.
func FuzzCheckLetterhead(f *testing.F) {
	lib, err := LoadLibrary()
	if err != nil {
		f.Fatal(err)
	}
	starter, err := lib.StartingLetterhead("ru")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(starter)
	f.Add([]byte("PK\x03\x04"))
	f.Add(append(append([]byte{}, magicCFB...), utf16le("EncryptedPackage")...))
	f.Add([]byte("%PDF-1.7"))
	raw, err := os.ReadFile(cases[1].path)
	if err != nil {
		f.Fatal(err)
	}
	rc, err := rules.ParseCase(raw)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		names, err := CheckLetterhead(data)
		if err != nil {
			var le *LetterheadError
			if !errors.As(err, &le) {
				t.Fatalf("a refusal that is not a *LetterheadError: %v", err)
			}
			_ = le.Message(i18n.RU)
			return
		}
		if len(names) == 0 {
			t.Fatal("accepted with no field")
		}
		out, err := lib.FillLetterhead(data, rc, Options{Lang: "ru", Date: letterDate, EAEU: eaeu})
		if err != nil {
			return // the case's missing fields, named; or a value that reads as a placeholder
		}
		if _, err := CheckLetterhead(out); err == nil {
			t.Fatal("the filled letter still passes as a letterhead: fields left in it")
		}
	})
}
