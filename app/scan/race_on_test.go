//go:build race

package scan

// raceEnabled: the race detector multiplies a process's memory several
// times, so tests of memory caps on the PDF worker do not hold under it.
const raceEnabled = true
