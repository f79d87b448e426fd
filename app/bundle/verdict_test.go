package bundle

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"dossier/app/i18n"
	"dossier/app/scan"
	"dossier/app/scan/scantest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// strictValidator is validation as the program runs it (defaults, no
// cache), checking PDFs in this process.
func strictValidator() *scan.Validator {
	return scan.New(scan.Options{NoCache: true, NoIsolation: true})
}

// hostileFiles are files validation rejects, one of each class the
// package builder used to take in anyway.
var hostileFiles = []struct {
	name string
	data func() []byte
	code string
}{
	{"progressive JPEG of 100 scans.jpg", func() []byte { return scantest.ProgressiveJPEG(64, 64, 100) }, scan.CodeJPEGScans},
	{"arithmetic JPEG.jpg", func() []byte { return scantest.ArithmeticJPEG(1654, 2339) }, scan.CodeUnsupportedJPEG},
	{"lossless JPEG.jpg", func() []byte { return scantest.SOFJPEG(0xC3, 1654, 2339) }, scan.CodeUnsupportedJPEG},
	{"box of nothing.pdf", func() []byte { return scantest.BoxPDF("/MediaBox [0 0 0 0]", "", false) }, scan.CodePageBox},
	{"box of 1e308.pdf", func() []byte { return scantest.BoxPDF("/MediaBox [-1e308 -1e308 1e308 1e308]", "", false) }, scan.CodePageBox},
	{"box of NaN.pdf", func() []byte { return scantest.BoxPDF("/MediaBox [0 0 NaN 842]", "", false) }, scan.CodePageBox},
	{"box of 7 m.pdf", func() []byte { return scantest.BoxPDF("/MediaBox [0 0 20000 842]", "", false) }, scan.CodePageBox},
	{"inherited box of nothing.pdf", func() []byte { return scantest.BoxPDF("/MediaBox [0 0 0 0]", "", true) }, scan.CodePageBox},
	{"crop outside the page.pdf", func() []byte {
		return scantest.BoxPDF("/MediaBox [0 0 595 842]", "/CropBox [1000 1000 1100 1100]", false)
	}, scan.CodePageBox},
	{"301 pages.pdf", func() []byte { return scantest.ManyPagesPDF(301) }, scan.CodeTooManyPages},
	{"content bomb.pdf", func() []byte { return scantest.ContentBombPDF(80 << 20) }, scan.CodePDFBomb},
	{"JPEG of 100 scans in a PDF.pdf", func() []byte { return jpegInPDF(scantest.ProgressiveJPEG(64, 64, 100)) }, scan.CodeJPEGScans},
	{"arithmetic JPEG in a PDF.pdf", func() []byte { return jpegInPDF(scantest.ArithmeticJPEG(64, 64)) }, scan.CodeUnsupportedJPEG},
}

// jpegInPDF puts a JPEG on an A4 page, small, beside nothing else.
func jpegInPDF(jpg []byte) []byte {
	content := "q 100 0 0 100 50 50 cm /Im1 Do Q"
	return scantest.HandPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length "+
			strconv.Itoa(len(jpg))+" >>\nstream\n"+string(jpg)+"\nendstream",
		"<< /Length "+strconv.Itoa(len(content))+" >>\nstream\n"+content+"\nendstream",
	)
}

