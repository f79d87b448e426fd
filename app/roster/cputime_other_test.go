//go:build !unix

package roster

import "time"

// cpuTime is not measured outside Unix; the benchmarks then report 0.
func cpuTime() time.Duration { return 0 }
