//go:build linux

package scan

import "syscall"

// hardLimit caps the worker's data segment so that a file that would
// exhaust memory kills only the worker, not the computer's other programs.
// RLIMIT_DATA (Linux 4.7 and later) counts writable private mappings, which
// is what the Go heap uses; RLIMIT_AS would also count the large address
// ranges the Go runtime reserves without using and stop it at start.
func hardLimit(n int64) {
	lim := uint64(n) + 128<<20 // the binary's own data and the runtime's arena metadata
	_ = syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: lim, Max: lim})
}
