//go:build linux

package store

import (
	"os"
	"path/filepath"
	"syscall"
)

func systemVolume(dir string) (Volume, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return Volume{}, err
	}
	magic := uint32(st.Type)
	fuseType := ""
	if magic == linuxFUSEMagic {
		if data, err := os.ReadFile("/proc/self/mountinfo"); err == nil {
			path := dir
			if real, err := filepath.EvalSymlinks(dir); err == nil {
				path = real
			}
			fuseType = mountType(string(data), path)
		}
	}
	return linuxVolume(magic, fuseType), nil
}
