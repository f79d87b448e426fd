package letterheadui

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/store"
)

// Letterhead is a letter body as Word saves one: placeholders split across
// runs by formatting and proofing marks.
const Letterhead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>ТОО «Бланк» · БИН 940140000385</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Просим о {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>procedure</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">} на срок до {term}.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Иностранец: {applicant.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>name_latin}, {applicant.citizenship}, паспорт № {applicant.passport_</w:t></w:r><w:r><w:t>number} до {applicant.passport_expires}.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Адрес: {housing.address}, РКА {housing.rka}</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Директор ____ {employer.director_name}   {date}</w:t></w:r></w:p>
</w:body></w:document>`

// docx is a minimal Word package around a body.
func docx(t *testing.T, body string, extra ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := append([][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"word/document.xml", body},
	}, extra...)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		require.NoError(t, err)
		_, err = io.WriteString(w, p[1])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

type fixture struct {
	t        *testing.T
	ws       *store.Workspace
	employer store.Employer
	host     Host
	bg       sync.WaitGroup
	mu       sync.Mutex
	opened   []string
	dir      string // the clerk's own folder
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	ws, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	er := store.Employer{Name: "ТОО «Алтын-Дала Құрылыс»", BIN: "940140000385"}
	require.NoError(t, ws.SaveEmployer(ctx, &er))
	f := &fixture{t: t, ws: ws, employer: er, dir: t.TempDir()}
	f.host = Host{
		Win: test.NewWindow(nil), P: i18n.Printer{Lang: i18n.RU}, WS: ws,
		OpenURL: func(u *url.URL) error { f.opened = append(f.opened, u.Path); return nil },
		Do:      func(fn func()) { f.mu.Lock(); defer f.mu.Unlock(); fn() },
		Go: func(fn func()) {
			f.bg.Add(1)
			go func() { defer f.bg.Done(); fn() }()
		},
		PickFile:   func(string, []string, func(string)) { t.Error("no file dialog in these tests") },
		PickFolder: func(string, string, func(string)) { t.Error("no folder dialog in these tests") },
		ShowError:  func(err error) { t.Errorf("error shown: %v", err) },
	}
	f.host.Win.Resize(fyne.NewSize(1000, 700))
	return f
}

func (f *fixture) section() *Section {
	have, err := f.ws.Letterheads(context.Background())
	require.NoError(f.t, err)
	var s *Section
	f.locked(func() {
		s = New(f.host, f.employer, have[f.employer.ID])
		f.host.Win.SetContent(container.NewVScroll(s.Object()))
	})
	return s
}

func (f *fixture) locked(fn func()) { f.mu.Lock(); defer f.mu.Unlock(); fn() }

// file writes the clerk's own file.
func (f *fixture) file(name string, data []byte) string {
	path := filepath.Join(f.dir, name)
	require.NoError(f.t, os.WriteFile(path, data, 0o600))
	return path
}

func (f *fixture) stored(lang string) (store.Letterhead, bool) {
	lh, err := f.ws.Letterhead(context.Background(), f.employer.ID, lang)
	if err != nil {
		require.ErrorIs(f.t, err, store.ErrNoLetterhead)
		return lh, false
	}
	return lh, true
}

// TestImportShowsTheLetterhead: a letterhead whose fields Word split
// across runs is taken; the company's section then names it and offers
// Replace, Open and Remove.
func TestImportShowsTheLetterhead(t *testing.T) {
	f := newFixture(t)
	s := f.section()
	f.locked(func() {
		r := s.rows["ru"]
		assert.Equal(t, "Ходатайство на русском: бланка нет — пишется в оформлении Dossier.", r.label.Text)
		assert.Equal(t, "Импортировать бланк…", r.load.Text)
		assert.True(t, r.open.Disabled())
		assert.True(t, r.remove.Disabled())
	})
	data := docx(t, Letterhead)
	path := f.file("Бланк Алтын-Дала.docx", data)
	f.locked(func() { s.Import("ru", path) })
	f.bg.Wait()
	lh, ok := f.stored("ru")
	require.True(t, ok)
	assert.Equal(t, data, lh.Data)
	_, ok = f.stored("kk")
	assert.False(t, ok, "one language at a time")
	f.locked(func() {
		r := s.rows["ru"]
		assert.Contains(t, r.label.Text, "бланк «Бланк Алтын-Дала.docx», импортирован ")
		assert.Equal(t, "Заменить…", r.load.Text)
		assert.False(t, r.open.Disabled())
		assert.False(t, r.remove.Disabled())
		assert.Equal(t, widget.SuccessImportance, s.status.Importance)
		assert.Contains(t, s.status.Text, "ваш файл не изменён")
		assert.Contains(t, s.rows["kk"].label.Text, "бланка нет")
	})
	// The section drawn afresh (the screen redrawn) shows the same.
	s2 := f.section()
	f.locked(func() { assert.Contains(t, s2.rows["ru"].label.Text, "«Бланк Алтын-Дала.docx»") })
}

// TestRefusalsNameWhatIsWrong: each wrong file gets its own message, which
// names the placeholder where one is at fault, and keeps nothing: the
// letterhead in use stays.
func TestRefusalsNameWhatIsWrong(t *testing.T) {
	f := newFixture(t)
	s := f.section()
	good := f.file("хороший.docx", docx(t, Letterhead))
	f.locked(func() { s.Import("ru", good) })
	f.bg.Wait()

	huge := filepath.Join(f.dir, "огромный.docx")
	fh, err := os.Create(huge)
	require.NoError(t, err)
	require.NoError(t, fh.Truncate(30<<20))
	require.NoError(t, fh.Close())
	cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	encrypted := append(append([]byte{}, cfb...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...)
	tests := []struct {
		name string
		path string
		want []string
	}{
		{"missing {term}", f.file("без срока.docx", docx(t, strings.Replace(Letterhead, "{term}", "31.12.2027", 1))),
			[]string{"«без срока.docx» не принят", "{term}", "добавьте их в текст", "Сохранить шаблон для начала…"}},
		{"unknown field", f.file("с КПП.docx", docx(t, strings.Replace(Letterhead, "{date}", "{date} {employer.kpp}", 1))),
			[]string{"неизвестные поля {employer.kpp}"}},
		{"not a zip", f.file("письмо.docx", []byte("Просто текст, не документ")), []string{"не является документом Word .docx"}},
		{"old .doc", f.file("бланк.doc", cfb), []string{"Word 97–2003 (.doc)"}},
		{"password", f.file("с паролем.docx", encrypted), []string{"защищён паролем"}},
		{".docm", f.file("бланк.docm", docx(t, Letterhead, [2]string{"word/vbaProject.bin", "\x00"})), []string{"с макросами (.docm)"}},
		{"huge", huge, []string{"весит 30 МБ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.locked(func() { s.Import("ru", tt.path) })
			f.bg.Wait()
			f.locked(func() {
				assert.Equal(t, widget.DangerImportance, s.status.Importance)
				assert.True(t, s.status.Visible())
				for _, w := range tt.want {
					assert.Contains(t, s.status.Text, w)
				}
				assert.Contains(t, s.rows["ru"].label.Text, "«хороший.docx»", "the letterhead in use stays")
			})
			lh, ok := f.stored("ru")
			require.True(t, ok)
			assert.Equal(t, "хороший.docx", lh.Name)
		})
	}
}

// TestRemoveKeepsTheClerksFile: Remove asks first, then removes Dossier's
// copy only; the clerk's file stays where it was.
func TestRemoveKeepsTheClerksFile(t *testing.T) {
	f := newFixture(t)
	s := f.section()
	path := f.file("мой бланк.docx", docx(t, Letterhead))
	f.locked(func() { s.Import("kk", path) })
	f.bg.Wait()
	f.locked(func() {
		test.Tap(s.rows["kk"].remove)
		top := f.host.Win.Canvas().Overlays().Top()
		require.NotNil(t, top, "Remove asks first")
		assert.Contains(t, texts(top), "Ваш собственный файл не удаляется")
		var yes *widget.Button
		walk(top, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance {
				yes = b
			}
		})
		require.NotNil(t, yes)
		test.Tap(yes)
	})
	f.bg.Wait()
	_, ok := f.stored("kk")
	assert.False(t, ok)
	assert.FileExists(t, path)
	f.locked(func() {
		assert.Contains(t, s.rows["kk"].label.Text, "бланка нет")
		assert.Contains(t, s.status.Text, "Ваш файл не тронут")
		assert.True(t, s.rows["kk"].remove.Disabled())
	})
}

// TestOpenShowsDossiersCopy: Open writes Dossier's copy into the
// workspace's private folder under the clerk's file name and opens it.
func TestOpenShowsDossiersCopy(t *testing.T) {
	f := newFixture(t)
	s := f.section()
	data := docx(t, Letterhead)
	f.locked(func() { s.Import("ru", f.file("бланк: «главный».docx", data)) })
	f.bg.Wait()
	f.locked(func() { test.Tap(s.rows["ru"].open) })
	f.bg.Wait()
	require.Len(t, f.opened, 1)
	assert.True(t, strings.HasPrefix(f.opened[0], f.ws.TempDir()), f.opened[0])
	assert.Equal(t, "бланк_ «главный».docx", filepath.Base(f.opened[0]))
	got, err := os.ReadFile(f.opened[0])
	require.NoError(t, err)
	assert.Equal(t, data, got)

	// Opened again while the word processor may hold it: the same file,
	// not rewritten (Windows refuses to replace an open file).
	st, err := os.Stat(f.opened[0])
	require.NoError(t, err)
	f.locked(func() { test.Tap(s.rows["ru"].open) })
	f.bg.Wait()
	require.Len(t, f.opened, 2)
	assert.Equal(t, f.opened[0], f.opened[1])
	st2, err := os.Stat(f.opened[1])
	require.NoError(t, err)
	assert.Equal(t, st.ModTime(), st2.ModTime(), "not written again")
	assert.True(t, os.SameFile(st, st2), "not replaced")
	f.locked(func() { assert.NotEqual(t, widget.DangerImportance, s.status.Importance) })
}

// TestStarterRoundTrip: the starting template and its field list are
// written into the chosen folder, and the template imports back as it is.
func TestStarterRoundTrip(t *testing.T) {
	f := newFixture(t)
	s := f.section()
	out := t.TempDir()
	f.locked(func() { s.SaveStarter("kk", out) })
	f.bg.Wait()
	docxPath := filepath.Join(out, "ТОО «Алтын-Дала Құрылыс» — бланк ходатайства (kk).docx")
	assert.FileExists(t, docxPath)
	fields, err := os.ReadFile(filepath.Join(out, "ТОО «Алтын-Дала Құрылыс» — бланк ходатайства (kk) — поля.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(fields), "{term} — срок")
	f.locked(func() { assert.Contains(t, s.status.Text, "добавьте логотип") })

	f.locked(func() { s.SaveStarter("kk", out) })
	f.bg.Wait()
	assert.FileExists(t, filepath.Join(out, "ТОО «Алтын-Дала Құрылыс» — бланк ходатайства (kk) (2).docx"), "never over an earlier one")

	f.locked(func() { s.Import("kk", docxPath) })
	f.bg.Wait()
	_, ok := f.stored("kk")
	assert.True(t, ok, "the starting template is a letterhead Dossier takes")
}

func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		}
	})
	return b.String()
}

// walk visits o and what is inside it, widgets' own parts included.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(c, fn)
		}
	case *widget.Label, *widget.Button:
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walk(c, fn)
		}
	}
}
