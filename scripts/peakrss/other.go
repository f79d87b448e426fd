//go:build !linux

package main

import (
	"fmt"
	"os"
)

// peakrss samples /proc, which only Linux has.
func main() {
	fmt.Fprintln(os.Stderr, "peakrss: Linux only")
	os.Exit(2)
}
