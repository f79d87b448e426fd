// Command letterheadshots prepares a closed workspace for the letterhead
// screenshots of scripts/letterhead-shots.sh: it imports Dossier's starting
// letterhead as the Russian letterhead of the workspace's first company
// (through app/papers, as the window does) and writes, into a folder, a
// letterhead whose {term} was typed over, for the window to refuse.
//
//	go run ./scripts/letterheadshots WORKSPACE OUTDIR
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/app/papers"
	"dossier/app/store"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: letterheadshots WORKSPACE OUTDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "letterheadshots:", err)
		os.Exit(1)
	}
}

func run(wsDir, out string) error {
	ctx := context.Background()
	ws, err := store.Open(ctx, wsDir, store.Options{})
	if err != nil {
		return err
	}
	defer ws.Close()
	list, err := ws.Employers(ctx)
	if err != nil || len(list) == 0 {
		return fmt.Errorf("no company in %s: %v", wsDir, err)
	}
	lib, err := papers.LoadLibrary()
	if err != nil {
		return err
	}
	data, err := lib.StartingLetterhead("ru")
	if err != nil {
		return err
	}
	good := filepath.Join(out, "Бланк "+strings.Trim(list[0].Name, "«»\" ")+".docx")
	if err := os.WriteFile(good, data, 0o600); err != nil {
		return err
	}
	if _, err := papers.ImportLetterhead(ctx, ws, list[0].ID, "ru", good); err != nil {
		return err
	}
	bad, err := replaceInBody(data, "{term}", "31.12.2027")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "letterhead-new.docx"), bad, 0o600)
}

// replaceInBody copies a .docx with old replaced by new in its body.
func replaceInBody(data []byte, old, new string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if f.Name == "word/document.xml" {
			b = bytes.ReplaceAll(b, []byte(old), []byte(new))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
