package middleware_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
)

// TestErrorHandler checks that a custom handler writes the body while the
// RFC 6750 headers stay as the middleware set them.
func TestErrorHandler(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var seen *middleware.Refusal
	custom := func(w http.ResponseWriter, _ *http.Request, r *middleware.Refusal) {
		seen = r
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(r.Status)
		_, _ = w.Write([]byte("custom " + r.Code))
	}
	a := newAuth(t, e.live, middleware.WithErrorHandler(custom), middleware.WithRealm("notes"))

	for _, tc := range []struct {
		name, auth, body, challenge string
		status                      int
	}{
		{"refusal_goes_through_the_hook", "", "custom missing_token",
			`Bearer realm="notes"`, 401},
		{"accepted_request_skips_the_hook", "Bearer " + e.idToken(t, viewerA),
			"tenant=" + tenantA, "", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seen = nil
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			rec, _ := serveOnce(a, req)
			if rec.Code != tc.status || rec.Body.String() != tc.body {
				t.Fatalf("got %d %q, want %d %q", rec.Code, rec.Body, tc.status, tc.body)
			}
			if got := rec.Header().Get("WWW-Authenticate"); got != tc.challenge {
				t.Errorf("WWW-Authenticate = %q, want %q", got, tc.challenge)
			}
			if (seen != nil) != (tc.status != 200) {
				t.Errorf("hook called = %v, want %v", seen != nil, tc.status != 200)
			}
		})
	}
}

// TestRetryAfterRoundsUp checks the 503 header is whole seconds, never 0.
func TestRetryAfterRoundsUp(t *testing.T) {
	t.Parallel()
	down := verifierFunc(func(context.Context, string) (*cognitotenant.Claims, error) {
		return nil, cognitotenant.NewVerifyError(cognitotenant.ReasonKeysUnavailable, nil)
	})
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{{1500 * time.Millisecond, "2"}, {time.Second, "1"}, {time.Millisecond, "1"}} {
		a, err := middleware.New(down, middleware.WithRetryAfter(tc.d))
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Authorization", "Bearer abc.def.ghi")
		rec, _ := serveOnce(a, req)
		if rec.Code != 503 || rec.Header().Get("Retry-After") != tc.want {
			t.Errorf("%v: got %d Retry-After %q, want 503 %q",
				tc.d, rec.Code, rec.Header().Get("Retry-After"), tc.want)
		}
	}
}

// TestNoTokenInLogs sends refused tokens and checks that the log lines
// name the issuer and reason but never contain the token.
func TestNoTokenInLogs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var logs logBuffer
	a := newAuth(t, e.live, middleware.WithLogger(logs.logger()))
	tokens := []string{
		e.idToken(t, viewerA, withExpiredClaims()...),
		e.idToken(t, viewerA, withOtherClient()),
	}
	for _, tok := range tokens {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		if rec, _ := serveOnce(a, req); rec.Code != 401 {
			t.Fatalf("status = %d, want 401", rec.Code)
		}
	}
	out := logs.text()
	for _, tok := range tokens {
		_, sig, _ := strings.Cut(tok[strings.Index(tok, ".")+1:], ".")
		if strings.Contains(out, tok) || strings.Contains(out, sig) {
			t.Fatal("a token reached the log")
		}
	}
	recs := logs.records(t)
	if len(recs) != 2 {
		t.Fatalf("logged %d lines, want 2", len(recs))
	}
	for _, r := range recs {
		if r["issuer"] != e.iss.IssuerURL() || r["kid"] != e.iss.IDKeyID() ||
			r["level"] != "DEBUG" {
			t.Errorf("log line %v lacks the issuer or kid, or is not Debug", r)
		}
	}
}
