//go:build windows

package store

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// systemVolume: a UNC path is a share; otherwise the drive's type decides
// (a mapped network drive is DRIVE_REMOTE).
func systemVolume(dir string) (Volume, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Volume{}, err
	}
	if isUNC(abs) {
		return Volume{Network: true, Kind: abs}, nil
	}
	p, err := windows.UTF16PtrFromString(abs)
	if err != nil {
		return Volume{}, err
	}
	buf := make([]uint16, windows.MAX_PATH+1)
	if err := windows.GetVolumePathName(p, &buf[0], uint32(len(buf))); err != nil {
		return Volume{}, err
	}
	root := windows.UTF16ToString(buf)
	if isUNC(root) {
		return Volume{Network: true, Kind: root}, nil
	}
	if windows.GetDriveType(&buf[0]) == windows.DRIVE_REMOTE {
		return Volume{Network: true, Kind: root}, nil
	}
	return Volume{}, nil
}
