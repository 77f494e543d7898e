package server

import (
	"net/http"
	"slices"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

func (h *harness) internalAPI(path, token string, body any) response {
	h.t.Helper()
	return h.do(h.internal.URL, "POST", path, token, body)
}

func TestInternal_creates_user_in_the_named_tenant(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	body := map[string]any{"email": "bob@example.com", "password": "P@ssword456",
		"role": "EDITOR"}

	r := h.internalAPI("/internal/v1/tenants/"+h.b+"/users", internalToken, body)
	if r.status != http.StatusCreated {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	var u internalUserJSON
	r.json(t, &u)
	if u.TenantID != h.b || u.Status != "CONFIRMED" {
		t.Fatalf("created %+v", u)
	}
	if got := h.poolEmails(h.b); !slices.Equal(got, []string{"bob@example.com"}) {
		t.Fatalf("tenant B users %v", got)
	}
	if got := h.poolEmails(h.a); len(got) != 0 {
		t.Fatalf("tenant A users %v", got)
	}
	entries, err := h.raw.ListAudit(t.Context(), mustTenant(t, h.b), 10)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(entries, func(e store.AuditEntry) bool {
		return e.Action == "user.create" && e.ActorKind == store.ActorPlatform
	}) {
		t.Fatalf("no platform audit row in B: %+v", entries)
	}

	lines := h.logs.records(t, "request")
	if len(lines) != 1 || lines[0]["tenant"] != h.b || lines[0]["sub"] != platformActor {
		t.Fatalf("log line of the internal call: %v", lines)
	}

	// The user is confirmed: they sign in with the password at once.
	login := h.api("POST", "/api/v1/auth/token", "",
		map[string]any{"username": "bob@example.com", "password": "P@ssword456"})
	var tok tokenResponse
	login.json(t, &tok)
	if login.status != http.StatusOK || tok.IDToken == "" {
		t.Fatalf("login: %d %s", login.status, login.body)
	}
}

func TestInternal_refuses_anything_but_the_internal_token(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	path := "/internal/v1/tenants/" + h.b + "/users"
	body := map[string]any{"email": "eve@example.com", "password": "P@ssword456",
		"role": "ADMIN"}
	tests := []struct {
		name, token string
		want        int
	}{
		{"no_token", "", 401},
		{"tenant_admin_token", h.token(h.a, "ADMIN"), 401},
		{"platform_group_token", h.token(h.b, "PLATFORM_ADMIN"), 401},
		{"token_prefix", internalToken[:len(internalToken)-1], 401},
		{"internal_token_twin", internalToken, 201},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := h.internalAPI(path, tc.token, body)
			if r.status != tc.want {
				t.Fatalf("got %d %s", r.status, r.body)
			}
		})
	}
	if got := h.poolEmails(h.b); len(got) != 1 {
		t.Fatalf("users in B: %v, want exactly the twin's", got)
	}
}

func TestInternal_validates_its_input(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	good := map[string]any{"email": "ok@example.com", "password": "P@ssword456",
		"role": "VIEWER"}
	tests := []struct {
		name, tenant string
		body         map[string]any
		want         int
	}{
		{"bad_tenant_id", "bad.tenant", good, 400},
		{"no_target_tenant", "", good, 404},
		{"unknown_role", h.a, map[string]any{"email": "x@example.com",
			"password": "P@ssword456", "role": "OWNER"}, 400},
		{"missing_password", h.a, map[string]any{"email": "x@example.com",
			"role": "VIEWER"}, 400},
		{"weak_password", h.a, map[string]any{"email": "x@example.com",
			"password": "short", "role": "VIEWER"}, 400},
		{"not_an_email", h.a, map[string]any{"email": "x", "password": "P@ssword456",
			"role": "VIEWER"}, 400},
		{"valid_twin", h.a, good, 201},
		{"same_email_again", h.a, good, 409},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := h.internalAPI("/internal/v1/tenants/"+tc.tenant+"/users", internalToken,
				tc.body)
			if r.status != tc.want {
				t.Fatalf("got %d %s", r.status, r.body)
			}
		})
	}
}
