package bundle

import (
	"dossier/app/scan"

	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/app/civil"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readManifest(t *testing.T, dir string) Manifest {
	t.Helper()
	var m Manifest
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &m))
	return m
}

// checkComplete asserts dir holds a whole package: every file the manifest
// lists exists with the recorded size and page count. It returns a digest of
// the merged PDF's bytes, to tell one package from another.
func checkComplete(t *testing.T, dir string) string {
	t.Helper()
	m := readManifest(t, dir)
	files := []OutputFile{m.Merged}
	for _, d := range m.Documents {
		files = append(files, d.Upload...)
	}
	for _, f := range files {
		path := filepath.Join(dir, f.Path)
		st, err := os.Stat(path)
		require.NoError(t, err, f.Path)
		assert.Equal(t, f.Bytes, st.Size(), f.Path)
		assert.Equal(t, f.Pages, readPDFFile(t, path).PageCount, f.Path)
	}
	return sha(t, filepath.Join(dir, m.Merged.Path))
}

func noLeftovers(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.Contains(e.Name(), tmpInfix) || strings.Contains(e.Name(), oldInfix), "leftover %s", e.Name())
	}
}

func TestReproducible(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	opt := Options{Reproducible: true, Date: civil.MustParse("2026-11-25"), ProgramVersion: "test"}
	a, err := Build(bg, filepath.Join(dir, "a"), in, opt)
	require.NoError(t, err)
	time.Sleep(1100 * time.Millisecond) // let the clock pdfcpu reads move on
	b, err := Build(bg, filepath.Join(dir, "b"), in, opt)
	require.NoError(t, err)
	require.Equal(t, sha(t, filepath.Join(dir, "a", a.Merged[0].Path)), sha(t, filepath.Join(dir, "b", b.Merged[0].Path)),
		"merged PDF bytes differ")
	require.Equal(t, len(a.Uploads), len(b.Uploads))
	for i := range a.Uploads {
		assert.Equal(t, sha(t, filepath.Join(dir, "a", a.Uploads[i].Path)), sha(t, filepath.Join(dir, "b", b.Uploads[i].Path)),
			a.Uploads[i].Path)
	}
	ma, _ := os.ReadFile(filepath.Join(dir, "a", "manifest.json"))
	mb, _ := os.ReadFile(filepath.Join(dir, "b", "manifest.json"))
	assert.Equal(t, string(ma), string(mb))
	// And still a valid PDF after the fixed values went in.
	ctx := readPDFFile(t, filepath.Join(dir, "a", a.Merged[0].Path))
	assert.Equal(t, 7, ctx.PageCount)
	raw, _ := os.ReadFile(filepath.Join(dir, "a", a.Merged[0].Path))
	assert.Contains(t, string(raw), "(D:20000101000000Z)")

	// Without the option the bytes change from run to run.
	opt.Reproducible = false
	c, err := Build(bg, filepath.Join(dir, "c"), in, opt)
	require.NoError(t, err)
	assert.NotEqual(t, sha(t, filepath.Join(dir, "a", a.Merged[0].Path)), sha(t, filepath.Join(dir, "c", c.Merged[0].Path)))
}

