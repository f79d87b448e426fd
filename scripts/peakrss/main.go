//go:build linux

// Command peakrss runs a command and reports the peak resident memory of
// its whole process tree (the command and every process it starts, such as
// Dossier's scan worker), sampled from /proc every few milliseconds, with
// the command's CPU time and exit status. Linux only.
//
//	peakrss [-every 5ms] -- CMD ARGS…
//
// Output (stderr, one line): "peak_rss_mib=N cpu_s=N exit=N wall_s=N".
// The largest single process's own peak (from the kernel's rusage, exact) is
// a lower bound of the tree's; the sampled sum can miss a spike shorter than
// the interval.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	every := flag.Duration("every", 5*time.Millisecond, "sampling interval")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: peakrss [-every 5ms] -- CMD ARGS…")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(*every)
	defer tick.Stop()
	var err error
loop:
	for {
		select {
		case err = <-done:
			break loop
		case <-tick.C:
			peak = max(peak, treeRSS(cmd.Process.Pid))
		}
	}
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		code = -1
	}
	var cpu float64
	var selfMax int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu = tv(ru.Utime) + tv(ru.Stime)
		selfMax = ru.Maxrss * 1024
	}
	// Children of the command (the scan worker) that it waited for.
	var kids syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids) == nil {
		cpu = tv(kids.Utime) + tv(kids.Stime)
		selfMax = max(selfMax, kids.Maxrss*1024)
	}
	peak = max(peak, selfMax)
	fmt.Fprintf(os.Stderr, "peak_rss_mib=%.0f cpu_s=%.2f exit=%d wall_s=%.2f\n",
		float64(peak)/(1<<20), cpu, code, time.Since(start).Seconds())
	os.Exit(0)
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }

// treeRSS sums VmRSS over pid and its descendants.
func treeRSS(pid int) int64 {
	parent := map[int]int{}
	entries, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, e := range entries {
		b, err := os.ReadFile(e)
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 2 {
			continue
		}
		p, _ := strconv.Atoi(filepath.Base(filepath.Dir(e)))
		pp, _ := strconv.Atoi(f[1])
		parent[p] = pp
	}
	var sum int64
	for p := range parent {
		for q := p; q > 1; q = parent[q] {
			if q == pid {
				sum += rss(p)
				break
			}
		}
	}
	return sum
}

func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n * 1024
			}
		}
	}
	return 0
}
