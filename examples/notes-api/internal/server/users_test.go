package server

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func (h *harness) seedUser(email, tenant, group string) {
	h.t.Helper()
	_, err := h.fake.SeedUser(h.pool.PoolID, testutil.SeedUserSpec{
		Username: email, Password: "P@ssword123", Email: email,
		TenantID: tenant, Groups: []string{group},
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) poolEmails(tenant string) []string {
	h.t.Helper()
	users, err := h.idp.ListUsers(context.Background(), tenant)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, u := range users {
		out = append(out, u.Email)
	}
	slices.Sort(out)
	return out
}

func userEmails(t *testing.T, r response) []string {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var body struct{ Users []userJSON }
	r.json(t, &body)
	var out []string
	for _, u := range body.Users {
		out = append(out, u.Email)
	}
	slices.Sort(out)
	return out
}

func TestUsers_admin_lists_only_own_tenant(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	h.seedUser("ann@a.example", h.a, "ADMIN")
	h.seedUser("ed@a.example", h.a, "EDITOR")
	h.seedUser("ann@b.example", h.b, "ADMIN")
	h.seedUser("ed@b.example", h.b, "EDITOR")

	gotA := userEmails(t, h.api("GET", "/api/v1/users", h.token(h.a, "ADMIN"), nil))
	gotB := userEmails(t, h.api("GET", "/api/v1/users", h.token(h.b, "ADMIN"), nil))
	if !slices.Equal(gotA, []string{"ann@a.example", "ed@a.example"}) {
		t.Errorf("tenant A lists %v", gotA)
	}
	if !slices.Equal(gotB, []string{"ann@b.example", "ed@b.example"}) {
		t.Errorf("tenant B lists %v", gotB)
	}
	r := h.api("GET", "/api/v1/users?tenant_id="+h.b, h.token(h.a, "ADMIN"), nil)
	if r.status != http.StatusForbidden {
		t.Errorf("query naming B: status %d", r.status)
	}
}

func TestUsers_create_is_confined_to_the_token_tenant(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	admin := h.token(h.a, "ADMIN")

	t.Run("tenant_in_body_is_400_and_creates_nobody", func(t *testing.T) {
		r := h.api("POST", "/api/v1/users", admin, map[string]any{
			"email": "smuggled@example.com", "role": "VIEWER", "tenant_id": h.b,
		})
		if r.status != http.StatusBadRequest || r.code(t) != codeUnknownField {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		if got := append(h.poolEmails(h.a), h.poolEmails(h.b)...); len(got) != 0 {
			t.Fatalf("users created: %v", got)
		}
	})
	t.Run("plain_body_creates_the_user_in_the_token_tenant", func(t *testing.T) {
		r := h.api("POST", "/api/v1/users", admin, map[string]any{
			"email": "new@example.com", "role": "EDITOR", "temporary_password": "Tmp#Pass123",
		})
		if r.status != http.StatusCreated {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		var u userJSON
		r.json(t, &u)
		if !slices.Equal(u.Groups, []string{"EDITOR"}) {
			t.Fatalf("groups %v", u.Groups)
		}
		if got := h.poolEmails(h.a); !slices.Equal(got, []string{"new@example.com"}) {
			t.Fatalf("tenant A users %v", got)
		}
		if got := h.poolEmails(h.b); len(got) != 0 {
			t.Fatalf("tenant B users %v", got)
		}
	})
	t.Run("editor_may_not_manage_users", func(t *testing.T) {
		r := h.api("POST", "/api/v1/users", h.token(h.a, "EDITOR"),
			map[string]any{"email": "x@example.com", "role": "VIEWER"})
		if r.status != http.StatusForbidden {
			t.Fatalf("got %d %s", r.status, r.body)
		}
	})
	t.Run("platform_group_cannot_be_granted", func(t *testing.T) {
		r := h.api("POST", "/api/v1/users", admin,
			map[string]any{"email": "p@example.com", "role": rbac.GroupPlatformAdmin})
		if r.status != http.StatusBadRequest {
			t.Fatalf("got %d %s", r.status, r.body)
		}
	})
}

// editorManagesPolicy lets editors manage users, so that the escalation
// guard, not the permission check, is what stops an editor granting admin.
func editorManagesPolicy(t *testing.T) *rbac.Policy {
	cfg := rbac.DefaultConfig()
	for i := range cfg.Roles {
		if cfg.Roles[i].Name == rbac.RoleEditor {
			cfg.Roles[i].Permissions = append(cfg.Roles[i].Permissions, rbac.PermManageUsers)
		}
	}
	p, err := rbac.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUsers_nobody_grants_a_role_above_their_own(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true, policy: editorManagesPolicy(t)})
	editor := h.token(h.a, "EDITOR")
	tests := []struct {
		role string
		want int
	}{
		{"ADMIN", http.StatusForbidden},
		{"EDITOR", http.StatusCreated},
		{"VIEWER", http.StatusCreated},
	}
	for _, tc := range tests {
		t.Run(tc.role, func(t *testing.T) {
			r := h.api("POST", "/api/v1/users", editor, map[string]any{
				"email": tc.role + "@example.com", "role": tc.role,
				"temporary_password": "Tmp#Pass123",
			})
			if r.status != tc.want {
				t.Fatalf("got %d %s", r.status, r.body)
			}
			if tc.want == http.StatusForbidden && r.code(t) != codeRoleTooHigh {
				t.Fatalf("code %q", r.code(t))
			}
		})
	}
	if got := h.poolEmails(h.a); slices.Contains(got, "ADMIN@example.com") {
		t.Fatalf("admin created despite refusal: %v", got)
	}
}

func TestMe_reports_the_token_identity(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	for _, tenant := range []string{h.a, h.b} {
		r := h.api("GET", "/api/v1/me", h.token(tenant, "EDITOR", "MARKETING"), nil)
		var me meJSON
		r.json(t, &me)
		if r.status != 200 || me.Tenant != tenant || me.Subject != "sub-shared" ||
			me.Role != string(rbac.RoleEditor) || len(me.Groups) != 2 {
			t.Fatalf("tenant %s: %d %+v", tenant, r.status, me)
		}
	}
	if r := h.api("GET", "/api/v1/me", "", nil); r.status != http.StatusUnauthorized {
		t.Fatalf("without token: %d", r.status)
	}
}