func TestPhotosToBudget(t *testing.T) {
	dir := t.TempDir()
	var files []File
	var total int64
	for i := 0; i < 5; i++ {
		data := withOrientation(encodeJPEG(t, scanImage(2400, 1800, uint64(10+i), 8), 92), 6)
		total += int64(len(data))
		files = append(files, File{Path: writeFile(t, dir, fmt.Sprintf("IMG_%d.jpg", i), data)})
	}
	budget := int64(1_000_000)
	require.Greater(t, total, budget, "inputs must be over budget for this test")
	in := Input{Cover: Cover{Applicant: "Ли Вэй"}, Documents: []Document{{ID: "passport", Title: "Паспорт", Status: Required, Files: files}}}
	out := filepath.Join(dir, "out")
	res, err := Build(bg, out, in, Options{MaxFileBytes: budget})
	require.NoError(t, err)
	require.Len(t, res.Uploads, 1, "fits one file")
	u := res.Uploads[0]
	assert.LessOrEqual(t, u.Bytes, budget)
	assert.False(t, u.OverBudget)
	ctx := readPDFFile(t, filepath.Join(out, u.Path))
	require.Equal(t, 5, ctx.PageCount)
	for i := 1; i <= 5; i++ {
		p := pageShown(t, ctx, i)
		assert.Less(t, p.w, p.h, "page %d portrait", i)
		require.Len(t, p.images, 1)
		img := p.images[0]
		assert.Less(t, img.w, img.h, "pixels turned upright")
		dpi := float64(img.w) / ((a4W - 2*marginSide) / 72)
		assert.GreaterOrEqual(t, dpi, 149.0, "page %d resolution", i)
		assert.Equal(t, 0, p.rotate)
		// The marker drawn at the stored top-left corner is seen at the
		// top-right once the photo is turned clockwise (orientation 6).
		m, err := jpeg.Decode(bytes.NewReader(img.raw))
		require.NoError(t, err)
		b := m.Bounds()
		lum := func(fx, fy float64) uint8 {
			c := color.GrayModel.Convert(m.At(b.Min.X+int(fx*float64(b.Dx())), b.Min.Y+int(fy*float64(b.Dy())))).(color.Gray)
			return c.Y
		}
		assert.Less(t, lum(0.95, 0.05), uint8(60), "marker top-right")
		assert.Greater(t, lum(0.05, 0.05), uint8(150), "paper top-left")
	}
	m := readManifest(t, out)
	assert.Nil(t, m.Documents[0].Inputs[0].Change.Recompressed, "merged PDF keeps the JPEG data")
	require.NotNil(t, m.Documents[0].Inputs[0].UploadChange)
	rc := m.Documents[0].Inputs[0].UploadChange.Recompressed
	require.NotNil(t, rc)
	assert.Greater(t, rc.FromBytes, rc.ToBytes)
	// The merged PDF keeps the photos' JPEG data (no budget there) and
	// turns them with the page rotation.
	mctx := readPDFFile(t, filepath.Join(out, res.Merged[0].Path))
	p := pageShown(t, mctx, 2)
	assert.Less(t, p.w, p.h)
}

func TestSplitWhenOverBudgetAt150(t *testing.T) {
	dir := t.TempDir()
	var files []File
	for i := 0; i < 4; i++ {
		files = append(files, File{Path: writeFile(t, dir, fmt.Sprintf("p%d.jpg", i), encodeJPEG(t, scanImage(1240, 1754, uint64(i), 60), 90))})
	}
	in := Input{Documents: []Document{{ID: "contract", Title: "Договор", Status: Required, Files: files}}}
	out := filepath.Join(dir, "out")
	// Each page at 150 dpi and the lowest quality needs well over 100 kB of
	// this noise; 260 kB holds one or two of them.
	res, err := Build(bg, out, in, Options{MaxFileBytes: 260_000})
	require.NoError(t, err)
	require.Greater(t, len(res.Uploads), 1)
	pages := 0
	for i, u := range res.Uploads {
		assert.Equal(t, i+1, u.Part)
		assert.Equal(t, len(res.Uploads), u.Parts)
		assert.Equal(t, fmt.Sprintf("upload/01_Договор_%d.pdf", i+1), u.Path)
		if !u.OverBudget {
			assert.LessOrEqual(t, u.Bytes, int64(260_000))
		}
		pages += readPDFFile(t, filepath.Join(out, u.Path)).PageCount
	}
	assert.Equal(t, 4, pages)
	assert.Equal(t, []string{"contract"}, res.Split())
	assert.True(t, readManifest(t, out).Documents[0].Split)
}

