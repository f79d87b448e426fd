package papers

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"dossier/app/i18n"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// letterheadXML is a letter body the way Word saves one: placeholders split
// across runs by formatting and proofing marks.
const letterheadXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>ТОО «Бланк» · БИН 940140000385</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Просим о {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>procedure</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">} на срок до {term}.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Иностранец: {applicant.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>name_latin}, {applicant.citizenship}, паспорт № {applicant.passport_</w:t></w:r><w:r><w:t>number} до {applicant.passport_expires}.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Адрес: {housing.address}, РКА {housing.rka}</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Директор ____ {employer.director_name}   {date}</w:t></w:r></w:p>
</w:body></w:document>`

func letterheadDocx(t *testing.T, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="` + nsCT + `"><Default Extension="rels" ContentType="` + ctRels + `"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="` + ctDoc + `"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + relDoc + `" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", body},
	} {
		w, err := zw.Create(part.name)
		require.NoError(t, err)
		_, err = io.WriteString(w, part.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestLetterheadFillsSplitPlaceholdersAndKeepsLines(t *testing.T) {
	c := loadCase(t, cases[0].path)
	out, err := library(t).FillLetterhead(letterheadDocx(t, letterheadXML), c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	text := checkDOCX(t, out)
	assert.NotContains(t, text, "{")
	assert.NotContains(t, text, "}")
	assert.Contains(t, text, "Просим о продлении разрешения на временное проживание в Республике Казахстан на срок до 28.12.2027.")
	assert.Contains(t, text, "Иностранец: IVANOV IVAN, Российская Федерация, паспорт № 751234567 до 15.06.2031.")
	// The two-line address stays on two lines.
	assert.Contains(t, text, "Адрес: г. Алматы, Бостандыкский район,\nул. Тимирязева, д. 42, кв. 7, РКА 0201700098765432")
	assert.Contains(t, text, "Сейткали А. Б.   07.12.2026")
}

func TestLetterheadRefused(t *testing.T) {
	lib := library(t)
	c := loadCase(t, cases[0].path)
	opt := Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped}
	tests := []struct {
		name    string
		data    []byte
		unknown []string
		missing []string
		broken  bool
	}{
		{"unknown field", letterheadDocx(t, strings.Replace(letterheadXML, "{date}", "{date} {employer.kpp}", 1)), []string{"employer.kpp"}, nil, false},
		{"owner field", letterheadDocx(t, strings.Replace(letterheadXML, "{date}", "{date} {owner.iin}", 1)), []string{"owner.iin"}, nil, false},
		{"missing term", letterheadDocx(t, strings.Replace(letterheadXML, "{term}", "31.12", 1)), nil, []string{"term"}, false},
		{"not a docx", []byte("PK but not really"), nil, nil, true},
		{"no document part", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("word/other.xml")
			io.WriteString(w, "<a/>")
			zw.Close()
			return buf.Bytes()
		}(), nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := lib.FillLetterhead(tt.data, c, opt)
			assert.Nil(t, out)
			require.ErrorIs(t, err, ErrLetterhead)
			var le *LetterheadError
			require.True(t, errors.As(err, &le))
			assert.Equal(t, tt.unknown, le.Unknown)
			assert.Equal(t, tt.missing, le.Missing)
			assert.Equal(t, tt.broken, le.Broken != nil)
			for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
				msg := le.Message(lang)
				assert.NotEmpty(t, msg)
				for _, n := range append(tt.unknown, tt.missing...) {
					assert.Contains(t, msg, "{"+n+"}", lang)
				}
			}
		})
	}
}

func TestLetterheadMissingCaseData(t *testing.T) {
	c := loadCase(t, cases[0].path)
	c.Applicant.PassportNumber = ""
	out, err := library(t).FillLetterhead(letterheadDocx(t, letterheadXML), c, Options{Lang: "kk", Date: letterDate, EAEU: eaeu, Rules: shipped})
	assert.Nil(t, out)
	require.ErrorIs(t, err, ErrMissing)
	assert.Contains(t, err.Error(), "applicant.passport_number")
}

