package middleware_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware/echomw"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware/ginmw"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

// discardWriter is a ResponseWriter that keeps nothing, so a benchmark
// measures routing and middleware rather than a recorder's buffers.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

// benchRoutes builds, per framework, the same "GET /notes" handler three
// ways: bare, behind authentication, and behind authentication plus a
// permission requirement.
type benchRoutes struct {
	name                  string
	bare, authn, authnReq http.Handler
}

func buildBenchRoutes(a *middleware.Authenticator) []benchRoutes {
	ok := []byte("ok")
	read := middleware.Permission(rbac.PermRead)

	stdH := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(ok) })
	std := benchRoutes{name: "net_http", bare: stdH, authn: a.Handler(stdH),
		authnReq: a.Handler(a.Require(read)(stdH))}

	ginH := func(c *gin.Context) { c.Data(http.StatusOK, "text/plain", ok) }
	ginEngine := func(mw ...gin.HandlerFunc) http.Handler {
		e := gin.New()
		e.GET("/notes", append(mw, ginH)...)
		return e
	}
	gn := benchRoutes{name: "gin", bare: ginEngine(),
		authn:    ginEngine(ginmw.Authenticate(a)),
		authnReq: ginEngine(ginmw.Authenticate(a), ginmw.Require(a, read))}

	echoH := func(c echo.Context) error { return c.Blob(http.StatusOK, "text/plain", ok) }
	echoEngine := func(mw ...echo.MiddlewareFunc) http.Handler {
		e := echo.New()
		e.GET("/notes", echoH, mw...)
		return e
	}
	ec := benchRoutes{name: "echo", bare: echoEngine(),
		authn:    echoEngine(echomw.Authenticate(a)),
		authnReq: echoEngine(echomw.Authenticate(a), echomw.Require(a, read))}

	return []benchRoutes{std, gn, ec}
}

// BenchmarkAdapters measures a request through each adapter with a warm
// verified-token cache against the same handler without the middleware.
// The middleware's cost is the difference between the "authenticated"
// and "bare" figures of one framework.
func BenchmarkAdapters(b *testing.B) {
	e := newEnv(b)
	a := newAuth(b, e.live)
	req := httptest.NewRequest(http.MethodGet, "/notes", nil)
	req.Header.Set("Authorization", "Bearer "+e.idToken(b, viewerA))
	// One verification fills the cache, as the first request would.
	tok := req.Header.Get("Authorization")[len("Bearer "):]
	if _, err := e.live.Verify(context.Background(), tok); err != nil {
		b.Fatal(err)
	}

	for _, rt := range buildBenchRoutes(a) {
		for _, v := range []struct {
			name string
			h    http.Handler
		}{{"bare", rt.bare}, {"authenticated", rt.authn}, {"authorized", rt.authnReq}} {
			b.Run(rt.name+"/"+v.name, func(b *testing.B) {
				w := &discardWriter{h: make(http.Header)}
				v.h.ServeHTTP(w, req)
				b.ReportAllocs()
				reportCPU(b, func() {
					clear(w.h)
					v.h.ServeHTTP(w, req)
				})
			})
		}
	}
}

// BenchmarkVerifyCached is the warm-cache verifier call alone, to split
// the middleware's own share out of BenchmarkAdapters.
func BenchmarkVerifyCached(b *testing.B) {
	e := newEnv(b)
	tok := e.idToken(b, viewerA)
	ctx := context.Background()
	if _, err := e.live.Verify(ctx, tok); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	reportCPU(b, func() {
		if _, err := e.live.Verify(ctx, tok); err != nil {
			b.Fatal(err)
		}
	})
}
