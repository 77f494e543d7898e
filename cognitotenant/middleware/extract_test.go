package middleware_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

// countingVerifier counts the tokens that reach the real verifier.
type countingVerifier struct {
	next  middleware.TokenVerifier
	calls atomic.Int32
}

func (c *countingVerifier) Verify(ctx context.Context, tok string) (*cognitotenant.Claims, error) {
	c.calls.Add(1)
	return c.next.Verify(ctx, tok)
}

// serveOnce sends req through a.Handler around a handler that reports
// the tenant it saw, and returns the recorder and whether it ran.
func serveOnce(a *middleware.Authenticator, req *http.Request) (*httptest.ResponseRecorder, bool) {
	var ran bool
	h := a.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ran = true
		tenant, _ := cognitotenant.TenantFromContext(r.Context())
		_, _ = w.Write([]byte("tenant=" + tenant))
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec, ran
}

func TestExtraction(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	good := e.idToken(t, viewerA)
	xToken := func(r *http.Request) (string, error) { return r.Header.Get("X-Token"), nil }
	failing := func(*http.Request) (string, error) { return "", errors.New("bad form") }

	cases := []struct {
		name    string
		opts    []middleware.Option
		auth    []string
		cookies []string
		extra   http.Header
		status  int
		code    string
		reason  string
	}{
		{name: "upper_case_scheme_is_accepted", auth: []string{"BEARER " + good}, status: 200},
		{name: "spaces_around_the_token_are_allowed",
			auth: []string{"Bearer   " + good + " "}, status: 200},
		{name: "scheme_without_token_is_a_bad_request", auth: []string{"Bearer"},
			status: 400, code: "invalid_request", reason: "empty_token"},
		{name: "blank_token_is_a_bad_request", auth: []string{"Bearer    "},
			status: 400, code: "invalid_request", reason: "empty_token"},
		{name: "empty_header_is_a_bad_request", auth: []string{""},
			status: 400, code: "invalid_request", reason: "empty_token"},
		{name: "token_with_a_space_is_refused",
			auth:   []string{"Bearer " + good[:10] + " " + good[10:]},
			status: 401, code: "invalid_token", reason: "malformed"},
		{name: "token_over_the_cap_is_refused_before_decoding",
			opts:   []middleware.Option{middleware.WithMaxTokenLength(len(good) - 1)},
			auth:   []string{"Bearer " + good},
			status: 401, code: "invalid_token", reason: "token_too_long"},
		{name: "token_at_the_cap_is_accepted",
			opts: []middleware.Option{middleware.WithMaxTokenLength(len(good))},
			auth: []string{"Bearer " + good}, status: 200},
		{name: "cookie_is_ignored_unless_enabled", cookies: []string{"id_token=" + good},
			status: 401, code: "missing_token", reason: "no_token"},
		{name: "cookie_is_read_when_enabled",
			opts:    []middleware.Option{middleware.WithCookie("id_token")},
			cookies: []string{"id_token=" + good}, status: 200},
		{name: "header_wins_over_a_bad_cookie",
			opts: []middleware.Option{middleware.WithCookie("id_token")},
			auth: []string{"Bearer " + good}, cookies: []string{"id_token=garbage"},
			status: 200},
		{name: "bad_header_is_not_rescued_by_a_good_cookie",
			opts: []middleware.Option{middleware.WithCookie("id_token")},
			auth: []string{"Bearer garbage"}, cookies: []string{"id_token=" + good},
			status: 401, code: "invalid_token", reason: "malformed"},
		{name: "cookie_sent_twice_is_a_bad_request",
			opts:    []middleware.Option{middleware.WithCookie("id_token")},
			cookies: []string{"id_token=" + good, "id_token=" + good},
			status:  400, code: "invalid_request", reason: "extractor_failed"},
		{name: "cookie_over_the_cap_is_refused",
			opts: []middleware.Option{middleware.WithCookie("id_token"),
				middleware.WithMaxTokenLength(16)},
			cookies: []string{"id_token=" + good},
			status:  401, code: "invalid_token", reason: "token_too_long"},
		{name: "custom_extractor_is_used_without_a_header",
			opts:  []middleware.Option{middleware.WithExtractor(xToken)},
			extra: http.Header{"X-Token": {good}}, status: 200},
		{name: "custom_extractor_error_is_a_bad_request",
			opts:   []middleware.Option{middleware.WithExtractor(failing)},
			status: 400, code: "invalid_request", reason: "extractor_failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs logBuffer
			cv := &countingVerifier{next: e.live}
			opts := append([]middleware.Option{middleware.WithLogger(logs.logger())},
				tc.opts...)
			a := newAuth(t, cv, opts...)

			req := httptest.NewRequest(http.MethodGet, "/notes", nil)
			if tc.auth != nil {
				req.Header["Authorization"] = tc.auth
			}
			for _, c := range tc.cookies {
				req.Header.Add("Cookie", c)
			}
			for k, v := range tc.extra {
				req.Header[k] = v
			}
			rec, ran := serveOnce(a, req)

			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tc.status, rec.Body)
			}
			if tc.status == 200 {
				if !ran || rec.Body.String() != "tenant="+tenantA {
					t.Errorf("handler ran=%v body=%q, want tenant=%s", ran, rec.Body, tenantA)
				}
				return
			}
			if ran {
				t.Error("handler ran on a refusal")
			}
			if p := decodeProblem(t, rec); p.Code != tc.code {
				t.Errorf("code = %q, want %q", p.Code, tc.code)
			}
			recs := logs.records(t)
			if len(recs) != 1 || recs[0]["reason"] != tc.reason {
				t.Errorf("log = %v, want one line with reason %q", recs, tc.reason)
			}
			if tc.reason == "token_too_long" && cv.calls.Load() != 0 {
				t.Error("a token failing the pre-checks reached the verifier")
			}
		})
	}
}