// The company's name in a header is filled too, and every part without
// placeholders is copied byte for byte.
func TestLetterheadHeaderAndOtherParts(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	header := `<?xml version="1.0"?><w:hdr xmlns:w="` + nsW + `"><w:p><w:r><w:t>{employer.</w:t></w:r><w:r><w:t>name} · {employer.bin}</w:t></w:r></w:p></w:hdr>`
	styles := `<?xml version="1.0"?><w:styles xmlns:w="` + nsW + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"/>`
	for _, part := range []struct{ name, data string }{
		{"word/document.xml", letterheadXML},
		{"word/header1.xml", header},
		{"word/styles.xml", styles},
	} {
		w, err := zw.Create(part.name)
		require.NoError(t, err)
		_, err = io.WriteString(w, part.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	c := loadCase(t, cases[0].path)
	c.Employer.Name = `ТОО "A&B" <Ω>`
	out, err := library(t).FillLetterhead(buf.Bytes(), c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	require.NoError(t, err)
	got := map[string]string{}
	for _, f := range zr.File {
		b, err := readPart(f)
		require.NoError(t, err)
		got[f.Name] = string(b)
	}
	assert.Equal(t, styles, got["word/styles.xml"])
	assert.Contains(t, got["word/header1.xml"], `<w:t xml:space="preserve">ТОО &#34;A&amp;B&#34; &lt;Ω&gt;</w:t>`)
	assert.Contains(t, got["word/header1.xml"], ` · 940140000385`)
	assert.NotContains(t, got["word/header1.xml"], "{")
}

// FuzzFillPart: whatever the part holds, filling neither panics nor leaves
// text the parser cannot read back.
func FuzzFillPart(f *testing.F) {
	f.Add([]byte(letterheadXML))
	f.Add([]byte(`<w:p><w:r><w:t>{</w:t></w:r><w:r><w:t>term}</w:t></w:r></w:p>`))
	f.Add([]byte(`<w:p><w:t>{term}</w:t><w:p><w:t>{date}</w:t></w:p></w:p>`))
	values := map[string]string{}
	for k := range knownPlaceholders {
		values[k] = "a\nb & <c>"
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		names, err := partPlaceholders(data)
		if err != nil {
			return
		}
		for _, n := range names {
			if _, ok := values[n]; !ok {
				return // refused before filling in the real flow
			}
		}
		out, err := fillPart(data, values)
		if err != nil {
			return
		}
		if _, err := scanPart(out); err != nil {
			t.Fatalf("filled part does not parse: %v\n%s", err, out)
		}
	})
}

// DocxText keeps the letter's lines: paragraphs, line breaks (a multi-line
// address), tabs.
func TestDocxText(t *testing.T) {
	c := loadCase(t, cases[0].path)
	out, err := library(t).FillLetterhead(letterheadDocx(t, letterheadXML), c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu})
	require.NoError(t, err)
	text, err := DocxText(out)
	require.NoError(t, err)
	assert.Contains(t, text, "ТОО «Бланк» · БИН 940140000385\nПросим о продлении")
	assert.Contains(t, text, "Адрес: г. Алматы, Бостандыкский район,\nул. Тимирязева, д. 42, кв. 7, РКА 0201700098765432\n")
	starter, err := library(t).StartingLetterhead("ru")
	require.NoError(t, err)
	text, err = DocxText(starter)
	require.NoError(t, err)
	assert.Contains(t, text, "В органы миграционной службы\nДепартамента полиции\n")
	assert.Contains(t, text, "{employer.director_position}    _______________ {employer.director_name}\n")
	_, err = DocxText([]byte("not a docx"))
	assert.ErrorIs(t, err, ErrLetterhead)
}
