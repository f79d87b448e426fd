package scan

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dossier/app/i18n"
	"dossier/app/jpegmeta"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sniffCases = []struct {
	name string
	data []byte
	want Kind
}{
	{"empty", nil, KindEmpty},
	{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16}, KindJPEG},
	{"png", append(append([]byte{}, pngSignature...), 0, 0, 0, 13), KindPNG},
	{"pdf", []byte("%PDF-1.7\n"), KindPDF},
	{"pdf after junk", append(bytes.Repeat([]byte{0}, 100), []byte("%PDF-1.4\n")...), KindPDF},
	{"tiff le", []byte("II*\x00\x08\x00\x00\x00"), KindTIFF},
	{"tiff be", []byte("MM\x00*\x00\x00\x00\x08"), KindTIFF},
	{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), KindHEIC},
	{"heif mif1", []byte("\x00\x00\x00\x14ftypmif1\x00\x00\x00\x00mif1"), KindHEIC},
	{"avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), KindAVIF},
	{"mp4 is not heic", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), KindUnknown},
	{"gif", []byte("GIF89a"), KindGIF},
	{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8L"), KindWebP},
	{"zip", []byte("PK\x03\x04\x14\x00"), KindZIP},
	{"ole", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, KindOffice},
	{"rar", []byte("Rar!\x1A\x07\x01\x00"), KindRAR},
	{"7z", []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}, Kind7Z},
	{"rtf", []byte("{\\rtf1\\ansi"), KindRTF},
	{"html", []byte("\xEF\xBB\xBF  <!DOCTYPE html><html>"), KindHTML},
	{"xml", []byte("<?xml version=\"1.0\"?><svg/>"), KindXML},
	{"text cyrillic", []byte("Договор № 5\r\n"), KindText},
	{"binary", []byte{1, 2, 3, 0, 5}, KindUnknown},
	{"bmp", []byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00"), KindBMP},
	{"postscript", []byte("%!PS-Adobe-3.0"), KindPS},
}

func TestSniff(t *testing.T) {
	for _, tc := range sniffCases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Sniff(tc.data))
		})
	}
}

func TestEveryCodeHasTexts(t *testing.T) {
	codes := []string{CodeEmpty, CodeTooLarge, CodeLargeFile, CodeUnreadable, CodeHEIC, CodeUnsupported,
		CodeTIFF, CodeTooManyPixels, CodeBadDimensions, CodeDamagedImage, CodeLowDPI, CodeDPITooLow,
		CodeRotated, CodeBlank, CodeDark, CodeBlurry, CodeAlpha, CodeCMYK, Code16Bit, CodeGPS,
		CodeEncrypted, CodeRestricted, CodePDFRepaired, CodePDFNonStandard, CodeNoPages, CodeTooManyPages,
		CodePageSize, CodeCheckFailed, CodeCheckTimeout, CodeInProcess, CodePageImageSkip, CodeDuplicate,
		CodeNearDuplicate, CodeUnsupportedJPEG}
	for _, c := range codes {
		assert.True(t, i18n.Has("scan."+c), c)
	}
	assert.True(t, i18n.Has("scan.pdf_damaged.intact"))
	assert.True(t, i18n.Has("scan.pdf_damaged.truncated"))
	for _, k := range []Kind{KindGIF, KindWebP, KindBMP, KindJP2, KindZIP, KindOffice, KindRAR, Kind7Z,
		KindRTF, KindHTML, KindXML, KindPS, KindText, KindUnknown} {
		assert.True(t, i18n.Has("scan.kind."+string(k)), k)
	}
	f := Finding{Code: CodeLowDPI, Args: []string{"150", "200"}}
	assert.Contains(t, f.Message(i18n.KK), "150 dpi")
}

