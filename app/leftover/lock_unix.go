//go:build !windows

package leftover

import (
	"errors"
	"os"
	"syscall"
)

func lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// removeUnheld removes path unless a live process holds its lock. The lock
// is taken before the removal and dies with the file, so a writer starting
// meanwhile cannot lose its file to us (it creates a new name anyway).
func removeUnheld(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lock(f); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) {
			return errHeld
		}
		return err
	}
	return os.Remove(path)
}
