package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// sameContent is what both tenants write, so a query that matched on
// content instead of tenant would show the other tenant's row.
const sameContent = "quarterly plan"

var roles = []string{rbac.GroupViewer, rbac.GroupEditor, rbac.GroupAdmin}

func listIDs(t *testing.T, r response) []string {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("list: status %d, body %s", r.status, r.body)
	}
	var p notePage
	r.json(t, &p)
	ids := make([]string, 0, len(p.Notes))
	for _, n := range p.Notes {
		ids = append(ids, n.ID)
	}
	return ids
}

func TestIsolation_list_shows_only_the_callers_tenant(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	noteA, noteB := h.seedNote(h.a, sameContent), h.seedNote(h.b, sameContent)

	for _, group := range roles {
		t.Run(group, func(t *testing.T) {
			gotA := listIDs(t, h.api("GET", "/api/v1/notes", h.token(h.a, group), nil))
			gotB := listIDs(t, h.api("GET", "/api/v1/notes", h.token(h.b, group), nil))
			if !slices.Equal(gotA, []string{noteA.ID}) {
				t.Errorf("tenant A sees %v, want only %s", gotA, noteA.ID)
			}
			if !slices.Equal(gotB, []string{noteB.ID}) {
				t.Errorf("tenant B sees %v, want only %s", gotB, noteB.ID)
			}
		})
	}
}

// comparable strips what legitimately differs between two answers.
func comparable(r response) response {
	hdr := r.header.Clone()
	hdr.Del("Date")
	hdr.Del("X-Request-Id")
	return response{status: r.status, body: r.body, header: hdr}
}

// ownStatus is what each role gets for its own tenant's note: the twin of
// every foreign-note case.
var ownStatus = map[string]map[string]int{
	rbac.GroupViewer: {"GET": 200, "PUT": 403, "DELETE": 403},
	rbac.GroupEditor: {"GET": 200, "PUT": 200, "DELETE": 403},
	rbac.GroupAdmin:  {"GET": 200, "PUT": 200, "DELETE": 204},
}

func TestIsolation_foreign_note_answers_like_a_missing_one(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	noteB := h.seedNote(h.b, sameContent)
	missing := uuid.NewString()

	for _, group := range roles {
		for _, method := range []string{"GET", "PUT", "DELETE"} {
			t.Run(group+"/"+method, func(t *testing.T) {
				own := h.seedNote(h.a, sameContent)
				var body any
				if method == "PUT" {
					body = map[string]any{"content": "overwritten"}
				}
				tok := h.token(h.a, group)
				foreign := h.api(method, "/api/v1/notes/"+noteB.ID, tok, body)
				absent := h.api(method, "/api/v1/notes/"+missing, tok, body)
				mine := h.api(method, "/api/v1/notes/"+own.ID, tok, body)

				// The twin: the same request on the caller's own note is
				// decided by role alone.
				if mine.status != ownStatus[group][method] {
					t.Fatalf("own note: status %d, want %d: %s", mine.status,
						ownStatus[group][method], mine.body)
				}
				want := http.StatusNotFound
				if mine.status == http.StatusForbidden {
					want = http.StatusForbidden
				}
				fc, ac := comparable(foreign), comparable(absent)
				if fc.status != want || fc.status != ac.status || fc.body != ac.body ||
					fmt.Sprint(fc.header) != fmt.Sprint(ac.header) {
					t.Fatalf("want %d for both\nforeign %d %s %v\nmissing %d %s %v", want,
						fc.status, fc.body, fc.header, ac.status, ac.body, ac.header)
				}
				got, err := h.note(h.b, noteB.ID)
				if err != nil || got != noteB {
					t.Fatalf("B's note changed: %+v, %v; want %+v", got, err, noteB)
				}
			})
		}
	}
}

