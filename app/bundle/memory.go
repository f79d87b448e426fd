package bundle

import (
	"math"
	"runtime/debug"
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
