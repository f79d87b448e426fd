package casework

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/bundle"
	"dossier/app/civil"
	"dossier/app/demo"
	"dossier/app/i18n"
	"dossier/app/papers"
	"dossier/app/pdfkit"
	"dossier/app/rules"
	"dossier/app/scan"
	"dossier/app/scan/scantest"
	"dossier/app/store"
	"dossier/app/store/storetest"
)

var paperDate = civil.MustParse("2026-12-07")

func copyFile(t *testing.T, from, to string) string {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o700))
	require.NoError(t, os.WriteFile(to, data, 0o600))
	return to
}

// TestWrittenPapersRefusedAtEveryIntake: every .docx and PDF written for a
// case is refused by the intake every way of attaching goes through
// (casework.Attach: the Files tab's drop and picker, a folder, the papers
// dialog), as itself, renamed, or inside a folder; the signed scan beside
// it in the folder is attached. The refusal says what the file is and
// what to do.
func TestWrittenPapersRefusedAtEveryIntake(t *testing.T) {
	ctx := context.Background()
	require.NoError(t, bundle.Setup(t.TempDir()))
	ws, caseID := storetest.PaperFiling(t, "Сапаров Ержан")
	set, err := rules.Embedded()
	require.NoError(t, err)
	c, err := PapersCase(ctx, ws, caseID, nil)
	require.NoError(t, err)
	ps, err := BuildPapers(set, c, "ru", paperDate)
	require.NoError(t, err)
	written, err := WritePapers(ctx, ws, caseID, filepath.Join(t.TempDir(), "papers"), ps, nil, nil)
	require.NoError(t, err)

	var drafts []string
	for _, w := range written {
		if w.Paper != "check" {
			drafts = append(drafts, w.Path)
		}
	}
	require.Len(t, drafts, 6, "letter, one owner's consent, originals: .docx and PDF each")
	intakes := []struct {
		name  string
		paths func(t *testing.T, draft string) []string
	}{
		{"the file itself", func(t *testing.T, draft string) []string { return []string{draft} }},
		{"a renamed copy", func(t *testing.T, draft string) []string {
			return []string{copyFile(t, draft, filepath.Join(t.TempDir(), "скан 0001"+filepath.Ext(draft)))}
		}},
		{"in a folder with the signed scan", func(t *testing.T, draft string) []string {
			dir := filepath.Join(t.TempDir(), "от клиента")
			copyFile(t, draft, filepath.Join(dir, filepath.Base(draft)))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "подписанное.jpg"), scantest.TextPage(), 0o600))
			return []string{dir}
		}},
	}
	for _, draft := range drafts {
		for _, in := range intakes {
			t.Run(filepath.Base(draft)+"/"+in.name, func(t *testing.T) {
				before, err := ws.CaseFiles(ctx, caseID)
				require.NoError(t, err)
				attached, refused := Attach(ctx, ws, caseID, ItemLetter, in.paths(t, draft))
				require.ErrorIs(t, refused, store.ErrDraft)
				for _, cf := range attached {
					assert.Equal(t, "подписанное.jpg", cf.Name, "only the signed scan is attached")
				}
				after, err := ws.CaseFiles(ctx, caseID)
				require.NoError(t, err)
				assert.Len(t, after, len(before)+len(attached))
				ru, kk, en := store.Explain(i18n.RU, refused), store.Explain(i18n.KK, refused), store.Explain(i18n.EN, refused)
				assert.Contains(t, ru, "Dossier")
				assert.Contains(t, ru, filepath.Base(draft), "the paper is named as it was written")
				if strings.Contains(draft, "оригинал") {
					assert.Contains(t, ru, "рабочий лист для вас, а не документ пакета")
				} else {
					assert.Contains(t, ru, "подпишите, поставьте печать, отсканируйте")
					assert.Contains(t, kk, "мөр бастырыңыз")
					assert.Contains(t, en, "have it signed and stamped, scan the signed paper and attach the scan")
				}
			})
		}
	}

	// A folder holding two drafts: the message names both.
	dir := filepath.Join(t.TempDir(), "папка")
	for _, d := range []string{drafts[0], drafts[len(drafts)-1]} {
		copyFile(t, d, filepath.Join(dir, filepath.Base(d)))
	}
	_, err = Attach(ctx, ws, caseID, ItemConsent, []string{dir})
	msg := store.Explain(i18n.EN, err)
	assert.Contains(t, msg, filepath.Base(drafts[0]))
	assert.Contains(t, msg, filepath.Base(drafts[len(drafts)-1]))
}