func TestCancelKeepsPreviousPackage(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	var total int
	_, err := Build(bg, out, in, Options{Progress: func(p Progress) { total = p.Total }})
	require.NoError(t, err)
	before := checkComplete(t, out)

	// While files load, while uploads and the merged PDF are written side
	// by side, and just before the swap.
	for _, at := range []int{3, total / 2, total - 2, total - 1} {
		t.Run(fmt.Sprintf("step %d of %d", at, total), func(t *testing.T) {
			ctx, cancel := context.WithCancel(bg)
			defer cancel()
			_, err := Build(ctx, out, in, Options{Progress: func(p Progress) {
				if p.Done == at {
					cancel()
				}
			}})
			require.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, before, checkComplete(t, out))
			noLeftovers(t, dir)
		})
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "mine")
	require.NoError(t, os.MkdirAll(out, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(out, "thesis.docx"), []byte("x"), 0o644))
	_, err := Build(bg, out, in, Options{})
	require.ErrorIs(t, err, ErrNotPackage)
	_, err = os.Stat(filepath.Join(out, "thesis.docx"))
	require.NoError(t, err)
}

func TestRecoverInterruptedSwap(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	_, err := Build(bg, out, in, Options{})
	require.NoError(t, err)
	before := checkComplete(t, out)
	// A swap that stopped between its renames: the package aside, a
	// finished or unfinished new one beside it.
	require.NoError(t, os.Rename(out, out+oldInfix+"123"))
	require.NoError(t, os.MkdirAll(out+tmpInfix+"456", 0o755))
	require.NoError(t, recoverOut(out))
	after := checkComplete(t, out)
	assert.Equal(t, before, after)
	noLeftovers(t, dir)
}

// TestKillMidBuild runs a big build in a child process (this test binary),
// kills it at several points, and checks each time that the previous
// package is intact and that the next build succeeds.
func TestKillMidBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	small, _ := makeCase(t, dir)
	_, err := Build(bg, out, small, Options{})
	require.NoError(t, err)
	prev := checkComplete(t, out)

	var files []string
	for i := 0; i < 12; i++ {
		files = append(files, writeFile(t, dir, fmt.Sprintf("big%02d.jpg", i), encodeJPEG(t, scanImage(1240, 1754, uint64(i+50), 40), 90)))
	}
	spec := filepath.Join(dir, "spec.json")
	data, _ := json.Marshal(files)
	require.NoError(t, os.WriteFile(spec, data, 0o644))

	for _, killAt := range []int{2, 8, 13, 14} {
		t.Run("kill at step "+strconv.Itoa(killAt), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
			cmd.Env = append(os.Environ(), "BUNDLE_KILL_CHILD="+spec, "BUNDLE_KILL_OUT="+out)
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			sc := bufio.NewScanner(stdout)
			killed := false
			for sc.Scan() {
				var done int
				if _, err := fmt.Sscanf(sc.Text(), "progress %d", &done); err == nil && done >= killAt {
					require.NoError(t, cmd.Process.Kill())
					killed = true
					break
				}
			}
			_ = cmd.Wait()
			if !killed {
				t.Logf("child finished before step %d", killAt)
			}
			// Whatever happened, the folder holds one complete package:
			// the previous one, or (if the swap completed) the new one.
			require.NoError(t, recoverOut(out))
			m := checkComplete(t, out)
			if killed && killAt < 14 {
				assert.Equal(t, prev, m, "previous package intact")
			}
		})
	}
	// The next build cleans up and succeeds.
	res, err := Build(bg, out, small, Options{})
	require.NoError(t, err)
	checkComplete(t, out)
	assert.NotEmpty(t, res.Merged)
	noLeftovers(t, dir)
}

