package papers

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/app/bundle"
	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/pdfkit"
	"dossier/app/rules"
	assetpapers "dossier/assets/papers"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func eaeu(c string) bool { return c == "RU" || c == "BY" || c == "AM" || c == "KG" }

// shipped are the rules Dossier ships: they decide the originals list.
var shipped = func() *rules.Set {
	set, err := rules.Embedded()
	if err != nil {
		panic(err)
	}
	return set
}()

func loadCase(t *testing.T, path string) rules.Case {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	c, err := rules.ParseCase(data)
	require.NoError(t, err)
	return c
}

func library(t *testing.T) *Library {
	t.Helper()
	lib, err := LoadLibrary()
	require.NoError(t, err)
	return lib
}

var cases = []struct{ name, path string }{
	{"online", "../../docs/examples/papers_case.json"},
	{"paper", "testdata/paper_case.json"},
}

var letterDate = civil.MustParse("2026-12-07")

// TestGolden keeps the text of every paper of both cases in both languages.
func TestGolden(t *testing.T) {
	lib := library(t)
	for _, tc := range cases {
		for _, lang := range Langs {
			t.Run(tc.name+"."+lang, func(t *testing.T) {
				ps, err := lib.Build(loadCase(t, tc.path), Options{Lang: lang, Date: letterDate, EAEU: eaeu, Rules: shipped})
				require.NoError(t, err)
				require.NotEmpty(t, ps)
				for _, p := range ps {
					golden := filepath.Join("testdata", "golden", tc.name+"."+p.Key+"."+lang+".txt")
					got := p.Text()
					if *update {
						require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
					}
					want, err := os.ReadFile(golden)
					require.NoError(t, err, "run go test -update")
					assert.Equal(t, string(want), got, golden)
				}
			})
		}
	}
}

