package middleware_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware/echomw"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware/ginmw"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func init() {
	// gin's mode is process-wide; debug mode only adds route logging.
	gin.SetMode(gin.TestMode)
}

// The routes every adapter serves, with the same requirements:
//
//	GET /notes                   authenticated, permission read
//	GET /admin                   authenticated, role admin
//	GET /tenants/{tenant}/notes  authenticated, path tenant = token tenant
//	GET /api/v1/{resource}       authenticated, except healthPath, skipped
//
// Each handler records that it ran and answers "tenant=<tenant>", read
// through cognitotenant.TenantFromContext on the request context.

// healthPath is the one path every parity Authenticator skips. It is
// served by the protected /api/v1/{resource} route, so a skipper that
// matched an encoded spelling of it would open that route.
const healthPath = "/api/v1/health"

// adapter mounts the routes above on one framework.
type adapter struct {
	name  string
	mount func(a *middleware.Authenticator, ran *atomic.Int32) http.Handler
}

var adapters = []adapter{
	{"net_http", mountNetHTTP},
	{"gin", mountGin(false)},
	{"gin_raw_path", mountGin(true)},
	{"echo", mountEcho},
}

func answer(ctx context.Context, ran *atomic.Int32) string {
	ran.Add(1)
	tenant, _ := cognitotenant.TenantFromContext(ctx)
	return "tenant=" + tenant
}

func mountNetHTTP(a *middleware.Authenticator, ran *atomic.Int32) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(answer(r.Context(), ran)))
	})
	mux := http.NewServeMux()
	mux.Handle("GET /notes", a.Require(middleware.Permission(rbac.PermRead))(h))
	mux.Handle("GET /admin", a.Require(middleware.AnyRole(rbac.RoleAdmin))(h))
	mux.Handle("GET /tenants/{tenant}/notes", a.RequireTenantParam("tenant")(h))
	mux.Handle("GET /api/v1/{resource}", h)
	return a.Handler(mux)
}

// mountGin returns the gin mount; rawPath routes on the escaped path, as
// echo always does.
func mountGin(rawPath bool) func(*middleware.Authenticator, *atomic.Int32) http.Handler {
	return func(a *middleware.Authenticator, ran *atomic.Int32) http.Handler {
		h := func(c *gin.Context) {
			c.String(http.StatusOK, answer(c.Request.Context(), ran))
		}
		e := gin.New()
		e.UseRawPath = rawPath
		g := e.Group("", ginmw.Authenticate(a))
		g.GET("/notes", ginmw.Require(a, middleware.Permission(rbac.PermRead)), h)
		g.GET("/admin", ginmw.Require(a, middleware.AnyRole(rbac.RoleAdmin)), h)
		g.GET("/tenants/:tenant/notes", ginmw.RequireTenantParam(a, "tenant"), h)
		g.GET("/api/v1/:resource", h)
		return e
	}
}

func mountEcho(a *middleware.Authenticator, ran *atomic.Int32) http.Handler {
	h := func(c echo.Context) error {
		return c.String(http.StatusOK, answer(c.Request().Context(), ran))
	}
	e := echo.New()
	g := e.Group("", echomw.Authenticate(a))
	g.GET("/notes", h, echomw.Require(a, middleware.Permission(rbac.PermRead)))
	g.GET("/admin", h, echomw.Require(a, middleware.AnyRole(rbac.RoleAdmin)))
	g.GET("/tenants/:tenant/notes", h, echomw.RequireTenantParam(a, "tenant"))
	g.GET("/api/v1/:resource", h)
	return e
}

// parityCase is one request and the answer every adapter must give.
type parityCase struct {
	name     string
	path     string
	header   func(t testing.TB, e *env) http.Header
	keysDown bool

	status    int
	challenge string // exact WWW-Authenticate, "" for none
	code      string // problem code, "" for a handler answer
	reason    string // logged refusal reason, "" for no log line
	ran       bool
	anonymous bool // the handler ran with no claims on its context
}

// bearer returns an Authorization header with the given scheme and a
// token minted for u with mutators.
func bearer(scheme string, u testutil.User,
	m ...testutil.ClaimsMutator) func(testing.TB, *env) http.Header {
	return func(t testing.TB, e *env) http.Header {
		return http.Header{"Authorization": {scheme + " " + e.idToken(t, u, m...)}}
	}
}