// TestKillChild is the child side of TestKillMidBuild; it does nothing in a
// normal test run.
func TestKillChild(t *testing.T) {
	spec := os.Getenv("BUNDLE_KILL_CHILD")
	if spec == "" {
		t.Skip("child process of TestKillMidBuild")
	}
	var files []string
	data, err := os.ReadFile(spec)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &files))
	var doc Document
	doc.ID, doc.Title, doc.Status = "scans", "Сканы", Required
	for _, f := range files {
		doc.Files = append(doc.Files, File{Path: f})
	}
	_, err = Build(bg, os.Getenv("BUNDLE_KILL_OUT"), Input{Documents: []Document{doc}}, Options{
		Progress: func(p Progress) { fmt.Printf("progress %d\n", p.Done); os.Stdout.Sync() },
	})
	require.NoError(t, err)
}

func TestPackSqueezesAndRecords(t *testing.T) {
	dir := t.TempDir()
	var files []File
	for i := 0; i < 3; i++ {
		data := withOrientation(encodeJPEG(t, scanImage(2400, 1800, uint64(30+i), 8), 92), 6)
		files = append(files, File{Path: writeFile(t, dir, fmt.Sprintf("IMG_%d.jpg", i), data)})
	}
	out := filepath.Join(dir, "photos.pdf")
	res, err := Pack(bg, out, files, Options{MaxFileBytes: 700_000, Lang: "en"})
	require.NoError(t, err)
	require.Len(t, res.Merged, 1)
	assert.LessOrEqual(t, res.Merged[0].Bytes, int64(700_000))
	ctx := readPDFFile(t, out)
	require.Equal(t, 3, ctx.PageCount)
	bms := bookmarks(t, ctx)
	require.Len(t, bms, 3)
	assert.Equal(t, "IMG_0.jpg", bms[0].Title)
	assert.Equal(t, 3, bms[2].Page)
	assert.Contains(t, pageText(t, ctx, 2), "page 2 of 3")
	ch := res.Manifest.Documents[0].Inputs[0].Change
	require.NotNil(t, ch.Recompressed)
	assert.Equal(t, 90, ch.Rotated)
}

func TestEncryptedPDFs(t *testing.T) {
	dir := t.TempDir()
	plain := samplePDF(t, dir, 2)
	ownerOnly := filepath.Join(dir, "owner.pdf")
	encryptFile(t, plain, ownerOnly, "", "owner-secret")
	userPW := filepath.Join(dir, "user.pdf")
	encryptFile(t, plain, userPW, "user-secret", "owner-secret")

	t.Run("owner password only: decrypted and merged", func(t *testing.T) {
		in := Input{Documents: []Document{{ID: "contract", Title: "Договор", Status: Required, Files: []File{{Path: ownerOnly}}}}}
		out := filepath.Join(dir, "out")
		res, err := Build(bg, out, in, Options{})
		require.NoError(t, err)
		ctx := readPDFFile(t, filepath.Join(out, res.Merged[0].Path))
		assert.Equal(t, 3, ctx.PageCount)
		assert.False(t, ctx.Encrypted())
		assert.True(t, res.Manifest.Documents[0].Inputs[0].Change.Decrypted)
		readPDFFile(t, filepath.Join(out, res.Uploads[0].Path))
	})
	t.Run("user password: refused", func(t *testing.T) {
		res, err := Pack(bg, filepath.Join(dir, "x.pdf"), []File{{Path: userPW}}, Options{})
		require.ErrorIs(t, err, ErrNothingAccepted)
		require.Len(t, res.Rejected, 1)
		assert.Contains(t, findingCodes(res.Rejected[0].Findings), scan.CodeEncrypted)
	})
	t.Run("damaged PDF: an error, not a crash", func(t *testing.T) {
		data, _ := os.ReadFile(plain)
		bad := writeFile(t, dir, "bad.pdf", data[:len(data)/3])
		_, err := Pack(bg, filepath.Join(dir, "y.pdf"), []File{{Path: bad}}, Options{})
		require.Error(t, err)
	})
	t.Run("changed since checked", func(t *testing.T) {
		_, err := Pack(bg, filepath.Join(dir, "z.pdf"), []File{{Path: plain, SHA256: strings.Repeat("0", 64)}}, Options{})
		require.ErrorIs(t, err, ErrChanged)
	})
	t.Run("stored: the store's hash is taken as it is", func(t *testing.T) {
		// A workspace file is named by its hash and never rewritten, so
		// the builder does not read it twice to prove it.
		known := strings.Repeat("ab", 32)
		res, err := Pack(bg, filepath.Join(dir, "s.pdf"), []File{{Path: plain, SHA256: known, Stored: true}}, Options{})
		require.NoError(t, err)
		assert.Equal(t, known, res.Manifest.Documents[0].Inputs[0].SHA256)
		res, err = Pack(bg, filepath.Join(dir, "s.pdf"), []File{{Path: plain, Stored: true}}, Options{})
		require.NoError(t, err)
		assert.Equal(t, sha(t, plain), res.Manifest.Documents[0].Inputs[0].SHA256, "no hash given: computed")
	})
}