func TestWhichPapers(t *testing.T) {
	lib := library(t)
	names := func(ps []Paper) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.File)
		}
		return out
	}
	online := loadCase(t, cases[0].path)
	ps, err := lib.Build(online, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	assert.Equal(t, []string{"ходатайство", "значения-egov"}, names(ps))

	// Paper, notarized consent: one draft per owner who can sign here (the
	// owner abroad gets none), and the originals.
	paper := loadCase(t, cases[1].path)
	ps, err = lib.Build(paper, Options{Lang: "kk", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	assert.Equal(t, []string{"өтінішхат", "меншік-иесінің-келісімі-1", "меншік-иесінің-келісімі-3", "түпнұсқалар"}, names(ps))

	// The owner present in person: no consent draft.
	paper.Housing.Consent = "in_person"
	ps, err = lib.Build(paper, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	assert.Equal(t, []string{"ходатайство", "оригиналы"}, names(ps))
	assert.Contains(t, ps[1].Text(), "Собственник жилья лично")
	assert.NotContains(t, ps[1].Text(), "Нотариально")
}

// TestTerm: one year from filing, not beyond the contract (S2, S3) and not
// beyond the passport (S53); official for EAEU labour, practice otherwise.
// The example files on 29.12.2026.
func TestTerm(t *testing.T) {
	lib := library(t)
	tests := []struct {
		name           string
		citizenship    string
		contract, pass string
		want           string // the letter's "на срок до …"
		basis          string
		passportNote   bool
	}{
		{"a year", "RU", "2030-01-01", "2031-06-15", "28.12.2027", Official, false},
		{"contract sooner", "IN", "2027-06-30", "2031-06-15", "30.06.2027", Practice, false},
		{"passport sooner", "RU", "2030-01-01", "2027-09-01", "01.09.2027", Official, true},
		{"passport before contract", "IN", "2027-10-31", "2027-08-15", "15.08.2027", Practice, true},
		{"contract on the year's last day", "RU", "2027-12-28", "2031-06-15", "28.12.2027", Official, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadCase(t, cases[0].path)
			c.Applicant.Citizenship = tc.citizenship
			c.Applicant.ContractEnds = civil.MustParse(tc.contract)
			c.Applicant.PassportExpires = civil.MustParse(tc.pass)
			ps, err := lib.Build(c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
			require.NoError(t, err)
			var n Note
			for _, x := range ps[0].Notes {
				if x.Field == "term" {
					n = x
				}
			}
			require.NotEmpty(t, n.Field, "no term note")
			assert.Contains(t, ps[0].Text(), "на срок до "+tc.want+".")
			assert.Equal(t, tc.basis, n.Basis)
			assert.Contains(t, n.Source, "S53")
			if tc.passportNote {
				assert.Contains(t, n.Text, "ограничен действием паспорта (до "+tc.want+")")
			} else {
				assert.NotContains(t, n.Text, "паспорта (до")
			}
		})
	}
}

// TestDatesAnOfficerSendsBack: a letter dated after its filing day, a
// contract that has ended and a passport that has expired by the filing
// day are refused with the field to correct, and nothing is built.
func TestDatesAnOfficerSendsBack(t *testing.T) {
	lib := library(t)
	tests := []struct {
		name   string
		change func(c *rules.Case)
		want   Missing
	}{
		{"filed before the letter", func(c *rules.Case) { c.FilingDate = civil.MustParse("2026-12-01") },
			Missing{"filing_date", "past"}},
		{"contract ended", func(c *rules.Case) { c.Applicant.ContractEnds = civil.MustParse("2026-12-20") },
			Missing{"applicant.contract_ends", "ended"}},
		{"contract ends on the filing day", func(c *rules.Case) { c.Applicant.ContractEnds = c.FilingDate },
			Missing{"applicant.contract_ends", "ended"}},
		{"passport expired", func(c *rules.Case) { c.Applicant.PassportExpires = civil.MustParse("2026-11-30") },
			Missing{"applicant.passport_expires", "expired"}},
		{"worker's permit ends before a family member files", func(c *rules.Case) {
			c.Purpose = "family"
			c.Principal = &rules.Principal{Name: "PETROV PETR", Relation: "spouse", PermitExpires: civil.MustParse("2026-12-20")}
		}, Missing{"principal.permit_expires", "principal_expired"}},
		{"family member with no worker's permit date", func(c *rules.Case) {
			c.Purpose = "family"
			c.Principal = &rules.Principal{Name: "PETROV PETR", Relation: "spouse"}
		}, Missing{"principal.permit_expires", "missing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadCase(t, cases[0].path)
			tc.change(&c)
			ps, err := lib.Build(c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
			require.ErrorIs(t, err, ErrMissing)
			assert.Empty(t, ps)
			var me *MissingError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, []Missing{tc.want}, me.Fields)
			for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
				assert.NotContains(t, tc.want.Label(lang), "papers.", "a label in %s", lang)
			}
		})
	}
	// The letter may be prepared on the filing day itself.
	c := loadCase(t, cases[0].path)
	_, err := lib.Build(c, Options{Lang: "ru", Date: c.FilingDate, EAEU: eaeu, Rules: shipped})
	assert.NoError(t, err)
}

func TestMissingDataWritesNothing(t *testing.T) {
	lib := library(t)
	tests := []struct {
		name   string
		change func(c *rules.Case)
		want   []string
	}{
		{"no director", func(c *rules.Case) { c.Employer.DirectorName = ""; c.Employer.DirectorPosition = "" },
			[]string{"employer.director_name", "employer.director_position"}},
		{"no passport number", func(c *rules.Case) { c.Applicant.PassportNumber = "" }, []string{"applicant.passport_number"}},
		{"owners unknown", func(c *rules.Case) { c.Housing.OwnerList = nil }, []string{"housing.owner_list"}},
		{"owners miscounted", func(c *rules.Case) { c.Housing.Owners = 2; c.Housing.OwnersAbroad = 0 }, []string{"housing.owner_list"}},
		{"owner without IIN", func(c *rules.Case) { c.Housing.OwnerList[0].IIN = "" }, []string{"housing.owner_list[0].iin"}},
		{"no contract end", func(c *rules.Case) { c.Applicant.ContractEnds = civil.Date{} }, []string{"applicant.contract_ends"}},
		{"country without a name", func(c *rules.Case) { c.Applicant.Citizenship = "NR" }, []string{"applicant.citizenship"}},
		{"no residence address", func(c *rules.Case) { c.Housing.Address = " \n "; c.Housing.RKA = "" }, []string{"housing.address", "housing.rka"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadCase(t, cases[0].path)
			c.Housing.OwnerList = append([]rules.Owner(nil), c.Housing.OwnerList...)
			tt.change(&c)
			ps, err := lib.Build(c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
			require.ErrorIs(t, err, ErrMissing)
			assert.Nil(t, ps)
			var me *MissingError
			require.True(t, errors.As(err, &me))
			var paths []string
			for _, m := range me.Fields {
				paths = append(paths, m.Path)
			}
			assert.Equal(t, tt.want, paths)
			for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
				msg := me.Message(lang)
				for _, w := range tt.want {
					assert.Contains(t, msg, w, lang)
				}
			}
		})
	}
}

func TestOwnedByApplicantNeedsNoOwners(t *testing.T) {
	c := loadCase(t, cases[0].path)
	c.Housing = rules.Housing{OwnedByApplicant: true, Address: "г. Астана, ул. Кенесары, 1", RKA: "0101700011112222"}
	ps, err := library(t).Build(c, Options{Lang: "kk", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	require.Len(t, ps, 2)
	assert.NotContains(t, ps[1].Text(), "меншік иесінің ЖСН")
	assert.NotContains(t, ps[1].Text(), "МЕНШІК ИЕЛЕРІНІҢ РАСТАУЫ", "no owners' approval for the applicant's own home")
}

// TestDOCXStructure opens every paper's .docx as Word would have to: every
// part parses, every part [Content_Types].xml names exists, every
// relationship's target exists, no placeholder is left, and the text is the
// paper's text, line breaks included.
func TestDOCXStructure(t *testing.T) {
	lib := library(t)
	for _, tc := range cases {
		for _, lang := range Langs {
			ps, err := lib.Build(loadCase(t, tc.path), Options{Lang: lang, Date: letterDate, EAEU: eaeu, Rules: shipped})
			require.NoError(t, err)
			for _, p := range ps {
				t.Run(tc.name+"."+lang+"."+p.Key, func(t *testing.T) {
					var buf bytes.Buffer
					require.NoError(t, WriteDOCX(&buf, p))
					text := checkDOCX(t, buf.Bytes())
					assert.NotRegexp(t, `\{[a-z_.]+\}`, text)
					var want []string
					for _, b := range p.Blocks {
						w := strings.Join(b.Lines, "\n")
						if b.Style == "item" {
							w = "•\t" + w
						}
						want = append(want, w)
					}
					assert.Equal(t, strings.Join(want, "\n\n"), text)
				})
			}
		}
	}
}

// checkDOCX checks a package and returns its document's text: paragraphs
// separated by a blank line, w:br as "\n", w:tab as "\t".
func checkDOCX(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		parts[f.Name] = b
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, f.Name)
		}
	}
	var ct struct {
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	require.NoError(t, xml.Unmarshal(parts["[Content_Types].xml"], &ct))
	require.NotEmpty(t, ct.Overrides)
	for _, o := range ct.Overrides {
		assert.Contains(t, parts, strings.TrimPrefix(o.PartName, "/"), "content types name a missing part")
	}
	for name, b := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var rels struct {
			Rel []struct {
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		require.NoError(t, xml.Unmarshal(b, &rels))
		base := filepath.ToSlash(filepath.Dir(filepath.Dir(name)))
		for _, r := range rels.Rel {
			target := r.Target
			if base != "." {
				target = base + "/" + target
			}
			assert.Contains(t, parts, target, "relationship target missing in %s", name)
		}
	}
	doc, ok := parts["word/document.xml"]
	require.True(t, ok)
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var paras []string
	var cur strings.Builder
	inText, inPPr := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "p":
				cur.Reset()
			case "pPr":
				inPPr = true // its w:tabs/w:tab are tab stops, not text
			case "t":
				inText = true
			case "br":
				cur.WriteString("\n")
			case "tab":
				if !inPPr {
					cur.WriteString("\t")
				}
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "t":
				inText = false
			case "pPr":
				inPPr = false
			case "p":
				paras = append(paras, cur.String())
			}
		case xml.CharData:
			if inText {
				cur.Write(el)
			}
		}
	}
	return strings.Join(paras, "\n\n")
}

