//go:build !linux && !darwin && !windows

package store

// systemVolume cannot tell on this system: the folder is taken to be local.
func systemVolume(string) (Volume, error) { return Volume{}, nil }
