package store

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoCompanies is a consultant's workspace: two client companies, an
// employee and a case at each.
func twoCompanies(t *testing.T) (w *Workspace, employers, cases [2]int64) {
	t.Helper()
	w = openTemp(t)
	ctx := context.Background()
	for i, name := range []string{"ТОО «Первый клиент»", "ТОО «Второй клиент»"} {
		er := Employer{Name: name}
		require.NoError(t, w.SaveEmployer(ctx, &er))
		e := Employee{EmployerID: er.ID, NameCyr: "Сотрудник " + name, PassportNo: fmt.Sprintf("N%d", i)}
		require.NoError(t, w.SaveEmployee(ctx, &e, today))
		c := Case{EmployeeID: e.ID}
		require.NoError(t, w.SaveCase(ctx, &c))
		employers[i], cases[i] = er.ID, c.ID
	}
	return w, employers, cases
}

// Each company keeps its own letterhead per language; replacing one
// leaves the others; removing it removes Dossier's copy.
func TestLetterheadPerCompanyAndLanguage(t *testing.T) {
	ctx := context.Background()
	w, ers, cs := twoCompanies(t)
	_, err := w.CaseLetterhead(ctx, cs[0], "ru")
	require.ErrorIs(t, err, ErrNoLetterhead)

	a, err := w.SetLetterhead(ctx, ers[0], "ru", "бланк первого.docx", []byte("first ru"))
	require.NoError(t, err)
	assert.False(t, a.Imported.IsZero())
	_, err = w.SetLetterhead(ctx, ers[0], "kk", "бланк kk.docx", []byte("first kk"))
	require.NoError(t, err)
	_, err = w.SetLetterhead(ctx, ers[1], "ru", "бланк второго.docx", []byte("second ru"))
	require.NoError(t, err)

	for _, tt := range []struct {
		caseID     int64
		lang, want string
	}{{cs[0], "ru", "first ru"}, {cs[0], "kk", "first kk"}, {cs[1], "ru", "second ru"}} {
		lh, err := w.CaseLetterhead(ctx, tt.caseID, tt.lang)
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(lh.Data))
		sum := sha256.Sum256(lh.Data)
		assert.Equal(t, hex.EncodeToString(sum[:]), lh.SHA256)
	}
	_, err = w.CaseLetterhead(ctx, cs[1], "kk")
	assert.ErrorIs(t, err, ErrNoLetterhead)

	_, err = w.SetLetterhead(ctx, ers[0], "ru", "новый бланк.docx", []byte("first ru v2"))
	require.NoError(t, err)
	all, err := w.Letterheads(ctx)
	require.NoError(t, err)
	require.Len(t, all[ers[0]], 2)
	assert.Equal(t, "новый бланк.docx", all[ers[0]][0].Name)
	assert.Equal(t, int64(len("first ru v2")), all[ers[0]][0].Size)
	assert.Nil(t, all[ers[0]][0].Data, "the list carries no bytes")
	assert.Equal(t, "kk", all[ers[0]][1].Lang)

	require.NoError(t, w.RemoveLetterhead(ctx, ers[0], "ru"))
	require.NoError(t, w.RemoveLetterhead(ctx, ers[0], "ru"), "removing none is no error")
	_, err = w.Letterhead(ctx, ers[0], "ru")
	assert.ErrorIs(t, err, ErrNoLetterhead)
	var n int
	require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM employer_letterheads WHERE data = ?", []byte("first ru v2")).Scan(&n))
	assert.Zero(t, n, "Dossier's copy is gone")
	lh, err := w.Letterhead(ctx, ers[0], "kk")
	require.NoError(t, err)
	assert.Equal(t, "first kk", string(lh.Data))

	var hist int
	require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM history WHERE action IN ('letterhead', 'remove letterhead')").Scan(&hist))
	assert.Equal(t, 5, hist, "every import and removal is in the history")
}

func TestSetLetterheadRefuses(t *testing.T) {
	ctx := context.Background()
	w, ers, _ := twoCompanies(t)
	_, err := w.SetLetterhead(ctx, ers[0], "en", "x.docx", []byte("x"))
	assert.Error(t, err)
	_, err = w.SetLetterhead(ctx, ers[0], "ru", "x.docx", nil)
	assert.Error(t, err)
	_, err = w.SetLetterhead(ctx, ers[0], "ru", "x.docx", make([]byte, MaxLetterheadSize+1))
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = w.SetLetterhead(ctx, 999, "ru", "x.docx", []byte("x"))
	assert.ErrorIs(t, err, ErrNotFound)
	all, err := w.Letterheads(ctx)
	require.NoError(t, err)
	assert.Empty(t, all)
}

