package server

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

// publicRoutes are the routes that deliberately run without a token. A new
// public route must be added here by hand, which is the point.
var publicRoutes = []string{
	"public POST /api/v1/auth/token",
	"public POST /api/v1/auth/challenge",
	"public POST /api/v1/auth/refresh",
	"public GET /healthz",
	"public GET /readyz",
	"public GET /openapi.json",
	"public GET /docs",
	"public GET /docs/",
	"internal GET /healthz",
	"internal GET /openapi.json",
	"internal GET /docs",
	"internal GET /docs/",
}

// crossTenantCases names, for every route that reads or writes tenant
// data, the test that shows one tenant cannot reach another through it.
var crossTenantCases = map[string]string{
	"GET /api/v1/me":            "TestMe_reports_the_token_identity",
	"GET /api/v1/notes":         "TestIsolation_list_shows_only_the_callers_tenant",
	"POST /api/v1/notes":        "TestIsolation_tenant_in_the_body_is_refused",
	"GET /api/v1/notes/{id}":    "TestIsolation_foreign_note_answers_like_a_missing_one",
	"PUT /api/v1/notes/{id}":    "TestIsolation_foreign_note_answers_like_a_missing_one",
	"DELETE /api/v1/notes/{id}": "TestIsolation_foreign_note_answers_like_a_missing_one",
	"GET /api/v1/users":         "TestUsers_admin_lists_only_own_tenant",
	"POST /api/v1/users":        "TestUsers_create_is_confined_to_the_token_tenant",
	"POST /internal/v1/tenants/{tenant_id}/users": "TestInternal_creates_user_in_the_named_" +
		"tenant",
}

func key(r Route) string { return string(r.Listener) + " " + r.Method + " " + r.Pattern }

// testFuncs returns the names of the test functions of this package.
func testFuncs(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		parsed, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range parsed.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil {
				names[fn.Name.Name] = true
			}
		}
	}
	return names
}

func TestRoutes_every_route_declares_its_access(t *testing.T) {
	t.Parallel()
	policy := rbac.Default()
	tests := testFuncs(t)
	seen := map[string]bool{}
	for _, r := range Routes() {
		k := key(r)
		t.Run(strings.ReplaceAll(k, "/", "_"), func(t *testing.T) {
			if seen[k] {
				t.Fatal("registered twice")
			}
			seen[k] = true
			switch r.Access {
			case AccessPublic:
				if !slices.Contains(publicRoutes, k) {
					t.Fatal("public route missing from the allow-list of public routes")
				}
			case AccessPermission:
				if !policy.HasPermission(r.Permission) {
					t.Fatalf("permission %q is not declared by the policy", r.Permission)
				}
			case AccessToken, AccessInternal:
			default:
				t.Fatal("route declares no access")
			}
			if r.Access != AccessPermission && r.Permission != "" {
				t.Fatalf("permission %q set on a %s route", r.Permission, r.Access)
			}
			if r.Access == AccessInternal && r.Listener != ListenerInternal {
				t.Fatal("internal route on the public listener")
			}
			if r.Access != AccessPublic {
				name, ok := crossTenantCases[r.Method+" "+r.Pattern]
				if !ok || !tests[name] {
					t.Fatalf("tenant route without a cross-tenant test (%q)", name)
				}
			}
		})
	}
	for _, k := range publicRoutes {
		if !seen[k] {
			t.Errorf("allow-listed public route %s is not registered", k)
		}
	}
}

func TestRoutes_every_listed_route_is_served(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	for _, r := range Routes() {
		t.Run(strings.ReplaceAll(key(r), "/", "_"), func(t *testing.T) {
			base := h.public.URL
			if r.Listener == ListenerInternal {
				base = h.internal.URL
			}
			path := strings.NewReplacer("{id}", "x", "{tenant_id}", "t1").Replace(r.Pattern)
			req, err := http.NewRequest(r.Method, base+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			}}
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			// Unauthenticated, a guarded route answers 401; nothing may
			// fall through to the mux's "no such route" or 405.
			want := map[Access][]int{
				AccessPublic:     {200, 301, 400, 503},
				AccessToken:      {401},
				AccessPermission: {401},
				AccessInternal:   {401},
			}[r.Access]
			if !slices.Contains(want, res.StatusCode) {
				t.Fatalf("status %d, want one of %v", res.StatusCode, want)
			}
		})
	}
}

func TestRoutes_unknown_paths_and_methods_are_refused(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	tests := []struct {
		base, method, path string
		want               int
	}{
		{h.public.URL, "GET", "/api/v1/nope", 404},
		{h.public.URL, "PATCH", "/api/v1/notes/x", 405},
		{h.public.URL, "POST", "/internal/v1/tenants/t1/users", 404},
		{h.internal.URL, "GET", "/api/v1/notes", 404},
		{h.public.URL, "GET", "/healthz", 200},
	}
	for _, tc := range tests {
		t.Run(tc.method+tc.path, func(t *testing.T) {
			r := h.do(tc.base, tc.method, tc.path, "", nil)
			if r.status != tc.want {
				t.Fatalf("status %d, want %d", r.status, tc.want)
			}
			if r.status >= 400 &&
				r.header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("error without a problem body: %v", r.header)
			}
			if r.status == 405 && r.header.Get("Allow") == "" {
				t.Fatal("405 without Allow")
			}
		})
	}
}
