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

	"dossier/app/atomicfile"
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
func (w *Workspace) Backup(ctx context.Context, out string, progress Progress) error {
	if progress == nil {
		progress = func(int64, int64) {}
	}
	if err := w.checkBackupTarget(out); err != nil {
		return err
	}
	w.sweepBackupLeftovers(filepath.Dir(out))
	snap, cleanup, err := w.snapshot(ctx)
	if err != nil {
		return err
	}
	defer cleanup()
	files, total, err := w.storedFiles()
	if err != nil {
		return err
	}
	dbInfo, err := os.Stat(snap)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	total += dbInfo.Size()
	z := &zipper{ctx: ctx, total: total, progress: progress}
	opts := atomicfile.Options{Prefix: backupZipPrefix, Suffix: backupZipSuffix}
	err = atomicfile.Write(out, opts, func(f *os.File) error { return w.writeBackup(z, f, snap, files) })
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// checkBackupTarget refuses an output inside the workspace, and a file at
// out that is not an earlier backup (*failure.NotOursError).
func (w *Workspace) checkBackupTarget(out string) error {
	if w.Contains(out) {
		return fmt.Errorf("backup to %s: %w", out, ErrInsideWorkspace)
	}
	if st, err := os.Lstat(out); err == nil && (!st.Mode().IsRegular() || !IsBackup(out)) {
		return &failure.NotOursError{Path: out}
	}
	return nil
}

// sweepBackupLeftovers removes what killed backups left beside the output
// and in the workspace's tmp/.
func (w *Workspace) sweepBackupLeftovers(outDir string) {
	leftover.Sweep(outDir, backupZipPrefix, backupZipSuffix)
	// Earlier versions staged the snapshot in a folder beside the output.
	leftover.Sweep(outDir, backupZipPrefix, "")
	leftover.Sweep(w.TempDir(), backupSnapshotPrefix, "")
}

// snapshot copies the database as of now into a folder of the workspace's
// tmp/; cleanup removes it.
func (w *Workspace) snapshot(ctx context.Context) (snap string, cleanup func(), err error) {
	if err := os.MkdirAll(w.TempDir(), 0o700); err != nil {
		return "", nil, fmt.Errorf("backup: %w", err)
	}
	tmpDir, err := os.MkdirTemp(w.TempDir(), backupSnapshotPrefix+"*")
	if err != nil {
		return "", nil, fmt.Errorf("backup: %w", err)
	}
	cleanup = func() { os.RemoveAll(tmpDir) }
	snap = filepath.Join(tmpDir, DBName)
	if _, err := w.db.ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("backup: copy database: %w", err)
	}
	return snap, cleanup, nil
}

// storedFiles lists the workspace's stored files (not the temporary ones,
// whose names start with a dot) and their total size.
func (w *Workspace) storedFiles() (files []string, total int64, err error) {
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
		return nil, 0, fmt.Errorf("backup: list files: %w", err)
	}
	return files, total, nil
}

// writeBackup writes the zip: the snapshot as dossier.db, then each stored
// file under files/.
func (w *Workspace) writeBackup(z *zipper, f *os.File, snap string, files []string) error {
	z.zw = zip.NewWriter(f)
	if err := z.add(snap, DBName, zip.Deflate); err != nil {
		return err
	}
	for _, path := range files {
		rel, err := filepath.Rel(w.dir, path)
		if err != nil {
			return err
		}
		// Scans are already compressed: storing them is as small and much faster.
		if err := z.add(path, filepath.ToSlash(rel), zip.Store); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
	}
	return z.zw.Close()
}

// zipper adds files to a backup's zip, reporting progress in bytes and
// stopping when ctx is cancelled.
type zipper struct {
	ctx      context.Context
	zw       *zip.Writer
	done     int64
	total    int64
	progress Progress
}

func (z *zipper) add(src, name string, method uint16) error {
	if err := z.ctx.Err(); err != nil {
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
	dst, err := z.zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	n, err := io.Copy(dst, &ctxReader{ctx: z.ctx, r: f})
	z.done += n
	z.progress(z.done, z.total)
	return err
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
