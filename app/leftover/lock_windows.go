//go:build windows

package leftover

import "os"

// lock is not needed on Windows: a file another process has open cannot be
// deleted there (Go opens files without FILE_SHARE_DELETE).
func lock(*os.File) error { return nil }

// removeUnheld removes path; Windows refuses while a writer has it open.
func removeUnheld(path string) error {
	if err := os.Remove(path); err != nil {
		return errHeld
	}
	return nil
}
