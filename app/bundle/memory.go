package bundle

import (
	"math"
	"runtime/debug"
	"sync"
)

// memoryHeadroom is what a build may use beyond the bytes of its inputs.
const memoryHeadroom = 64 << 20

// limitMemory sets Go's soft memory limit to the inputs' size plus
// headroom for the rest of a build and returns the function that restores
// the previous limit. A build holds every input in memory (pdfcpu writes
// from byte slices) and makes garbage while writing; with the default GC
// pacing the heap may grow to twice the live data before a collection, so
// without a limit a 100 MB package would peak near 200 MB. An existing lower
// limit is kept.
func limitMemory(inputBytes int64) (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	want := inputBytes + memoryHeadroom
	if want <= 0 || want > prev {
		return func() {}
	}
	debug.SetMemoryLimit(want)
	return func() {
		if prev == math.MaxInt64 {
			debug.SetMemoryLimit(math.MaxInt64)
			return
		}
		debug.SetMemoryLimit(prev)
	}
}

func inputBytes(docs []*loadedDoc) int64 {
	var n int64
	for _, d := range docs {
		for _, p := range d.parts {
			n += int64(len(p.src.data))
		}
	}
	return n
}

// raiseMemoryLimit adds extra bytes to a soft memory limit in force (set by
// limitMemory) while pictures are squeezed: each worker needs room for the
// largest picture decoded (about 1.5 bytes a pixel), copied into planes and
// resampled. Without a limit in force it does nothing.
func raiseMemoryLimit(parts []docPart) (restore func()) {
	var px int64
	for _, p := range parts {
		if p.pic != nil {
			px = max(px, int64(p.src.w)*int64(p.src.h))
		}
	}
	prev := debug.SetMemoryLimit(-1)
	if prev == math.MaxInt64 || px == 0 {
		return func() {}
	}
	debug.SetMemoryLimit(prev + int64(workers())*px*4)
	return func() { debug.SetMemoryLimit(prev) }
}

// Pictures redrawn at once hold their decoded pixels, planes and new
// encoding: pictureMemory bounds that across the workers (a picture needing
// more than all of it runs alone), so that squeezing several large photos
// side by side cannot add up past the memory goal (docs/package.md).
const pictureMemory = 160 << 20

var pictures = newByteGate(pictureMemory)

// pictureCost estimates the bytes redrawing a w×h picture takes: the
// decoded image, three planes and their encoding (about ten bytes a pixel).
func pictureCost(w, h int) int64 { return min(int64(w)*int64(h)*10, pictureMemory) }

// byteGate is a weighted semaphore over bytes.
type byteGate struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
}

func newByteGate(n int64) *byteGate {
	g := &byteGate{free: n}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *byteGate) acquire(n int64) {
	g.mu.Lock()
	for g.free < n {
		g.cond.Wait()
	}
	g.free -= n
	g.mu.Unlock()
}

func (g *byteGate) release(n int64) {
	g.mu.Lock()
	g.free += n
	g.cond.Broadcast()
	g.mu.Unlock()
}

// judgeMemoryLimit is Go's soft memory limit while files are validated in
// this process (pictures are decoded there): the collector then returns a
// checked picture's pixels before the next is decoded or the build starts.
const judgeMemoryLimit = 200 << 20
