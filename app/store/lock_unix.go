//go:build !windows

package store

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive, non-blocking OS lock on f. The lock ends with
// the process, so a crashed Dossier never leaves a workspace locked.
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) {
		return errLockHeld
	}
	return err
}

func unlockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
