// Package testenv lets tests that need an outside service skip locally,
// with the command that provides it, and fail under CI, where a missing
// service is a broken build rather than a reason to test less.
package testenv

import (
	"os"
	"testing"
)

// InCI reports whether the tests run under CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing stops t because what it needs is absent: a skip naming how to
// provide it, or under CI a fatal error.
func Missing(t testing.TB, what, how string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is required under CI but missing; provide it with: %s", what, how)
	}
	t.Skipf("SKIPPED: %s is missing; provide it with: %s", what, how)
}
