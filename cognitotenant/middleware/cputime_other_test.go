//go:build !unix

package middleware_test

import "testing"

// reportCPU runs loop; without getrusage only wall-clock time is reported.
func reportCPU(b *testing.B, loop func()) {
	for b.Loop() {
		loop()
	}
}
