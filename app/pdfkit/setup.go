package pdfkit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdffont "github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Font is a TrueType font installed into pdfcpu's configuration folder.
type Font struct {
	Name string // the name pdfcpu knows it by once installed
	Data []byte // the .ttf file
}

var (
	setupMu   sync.Mutex
	setupDir  string
	setupFont = map[string]bool{}
)

// installedFonts are the names of the fonts Setup installed.
func installedFonts() map[string]bool {
	setupMu.Lock()
	defer setupMu.Unlock()
	return maps.Clone(setupFont)
}

// ErrNotSetUp is returned by builds when Setup has not run.
var ErrNotSetUp = errors.New("pdfkit: pdfcpu configuration not set up")

// Setup points pdfcpu at its configuration folder dir and installs fonts
// there on first use. pdfcpu keeps this in process-wide state, so the whole
// program shares one folder; calling Setup again with the same dir does
// nothing, with another dir switches.
//
// Below the api: api.EnsureDefaultConfigAt takes no flag for pdfcpu's
// automatic font install and api.InstallFonts takes only file paths, while
// the fonts are embedded in the program (pdffont.InstallFontFromBytesQuiet).
func Setup(dir string, fonts []Font) error {
	setupMu.Lock()
	defer setupMu.Unlock()
	if setupDir == dir && dir != "" {
		return nil
	}
	if err := model.EnsureDefaultConfigAt(dir, false); err != nil {
		return fmt.Errorf("pdfkit: pdfcpu config in %s: %w", dir, err)
	}
	fontDir := pdffont.UserFontDir
	installed := false
	for _, f := range fonts {
		if _, err := os.Stat(filepath.Join(fontDir, f.Name+".gob")); err == nil {
			continue
		}
		if err := pdffont.InstallFontFromBytesQuiet(fontDir, f.Name, f.Data); err != nil {
			return fmt.Errorf("pdfkit: install font %s: %w", f.Name, err)
		}
		installed = true
	}
	if installed {
		if err := pdffont.ReloadUserFonts(context.Background()); err != nil {
			return fmt.Errorf("pdfkit: load fonts: %w", err)
		}
	} else if err := pdffont.LoadUserFonts(context.Background()); err != nil {
		return fmt.Errorf("pdfkit: load fonts: %w", err)
	}
	for _, f := range fonts {
		if ok, err := pdffont.IsUserFont(context.Background(), f.Name); err != nil || !ok {
			return fmt.Errorf("pdfkit: font %s not available after install: %v", f.Name, err)
		}
	}
	setupDir = dir
	for _, f := range fonts {
		setupFont[f.Name] = true
	}
	return nil
}

// DisableConfigDir keeps pdfcpu from creating or reading its configuration
// folder in this process (the validation worker, tests of validation):
// configurations are then built in, and no user font is available. Below
// the api: api.DisableConfigDir, which does the same, is deprecated in
// pdfcpu 0.16 in favour of a stateless configuration per call, but pdfcpu
// still makes its default configuration (and the folder) on first use
// unless this switch is set.
func DisableConfigDir() { model.ConfigPath = "disable" }

// IsSetUp reports whether Setup has run.
func IsSetUp() bool {
	setupMu.Lock()
	defer setupMu.Unlock()
	return setupDir != ""
}

// ConfigDir is the folder Setup pointed pdfcpu at ("" before Setup).
func ConfigDir() string {
	setupMu.Lock()
	defer setupMu.Unlock()
	return setupDir
}

// WordWrap breaks text into lines no wider than width points in fontName
// at size points, with pdfcpu's metrics: what it measures is what it draws.
func WordWrap(text, fontName string, size, width float64) ([]string, error) {
	return model.WordWrapFloat(context.Background(), text, fontName, size, width)
}

// NewConfig is a fresh pdfcpu configuration for a call of pdfcpu's api that
// needs one (pdfcpu changes the one it is given). Callers outside pdfkit
// pass it on without looking inside.
func NewConfig() *model.Configuration { return writeConfig() }

// CreateFromJSON draws a new PDF from pdfcpu's JSON description of pages,
// text and fonts (api.Create) and writes it to w.
func CreateFromJSON(c context.Context, desc []byte, w io.Writer) (err error) {
	defer guard("create", &err)
	if err := c.Err(); err != nil {
		return err
	}
	return api.Create(c, nil, bytes.NewReader(desc), w, model.NewDefaultConfiguration())
}

// Encrypt protects pdf with AES-256: userPW is needed to open it ("" for
// none), ownerPW to change it; noPermissions also forbids printing and
// copying. Dossier never encrypts what it writes: this makes the protected
// files its tests feed to validation and the builder.
func Encrypt(c context.Context, pdf []byte, userPW, ownerPW string, noPermissions bool) (out []byte, err error) {
	defer guard("encrypt", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	conf := model.NewAESConfiguration(userPW, ownerPW, 256)
	if noPermissions {
		conf.Permissions = model.PermissionsNone
	}
	var buf bytes.Buffer
	if err := api.Encrypt(c, bytes.NewReader(pdf), &buf, conf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ImagesToPDF makes a PDF with a page per image (JPEG, PNG, …) laid out as
// pdfcpu's import description desc says ("form:A4, pos:c, sc:1.0 rel": A4,
// centred, fitted; "" for pdfcpu's default), through api.ImportImages. Tests use it to make PDFs of
// scans like those clerks receive.
func ImagesToPDF(c context.Context, imgs []io.Reader, desc string) (out []byte, err error) {
	defer guard("import images", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var imp *pdfcpu.Import // "": pdfcpu's default
	if desc != "" {
		if imp, err = api.Import(desc, types.POINTS); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := api.ImportImages(c, nil, &buf, imgs, imp, writeConfig()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// TextWidth is the width in points of text in fontName at size points,
// with the metrics WordWrap uses.
func TextWidth(text, fontName string, size float64) (float64, error) {
	return pdffont.TextWidthFloat(context.Background(), text, fontName, size)
}