func TestIsolation_tenant_in_the_body_is_refused(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	own := h.seedNote(h.a, sameContent)
	tok := h.token(h.a, rbac.GroupAdmin)

	t.Run("post_with_tenant_id_is_400_and_stores_nothing", func(t *testing.T) {
		r := h.api("POST", "/api/v1/notes", tok,
			map[string]any{"content": "smuggled", "tenant_id": h.b})
		if r.status != http.StatusBadRequest || r.code(t) != codeUnknownField {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		if ids := listIDs(t, h.api("GET", "/api/v1/notes", h.token(h.b, "VIEWER"), nil)); len(ids) != 0 {
			t.Fatalf("tenant B holds %v", ids)
		}
	})
	t.Run("put_with_tenant_id_is_400_and_changes_nothing", func(t *testing.T) {
		r := h.api("PUT", "/api/v1/notes/"+own.ID, tok,
			map[string]any{"content": "smuggled", "tenant_id": h.b})
		if r.status != http.StatusBadRequest || r.code(t) != codeUnknownField {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		if got, _ := h.note(h.a, own.ID); got != own {
			t.Fatalf("note changed to %+v", got)
		}
	})
	t.Run("post_without_tenant_id_is_stored_under_the_token_tenant", func(t *testing.T) {
		r := h.api("POST", "/api/v1/notes", tok, map[string]any{"content": "plain"})
		if r.status != http.StatusCreated {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		var n noteJSON
		r.json(t, &n)
		if _, err := h.note(h.a, n.ID); err != nil {
			t.Fatalf("not in tenant A: %v", err)
		}
		if _, err := h.note(h.b, n.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("visible in tenant B: %v", err)
		}
	})
}

func TestIsolation_tenant_header_or_query_must_match_the_token(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	h.seedNote(h.a, sameContent)
	tok := h.token(h.a, rbac.GroupAdmin)
	tests := []struct {
		name, method, path string
		headers            []string
		want               int
	}{
		{"foreign_header_on_list", "GET", "/api/v1/notes", []string{"X-Tenant-Id", h.b}, 403},
		{"foreign_query_on_list", "GET", "/api/v1/notes?tenant_id=" + h.b, nil, 403},
		{"foreign_header_on_create", "POST", "/api/v1/notes", []string{"X-Tenant-Id", h.b}, 403},
		{"own_and_foreign_header", "GET", "/api/v1/notes",
			[]string{"X-Tenant-Id", h.a, "X-Tenant-Id", h.b}, 403},
		{"own_header_on_list", "GET", "/api/v1/notes", []string{"X-Tenant-Id", h.a}, 200},
		{"own_query_on_list", "GET", "/api/v1/notes?tenant_id=" + h.a, nil, 200},
		{"own_header_on_create", "POST", "/api/v1/notes", []string{"X-Tenant-Id", h.a}, 201},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body any
			if tc.method == "POST" {
				body = map[string]any{"content": tc.name}
			}
			before := h.store.total()
			r := h.api(tc.method, tc.path, tok, body, tc.headers...)
			if r.status != tc.want {
				t.Fatalf("status %d, want %d: %s", r.status, tc.want, r.body)
			}
			touched := h.store.total() - before
			if tc.want == 403 && (r.code(t) != codeTenantMismatch || touched != 0) {
				t.Fatalf("code %q, %d store calls; want tenant_mismatch and none",
					r.code(t), touched)
			}
			if tc.want != 403 && touched == 0 {
				t.Fatal("allowed request reached no store call")
			}
		})
	}
	if n := len(h.logs.records(t, "security: tenant mismatch")); n != 4 {
		t.Errorf("%d security events logged, want 4", n)
	}
}

func TestIsolation_bad_tokens_are_401_before_any_store_call(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	h.seedNote(h.a, sameContent)
	other, err := testutil.NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	user := testutil.User{Sub: "sub-1", TenantID: h.a, Groups: []string{rbac.GroupAdmin}}
	mint := func(iss *testutil.Issuer, m ...testutil.ClaimsMutator) string {
		tok, err := iss.MintID(user, m...)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	access, err := h.iss.MintAccess(user, testutil.With(testutil.TenantClaim, h.a))
	if err != nil {
		t.Fatal(err)
	}
	valid := mint(h.iss)
	tests := []struct {
		name  string
		token string
		want  int
	}{
		{"no_token", "", 401},
		{"tenant_claim_missing", mint(h.iss, testutil.Without(testutil.TenantClaim)), 401},
		{"tenant_claim_empty", mint(h.iss, testutil.With(testutil.TenantClaim, "")), 401},
		{"tenant_claim_malformed", mint(h.iss, testutil.With(testutil.TenantClaim, "../b")), 401},
		{"tenant_claim_not_a_string", mint(h.iss, testutil.With(testutil.TenantClaim, 7)), 401},
		{"access_token_where_id_tokens_are_configured", access, 401},
		{"other_app_client", mint(h.iss, testutil.With("aud", "someone-else")), 401},
		{"expired", mint(h.iss, testutil.With("exp", 1_000_000_000)), 401},
		{"signed_by_another_key", mint(other), 401},
		{"signature_tampered", valid[:len(valid)-4] + "AAAA", 401},
		{"valid_token_twin", valid, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := h.store.total()
			r := h.api("GET", "/api/v1/notes", tc.token, nil)
			if r.status != tc.want {
				t.Fatalf("status %d, want %d: %s", r.status, tc.want, r.body)
			}
			touched := h.store.total() - before
			if tc.want == 401 && touched != 0 {
				t.Fatalf("refused request made %d store calls", touched)
			}
			if tc.want == 200 && touched == 0 {
				t.Fatal("accepted request made no store call")
			}
		})
	}
}

func TestIsolation_role_matrix(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{identity: true})
	type call struct{ method, path string }
	list, create := call{"GET", "/api/v1/notes"}, call{"POST", "/api/v1/notes"}
	users := call{"GET", "/api/v1/users"}
	tests := []struct {
		name   string
		groups []string
		want   map[call]int
	}{
		{"viewer_reads", []string{"VIEWER"}, map[call]int{list: 200, create: 403, users: 403}},
		{"editor_creates", []string{"EDITOR"}, map[call]int{list: 200, create: 201, users: 403}},
		{"admin_manages_users", []string{"ADMIN"},
			map[call]int{list: 200, create: 201, users: 200}},
		{"unknown_groups_only", []string{"MARKETING", testutil.DefaultUserPoolID + "_Google"},
			map[call]int{list: 403, create: 403, users: 403}},
		{"no_group", nil, map[call]int{list: 403, create: 403, users: 403}},
		{"groups_are_a_union", []string{"VIEWER", "EDITOR"},
			map[call]int{list: 200, create: 201, users: 403}},
		{"lowercase_group_is_not_the_role", []string{"admin"},
			map[call]int{list: 403, create: 403, users: 403}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := h.token(h.a, tc.groups...)
			for c, want := range tc.want {
				var body any
				if c.method == "POST" {
					body = map[string]any{"content": "x"}
				}
				r := h.api(c.method, c.path, tok, body)
				if r.status != want {
					t.Errorf("%s %s: status %d, want %d: %s", c.method, c.path, r.status,
						want, r.body)
				}
			}
		})
	}
}

