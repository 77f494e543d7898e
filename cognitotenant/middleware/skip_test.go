package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

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

// TestSkipPaths checks which spellings of a skipped path the skipper
// accepts: only those every router decodes to the same route.
func TestSkipPaths(t *testing.T) {
	t.Parallel()
	skip := middleware.SkipPaths("/api/v1/health", "/health check")
	cases := []struct {
		name   string
		target string
		want   bool
	}{
		{"plain_path_is_skipped", "/api/v1/health", true},
		{"query_does_not_matter", "/api/v1/health?probe=1", true},
		{"canonical_escape_is_skipped", "/health%20check", true},
		{"escaped_letter_is_not_skipped", "/api/v1/%68ealth", false},
		{"escaped_slash_is_not_skipped", "/api/v1%2Fhealth", false},
		{"escape_beside_a_canonical_one_is_not_skipped", "/health%20chec%6b", false},
		{"trailing_slash_is_not_skipped", "/api/v1/health/", false},
		{"other_path_is_not_skipped", "/api/v1/notes", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(http.MethodGet, tc.target, nil)
			if got := skip(r); got != tc.want {
				t.Errorf("skip(%q) = %v, want %v (Path %q, RawPath %q)",
					tc.target, got, tc.want, r.URL.Path, r.URL.RawPath)
			}
		})
	}
	t.Run("raw_path_equal_to_path_is_skipped", func(t *testing.T) {
		t.Parallel()
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL.Path, r.URL.RawPath = "/api/v1/health", "/api/v1/health"
		if !skip(r) {
			t.Error("a RawPath that spells Path exactly was not skipped")
		}
	})
	t.Run("stale_raw_path_is_not_skipped", func(t *testing.T) {
		t.Parallel()
		// A rewrite of Path that left RawPath behind: echo routes on it.
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL.Path, r.URL.RawPath = "/api/v1/health", "/api/v1/notes"
		if skip(r) {
			t.Error("a request with a RawPath other than Path was skipped")
		}
	})
}
