package bundle

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"dossier/app/scan"
	"dossier/assets/fonts"

	pdffont "github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Font names as pdfcpu knows them once installed.
const (
	fontRegular = "DejaVuSans"
	fontBold    = "DejaVuSans-Bold"
)

var (
	setupMu  sync.Mutex
	setupDir string
)

// ErrNotSetUp is returned by builds when Setup has not run.
var ErrNotSetUp = errors.New("bundle: pdfcpu configuration not set up")

// DefaultConfigDir is where Dossier keeps pdfcpu's configuration and the
// installed fonts: <user config dir>/dossier.
func DefaultConfigDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("bundle: user config dir: %w", err)
	}
	return filepath.Join(dir, "dossier"), nil
}

// Setup points pdfcpu at its configuration folder under dir (dir/pdfcpu) and
// installs the embedded DejaVu fonts there on first use. pdfcpu keeps this
// in process-wide state, so the whole program shares one folder; calling
// Setup again with the same dir does nothing, with another dir switches.
// Tests pass a temporary folder.
func Setup(dir string) error {
	setupMu.Lock()
	defer setupMu.Unlock()
	if setupDir == dir && dir != "" {
		return nil
	}
	if err := model.EnsureDefaultConfigAt(dir, false); err != nil {
		return fmt.Errorf("bundle: pdfcpu config in %s: %w", dir, err)
	}
	fontDir := pdffont.UserFontDir
	installed := false
	for _, f := range []struct {
		name string
		data []byte
	}{{fontRegular, fonts.DejaVuSans}, {fontBold, fonts.DejaVuSansBold}} {
		if _, err := os.Stat(filepath.Join(fontDir, f.name+".gob")); err == nil {
			continue
		}
		if err := pdffont.InstallFontFromBytesQuiet(fontDir, f.name, f.data); err != nil {
			return fmt.Errorf("bundle: install font %s: %w", f.name, err)
		}
		installed = true
	}
	if installed {
		if err := pdffont.ReloadUserFonts(); err != nil {
			return fmt.Errorf("bundle: load fonts: %w", err)
		}
	} else if err := pdffont.LoadUserFonts(); err != nil {
		return fmt.Errorf("bundle: load fonts: %w", err)
	}
	for _, name := range []string{fontRegular, fontBold} {
		if ok, err := pdffont.IsUserFont(name); err != nil || !ok {
			return fmt.Errorf("bundle: font %s not available after install: %v", name, err)
		}
	}
	setupDir = dir
	return nil
}

// SetupDefault runs Setup with DefaultConfigDir.
func SetupDefault() error {
	dir, err := DefaultConfigDir()
	if err != nil {
		return err
	}
	return Setup(dir)
}

func ensureSetup() error {
	setupMu.Lock()
	defer setupMu.Unlock()
	if setupDir == "" {
		return ErrNotSetUp
	}
	return nil
}

// readConf is the configuration for reading an input PDF: scan
// validation's read limits (the same for every reader of an untrusted PDF)
// with the builder's settings.
func readConf() *model.Configuration {
	conf := scan.ReadConfig()
	conf.CreateBookmarks = false
	conf.OptimizeBeforeWriting = false
	return conf
}

// newConf returns a fresh pdfcpu configuration: pdfcpu changes the one it is
// given, so every call gets its own.
func newConf() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.Offline = true
	conf.CreateBookmarks = false
	conf.ValidationMode = model.ValidationRelaxed
	conf.OptimizeBeforeWriting = false
	return conf
}
