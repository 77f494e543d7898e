//go:build unix

package middleware_test

import (
	"syscall"
	"testing"
	"time"
)

// processCPU returns the CPU time the process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU runs loop and reports the process CPU time per iteration as
// cpu-ns/op. On a machine shared with other work, wall-clock ns/op
// includes time spent descheduled; CPU time does not, so the two together
// show how much of a figure is contention. Run with -cpu 1 so the process
// time is the benchmark's own (plus its garbage collection).
func reportCPU(b *testing.B, loop func()) {
	start := processCPU()
	n := 0
	for b.Loop() {
		loop()
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(processCPU()-start)/float64(n), "cpu-ns/op")
	}
}
