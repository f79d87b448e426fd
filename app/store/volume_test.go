package store

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

// fakeVolumes makes every folder under root look like a network drive of
// kind for the test's duration.
func fakeVolumes(t *testing.T, root, kind string) {
	t.Helper()
	prev := volumeOf
	t.Cleanup(func() { volumeOf = prev })
	volumeOf = func(dir string) (Volume, error) {
		if rel, err := filepath.Rel(root, dir); err == nil && filepath.IsLocal(rel) || dir == root {
			return Volume{Network: true, Kind: kind}, nil
		}
		return Volume{}, nil
	}
}

func TestOpenRefusesNetworkVolume(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	// A workspace made while the folder was local…
	local := filepath.Join(base, "ws")
	w, err := Open(ctx, local, Options{Create: true})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	before, err := os.ReadFile(filepath.Join(local, DBName))
	require.NoError(t, err)

	fakeVolumes(t, base, "smb2")
	for _, tc := range []struct {
		name string
		dir  string
		opts Options
	}{
		{"existing workspace", local, Options{}},
		{"new workspace", filepath.Join(base, "new", "ws"), Options{Create: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(ctx, tc.dir, tc.opts)
			require.ErrorIs(t, err, ErrNetworkVolume)
			for _, lang := range i18n.Langs {
				msg := Explain(lang, err)
				assert.Contains(t, msg, tc.dir)
				assert.Contains(t, msg, "smb2")
				assert.Equal(t, i18n.T(lang, "store.network_volume", tc.dir, "smb2"), msg)
			}
		})
	}
	// Nothing was written: no new folder, no lock, the database as it was.
	_, err = os.Stat(filepath.Join(base, "new"))
	assert.ErrorIs(t, err, os.ErrNotExist)
	after, err := os.ReadFile(filepath.Join(local, DBName))
	require.NoError(t, err)
	assert.Equal(t, before, after)

	// A local folder beside it still opens.
	volumeOf = func(string) (Volume, error) { return Volume{}, nil }
	w, err = Open(ctx, local, Options{})
	require.NoError(t, err)
	require.NoError(t, w.Close())
}

func TestLinuxVolumeTypes(t *testing.T) {
	for _, tc := range []struct {
		magic   uint32
		fuse    string
		network bool
	}{
		{0xef53, "", false},              // ext4
		{0x9123683e, "", false},          // btrfs
		{0x01021994, "", false},          // tmpfs
		{0x6969, "", true},               // nfs
		{0xff534d42, "", true},           // cifs
		{0xfe534d42, "", true},           // smb2
		{0x517b, "", true},               // smbfs
		{0x65735546, "fuse.sshfs", true}, // sshfs
		{0x65735546, "fuse.rclone", true},
		{0x65735546, "fuseblk", false}, // ntfs-3g on a USB disk
		{0x65735546, "fuse.ntfs-3g", false},
		{0x65735546, "", false}, // FUSE of unknown kind: taken as local
	} {
		v := linuxVolume(tc.magic, tc.fuse)
		assert.Equal(t, tc.network, v.Network, "%#x %s", tc.magic, tc.fuse)
	}
}

func TestMountType(t *testing.T) {
	info := `22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /home/anna/share rw,nosuid shared:20 - fuse.sshfs anna@server:/srv rw
41 22 8:17 / /media/anna/USB\040disk rw shared:21 - fuseblk /dev/sdb1 rw
`
	assert.Equal(t, "fuse.sshfs", mountType(info, "/home/anna/share/ws"))
	assert.Equal(t, "fuse.sshfs", mountType(info, "/home/anna/share"))
	assert.Equal(t, "ext4", mountType(info, "/home/anna/shared"))
	assert.Equal(t, "fuseblk", mountType(info, "/media/anna/USB disk/ws"))
	assert.Equal(t, "ext4", mountType(info, "/tmp"))
}

func TestUNCPaths(t *testing.T) {
	for p, want := range map[string]bool{
		`\\server\share\Dossier`:       true,
		`\\?\UNC\server\share\Dossier`: true,
		`//server/share/Dossier`:       true,
		`C:\Users\anna\Documents`:      false,
		`\\?\C:\Users\anna`:            false,
		`\\.\PhysicalDrive0`:           false,
		`Z:\Dossier`:                   false, // a mapped drive: GetDriveType decides
		`\Users\anna`:                  false,
		`\\`:                           false,
	} {
		assert.Equal(t, want, isUNC(p), p)
	}
	assert.True(t, darwinNetworkFS["smbfs"])
	assert.False(t, darwinNetworkFS["apfs"])
}

// TestThisMachineIsLocal: the real probe runs and finds the test's own
// temporary folder local (CI runs on a local disk).
func TestThisMachineIsLocal(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		t.Skip("no probe on this system")
	}
	v, err := systemVolume(t.TempDir())
	require.NoError(t, err)
	assert.False(t, v.Network, "%+v", v)
}
