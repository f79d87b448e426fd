package scan

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Options tune the validator. The zero value of a field means its default.
type Options struct {
	// MaxBytes: larger files are refused without being read (default 100 MB).
	MaxBytes int64 `json:"max_bytes"`
	// WarnBytes: larger files get a warning (default 10 MB).
	WarnBytes int64 `json:"warn_bytes"`
	// MaxPixels: images whose header promises more are refused before
	// decoding (default 120 megapixels, a 200-megapixel phone photo is
	// refused with a request to send a smaller copy).
	MaxPixels int64 `json:"max_pixels"`
	// MaxPages: longer PDFs are refused (default 300).
	MaxPages int `json:"max_pages"`
	// MemoryBudget bounds the decoded pixels held at once by all workers
	// together (default 768 MB).
	MemoryBudget int64 `json:"memory_budget"`
	// MinDPI: below it a page is refused as unreadable (default 100).
	// WarnDPI is the target: below it a page gets a warning (default 200;
	// a value not above MinDPI means the default).
	MinDPI  int `json:"min_dpi"`
	WarnDPI int `json:"warn_dpi"`
	// BlurThreshold: a sharpness below it is reported as blurry.
	BlurThreshold float64 `json:"blur_threshold"`
	// Workers: files checked at once (default: the number of CPUs).
	Workers int `json:"workers"`
	// PDFTimeout: a PDF check that takes longer is stopped (default 60 s).
	PDFTimeout time.Duration `json:"pdf_timeout"`
	// WorkerMemory: the memory cap of the PDF worker process (default 1.5 GB).
	WorkerMemory int64 `json:"worker_memory"`
	// Worker starts the PDF worker process; nil means SelfWorker. Set
	// NoIsolation to check PDFs in this process (under recover only).
	Worker      WorkerCommand `json:"-"`
	NoIsolation bool          `json:"-"`
	// CacheDir holds cached results; "" means DefaultCacheDir(). NoCache
	// turns the cache off.
	CacheDir string `json:"-"`
	NoCache  bool   `json:"-"`
}

// Resolution defaults: scans below DefaultMinDPI on A4 are refused, below
// the target (DefaultWarnDPI unless the clerk chose another) warned about.
const (
	DefaultMinDPI  = 100
	DefaultWarnDPI = 200
)

// TargetDPIChoices are the target resolutions offered in the settings: 150
// for clerks whose scanners or offices settle for less, 300 for those who
// want every stamp legible.
var TargetDPIChoices = []int{150, 200, 300}

// ParseTargetDPI reads a stored target resolution. It returns 0 (meaning
// the default) for anything that is not a whole number above the
// DefaultMinDPI floor and at most 1200, so a damaged setting cannot turn
// the warning off or on for every page.
func ParseTargetDPI(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= DefaultMinDPI || n > 1200 {
		return 0
	}
	return n
}

// DefaultCacheDir is the user's cache folder for scan results, used when
// no workspace gives its own.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "dossier", "scan")
}

func (o Options) withDefaults() Options {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MaxBytes, 100<<20)
	def(&o.WarnBytes, 10<<20)
	def(&o.MaxPixels, 120_000_000)
	def(&o.MemoryBudget, 768<<20)
	def(&o.WorkerMemory, 1536<<20)
	if o.MaxPages <= 0 {
		o.MaxPages = 300
	}
	if o.MinDPI <= 0 {
		o.MinDPI = DefaultMinDPI
	}
	if o.WarnDPI <= o.MinDPI {
		// A target at or below the floor would leave no warning band and
		// advise rescanning at a resolution that is itself refused.
		o.WarnDPI = max(DefaultWarnDPI, o.MinDPI+1)
	}
	if o.BlurThreshold <= 0 {
		o.BlurThreshold = defaultBlurThreshold
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.PDFTimeout <= 0 {
		o.PDFTimeout = 60 * time.Second
	}
	if o.Worker == nil && !o.NoIsolation {
		o.Worker = SelfWorker
	}
	if o.NoIsolation {
		o.Worker = nil
	}
	if o.CacheDir == "" && !o.NoCache {
		o.CacheDir = DefaultCacheDir()
	}
	return o
}