// The backup carries the letterheads: unzipped on another machine, the
// workspace gives the same bytes.
func TestBackupCarriesLetterheads(t *testing.T) {
	ctx := context.Background()
	w, ers, cs := twoCompanies(t)
	docx := bytes.Repeat([]byte("бланк "), 5000)
	_, err := w.SetLetterhead(ctx, ers[1], "kk", "бланк.docx", docx)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "backup.zip")
	require.NoError(t, w.Backup(ctx, out, nil))
	require.NoError(t, w.Close())

	zr, err := zip.OpenReader(out)
	require.NoError(t, err)
	restored := filepath.Join(t.TempDir(), "elsewhere")
	for _, zf := range zr.File {
		dst := filepath.Join(restored, filepath.FromSlash(zf.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o700))
		r, err := zf.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(r)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dst, data, 0o600))
	}
	zr.Close()
	w2, err := Open(ctx, restored, Options{})
	require.NoError(t, err)
	defer w2.Close()
	lh, err := w2.CaseLetterhead(ctx, cs[1], "kk")
	require.NoError(t, err)
	assert.Equal(t, docx, lh.Data)
	assert.Equal(t, "бланк.docx", lh.Name)
}

// TestKillWhileReplacingLetterhead kills a process that keeps replacing a
// company's letterhead: after each kill the workspace holds one whole
// letterhead whose record matches its bytes, never a mix.
func TestKillWhileReplacingLetterhead(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := filepath.Join(t.TempDir(), "ws")
	for round := 1; round <= 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillLetterheadChild$")
		cmd.Env = append(os.Environ(), "DOSSIER_KILL_CHILD="+dir)
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		cmd.Stderr = os.Stderr
		require.NoError(t, cmd.Start())
		sc := bufio.NewScanner(out)
		commits := 0
		for commits < round*2 && sc.Scan() {
			if strings.HasPrefix(sc.Text(), "commit") {
				commits++
			}
		}
		require.Equal(t, round*2, commits, "child stopped early")
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait()

		w, err := Open(context.Background(), dir, Options{})
		require.NoError(t, err, "round %d: reopen after kill", round)
		lh, err := w.Letterhead(context.Background(), 1, "ru")
		require.NoError(t, err)
		sum := sha256.Sum256(lh.Data)
		assert.Equal(t, hex.EncodeToString(sum[:]), lh.SHA256, "round %d: the record matches its bytes", round)
		assert.Equal(t, int64(len(lh.Data)), lh.Size)
		assert.Equal(t, lh.Name, fmt.Sprintf("бланк-%c.docx", lh.Data[0]))
		require.NoError(t, w.Close())
	}
}

// TestKillLetterheadChild is the child of TestKillWhileReplacingLetterhead.
func TestKillLetterheadChild(t *testing.T) {
	dir := os.Getenv("DOSSIER_KILL_CHILD")
	if dir == "" || !strings.Contains(strings.Join(os.Args, " "), "TestKillLetterheadChild") {
		t.Skip("only run as TestKillWhileReplacingLetterhead's child")
	}
	ctx := context.Background()
	w, err := Open(ctx, dir, Options{Create: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	er := Employer{ID: 1, Name: "ТОО «Бланк»"}
	if _, err := w.Employer(ctx, 1); err != nil {
		er.ID = 0
		if err := w.SaveEmployer(ctx, &er); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
	}
	deadline := time.Now().Add(2 * time.Minute) // a safety net if the parent dies
	for i := 0; time.Now().Before(deadline); i++ {
		c := byte('a' + i%26)
		data := bytes.Repeat([]byte{c}, 256<<10+i)
		if _, err := w.SetLetterhead(ctx, er.ID, "ru", fmt.Sprintf("бланк-%c.docx", c), data); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println("commit", i)
	}
	os.Exit(0)
}

func TestEmployerLetterhead(t *testing.T) {
	ctx := context.Background()
	w, ers, _ := twoCompanies(t)
	data, err := w.EmployerLetterhead(ctx, ers[0], "ru")
	require.NoError(t, err)
	assert.Nil(t, data, "none: nil, no error")
	_, err = w.SetLetterhead(ctx, ers[0], "ru", "b.docx", []byte("docx"))
	require.NoError(t, err)
	data, err = w.EmployerLetterhead(ctx, ers[0], "ru")
	require.NoError(t, err)
	assert.Equal(t, "docx", string(data))
	data, err = w.EmployerLetterhead(ctx, ers[0], "kk")
	require.NoError(t, err)
	assert.Nil(t, data, "a letterhead is per language")
}
