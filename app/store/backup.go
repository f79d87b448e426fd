package store

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"dossier/app/failure"
	"dossier/app/leftover"
)

// Temporary names of a backup. The database snapshot goes into the
// workspace's private tmp/ (it is a full copy of personal data, and the
// output folder may be a shared or removable one); the zip is written beside
// the output under Dossier's prefix and renamed into place. A killed run's
// leftovers of either kind go at the next backup (and tmp/ at every open).
const (
	backupSnapshotPrefix = "backup-"
	backupZipPrefix      = ".dossier-backup-"
	backupZipSuffix      = ".zip"
)

// Progress reports done out of total units of work; total may grow.
type Progress func(done, total int64)

// Backup writes a consistent copy of the open workspace to the zip file out:
// the database as of one moment (VACUUM INTO, which sees committed data only,
// including what is still in the write-ahead log) and every stored file. The
// zip is written beside out and renamed into place, so out is never half
// written. Unzipped, it is a closed workspace that Open accepts.
func (w *Workspace) Backup(ctx context.Context, out string, progress Progress) (err error) {
	if progress == nil {
		progress = func(int64, int64) {}
	}
	if w.Contains(out) {
		return fmt.Errorf("backup to %s: %w", out, ErrInsideWorkspace)
	}
	if st, err := os.Lstat(out); err == nil && (!st.Mode().IsRegular() || !IsBackup(out)) {
		return &failure.NotOursError{Path: out}
	}
	outDir := filepath.Dir(out)
	leftover.Sweep(outDir, backupZipPrefix, backupZipSuffix)
	// Earlier versions staged the snapshot in a folder beside the output.
	leftover.Sweep(outDir, backupZipPrefix, "")
	leftover.Sweep(w.TempDir(), backupSnapshotPrefix, "")
	if err := os.MkdirAll(w.TempDir(), 0o700); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmpDir, err := os.MkdirTemp(w.TempDir(), backupSnapshotPrefix+"*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	snap := filepath.Join(tmpDir, DBName)
	if _, err := w.db.ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
		return fmt.Errorf("backup: copy database: %w", err)
	}

	var files []string
	var total int64
	root := filepath.Join(w.dir, FilesDir)
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, path)
		total += info.Size()
		return nil
	})
	if err != nil {
		return fmt.Errorf("backup: list files: %w", err)
	}
	dbInfo, err := os.Stat(snap)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	total += dbInfo.Size()

	tmp, err := leftover.Create(outDir, backupZipPrefix, backupZipSuffix)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer func() {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := zip.NewWriter(tmp)
	var done int64
	add := func(src, name string, method uint16) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := os.Open(src)
		if err != nil {
			return err
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return err
		}
		hdr, err := zip.FileInfoHeader(info)
		if err != nil {
			return err
		}
		hdr.Name = name
		hdr.Method = method
		dst, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		n, err := io.Copy(dst, &ctxReader{ctx: ctx, r: f})
		done += n
		progress(done, total)
		return err
	}
	if err := add(snap, DBName, zip.Deflate); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	for _, path := range files {
		rel, err := filepath.Rel(w.dir, path)
		if err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		// Scans are already compressed: storing them is as small and much faster.
		if err := add(path, filepath.ToSlash(rel), zip.Store); err != nil {
			return fmt.Errorf("backup: %s: %w", rel, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	_ = os.Chmod(tmp.Name(), 0o600)
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp = nil
	return nil
}

// IsBackup reports whether the file at path is a backup Dossier wrote (a zip
// of dossier.db and files/…), which a new backup may replace. Anything else
// is someone's own file and is not overwritten.
func IsBackup(path string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	hasDB := false
	for _, f := range zr.File {
		switch {
		case f.Name == DBName:
			hasDB = true
		case strings.HasPrefix(f.Name, FilesDir+"/"):
		default:
			return false
		}
	}
	return hasDB
}
