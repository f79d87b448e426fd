//go:build darwin

package store

import (
	"bytes"

	"golang.org/x/sys/unix"
)

func systemVolume(dir string) (Volume, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return Volume{}, err
	}
	name := string(bytes.TrimRight(st.Fstypename[:], "\x00"))
	return Volume{Network: darwinNetworkFS[name], Kind: name}, nil
}