// TestDraftPDFRejectedByValidation: a draft PDF the workspace has no record
// of (written elsewhere, or before the record existed) attaches, but scan
// validation knows it by its mark and rejects it, so it completes nothing.
func TestDraftPDFRejectedByValidation(t *testing.T) {
	ctx := context.Background()
	require.NoError(t, bundle.Setup(t.TempDir()))
	ws, caseID := storetest.PaperFiling(t, "Сапаров Ержан")
	set, err := rules.Embedded()
	require.NoError(t, err)
	c, err := PapersCase(ctx, ws, caseID, nil)
	require.NoError(t, err)
	ps, err := BuildPapers(set, c, "kk", paperDate)
	require.NoError(t, err)
	written, err := papers.Write(filepath.Join(t.TempDir(), "elsewhere"), ps, nil) // not recorded
	require.NoError(t, err)
	for _, w := range written {
		if filepath.Ext(w.Path) == ".pdf" && w.Paper == "letter" {
			_, err := Attach(ctx, ws, caseID, ItemLetter, []string{w.Path})
			require.NoError(t, err)
		}
	}
	v := scan.New(scan.Options{CacheDir: filepath.Join(ws.Dir(), "cache", "scan"), NoIsolation: true})
	docs, err := Validate(ctx, ws, v, caseID, nil)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	r := docs[0].Result
	assert.Equal(t, scan.Reject, r.Verdict)
	require.True(t, r.Has(scan.CodeDossierDraft), r.Codes())
	for _, f := range r.Findings {
		if f.Code == scan.CodeDossierDraft {
			assert.Equal(t, []string{"letter"}, f.Args)
			assert.Contains(t, f.Message(i18n.RU), "ходатайство работодателя")
			assert.Contains(t, f.Message(i18n.KK), "сканды тіркеңіз")
			assert.Contains(t, f.Message(i18n.EN), "print it, have it signed and stamped")
		}
	}
}

// typedPDF is a page of text made on a computer: no scanned picture.
func typedPDF(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, pdfkit.CreateFromJSON(context.Background(), []byte(`{"paper":"A4P","pages":{"1":{"content":{"text":[
		{"value":"Letter of application","pos":[72,720],"font":{"name":"Helvetica","size":12}}]}}}}`), &buf))
	return buf.Bytes()
}

// TestForItem: a PDF with no scanned page warns on the items that must be
// signed and stamped, and only there; a scan (an image, or a PDF of
// scanned pages) does not; a file already refused is left as it is.
func TestForItem(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	scanned, err := pdfkit.ImagesToPDF(ctx, []io.Reader{bytes.NewReader(scantest.TextPage())}, "")
	require.NoError(t, err)
	files := map[string][]byte{
		"typed.pdf": typedPDF(t), "scanned.pdf": scanned, "photo.jpg": scantest.TextPage(),
		"heic.jpg": scantest.HEICHeader,
	}
	v := scan.New(scan.Options{NoCache: true, NoIsolation: true})
	results := map[string]scan.Result{}
	for name, data := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o600))
		rs, err := v.CheckAll(ctx, []string{p}, nil)
		require.NoError(t, err)
		results[name] = rs[0]
	}
	typed := results["typed.pdf"]
	require.NotEqual(t, scan.Reject, typed.Verdict, typed.Codes())
	tests := []struct {
		file, item string
		warned     bool
	}{
		{"typed.pdf", ItemLetter, true},
		{"typed.pdf", ItemConsent, true},
		{"typed.pdf", "employment_contract", false},
		{"scanned.pdf", ItemLetter, false},
		{"photo.jpg", ItemConsent, false},
		{"heic.jpg", ItemLetter, false},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.item, func(t *testing.T) {
			in := results[tc.file]
			out := ForItem(tc.item, in)
			assert.Equal(t, tc.warned, out.Has(scan.CodeUnsignedText), out.Codes())
			assert.False(t, in.Has(scan.CodeUnsignedText), "the given result is not changed")
			if tc.warned {
				assert.Equal(t, scan.Warn, out.Verdict)
			} else {
				assert.Equal(t, in.Verdict, out.Verdict)
			}
		})
	}
	f := scan.Finding{Code: scan.CodeUnsignedText, Severity: scan.SevWarning}
	for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
		assert.NotContains(t, f.Message(lang), "[scan.", lang)
	}
	assert.Contains(t, f.Message(i18n.RU), "подпиши")
}

// TestDemoDraftCasePapers: the demo's open paper case shows Prepare papers
// at work. The company and the employee carry what the letter needs, so
// the one question left is how the owners consent, which the dialog asks;
// once answered, the letter, the owner's consent draft and the originals
// list are written from the demo's data.
func TestDemoDraftCasePapers(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	today := civil.MustParse("2026-11-25")
	require.NoError(t, demo.Create(ctx, dir, demo.Options{Today: today}))
	ws, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	set, err := rules.Embedded()
	require.NoError(t, err)
	drafts, err := ws.CasesByState(ctx, store.StateDraft)
	require.NoError(t, err)
	require.Len(t, drafts, 1)

	c, err := PapersCase(ctx, ws, drafts[0].ID, nil)
	require.NoError(t, err)
	_, err = BuildPapers(set, c, "ru", today)
	var me *papers.MissingError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []papers.Missing{{Path: "housing.consent", Reason: "missing"}}, me.Fields)

	c.Housing.Consent = "notary"
	for _, lang := range papers.Langs {
		ps, err := BuildPapers(set, c, lang, today)
		require.NoError(t, err, lang)
		var keys []string
		for _, p := range ps {
			keys = append(keys, p.Key)
		}
		assert.Equal(t, []string{"letter", "consent-1", "originals"}, keys, lang)
	}
}
