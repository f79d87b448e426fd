package bundle

import (
	"fmt"
	"os"
	"path/filepath"

	"dossier/app/pdfkit"
	"dossier/app/scan"
	"dossier/assets/fonts"
)

// Font names as pdfcpu knows them once installed.
const (
	fontRegular = "DejaVuSans"
	fontBold    = "DejaVuSans-Bold"
)

// ErrNotSetUp is returned by builds when Setup has not run.
var ErrNotSetUp = pdfkit.ErrNotSetUp

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
// installs the embedded DejaVu fonts there on first use (pdfkit.Setup). pdfcpu keeps this
// in process-wide state, so the whole program shares one folder; calling
// Setup again with the same dir does nothing, with another dir switches.
// Tests pass a temporary folder.
func Setup(dir string) error {
	return pdfkit.Setup(dir, []pdfkit.Font{{Name: fontRegular, Data: fonts.DejaVuSans}, {Name: fontBold, Data: fonts.DejaVuSansBold}})
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
	if !pdfkit.IsSetUp() {
		return ErrNotSetUp
	}
	return nil
}

// readLimits are the read limits for input PDFs: scan validation's (the
// same for every reader of an untrusted PDF).
func readLimits() pdfkit.Limits { return pdfkit.Limits{MaxImagePixels: scan.DefaultMaxPixels} }