// One verdict: what validation rejects, Pack and Build leave out, with
// validation's findings, and nothing of it reaches a package.
func TestPackAndBuildTakeValidationsVerdict(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.jpg", encodeJPEG(t, scanImage(1654, 2339, 1, 0), 60))
	for _, tc := range hostileFiles {
		t.Run(tc.name, func(t *testing.T) {
			v := strictValidator()
			bad := writeFile(t, dir, tc.name, tc.data())
			r, err := v.Check(bg, bad)
			require.NoError(t, err)
			require.Equal(t, scan.Reject, r.Verdict, "validate: %v", r.Codes())
			assert.Contains(t, r.Codes(), tc.code)

			out := filepath.Join(t.TempDir(), "out.pdf")
			res, err := Pack(bg, out, []File{{Path: bad}}, Options{Validator: v})
			require.ErrorIs(t, err, ErrNothingAccepted)
			require.Len(t, res.Rejected, 1)
			assert.Equal(t, r.Codes(), findingCodes(res.Rejected[0].Findings), "the same verdict in pack")
			assert.NoFileExists(t, out)

			res, err = Pack(bg, out, []File{{Path: good}, {Path: bad}}, Options{Validator: v})
			require.NoError(t, err)
			require.Len(t, res.Rejected, 1)
			assert.Equal(t, 1, res.Merged[0].Pages, "only the good file is packed")
			assert.Len(t, res.Manifest.Documents, 1)

			in := Input{Documents: []Document{
				{ID: "passport", Title: "Паспорт", Status: Required, Files: []File{{Path: good}}},
				{ID: "contract", Title: "Договор", Status: Required, Files: []File{{Path: bad}}},
			}}
			bres, err := Build(bg, filepath.Join(t.TempDir(), "pkg"), in, Options{Validator: v})
			require.NoError(t, err)
			require.Len(t, bres.Rejected, 1)
			assert.Equal(t, r.Codes(), findingCodes(bres.Rejected[0].Findings), "the same verdict in build")
			assert.Equal(t, []string{"Договор"}, bres.Missing)
			assert.Len(t, bres.Uploads, 1)
		})
	}
}

// A page box written from its upper corner, a negative one, an inherited
// one and a rotation of many turns are accepted by validation; the package
// shows them as validation measured them, with the rotation normalised.
func TestPageBoxVariantsAsValidated(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		data []byte
		w, h float64
	}{
		{"inverted", scantest.BoxPDF("/MediaBox [595 842 0 0]", "", false), 595, 842},
		{"negative", scantest.BoxPDF("/MediaBox [0 0 -595 -842]", "", false), 595, 842},
		{"inherited", scantest.BoxPDF("/MediaBox [0 0 595 842]", "", true), 595, 842},
		{"many turns", scantest.BoxPDF("/MediaBox [0 0 595 842]", "/Rotate 900000090", false), 842, 595},
		{"turned back", scantest.BoxPDF("/MediaBox [0 0 595 842]", "/Rotate -270", false), 842, 595},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, tc.name+".pdf", tc.data)
			v := strictValidator()
			r, err := v.Check(bg, p)
			require.NoError(t, err)
			require.NotEqual(t, scan.Reject, r.Verdict, "%v", r.Codes())
			require.Len(t, r.PageInfo, 1)
			assert.Equal(t, tc.w, r.PageInfo[0].WidthPt)
			assert.Equal(t, tc.h, r.PageInfo[0].HeightPt)

			out := filepath.Join(t.TempDir(), "out.pdf")
			_, err = Pack(bg, out, []File{{Path: p}}, Options{Validator: v})
			require.NoError(t, err)
			ctx := readPDFFile(t, out)
			pbs, err := openDoc(t, out).PageBoxes()
			require.NoError(t, err)
			w, h, ok := scan.PageSize(pbs[0])
			require.True(t, ok)
			assert.InDelta(t, tc.w, w, 0.5)
			assert.InDelta(t, tc.h, h, 0.5)
			assert.Contains(t, []int{0, 90, 180, 270}, pbs[0].Rotate)
			rot, ok, err := ctx.PageEntry(1, "Rotate")
			require.NoError(t, err)
			if ok {
				assert.Contains(t, []string{"0", "90", "180", "270"}, rot, "rotation written normalised")
			}
		})
	}
}

