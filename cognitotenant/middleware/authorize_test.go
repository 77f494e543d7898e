package middleware_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestRequire(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	access := newVerifier(t, e.iss, e.keysURL, cognitotenant.TokenUseAccess)
	a := newAuth(t, access)
	tenant := testutil.With(testutil.TenantClaim, tenantA)
	token := func(scopes []string, groups ...string) string {
		u := user(tenantA, groups...)
		u.Scopes = scopes
		return e.accessToken(t, u, tenant)
	}
	read := []string{"notes/read"}
	both := []string{"notes/read", "notes/write"}

	cases := []struct {
		name      string
		reqs      []middleware.Requirement
		token     string
		status    int
		challenge string
	}{
		{"all_roles_held_through_inheritance",
			[]middleware.Requirement{middleware.AllRoles(rbac.RoleEditor, rbac.RoleViewer)},
			token(read, rbac.GroupAdmin), 200, ""},
		{"all_roles_with_one_missing",
			[]middleware.Requirement{middleware.AllRoles(rbac.RoleEditor, rbac.RoleViewer)},
			token(read, rbac.GroupViewer), 403, insufficient},
		{"any_scope_present",
			[]middleware.Requirement{middleware.AnyScope("notes/write", "notes/read")},
			token(read, rbac.GroupViewer), 200, ""},
		{"all_scopes_present",
			[]middleware.Requirement{middleware.AllScopes(both...)},
			token(both, rbac.GroupViewer), 200, ""},
		{"missing_scope_is_named_in_the_challenge",
			[]middleware.Requirement{middleware.AllScopes(both...)},
			token(read, rbac.GroupViewer), 403,
			insufficient + `, scope="notes/read notes/write"`},
		{"every_requirement_must_allow",
			[]middleware.Requirement{middleware.AnyScope("notes/read"),
				middleware.Permission(rbac.PermDelete)},
			token(read, rbac.GroupEditor), 403, insufficient},
		{"unknown_groups_only_are_forbidden",
			[]middleware.Requirement{middleware.Permission(rbac.PermRead)},
			token(read, "us-east-1_TestPool1_Google"), 403, insufficient},
		{"permission_by_union_of_groups",
			[]middleware.Requirement{middleware.Permission(rbac.PermDelete)},
			token(read, "us-east-1_TestPool1_Google", rbac.GroupAdmin), 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var ran bool
			h := a.Handler(a.Require(tc.reqs...)(
				http.HandlerFunc(func(http.ResponseWriter, *http.Request) { ran = true })))
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Authorization", "Bearer "+tc.token)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status || ran != (tc.status == 200) {
				t.Fatalf("got %d ran=%v, want %d; body %s", rec.Code, ran, tc.status, rec.Body)
			}
			if got := rec.Header().Get("WWW-Authenticate"); got != tc.challenge {
				t.Errorf("WWW-Authenticate = %q, want %q", got, tc.challenge)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := newAuth(t, e.live)
	cases := []struct {
		name string
		reqs []middleware.Requirement
		ok   bool
	}{
		{"declared_permission_and_roles", []middleware.Requirement{
			middleware.Permission(rbac.PermRead), middleware.AnyRole(rbac.RoleAdmin)}, true},
		{"no_requirement", nil, false},
		{"zero_requirement", []middleware.Requirement{{}}, false},
		{"undeclared_permission",
			[]middleware.Requirement{middleware.Permission("notes:purge")}, false},
		{"undeclared_role", []middleware.Requirement{middleware.AnyRole("owner")}, false},
		{"role_list_empty", []middleware.Requirement{middleware.AllRoles()}, false},
		{"scope_list_empty", []middleware.Requirement{middleware.AnyScope()}, false},
		{"scope_with_a_quote", []middleware.Requirement{middleware.AllScopes(`a"b`)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := a.Validate(tc.reqs...)
			if tc.ok != (err == nil) {
				t.Fatalf("Validate() = %v, want ok=%v", err, tc.ok)
			}
			if err != nil && !errors.Is(err, middleware.ErrConfig) {
				t.Errorf("error %v does not match ErrConfig", err)
			}
			defer func() {
				if p := recover(); (p == nil) != tc.ok {
					t.Errorf("Require panic = %v, want panic only when invalid", p)
				}
			}()
			a.Require(tc.reqs...)
		})
	}
}
