package middleware_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
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