func TestFindingJSONPage(t *testing.T) {
	b, err := Finding{Code: CodeBlank, Severity: SevWarning}.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"page":null`)
	var f Finding
	require.NoError(t, f.UnmarshalJSON([]byte(`{"code":"blank_page","severity":"warning","page":3}`)))
	assert.Equal(t, 3, f.Page)
}

func TestStripJPEGMetadata(t *testing.T) {
	base := encodeJPEG(t, textPage(400, 300, 100, 1, 4), 85)
	icc := append([]byte{0xFF, mAPP2, 0, 0}, []byte("ICC_PROFILE\x00\x01\x01fakeprofile")...)
	binary.BigEndian.PutUint16(icc[2:], uint16(len(icc)-2))
	com := append([]byte{0xFF, mCOM, 0, 9}, []byte("secret!")...)
	iptc := append([]byte{0xFF, mAPP13, 0, 12}, []byte("Photoshop!")...)
	src := withSegments(base, exifAPP1(6, true), icc, com, iptc)
	src = append(src, []byte("trailing maker data")...)

	info, err := readJPEGInfo(src)
	require.NoError(t, err)
	require.True(t, info.EXIF && info.GPS && info.Comment && info.IPTC && info.ICC)
	assert.Equal(t, 6, info.Orientation)

	out, err := jpegmeta.Strip(src)
	require.NoError(t, err)
	info2, err := readJPEGInfo(out)
	require.NoError(t, err)
	assert.False(t, info2.EXIF || info2.GPS || info2.Comment || info2.IPTC)
	assert.True(t, info2.ICC, "the colour profile stays")
	assert.Equal(t, 0, info2.Orientation)
	assert.False(t, bytes.Contains(out, []byte("secret!")))
	assert.False(t, bytes.Contains(out, []byte("trailing maker data")))

	// The entropy-coded data is kept byte for byte.
	scan := func(b []byte) []byte {
		var s []byte
		require.NoError(t, jpegmeta.Walk(b, func(m byte, seg, p []byte) bool {
			if m == mSOS {
				s = append(s, seg...)
			}
			return true
		}))
		return s
	}
	assert.Equal(t, scan(base), scan(out))
	a, err := jpeg.Decode(bytes.NewReader(base))
	require.NoError(t, err)
	b, err := jpeg.Decode(bytes.NewReader(out))
	require.NoError(t, err)
	assert.True(t, reflect.DeepEqual(a, b), "decoded pixels differ")

	_, err = jpegmeta.Strip(base[:20])
	assert.ErrorIs(t, err, ErrTruncatedJPEG)
	// Without its end marker the file is closed properly.
	noEOI, err := jpegmeta.Strip(src[:bytes.LastIndex(src, []byte{0xFF, mEOI})])
	require.NoError(t, err)
	assert.Equal(t, out, noEOI)
	_, err = jpegmeta.Strip([]byte("not a jpeg"))
	assert.ErrorIs(t, err, ErrNotJPEG)
}

func TestOrientationPlan(t *testing.T) {
	cases := map[int][2]int{1: {0, 0}, 2: {0, 1}, 3: {180, 0}, 4: {180, 1}, 5: {90, 1}, 6: {90, 0}, 7: {270, 1}, 8: {270, 0}}
	for o, want := range cases {
		r, m := orientationPlan(o)
		assert.Equal(t, want[0], r, o)
		assert.Equal(t, want[1] == 1, m, o)
	}
}

func TestPlanOfSidewaysPhoto(t *testing.T) {
	var c corpusCase
	for _, cc := range corpus(t) {
		if strings.Contains(cc.name, "боком") {
			c = cc
		}
	}
	p := writeFile(t, t.TempDir(), c.name, c.data)
	r, err := testValidator(t, Options{NoCache: true}).Check(context.Background(), p)
	require.NoError(t, err)
	assert.True(t, r.Plan.StripMetadata)
	assert.Equal(t, PagePlan{Page: 1, EXIFOrientation: 6, Rotate: 90}, r.Plan.Page(1))
}

func TestEffectiveDPI(t *testing.T) {
	tests := []struct {
		w, h, declared, want int
	}{
		{2480, 3508, 0, 300},   // A4 at 300 dpi
		{3508, 2480, 0, 300},   // landscape
		{595, 842, 72, 72},     // 72 dpi page, declared 72 ignored
		{1476, 1039, 300, 300}, // passport page scanned at 300 dpi
		{1476, 1039, 0, 126},   // same without a declared density
		{4032, 3024, 72, 345},  // phone photo
		{9000, 9000, 300, 770}, // declared size bigger than A4: ignored
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, effectiveDPI(tc.w, tc.h, tc.declared), "%dx%d@%d", tc.w, tc.h, tc.declared)
	}
}

func TestCheckAllOrderDuplicatesProgress(t *testing.T) {
	cases := corpus(t)
	dir, paths := writeCorpus(t, cases[:6])
	dup := writeFile(t, dir, "копия/"+cases[0].name, cases[0].data)
	paths = append(paths, dup)
	v := testValidator(t, Options{Workers: 2})
	var calls atomic.Int32
	var last Progress
	rs, err := v.CheckAll(context.Background(), paths, func(p Progress) { calls.Add(1); last = p })
	require.NoError(t, err)
	require.Len(t, rs, len(paths))
	for i := range paths {
		assert.Equal(t, paths[i], rs[i].File)
	}
	assert.Equal(t, int32(len(paths)), calls.Load())
	assert.Equal(t, len(paths), last.Done)
	assert.Equal(t, Warn, rs[len(rs)-1].Verdict)
	assert.Equal(t, []string{CodeDuplicate}, rs[len(rs)-1].Codes())

	// Second run: every result comes from the cache, the same as before.
	rs2, err := v.CheckAll(context.Background(), paths, nil)
	require.NoError(t, err)
	for i := range rs2 {
		if rs[i].SHA256 == "" {
			continue
		}
		assert.True(t, rs2[i].Cached, paths[i])
		rs2[i].Cached, rs[i].Cached = false, false
		assert.Equal(t, rs[i], rs2[i])
	}
}

func TestCheckAllCancel(t *testing.T) {
	cases := corpus(t)
	_, paths := writeCorpus(t, cases[:4])
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := testValidator(t, Options{NoCache: true}).CheckAll(ctx, paths, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCollectFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "б папка/2 скан.pdf", []byte("x"))
	writeFile(t, dir, "б папка/1 скан.pdf", []byte("x"))
	writeFile(t, dir, "б папка/.hidden", []byte("x"))
	writeFile(t, dir, "б папка/Thumbs.db", []byte("x"))
	writeFile(t, dir, "б папка/~$договор.docx", []byte("x"))
	single := writeFile(t, dir, "а файл.jpg", []byte("x"))
	want := []string{single, filepath.Join(dir, "б папка", "1 скан.pdf"), filepath.Join(dir, "б папка", "2 скан.pdf")}
	if os.Symlink(single, filepath.Join(dir, "б папка", "3 ссылка.jpg")) == nil {
		want = append(want, filepath.Join(dir, "б папка", "3 ссылка.jpg"))
	}
	got, err := CollectFiles([]string{single, filepath.Join(dir, "б папка")})
	require.NoError(t, err)
	assert.Equal(t, want, got)
	_, err = CollectFiles([]string{filepath.Join(dir, "нет")})
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestSizeLimits(t *testing.T) {
	c := corpus(t)[0]
	p := writeFile(t, t.TempDir(), c.name, c.data)
	r, err := New(Options{NoCache: true, MaxBytes: 1000}).Check(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, []string{CodeTooLarge}, r.Codes())
	assert.Equal(t, int64(len(c.data)), r.Findings[0].Bytes)
	r, err = New(Options{NoCache: true, WarnBytes: 1000}).Check(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, []string{CodeLargeFile}, r.Codes())
	assert.Equal(t, Warn, r.Verdict)
}

// TestPixelGuardAllocatesNothing: a bomb header is refused from the header
// alone; the decoder never runs.
func TestPixelGuardAllocatesNothing(t *testing.T) {
	v := New(Options{NoCache: true})
	bomb := setJPEGSize(encodeJPEG(t, image.NewGray(image.Rect(0, 0, 16, 16)), 80), 65500, 65500)
	allocs := testing.AllocsPerRun(5, func() {
		c := v.checkJPEG(context.Background(), bomb, 0, [2]float64{}, -1)
		if len(c.findings) != 1 || c.findings[0].Code != CodeTooManyPixels {
			t.Fatalf("findings %v", c.findings)
		}
	})
	assert.Less(t, allocs, 20.0)
	png := pngHeaderOnly(60000, 60000)
	allocs = testing.AllocsPerRun(5, func() {
		c := v.checkPNG(context.Background(), png, 0, [2]float64{}, -1)
		if len(c.findings) != 1 || c.findings[0].Code != CodeTooManyPixels {
			t.Fatalf("findings %v", c.findings)
		}
	})
	assert.Less(t, allocs, 20.0)
}

func pdfCase(t *testing.T) string {
	for _, c := range corpus(t) {
		if c.name == "скан договора.pdf" {
			return writeFile(t, t.TempDir(), c.name, c.data)
		}
	}
	t.Fatal("no pdf case")
	return ""
}

func TestWorkerFailures(t *testing.T) {
	p := pdfCase(t)
	tests := []struct {
		name   string
		worker WorkerCommand
		codes  []string
	}{
		{"worker hangs", func(ctx context.Context, path string) *exec.Cmd {
			return exec.CommandContext(ctx, "sleep", "30")
		}, []string{CodeCheckTimeout}},
		{"worker crashes", func(ctx context.Context, path string) *exec.Cmd {
			return exec.CommandContext(ctx, "sh", "-c", "echo boom >&2; exit 3")
		}, []string{CodeCheckFailed}},
		{"worker writes garbage", func(ctx context.Context, path string) *exec.Cmd {
			return exec.CommandContext(ctx, "echo", "{not json")
		}, []string{CodeCheckFailed}},
		{"worker cannot start", func(ctx context.Context, path string) *exec.Cmd {
			return exec.CommandContext(ctx, filepath.Join(t.TempDir(), "no-such-program"))
		}, []string{CodeInProcess}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := New(Options{NoCache: true, Worker: tc.worker, PDFTimeout: 300 * time.Millisecond})
			if tc.name == "worker cannot start" {
				v.opts.PDFTimeout = time.Minute
			}
			r, err := v.Check(context.Background(), p)
			require.NoError(t, err)
			assert.Equal(t, tc.codes, r.Codes())
		})
	}
}

// flateBombPDF is a one-page PDF whose page image is w×h RGB zeros,
// compressed to almost nothing: small on disk, huge once decoded.
func flateBombPDF(t *testing.T, w, h int) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	row := make([]byte, w*3)
	for y := 0; y < h; y++ {
		zw.Write(row)
	}
	require.NoError(t, zw.Close())
	content := "q 595 0 0 842 0 0 cm /Im1 Do Q"
	return handPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", w, h, z.Len(), z.String()),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	)
}

func TestWorkerKeepsMemoryBounded(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("the hard memory cap is Linux only")
	}
	if raceEnabled {
		t.Skip("under the race detector the worker needs several times its memory")
	}
	// 2000×2829 RGB: 17 MB once decoded, 20 KB on disk. A worker capped
	// at 4 MB declines to decode the page's picture within its budget (or,
	// should its reading alone pass the cap, dies); the parent survives.
	bomb := writeFile(t, t.TempDir(), "бомба.pdf", flateBombPDF(t, 2000, 2829))
	v := testValidator(t, Options{NoCache: true, WorkerMemory: 4 << 20})
	r, err := v.Check(context.Background(), bomb)
	require.NoError(t, err)
	require.Len(t, r.Codes(), 1)
	assert.Contains(t, []string{CodeCheckFailed, CodePageImageSkip}, r.Codes()[0])

	// With the default cap the same file is checked: a black page, on
	// which nothing can be read.
	v = testValidator(t, Options{NoCache: true})
	r, err = v.Check(context.Background(), bomb)
	require.NoError(t, err)
	assert.Contains(t, r.Codes(), CodeDarkUnreadable)
}

// TestFixtures checks the small files made by testdata/make-fixtures.sh
// with ImageMagick: encodings Go cannot write.
func TestFixtures(t *testing.T) {
	tests := []struct {
		file    string
		kind    Kind
		verdict Verdict
		codes   []string
		plan    PagePlan
	}{
		{"progressive scan.jpg", KindJPEG, Accept, nil, PagePlan{Page: 1}},
		{"cmyk scan.jpg", KindJPEG, Accept, []string{CodeCMYK}, PagePlan{Page: 1, ToRGB: true}},
		{"iphone photo.heic", KindHEIC, Reject, []string{CodeHEIC}, PagePlan{Page: 1}},
		{"scanner two pages.tif", KindTIFF, Reject, []string{CodeTIFF}, PagePlan{Page: 1}},
		{"fax scan.pdf", KindPDF, Accept, nil, PagePlan{Page: 1}},
	}
	v := testValidator(t, Options{NoCache: true})
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			r, err := v.Check(context.Background(), filepath.Join("testdata", tc.file))
			require.NoError(t, err)
			assert.Equal(t, tc.kind, r.Kind)
			assert.Equal(t, tc.verdict, r.Verdict)
			assert.Equal(t, sorted(tc.codes), sorted(r.Codes()))
			assert.Equal(t, tc.plan, r.Plan.Page(1))
			if tc.kind == KindJPEG || tc.kind == KindPDF {
				require.NotEmpty(t, r.PageInfo)
				assert.True(t, r.PageInfo[0].Measured, "picture checks ran")
				assert.Equal(t, 300, r.PageInfo[0].DPI)
			}
		})
	}
}

func TestPDFTailIntact(t *testing.T) {
	good := textPDF()
	i := bytes.LastIndex(good, []byte("startxref"))
	x := bytes.LastIndex(good, []byte("xref\n0"))
	tests := []struct {
		name string
		pdf  []byte
		want bool
	}{
		{"intact", good, true},
		{"junk after EOF", append(append([]byte{}, good...), bytes.Repeat([]byte{0}, 3000)...), true},
		{"offset a few bytes off", append(append([]byte{}, good[:i]...), []byte(fmt.Sprintf("startxref\n%d\n%%%%EOF\n", x+3))...), true},
		{"offset pointing into an object", breakStartxref(good), false},
		{"no EOF marker", good[:i], false},
		{"cut in half", good[:len(good)/2], false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, pdfTailIntact(bytes.NewReader(tc.pdf), int64(len(tc.pdf))))
		})
	}
}

func TestDistinctPagesAreNotNearDuplicates(t *testing.T) {
	w, h := a4px(100)
	var hashes []uint64
	for seed := int64(1); seed <= 12; seed++ {
		g := textPage(w, h, 100, seed, 6)
		hashes = append(hashes, measure(reduceGrey(g, 1)).hash)
	}
	for i := range hashes {
		for j := i + 1; j < len(hashes); j++ {
			assert.Greater(t, hammingDistance(hashes[i], hashes[j]), nearHashDistance, "pages %d and %d", i+1, j+1)
		}
	}
	// The same page rescanned (other noise, slightly darker) is a near duplicate.
	a := textPage(w, h, 100, 1, 6)
	b := textPage(w, h, 100, 1, 6)
	for i := range b.Pix {
		b.Pix[i] = uint8(max(0, int(b.Pix[i])-8))
	}
	assert.LessOrEqual(t, hammingDistance(measure(reduceGrey(a, 1)).hash, measure(reduceGrey(b, 1)).hash), nearHashDistance)
}

func TestPDFPageLimitsAndSizes(t *testing.T) {
	c := corpus(t)
	var good []byte
	for _, cc := range c {
		if cc.name == "Паспорт скан.jpg" {
			good = cc.data
		}
	}
	dir := t.TempDir()
	four := writeFile(t, dir, "четыре страницы.pdf", pdfOfImages(t, good, good, good, good))
	r, err := testValidator(t, Options{NoCache: true, MaxPages: 3}).Check(context.Background(), four)
	require.NoError(t, err)
	assert.Equal(t, []string{CodeTooManyPages}, r.Codes())

	// pdfcpu's default import makes the page as large as the image in
	// points: a 212-dpi A4 scan becomes a 62 × 87 cm page.
	var out bytes.Buffer
	require.NoError(t, api.ImportImages(context.Background(), nil, &out, []io.Reader{bytes.NewReader(good)}, nil, nil))
	huge := writeFile(t, dir, "огромная страница.pdf", out.Bytes())
	r, err = testValidator(t, Options{NoCache: true}).Check(context.Background(), huge)
	require.NoError(t, err)
	assert.Equal(t, []string{CodePageSize}, r.Codes())
	assert.Equal(t, Accept, r.Verdict)
	assert.Equal(t, 212, r.PageInfo[0].DPI, "a page bigger than A4 prints at A4 size")
}

// TestReduceGreyPaths: the copy-free fast paths and the general path agree.
func TestReduceGreyPaths(t *testing.T) {
	g := textPage(301, 207, 150, 3, 8)
	var viaAt image.Image = struct{ image.Image }{g} // hides the concrete type
	for f := 1; f <= 6; f++ {
		a, b := reduceGrey(g, f), reduceGrey(viaAt, f)
		assert.Equal(t, a.w, b.w, f)
		assert.Equal(t, a.pix, b.pix, "factor %d", f)
		// Check one block by hand.
		s := 0
		for y := 0; y < f; y++ {
			for x := f; x < 2*f; x++ {
				s += int(g.Pix[y*g.Stride+x])
			}
		}
		assert.Equal(t, uint8(s/(f*f)), a.pix[1], "factor %d", f)
	}
}

func TestEXIFResolution(t *testing.T) {
	// An EXIF block with XResolution 300/1 per inch and orientation 3.
	le := binary.LittleEndian
	t0 := []byte("II*\x00\x08\x00\x00\x00")
	ifd := make([]byte, 2+12*3+4)
	le.PutUint16(ifd, 3)
	entry := func(i int, tag, typ uint16, val uint32) {
		p := 2 + 12*i
		le.PutUint16(ifd[p:], tag)
		le.PutUint16(ifd[p+2:], typ)
		le.PutUint32(ifd[p+4:], 1)
		le.PutUint32(ifd[p+8:], val)
	}
	entry(0, 0x0112, 3, 3)
	entry(1, 0x011A, 5, uint32(8+len(ifd)))
	entry(2, 0x0128, 3, 2)
	rat := make([]byte, 8)
	le.PutUint32(rat, 300)
	le.PutUint32(rat[4:], 1)
	e := jpegmeta.ReadEXIF(append(append(t0, ifd...), rat...))
	assert.Equal(t, jpegmeta.EXIF{Orientation: 3, DPI: 300}, e)
	// Truncated blocks give zero values, never a panic.
	full := append(append(t0, ifd...), rat...)
	for n := range full {
		_ = jpegmeta.ReadEXIF(full[:n])
	}
}

// CheckAllKnown takes a cached verdict by the known hash without reading the
// file (here each file's bytes were replaced: read, it would hash otherwise
// and be checked afresh), checks the file when nothing is cached, and
// reports a file that is gone as unreadable.
func TestCheckAllKnown(t *testing.T) {
	cases := corpus(t)
	dir, paths := writeCorpus(t, cases[:3])
	dup := writeFile(t, dir, "копия/"+cases[0].name, cases[0].data)
	paths = append(paths, dup)
	v := testValidator(t, Options{Workers: 2})
	first, err := v.CheckAll(context.Background(), paths, nil)
	require.NoError(t, err)
	hashes := make([]string, len(paths))
	for i, r := range first {
		hashes[i] = r.SHA256
	}
	for _, p := range paths {
		require.NoError(t, os.WriteFile(p, []byte("not the content the store recorded"), 0o600))
	}

	var calls int
	rs, err := v.CheckAllKnown(context.Background(), paths, hashes, func(Progress) { calls++ })
	require.NoError(t, err)
	assert.Equal(t, len(paths), calls)
	for i := range paths {
		if first[i].SHA256 == "" {
			continue
		}
		assert.True(t, rs[i].Cached, paths[i])
		assert.Equal(t, paths[i], rs[i].File)
		assert.Equal(t, first[i].Verdict, rs[i].Verdict, paths[i])
	}
	assert.Equal(t, []string{CodeDuplicate}, rs[len(rs)-1].Codes(), "duplicates still found")

	// A hash nothing was cached under: the file itself is checked.
	rs, err = v.CheckAllKnown(context.Background(), paths[:1], []string{strings.Repeat("0", 64)}, nil)
	require.NoError(t, err)
	assert.False(t, rs[0].Cached)
	assert.Equal(t, Reject, rs[0].Verdict, "the replaced bytes are judged")

	// A stored file that is gone shows as unreadable, cached verdict or not.
	require.NoError(t, os.Remove(paths[0]))
	rs, err = v.CheckAllKnown(context.Background(), paths[:1], hashes[:1], nil)
	require.NoError(t, err)
	assert.True(t, rs[0].Has(CodeUnreadable))
}
