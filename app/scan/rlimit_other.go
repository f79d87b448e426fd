//go:build !linux

package scan

// hardLimit has no portable equivalent outside Linux: on Windows and macOS
// the worker relies on the Go memory limit and the parent's timeout.
func hardLimit(int64) {}
