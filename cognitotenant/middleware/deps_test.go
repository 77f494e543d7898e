package middleware_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNetHTTPDoesNotCompileFrameworks checks that a net/http service using
// this package pulls in neither gin nor echo: the adapters live in their
// own packages so their dependency trees stay opt-in.
func TestNetHTTPDoesNotCompileFrameworks(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not on PATH")
	}
	const pkg = "github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	for _, tc := range []struct {
		pkg     string
		present bool
	}{
		{pkg, false},
		{pkg + "/ginmw", true},
		{pkg + "/echomw", true},
	} {
		out, err := exec.Command(goBin, "list", "-deps", tc.pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", tc.pkg, err)
		}
		deps := string(out)
		hasFramework := strings.Contains(deps, "github.com/gin-gonic/gin\n") ||
			strings.Contains(deps, "github.com/labstack/echo/v4\n")
		if hasFramework != tc.present {
			t.Errorf("%s: framework in dependencies = %v, want %v",
				tc.pkg, hasFramework, tc.present)
		}
	}
}