const (
	bare         = `Bearer realm="api"`
	invalidToken = `Bearer realm="api", error="invalid_token"`
	insufficient = `Bearer realm="api", error="insufficient_scope"`
)

var (
	viewerA = user(tenantA, rbac.GroupViewer)
	adminA  = user(tenantA, rbac.GroupAdmin)
)

// noHeader sends no credentials.
func noHeader(testing.TB, *env) http.Header { return http.Header{} }

var parityCases = []parityCase{
	{
		name: "no_header_gets_bare_challenge", path: "/notes",
		header: func(testing.TB, *env) http.Header { return http.Header{} },
		status: 401, challenge: bare, code: "missing_token", reason: "no_token",
	},
	{
		name: "basic_scheme_gets_bare_challenge", path: "/notes",
		header: func(testing.TB, *env) http.Header {
			return http.Header{"Authorization": {"Basic dXNlcjpwYXNz"}}
		},
		status: 401, challenge: bare, code: "unsupported_scheme",
		reason: "unsupported_scheme",
	},
	{
		name: "lower_case_bearer_is_accepted", path: "/notes",
		header: bearer("bearer", viewerA),
		status: 200, ran: true,
	},
	{
		name: "two_authorization_headers_are_a_bad_request", path: "/notes",
		header: func(t testing.TB, e *env) http.Header {
			tok := e.idToken(t, viewerA)
			return http.Header{"Authorization": {"Bearer " + tok, "Bearer " + tok}}
		},
		status: 400, challenge: `Bearer realm="api", error="invalid_request"`,
		code: "invalid_request", reason: "duplicate_authorization",
	},
	{
		name: "expired_token_is_refused", path: "/notes",
		header: bearer("Bearer", viewerA, withExpiredClaims()...),
		status: 401, challenge: invalidToken, code: "token_expired", reason: "expired",
	},
	{
		name: "other_app_client_is_refused", path: "/notes",
		header: bearer("Bearer", viewerA, withOtherClient()),
		status: 401, challenge: invalidToken, code: "invalid_token", reason: "client",
	},
	{
		name: "access_token_is_refused_where_id_tokens_are_configured", path: "/notes",
		header: func(t testing.TB, e *env) http.Header {
			return http.Header{"Authorization": {"Bearer " + e.accessToken(t, viewerA)}}
		},
		status: 401, challenge: invalidToken, code: "invalid_token", reason: "token_use",
	},
	{
		name: "token_without_tenant_is_refused", path: "/notes",
		header: bearer("Bearer", user("", rbac.GroupViewer)),
		status: 401, challenge: invalidToken, code: "invalid_token",
		reason: "tenant_missing",
	},
	{
		name: "viewer_on_admin_route_is_forbidden", path: "/admin",
		header: bearer("Bearer", viewerA),
		status: 403, challenge: insufficient, code: "insufficient_scope",
		reason: "role_not_held",
	},
	{
		name: "admin_on_admin_route_is_served", path: "/admin",
		header: bearer("Bearer", adminA),
		status: 200, ran: true,
	},
	{
		name: "unavailable_keys_answer_503", path: "/notes", keysDown: true,
		header: bearer("Bearer", viewerA),
		status: 503, code: "temporarily_unavailable", reason: "keys_unavailable",
	},
	{
		name: "valid_token_is_served", path: "/notes",
		header: bearer("Bearer", viewerA),
		status: 200, ran: true,
	},
	{
		name: "other_tenant_in_path_is_not_found", path: "/tenants/" + tenantB + "/notes",
		header: bearer("Bearer", viewerA),
		status: 404, code: "not_found", reason: "tenant_mismatch",
	},
	{
		name: "own_tenant_in_path_is_served", path: "/tenants/" + tenantA + "/notes",
		header: bearer("Bearer", viewerA),
		status: 200, ran: true,
	},
	{
		name: "skipped_path_is_served_without_claims", path: healthPath,
		header: noHeader,
		status: 200, ran: true, anonymous: true,
	},
	{
		// echo, and gin with UseRawPath, route on the escaped spelling:
		// skipping it would serve the protected route to anyone.
		name: "encoded_skipped_path_is_authenticated", path: "/api/v1/%68ealth",
		header: noHeader,
		status: 401, challenge: bare, code: "missing_token", reason: "no_token",
	},
	{
		name: "encoded_skipped_path_with_token_is_served", path: "/api/v1/%68ealth",
		header: bearer("Bearer", viewerA),
		status: 200, ran: true,
	},
}

