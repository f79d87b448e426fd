// Package buildinfo knows which Dossier this is: version, build number and commit.
//
// The version lives in one place, FyneApp.toml, which `fyne package` also reads;
// main embeds that file and hands it to Init, so the CLI, the window title and
// the installers always agree. The commit comes from the Go toolchain's VCS
// stamp, or from -ldflags "-X dossier/app/buildinfo.Commit=…" for builds made
// outside a git checkout.
package buildinfo

import (
	"bufio"
	"bytes"
	"runtime/debug"
	"strconv"
	"strings"
)

var (
	// Version is the release version, e.g. "0.1.0"; "dev" until Init runs.
	Version = "dev"
	// Build is the build number from FyneApp.toml.
	Build = 0
	// Commit is the short VCS revision, with "+dirty" for modified trees.
	Commit = ""
	// AppID is the reverse-DNS application ID.
	AppID = "kz.dossier.app"
	// Name is the product name.
	Name = "Dossier"
)

// Init reads the [Details] section of FyneApp.toml. It is deliberately tiny: the
// file is ours and flat, and a TOML dependency for three keys is not worth it.
func Init(fyneAppToml []byte) {
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(fyneAppToml))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[] ")
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok || section != "Details" {
			continue
		}
		key = strings.TrimSpace(key)
		val = strings.Trim(strings.TrimSpace(val), `"`)
		switch key {
		case "Version":
			Version = val
		case "Build":
			if n, err := strconv.Atoi(val); err == nil {
				Build = n
			}
		case "ID":
			AppID = val
		case "Name":
			Name = val
		}
	}
	if Commit == "" {
		Commit = vcsCommit()
	}
}

func vcsCommit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && dirty {
		rev += "+dirty"
	}
	return rev
}