// TestHardNames: apostrophes, hyphens, Kazakh letters and a very long
// company name go through unchanged, escaped by the encoder.
func TestHardNames(t *testing.T) {
	c := loadCase(t, cases[1].path)
	c.Employer.Name = strings.Repeat("«Ұлттық Өңдеу & <Серіктестік>» ", 12)
	ps, err := library(t).Build(c, Options{Lang: "kk", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WriteDOCX(&buf, ps[0]))
	text := checkDOCX(t, buf.Bytes())
	for _, s := range []string{"O'Connor Sean-Patrick", "Әбілқайыр-Ұлы Нұрсұлтан Ғалымжанұлы", c.Employer.Name, "Шығыс Қазақстан облысы, Өскемен қ.,\nҚазақстан көшесі"} {
		assert.Contains(t, text, s)
	}
	assert.Contains(t, ps[1].Text(), "Жақсыбекова Әйгерім Қанатқызы")
}

func TestTemplatesRefused(t *testing.T) {
	base := fstest.MapFS{}
	entries, err := assetpapers.Files.ReadDir(".")
	require.NoError(t, err)
	for _, e := range entries {
		b, err := assetpapers.Files.ReadFile(e.Name())
		require.NoError(t, err)
		base[e.Name()] = &fstest.MapFile{Data: b}
	}
	_, err = loadLibrary(base)
	require.NoError(t, err)

	tests := []struct{ name, from, to, want string }{
		{"unknown placeholder", "{employer.rka}", "{employer.kpp}", "{employer.kpp}"},
		{"stray brace", "{employer.rka}", "{employer.rka", "brace"},
		{"unknown basis", `"basis": "practice"`, `"basis": "folklore"`, "folklore"},
		{"unknown mark", `"mark": "addressee"`, `"mark": "adresat"`, "adresat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			orig := string(base["letter.ru.json"].Data)
			require.Contains(t, orig, tt.from)
			fsys["letter.ru.json"] = &fstest.MapFile{Data: []byte(strings.Replace(orig, tt.from, tt.to, 1))}
			_, err := loadLibrary(fsys)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestWriteAtomic(t *testing.T) {
	require.NoError(t, bundle.Setup(t.TempDir()))
	dir := filepath.Join(t.TempDir(), "out")
	ps, err := library(t).Build(loadCase(t, cases[1].path), Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	var steps []int
	written, err := WriteWithProgress(dir, ps, nil, func(done, total int) {
		assert.Equal(t, len(ps), total)
		steps = append(steps, done)
	})
	require.NoError(t, err)
	assert.Len(t, written, 2*len(ps)+1)
	assert.Len(t, steps, len(ps))
	assert.Equal(t, len(ps), steps[len(steps)-1])

	// The drafts are known as such; a signed scan is not one of them.
	for _, w := range written {
		draft, err := IsDraft(w.Path, written)
		require.NoError(t, err)
		assert.True(t, draft, w.Path)
	}
	scan := filepath.Join(t.TempDir(), "signed.pdf")
	require.NoError(t, os.WriteFile(scan, []byte("%PDF-1.4 signed"), 0o644))
	draft, err := IsDraft(scan, written)
	require.NoError(t, err)
	assert.False(t, draft)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), ".papers-"), "temporary file left: %s", e.Name())
	}
	check, err := os.ReadFile(filepath.Join(dir, "check.ru.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(check), "[assumption]")
}

// TestFooterFitsThePaper: only the letter is printed on the company's
// letterhead and stamped; the owner's consent goes to a notary and the
// originals and egov sheets are memos, so their footers must not ask for
// the company's letterhead and stamp.
func TestFooterFitsThePaper(t *testing.T) {
	lib := library(t)
	stamp := map[string]string{"ru": "поставьте печать", "kk": "мөр басыңыз"}
	seen := map[string]bool{}
	for _, tc := range cases {
		for _, lang := range Langs {
			ps, err := lib.Build(loadCase(t, tc.path), Options{Lang: lang, Date: letterDate, EAEU: eaeu, Rules: shipped})
			require.NoError(t, err)
			for _, p := range ps {
				seen[p.Name] = true
				require.NotEmpty(t, p.Footer, p.Key)
				assert.Contains(t, p.Footer, "check."+lang+".txt", p.Key)
				if p.Name == "letter" {
					assert.Contains(t, p.Footer, stamp[lang], p.Key)
				} else {
					assert.NotContains(t, p.Footer, stamp[lang], "%s %s", lang, p.Key)
				}
			}
		}
	}
	assert.Equal(t, map[string]bool{"letter": true, "consent": true, "originals": true, "egov": true}, seen)
}

// TestPDF: every paper draws, the PDF validates, embeds the DejaVu font
// (Cyrillic and Kazakh letters) and carries the footer on every page.
func TestPDF(t *testing.T) {
	require.NoError(t, bundle.Setup(t.TempDir()))
	lib := library(t)
	for _, tc := range cases {
		for _, lang := range Langs {
			ps, err := lib.Build(loadCase(t, tc.path), Options{Lang: lang, Date: letterDate, EAEU: eaeu, Rules: shipped})
			require.NoError(t, err)
			for _, p := range ps {
				var buf bytes.Buffer
				require.NoError(t, WritePDF(&buf, p, p.Footer), p.Key)
				require.NoError(t, api.Validate(context.Background(), bytes.NewReader(buf.Bytes()), nil, nil), p.Key)
				info, err := api.PDFInfo(context.Background(), bytes.NewReader(buf.Bytes()), p.Key, nil, true, nil)
				require.NoError(t, err, p.Key)
				require.NotEmpty(t, info.Fonts, p.Key)
				for _, f := range info.Fonts {
					assert.Contains(t, f.Name, "DejaVuSans", p.Key)
					assert.True(t, f.Embedded, "%s: %s not embedded", p.Key, f.Name)
				}
				// Marked as Dossier's draft, so scan validation refuses it
				// wherever it turns up.
				doc, err := pdfkit.Read(context.Background(), bytes.NewReader(buf.Bytes()), pdfkit.Limits{})
				require.NoError(t, err, p.Key)
				mark, ok := doc.InfoEntry(pdfkit.DraftKey)
				assert.True(t, ok, p.Key)
				assert.Equal(t, p.Key, mark)
			}
		}
	}
	// A long company name wraps onto more lines instead of running off the
	// page, and a letter that long still validates.
	c := loadCase(t, cases[1].path)
	c.Employer.Name = strings.Repeat("Қазақстанның Солтүстік-Шығыс Өңірлік Инжинирингтік Орталығы 100% ", 8)
	ps, err := lib.Build(c, Options{Lang: "kk", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	lines, err := layoutLines(ps[0])
	require.NoError(t, err)
	for _, l := range lines {
		font := pdfRegular
		if l.bold {
			font = pdfBold
		}
		w, err := pdfkit.TextWidth(l.text, font, l.size)
		require.NoError(t, err)
		if l.align == "right" || l.align == "center" {
			continue // anchored at the margin or the middle
		}
		assert.LessOrEqual(t, l.x+w, pageW-margin+0.5, l.text)
	}
	var buf bytes.Buffer
	require.NoError(t, WritePDF(&buf, ps[0], ps[0].Footer))
	require.NoError(t, api.Validate(context.Background(), bytes.NewReader(buf.Bytes()), nil, nil))
}

// TestMissingLabels: every field a refusal can name has a label for the
// window in each language, an owner's by number.
func TestMissingLabels(t *testing.T) {
	paths := []string{"housing.owner_list", "housing.consent", "principal.permit_expires"}
	for name := range knownPlaceholders {
		path, _ := casePath(name, 1)
		paths = append(paths, path)
	}
	for _, path := range paths {
		for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
			label := Missing{Path: path, Reason: "missing"}.Label(lang)
			assert.NotEqual(t, path, label, "%s has no label in %s", path, lang)
			assert.NotContains(t, label, "%!", path)
		}
	}
	assert.Equal(t, "Дело: собственник 2 — ИИН", Missing{Path: "housing.owner_list[1].iin", Reason: "missing"}.Label(i18n.RU))
	assert.Equal(t, "Case: the housing owners (the list has not as many owners as housing.owners says)",
		Missing{Path: "housing.owner_list", Reason: "owners_count"}.Label(i18n.EN))
}

// TestPaperFilingNeedsConsentChoice: on paper, how the owners consent
// decides the papers; not chosen, nothing is written.
func TestPaperFilingNeedsConsentChoice(t *testing.T) {
	c := loadCase(t, cases[1].path)
	c.Housing.Consent = ""
	ps, err := library(t).Build(c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	var me *MissingError
	require.ErrorAs(t, err, &me)
	assert.Nil(t, ps)
	assert.Equal(t, []Missing{{"housing.consent", "missing"}}, me.Fields)

	c.Housing.OwnedByApplicant = true // their own home: nobody to consent
	_, err = library(t).Build(c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
}

// TestWordsInBothLanguages: every procedure and country has its name in
// Russian and in Kazakh, so a case never gets a paper in one language only.
func TestWordsInBothLanguages(t *testing.T) {
	lib := library(t)
	ru, kk := lib.words["ru"].Words, lib.words["kk"].Words
	assert.Equal(t, len(ru), len(kk))
	for k, v := range ru {
		assert.NotEmpty(t, v, k)
		assert.NotEmpty(t, kk[k], "%s has no Kazakh name", k)
	}
}

// TestOriginalsFollowTheChecklist: the originals list is the case's own
// checklist, so every kind of applicant brings what the rules ask of them
// and nothing they do not.
func TestOriginalsFollowTheChecklist(t *testing.T) {
	lib := library(t)
	originalsText := func(t *testing.T, c rules.Case, lang string, set *rules.Set) string {
		t.Helper()
		ps, err := lib.Build(c, Options{Lang: lang, Date: letterDate, EAEU: eaeu, Rules: set})
		require.NoError(t, err)
		for _, p := range ps {
			if p.Name == "originals" {
				return p.Body()
			}
		}
		t.Fatal("no originals list")
		return ""
	}
	tests := []struct {
		name      string
		change    func(c *rules.Case)
		want, not []string
	}{
		{"worker from India", func(c *rules.Case) {},
			[]string{"Ходатайство работодателя", "Трудовой договор", "Полис медицинского страхования",
				"Нотариально удостоверенное согласие", "адреса организации"},
			[]string{"Документ о родстве", "Действующее разрешение"}},
		{"family member", func(c *rules.Case) {
			c.Purpose = "family"
			c.Principal = &rules.Principal{Name: "O'CONNOR LIAM", Relation: "spouse", PermitExpires: civil.MustParse("2027-10-01")}
		}, []string{"Документ о родстве", "РВП работника, к которому едет член семьи", "Полис медицинского страхования"},
			[]string{"Трудовой договор", "Ходатайство работодателя, подписанное"}},
		{"EAEU citizen", func(c *rules.Case) { c.Applicant.Citizenship = "KG" }, []string{"Трудовой договор"},
			[]string{"Полис медицинского страхования"}},
		{"extension", func(c *rules.Case) {
			c.Kind = "extension"
			c.Applicant.PermitIssued, c.Applicant.PermitExpires = civil.MustParse("2026-01-05"), civil.MustParse("2027-01-04")
		}, []string{"Действующее разрешение на временное проживание — основание продления"}, nil},
		{"owner in person", func(c *rules.Case) { c.Housing.Consent = "in_person" },
			[]string{"Собственник жилья лично"}, []string{"Нотариально удостоверенное согласие"}},
		{"the applicant's own home", func(c *rules.Case) {
			c.Housing = rules.Housing{OwnedByApplicant: true, Address: "г. Астана, ул. Кенесары, 1", RKA: "0101000000000001"}
		}, nil, []string{"собственник", "Собственник"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadCase(t, cases[1].path)
			tc.change(&c)
			text := originalsText(t, c, "ru", shipped)
			for _, w := range tc.want {
				assert.Contains(t, text, w)
			}
			required, _, _ := strings.Cut(text, "Если ЦОН попросит:")
			for _, n := range tc.not {
				assert.NotContains(t, required, n)
			}
		})
	}

	// A document a workspace's rules add is listed with its reason, in the
	// clerk's language; a brace in it never reads as a placeholder.
	over, _, err := shipped.Override(addedDocumentRules(t))
	require.NoError(t, err)
	for lang, want := range map[string]string{"ru": "Справка {с работы} (x) — Нужна с 2026 года", "kk": "Жұмыстан анықтама (x) — 2026 жылдан бастап қажет"} {
		text := originalsText(t, loadCase(t, cases[1].path), lang, over)
		assert.Contains(t, strings.ReplaceAll(text, "(с работы)", "{с работы}"), want)
		assert.NotContains(t, text, "{с работы}")
	}

	// Without rules there is no originals list, and no silent guess.
	_, err = lib.Build(loadCase(t, cases[1].path), Options{Lang: "ru", Date: letterDate, EAEU: eaeu})
	assert.ErrorIs(t, err, ErrNoRules)
}

// addedDocumentRules is a workspace rules file that keeps the shipped
// procedures and adds one document every case requires.
func addedDocumentRules(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile("../../assets/rules/rules.json")
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(raw, &doc))
	proc := doc["procedures"].(map[string]any)
	proc["version"] = 99999999999
	proc["items"] = append(proc["items"].([]any), map[string]any{
		"id": "work_certificate", "kind": "document",
		"title": map[string]any{"ru": "Справка {с работы} (x)", "kk": "Жұмыстан анықтама (x)", "en": "Work certificate (x)"},
		"rules": []any{map[string]any{"status": "required", "source": "S12", "confidence": "practice",
			"reason": map[string]any{"ru": "Нужна с 2026 года.", "kk": "2026 жылдан бастап қажет.", "en": "Needed from 2026."}}},
	})
	out, err := json.Marshal(map[string]any{"format": 1, "procedures": proc})
	require.NoError(t, err)
	return out
}

// TestFamilyTermFollowsTheWorker: a family member's term ends with the
// worker's permit when that comes first, and needs no contract of its own.
func TestFamilyTermFollowsTheWorker(t *testing.T) {
	c := loadCase(t, cases[0].path) // online: the egov sheet carries the term
	c.Purpose = "family"
	c.Applicant.ContractEnds = civil.Date{}
	c.Principal = &rules.Principal{Name: "PETROV PETR", Relation: "spouse", PermitExpires: civil.MustParse("2027-08-31")}
	ps, err := library(t).Build(c, Options{Lang: "ru", Date: letterDate, EAEU: eaeu, Rules: shipped})
	require.NoError(t, err)
	require.Len(t, ps, 1, "no employer's letter for a family member")
	assert.Equal(t, "egov", ps[0].Name)
	assert.Contains(t, ps[0].Body(), "Срок до    31.08.2027")
}