func TestIsolation_suspended_tenant_is_refused(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	h.seedNote(h.a, sameContent)
	h.seedNote(h.b, sameContent)
	h.store.suspend(h.b)

	r := h.api("GET", "/api/v1/notes", h.token(h.b, rbac.GroupAdmin), nil)
	if r.status != http.StatusForbidden || r.code(t) != codeTenantSuspended {
		t.Fatalf("suspended: %d %s", r.status, r.body)
	}
	if ids := listIDs(t, h.api("GET", "/api/v1/notes", h.token(h.a, "ADMIN"), nil)); len(ids) != 1 {
		t.Fatalf("active twin sees %v", ids)
	}
}

func TestIsolation_first_token_of_a_new_tenant_registers_it(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	fresh := "tenant-new-" + uuid.NewString()[:8]

	r := h.api("POST", "/api/v1/notes", h.token(fresh, rbac.GroupEditor),
		map[string]any{"content": "first"})
	if r.status != http.StatusCreated {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	entries, err := h.raw.ListAudit(t.Context(), mustTenant(t, fresh), 10)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(entries, func(e store.AuditEntry) bool {
		return e.Action == "tenant.register" && e.ActorKind == store.ActorPlatform
	}) {
		t.Fatalf("no registration in the audit log: %+v", entries)
	}
}

func TestIsolation_concurrent_requests_alternating_tenants(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	own := map[string]string{
		h.a: h.seedNote(h.a, sameContent).ID,
		h.b: h.seedNote(h.b, sameContent).ID,
	}
	toks := map[string]string{
		h.a: h.token(h.a, rbac.GroupViewer), h.b: h.token(h.b, rbac.GroupViewer),
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Go(func() {
			for j := range 8 {
				tenant := h.a
				if (i+j)%2 == 1 {
					tenant = h.b
				}
				r := h.api("GET", "/api/v1/notes", toks[tenant], nil)
				var p notePage
				r.json(t, &p)
				if len(p.Notes) != 1 || p.Notes[0].ID != own[tenant] {
					errs <- fmt.Errorf("tenant %s saw %s", tenant, r.body)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
