//go:build linux

package scan

import "syscall"

// hardLimit caps the process's address space so that a file that would
// exhaust memory kills only the worker, not the computer's other programs.
// Go reserves address space lazily, so the cap is the limit plus headroom
// for the runtime's own mappings.
func hardLimit(n int64) {
	lim := uint64(n) + 512<<20
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim})
}