// Active content: validation names it, the package carries none of it, and
// the manifest says what was removed.
func TestActiveContentRemoved(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "invoice.pdf", scantest.ActivePDF())
	v := strictValidator()
	r, err := v.Check(bg, p)
	require.NoError(t, err)
	var found *scan.Finding
	for i := range r.Findings {
		if r.Findings[i].Code == scan.CodeActiveContent {
			found = &r.Findings[i]
		}
	}
	require.NotNil(t, found, "validation reports active content: %v", r.Codes())
	want := []string{scan.ActiveAttachments, scan.ActiveJavaScript, scan.ActiveLaunch, scan.ActiveLinks}
	assert.Equal(t, want, found.Args)
	assert.Contains(t, found.Message("en"), "will be removed")

	out := filepath.Join(dir, "out.pdf")
	res, err := Pack(bg, out, []File{{Path: p}}, Options{Validator: v})
	require.NoError(t, err)
	assert.Equal(t, want, res.Manifest.Documents[0].Inputs[0].Change.ActiveRemoved)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	// PDF names are looked for in the file's structure, not inside its
	// compressed streams, where a short name like /JS turns up by chance
	// now and then; the payload's own strings are looked for everywhere.
	structure := outsideStreams(data)
	in := outsideStreams(scantest.ActivePDF())
	for _, s := range []string{"/JS", "/Launch", "/URI", "/EmbeddedFile"} {
		require.True(t, bytes.Contains(in, []byte(s)), "the check finds %s in the input's structure", s)
	}
	for _, s := range []string{"/JavaScript", "/JS", "/Launch", "/URI", "/EmbeddedFile", "/FileAttachment", "/XFA"} {
		assert.False(t, bytes.Contains(structure, []byte(s)), "package still holds %s", s)
	}
	for _, s := range []string{"cmd.exe", "cannot be run in DOS mode"} {
		assert.False(t, bytes.Contains(data, []byte(s)), "package still holds %s", s)
	}
	ctx := readPDFFile(t, out)
	again, err := openDoc(t, out).StripActiveContent(true)
	require.NoError(t, err)
	assert.Empty(t, again)
	assert.NotContains(t, pageContent(t, ctx), "no text", "the page itself is kept")
}

func pageContent(t *testing.T, ctx *readDoc) string {
	t.Helper()
	c, err := ctx.Content(1)
	if err != nil {
		return "no text"
	}
	return string(c)
}

// A file name that is not UTF-8, or that carries terminal escapes or a
// right-to-left override, no longer stops the build; bookmarks and the
// manifest show it made safe.
func TestHostileNamesDoNotStopTheBuild(t *testing.T) {
	dir := t.TempDir()
	jpg := encodeJPEG(t, scanImage(827, 1169, 3, 0), 60)
	names := []string{"скан\xff\xfe.jpg", "a\x1b[2Jb.jpg", "photo\u202Egpj.exe.jpg"}
	var files []File
	for _, n := range names {
		files = append(files, File{Path: writeFile(t, dir, n, jpg)})
	}
	res, err := Pack(bg, filepath.Join(dir, "out.pdf"), files, Options{})
	require.NoError(t, err)
	for _, d := range res.Manifest.Documents {
		assert.NotContains(t, d.Inputs[0].Name, "\x1b")
		assert.NotContains(t, d.Inputs[0].Name, "\u202E")
		assert.True(t, utf8.ValidString(d.Inputs[0].Name))
	}
	in := Input{Documents: []Document{{ID: "passport", Title: "Паспорт\u202E", Status: Required, Files: files}}}
	bres, err := Build(bg, filepath.Join(dir, "pkg"), in, Options{})
	require.NoError(t, err)
	assert.Equal(t, "скан\uFFFD.jpg", bres.Manifest.Documents[0].Inputs[0].Name)
}