func TestSplitLargePDFByPages(t *testing.T) {
	dir := t.TempDir()
	pdf := samplePDF(t, dir, 6) // six pages of about 35 kB pictures
	st, err := os.Stat(pdf)
	require.NoError(t, err)
	budget := st.Size()/3 + fileOverhead
	in := Input{Documents: []Document{{ID: "scan", Title: "Скан договора", Status: Required, Files: []File{{Path: pdf}}}}}
	out := filepath.Join(dir, "out")
	res, err := Build(bg, out, in, Options{MaxFileBytes: budget})
	require.NoError(t, err)
	require.Greater(t, len(res.Uploads), 1, "split by pages")
	pages := 0
	for _, u := range res.Uploads {
		assert.LessOrEqual(t, u.Bytes, budget, u.Path)
		assert.False(t, u.OverBudget)
		pages += readPDFFile(t, filepath.Join(out, u.Path)).PageCount
	}
	assert.Equal(t, 6, pages)
	// The merged PDF keeps the file whole.
	assert.Equal(t, 7, readPDFFile(t, filepath.Join(out, res.Merged[0].Path)).PageCount)
}

func TestRefusesForeignManifest(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	for name, manifest := range map[string]string{
		"web app":     `{"name": "my site", "icons": []}`,
		"not json":    "manifest of the 2019 audit\n",
		"wrong shape": `{"schema": "two", "merged": 5}`,
		"future":      `{"schema": 99, "date": "2026-01-01", "merged": {"path": "a.pdf"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
			require.NoError(t, os.MkdirAll(out, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(out, "manifest.json"), []byte(manifest), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(out, "index.html"), []byte("<p>mine</p>"), 0o644))
			_, err := Build(bg, out, in, Options{})
			require.ErrorIs(t, err, ErrNotPackage)
			var fe *ForeignError
			require.ErrorAs(t, err, &fe)
			assert.Contains(t, fe.Names, "index.html")
			assert.Contains(t, fe.Names, "manifest.json")
			got, err := os.ReadFile(filepath.Join(out, "manifest.json"))
			require.NoError(t, err)
			assert.Equal(t, manifest, string(got))
			_, err = os.Stat(filepath.Join(out, "index.html"))
			require.NoError(t, err)
			noLeftovers(t, dir)
		})
	}
}

func TestRefusesFileAsOutput(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "report")
	require.NoError(t, os.WriteFile(out, []byte("mine"), 0o644))
	_, err := Build(bg, out, in, Options{})
	require.ErrorIs(t, err, ErrNotPackage)
	got, _ := os.ReadFile(out)
	assert.Equal(t, "mine", string(got))
}

// TestKeepsClerksFiles: what a clerk adds to a package folder (a signed
// letter, a note in upload/, a folder of their own) survives rebuilds;
// Dossier's own leftovers do not.
func TestKeepsClerksFiles(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	_, err := Build(bg, out, in, Options{})
	require.NoError(t, err)
	clerk := map[string]string{
		"signed-letter.pdf":   "%PDF-1.4 signed by the director",
		"upload/note.txt":     "ask about the stamp",
		"letters/2026/a.txt":  "a letter",
		"Заявление (1).docx":  "docx bytes",
		"upload/old/keep.txt": "kept",
	}
	for rel, content := range clerk {
		p := filepath.Join(out, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	}
	leftover := filepath.Join(out, ".manifest.json"+tmpInfix+"12345")
	require.NoError(t, os.WriteFile(leftover, []byte("half"), 0o600))

	for round := 0; round < 2; round++ {
		_, err = Build(bg, out, in, Options{})
		require.NoError(t, err)
		checkComplete(t, out)
		for rel, content := range clerk {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
			require.NoError(t, err, rel)
			assert.Equal(t, content, string(got), rel)
		}
		_, err = os.Stat(leftover)
		assert.ErrorIs(t, err, os.ErrNotExist, "Dossier's own leftover goes")
		noLeftovers(t, dir)
	}
}

// TestClerkFileNameTaken: a clerk's file with the name of a file the new
// package writes stops the build, and nothing changes.
func TestClerkFileNameTaken(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	fewer := in
	fewer.Documents = append([]Document{}, in.Documents...)
	fewer.Documents[4].Files = nil // the diploma not yet attached
	_, err := Build(bg, out, fewer, Options{})
	require.NoError(t, err)
	before := checkComplete(t, out)
	// The name the diploma's upload file will have.
	res, err := Build(bg, filepath.Join(dir, "probe"), in, Options{})
	require.NoError(t, err)
	var name string
	for _, u := range res.Uploads {
		if _, err := os.Stat(filepath.Join(out, u.Path)); err != nil {
			name = u.Path
		}
	}
	require.NotEmpty(t, name)
	require.NoError(t, os.WriteFile(filepath.Join(out, name), []byte("the clerk's"), 0o600))

	_, err = Build(bg, out, in, Options{})
	require.ErrorIs(t, err, ErrNameTaken)
	var fe *ForeignError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, []string{filepath.ToSlash(name)}, fe.Names)
	assert.Equal(t, before, checkComplete(t, out))
	got, _ := os.ReadFile(filepath.Join(out, name))
	assert.Equal(t, "the clerk's", string(got))
	noLeftovers(t, dir)
}

// TestLeftoverLookalikesStay: only folders named exactly as Dossier names
// its staging and set-aside folders are removed.
func TestLeftoverLookalikesStay(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	mine := []string{out + oldInfix + "version", out + tmpInfix + "notes", out + oldInfix + "2024-01"}
	for _, m := range mine {
		require.NoError(t, os.MkdirAll(m, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(m, "x.txt"), []byte("mine"), 0o600))
	}
	_, err := Build(bg, out, in, Options{})
	require.NoError(t, err)
	_, err = Build(bg, out, in, Options{})
	require.NoError(t, err)
	for _, m := range mine {
		_, err := os.Stat(filepath.Join(m, "x.txt"))
		assert.NoError(t, err, m)
	}
}

// TestRecoverCarriesClerksFile: a package set aside (a kill after the swap,
// before the old folder went) that holds a clerk's file the new one lacks
// gives it to the new one before it is removed.
func TestRecoverCarriesClerksFile(t *testing.T) {
	dir := t.TempDir()
	in, _ := makeCase(t, dir)
	out := filepath.Join(dir, "out")
	_, err := Build(bg, out, in, Options{})
	require.NoError(t, err)
	old := out + oldInfix + "777"
	require.NoError(t, linkOrCopy(out, old))
	require.NoError(t, os.WriteFile(filepath.Join(old, "signed.pdf"), []byte("signed"), 0o600))
	require.NoError(t, recoverOut(out))
	got, err := os.ReadFile(filepath.Join(out, "signed.pdf"))
	require.NoError(t, err)
	assert.Equal(t, "signed", string(got))
	noLeftovers(t, dir)
}