func TestCredentialsOptional(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := newAuth(t, e.live, middleware.WithCredentialsOptional())

	t.Run("anonymous_request_is_served_without_claims", func(t *testing.T) {
		t.Parallel()
		rec, ran := serveOnce(a, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != 200 || !ran || rec.Body.String() != "tenant=" {
			t.Errorf("got %d ran=%v body=%q, want 200 with no tenant", rec.Code, ran, rec.Body)
		}
	})
	t.Run("valid_token_still_yields_claims", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Authorization", "Bearer "+e.idToken(t, viewerA))
		rec, _ := serveOnce(a, req)
		if rec.Body.String() != "tenant="+tenantA {
			t.Errorf("body = %q, want tenant=%s", rec.Body, tenantA)
		}
	})
	t.Run("bad_token_is_refused_not_treated_as_anonymous", func(t *testing.T) {
		t.Parallel()
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Authorization", "Bearer "+e.idToken(t, user("", rbac.GroupViewer)))
		rec, ran := serveOnce(a, req)
		if rec.Code != 401 || ran {
			t.Errorf("got %d ran=%v, want 401 and no handler", rec.Code, ran)
		}
	})
	t.Run("requirement_refuses_an_anonymous_caller", func(t *testing.T) {
		t.Parallel()
		h := a.Handler(a.Require(middleware.Permission(rbac.PermRead))(
			http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
				t.Error("handler ran for an anonymous caller")
			})))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != 401 || rec.Header().Get("WWW-Authenticate") != bare {
			t.Errorf("got %d %q, want 401 with a bare challenge",
				rec.Code, rec.Header().Get("WWW-Authenticate"))
		}
	})
}

func TestSkipper(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := newAuth(t, e.live, middleware.WithSkipper(middleware.AnySkipper(
		middleware.SkipPreflight, middleware.SkipPaths("/healthz"))))

	preflight := func(withMethod bool) *http.Request {
		r := httptest.NewRequest(http.MethodOptions, "/notes", nil)
		r.Header.Set("Origin", "https://app.example.com")
		if withMethod {
			r.Header.Set("Access-Control-Request-Method", "DELETE")
		}
		return r
	}
	cases := []struct {
		name   string
		req    *http.Request
		status int
	}{
		{"cors_preflight_is_skipped", preflight(true), 200},
		{"options_without_preflight_headers_is_authenticated", preflight(false), 401},
		{"health_path_is_skipped", httptest.NewRequest(http.MethodGet, "/healthz", nil), 200},
		{"path_below_health_is_authenticated",
			httptest.NewRequest(http.MethodGet, "/healthz/db", nil), 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec, ran := serveOnce(a, tc.req)
			if rec.Code != tc.status || ran != (tc.status == 200) {
				t.Errorf("got %d ran=%v, want %d", rec.Code, ran, tc.status)
			}
			if tc.status == 200 && rec.Body.String() != "tenant=" {
				t.Errorf("skipped request carried claims: %q", rec.Body)
			}
		})
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