// FuzzMergeGenerated drives validation and the merge with generated PDFs:
// the fuzzer picks the page box, page entries, catalog entries and content
// of a one-page PDF (each size-capped), which is packed after a good
// picture. Whatever the PDF, Pack must not panic; a PDF validation rejects
// is left out with its findings; one it accepts is merged, and the output
// reads back with both pages and no active content.
func FuzzMergeGenerated(f *testing.F) {
	f.Add("/MediaBox [0 0 595 842]", "", "", []byte("0 0 m 100 100 l S"))
	f.Add("/MediaBox [595 842 0 0]", "/Rotate 900000090", "", []byte("BT /F1 12 Tf (x) Tj ET"))
	f.Add("/MediaBox [0 0 0 0]", "/CropBox [1 1 2 2]", "", []byte(""))
	f.Add("/MediaBox [0 0 2480 3508]", "/Annots [<< /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (http://x) >> >>]",
		"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", []byte("q 1 0 0 1 0 0 cm Q"))
	f.Add("/MediaBox [0 0 595 842]", "/AA << /O << /S /Launch /F (cmd.exe) >> >>",
		"/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) >>] >> >>", []byte("0 g 0 0 595 842 re f"))
	dir := f.TempDir()
	jpg := encodeJPEG(f, scanImage(310, 438, 4, 0), 50)
	good := writeFile(f, dir, "good.jpg", jpg)
	// The good picture's verdict comes from the cache after the first run.
	v := scan.New(scan.Options{CacheDir: f.TempDir(), NoIsolation: true, MinDPI: 1, WarnDPI: 2, MaxPages: 5,
		PDFTimeout: 5 * time.Second, Workers: 1})
	f.Fuzz(func(t *testing.T, box, pageExtra, catalogExtra string, content []byte) {
		if len(box)+len(pageExtra)+len(catalogExtra) > 1024 || len(content) > 4096 {
			return
		}
		pdf := scantest.HandPDF(
			"<< /Type /Catalog /Pages 2 0 R "+catalogExtra+" >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R "+box+" "+pageExtra+" /Contents 4 0 R >>",
			"<< /Length "+strconv.Itoa(len(content))+" >>\nstream\n"+string(content)+"\nendstream",
		)
		p := filepath.Join(t.TempDir(), "fuzz.pdf")
		require.NoError(t, os.WriteFile(p, pdf, 0o600))
		out := filepath.Join(t.TempDir(), "out.pdf")
		res, err := Pack(bg, out, []File{{Path: good}, {Path: p}}, Options{Validator: v, Reproducible: true})
		if err != nil {
			// A failure is a message for the clerk, never a panic or raw text.
			_, ok := Message(err, "en")
			require.True(t, ok, "unexplained failure: %v", err)
			return
		}
		ctx := readPDFFile(t, out)
		if len(res.Rejected) == 1 {
			require.Equal(t, 1, ctx.PageCount)
			return
		}
		require.Empty(t, res.Rejected)
		require.Equal(t, 2, ctx.PageCount)
		left, err := openDoc(t, out).StripActiveContent(true)
		require.NoError(t, err)
		require.Empty(t, left, "active content left in the package")
	})
}

// Failures that come from an input reach the clerk as catalogue text in
// each language, naming the file and saying what to do, never in pdfcpu's
// words. Each input here reaches the builder past validation (as a file
// changed behind its back would).
func TestInputFailuresAreExplained(t *testing.T) {
	dir := t.TempDir()
	plain := samplePDF(t, dir, 1)
	data, err := os.ReadFile(plain)
	require.NoError(t, err)
	cases := []struct {
		name string
		data []byte
		key  string
	}{
		{"обрезанный.pdf", data[:len(data)/3], "bundle.err.damaged"},
		{"бомба.pdf", scantest.ContentBombPDF(80 << 20), "bundle.err.bomb"},
		{"box.pdf", scantest.BoxPDF("/MediaBox [0 0 0 0]", "", false), "bundle.err.damaged"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, tc.name, tc.data)
			_, err := Pack(bg, filepath.Join(t.TempDir(), "out.pdf"), []File{{Path: p, Fixes: &Fixes{}}}, Options{})
			require.Error(t, err)
			for _, lang := range []i18n.Lang{i18n.RU, i18n.KK, i18n.EN} {
				msg, ok := Message(err, lang)
				require.True(t, ok, "%v", err)
				assert.Equal(t, i18n.T(lang, tc.key, tc.name), msg)
				assert.NotContains(t, msg, "pdfcpu")
				assert.NotContains(t, msg, "filter")
				assert.NotContains(t, msg, "xref")
			}
		})
	}
}

// outsideStreams is a PDF file with the bytes of every stream left out: its
// objects, dictionaries and cross-reference data.
func outsideStreams(data []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(data, []byte("stream"))
		if i < 0 || bytes.HasSuffix(data[:i], []byte("end")) {
			if i < 0 {
				return append(out, data...)
			}
			out = append(out, data[:i+len("stream")]...)
			data = data[i+len("stream"):]
			continue
		}
		out = append(out, data[:i]...)
		j := bytes.Index(data[i:], []byte("endstream"))
		if j < 0 {
			return out
		}
		data = data[i+j+len("endstream"):]
	}
}
