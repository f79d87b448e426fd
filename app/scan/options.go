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
	// decoding (default 50 megapixels: a 600-dpi A4 scan is 35, a 48-MP
	// phone photo fits; a 600-dpi A3 scan or a 200-MP photo is refused with
	// a request to scan at 300 dpi or send a smaller copy).
	MaxPixels int64 `json:"max_pixels"`
	// MaxPages: longer PDFs are refused (default 300).
	MaxPages int `json:"max_pages"`
	// MemoryBudget bounds what all checks hold at once (default 224 MiB):
	// the bytes of picture files being checked, their decoded pixels
	// (estimated from the header before decoding) and the memory cap of
	// each PDF worker running. With Go's own overhead, the whole process
	// tree stays under 300 MiB whatever the files are. A picture that
	// cannot be decoded within it is refused as too big, with advice.
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
	// WorkerMemory: the memory cap of one PDF worker process (default 128
	// MiB, of which half may hold a page picture being decoded); it is
	// reserved from MemoryBudget while the worker runs.
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

// DefaultMaxPixels is the default of Options.MaxPixels; the package
// builder refuses larger pictures too.
const DefaultMaxPixels = defaultMaxPixels

// Memory defaults (see Options and docs/package.md).
const (
	defaultMaxPixels    = 50_000_000
	defaultMemoryBudget = 224 << 20
	defaultWorkerMemory = 128 << 20
)

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
	def(&o.MaxPixels, defaultMaxPixels)
	def(&o.MemoryBudget, defaultMemoryBudget)
	def(&o.WorkerMemory, defaultWorkerMemory)
	// A worker must fit in the budget, or no PDF could ever be checked.
	o.WorkerMemory = min(o.WorkerMemory, o.MemoryBudget)
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
