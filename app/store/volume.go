package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dossier/app/i18n"
)

// A workspace must sit on a local disk. SQLite's write-ahead log keeps its
// index in shared memory beside the database, which processes on different
// machines cannot share, and the locks SQLite relies on are not kept
// faithfully by SMB and NFS servers: two Dossiers on one share, or one and a
// server that drops a lock, can corrupt the database. Open refuses a folder
// on a network volume before it writes anything there.

// ErrNetworkVolume: the workspace folder is on a network drive.
var ErrNetworkVolume = errors.New("workspace folder is on a network drive")

// NetworkError names the folder and what kind of network volume it is on.
type NetworkError struct {
	Dir  string
	Kind string // file-system type or share, as the system reports it
}

func (e *NetworkError) Error() string {
	return fmt.Sprintf("%s: %v (%s)", e.Dir, ErrNetworkVolume, e.Kind)
}
func (e *NetworkError) Unwrap() error { return ErrNetworkVolume }

// Message says it in the clerk's language.
func (e *NetworkError) Message(lang i18n.Lang) string {
	return i18n.T(lang, "store.network_volume", e.Dir, e.Kind)
}

// Volume is what Dossier needs to know of the file system under a folder.
type Volume struct {
	Network bool
	Kind    string
}

// volumeOf tells what volume a folder (which exists) is on; tests replace it
// to fake a network drive. Each system's version is in volume_<os>.go.
var volumeOf = systemVolume

// checkLocal refuses dir when it, or the nearest folder above it that
// exists (for a workspace still to be created), is on a network volume.
// When the system cannot tell, the folder is taken to be local: a wrong
// refusal would lock the clerk out of their own work.
func checkLocal(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	probe := abs
	for {
		if _, err := os.Stat(probe); err == nil {
			break
		}
		up := filepath.Dir(probe)
		if up == probe {
			return nil
		}
		probe = up
	}
	v, err := volumeOf(probe)
	if err != nil || !v.Network {
		return nil
	}
	return &NetworkError{Dir: dir, Kind: v.Kind}
}

// Linux file-system magic numbers (statfs f_type) of network file systems.
// 9p is left out on purpose: it is also how WSL shows Windows drives and how
// virtual machines and sandboxes share the host's folders, where refusing it
// would lock out machines whose every folder is on it.
var linuxNetworkMagic = map[uint32]string{
	0x6969:     "nfs",
	0x517b:     "smb",
	0xff534d42: "cifs",
	0xfe534d42: "smb2",
	0x564c:     "ncp",
	0x5346414f: "afs",
	0x73757245: "coda",
	0x00c36400: "ceph",
	0x0bd00bd0: "lustre",
	0x47504653: "gpfs",
	0x013111a8: "ibrix",
	0x6b414653: "kafs",
}

// linuxFUSEMagic is FUSE's magic number: local (ntfs-3g on a USB disk) or
// network (sshfs), told apart by the subtype in /proc/self/mountinfo.
const linuxFUSEMagic = 0x65735546

// networkFUSE lists FUSE subtypes that reach over the network.
var networkFUSE = map[string]bool{
	"sshfs": true, "rclone": true, "s3fs": true, "gcsfuse": true, "davfs": true, "davfs2": true,
	"smbnetfs": true, "curlftpfs": true, "glusterfs": true, "cephfs": true, "ceph-fuse": true,
	"goofys": true, "blobfuse": true, "blobfuse2": true, "afpfs": true, "afpfs-ng": true,
}

// linuxVolume classifies a Linux file system from its magic number and, for
// FUSE, its type in mountinfo ("fuse.sshfs").
func linuxVolume(magic uint32, fuseType string) Volume {
	if name, ok := linuxNetworkMagic[magic]; ok {
		return Volume{Network: true, Kind: name}
	}
	if magic == linuxFUSEMagic {
		sub := strings.TrimPrefix(strings.TrimPrefix(fuseType, "fuseblk"), "fuse")
		sub = strings.TrimPrefix(sub, ".")
		if networkFUSE[sub] {
			return Volume{Network: true, Kind: fuseType}
		}
	}
	return Volume{}
}

// mountType finds, in the text of /proc/self/mountinfo, the file-system type
// of the mount that holds path (the longest mount point above it).
func mountType(mountinfo, path string) string {
	best, kind := -1, ""
	for _, line := range strings.Split(mountinfo, "\n") {
		pre, post, ok := strings.Cut(line, " - ")
		if !ok {
			continue
		}
		f := strings.Fields(pre)
		g := strings.Fields(post)
		if len(f) < 5 || len(g) < 1 {
			continue
		}
		mp := unescapeMount(f[4])
		if (path == mp || strings.HasPrefix(path, strings.TrimSuffix(mp, "/")+"/")) && len(mp) > best {
			best, kind = len(mp), g[0]
		}
	}
	return kind
}

// unescapeMount undoes mountinfo's octal escapes (\040 for a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if v, ok := octal(s[i+1 : i+4]); ok {
				b.WriteByte(v)
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func octal(s string) (byte, bool) {
	if len(s) != 3 {
		return 0, false
	}
	v := 0
	for _, c := range s {
		if c < '0' || c > '7' {
			return 0, false
		}
		v = v*8 + int(c-'0')
	}
	return byte(v), v < 256
}

// darwinNetworkFS lists macOS file-system type names (statfs f_fstypename)
// of network volumes.
var darwinNetworkFS = map[string]bool{
	"smbfs": true, "nfs": true, "afpfs": true, "webdav": true, "ftp": true, "cifs": true,
}

// isUNC reports whether a Windows path names a network share: \\server\share
// or \\?\UNC\server\share (not the \\?\C:\ and \\.\ device forms).
func isUNC(p string) bool {
	p = strings.ReplaceAll(p, "/", `\`)
	if up := strings.ToUpper(p); strings.HasPrefix(up, `\\?\UNC\`) {
		return true
	}
	if !strings.HasPrefix(p, `\\`) || strings.HasPrefix(p, `\\?\`) || strings.HasPrefix(p, `\\.\`) {
		return false
	}
	server, _, _ := strings.Cut(p[2:], `\`)
	return server != ""
}