// TestAdapterParity runs one table of requests through the net/http, gin
// and echo middleware and requires the same status, challenge, body code,
// log reason and handler outcome from each.
func TestAdapterParity(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, ad := range adapters {
		t.Run(ad.name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range parityCases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					runParityCase(t, e, ad, tc)
				})
			}
		})
	}
}

func runParityCase(t *testing.T, e *env, ad adapter, tc parityCase) {
	var logs logBuffer
	v := e.live
	if tc.keysDown {
		v = e.down
	}
	a := newAuth(t, v, middleware.WithLogger(logs.logger()),
		middleware.WithSkipper(middleware.SkipPaths(healthPath)))
	var ran atomic.Int32
	h := ad.mount(a, &ran)

	req := httptest.NewRequest(http.MethodGet, tc.path, nil)
	hdr := tc.header(t, e)
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	if rec.Code != tc.status {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, tc.status, rec.Body)
	}
	if got := rec.Header().Values("WWW-Authenticate"); strings.Join(got, "|") != tc.challenge {
		t.Errorf("WWW-Authenticate = %q, want %q", got, tc.challenge)
	}
	wantRetry := ""
	if tc.status == 503 {
		wantRetry = "30"
	}
	if got := rec.Header().Get("Retry-After"); got != wantRetry {
		t.Errorf("Retry-After = %q, want %q", got, wantRetry)
	}
	if want := int32(0); tc.ran {
		want = 1
		if got := ran.Load(); got != want {
			t.Errorf("handler ran %d times, want %d", got, want)
		}
	} else if got := ran.Load(); got != want {
		t.Errorf("handler ran %d times on a refusal", got)
	}
	checkParityBody(t, rec, tc, hdr)
	checkParityLog(t, &logs, tc, e.iss.IssuerURL())
}

func checkParityBody(t *testing.T, rec *httptest.ResponseRecorder, tc parityCase,
	hdr http.Header) {
	t.Helper()
	if tc.code == "" {
		want := "tenant=" + tenantA
		if tc.anonymous {
			want = "tenant="
		}
		if got := rec.Body.String(); got != want {
			t.Errorf("body = %q, want the handler's %s", got, want)
		}
		return
	}
	p := decodeProblem(t, rec)
	if p.Code != tc.code || p.Status != tc.status {
		t.Errorf("problem code, status = %q, %d; want %q, %d",
			p.Code, p.Status, tc.code, tc.status)
	}
	body := rec.Body.String()
	for _, v := range hdr.Values("Authorization") {
		if _, tok, _ := strings.Cut(v, " "); len(tok) > 20 && strings.Contains(body, tok) {
			t.Error("body echoes the token")
		}
	}
	if strings.Contains(body, "cognitotenant") {
		t.Errorf("body leaks internal error text: %s", body)
	}
}

func checkParityLog(t *testing.T, logs *logBuffer, tc parityCase, issuerURL string) {
	t.Helper()
	recs := logs.records(t)
	if tc.reason == "" {
		if len(recs) != 0 {
			t.Errorf("logged %d lines for a served request: %v", len(recs), recs)
		}
		return
	}
	if len(recs) != 1 {
		t.Fatalf("logged %d lines, want one: %v", len(recs), recs)
	}
	if got := recs[0]["reason"]; got != tc.reason {
		t.Errorf("logged reason = %v, want %q", got, tc.reason)
	}
	// A path naming another tenant is a security event; the rest is routine.
	wantLevel := "DEBUG"
	if tc.reason == "tenant_mismatch" {
		wantLevel = "WARN"
	}
	if got := recs[0]["level"]; got != wantLevel {
		t.Errorf("logged at %v, want %s", got, wantLevel)
	}
	switch tc.reason {
	case "expired", "client", "token_use", "tenant_missing", "keys_unavailable":
		// The verifier read the token's header and payload: the line names
		// them so an operator can tell pools and key rotations apart.
		if recs[0]["issuer"] != issuerURL || recs[0]["kid"] == "" {
			t.Errorf("log line lacks issuer or kid: %v", recs[0])
		}
	}
}
