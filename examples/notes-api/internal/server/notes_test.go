package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

func TestNotes_crud(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	tok := h.token(h.a, "ADMIN")

	r := h.api("POST", "/api/v1/notes", tok, map[string]any{"content": "first"})
	var n noteJSON
	r.json(t, &n)
	if r.status != http.StatusCreated || n.ID == "" || n.Content != "first" ||
		n.CreatedBy != "sub-shared" || n.Version != 1 || n.CreatedAt.IsZero() ||
		r.header.Get("Location") != "/api/v1/notes/"+n.ID {
		t.Fatalf("create: %d %s %v", r.status, r.body, r.header)
	}

	r = h.api("PUT", "/api/v1/notes/"+n.ID, tok, map[string]any{"content": "second",
		"version": 1})
	var up noteJSON
	r.json(t, &up)
	if r.status != 200 || up.Content != "second" || up.Version != 2 {
		t.Fatalf("update: %d %s", r.status, r.body)
	}

	r = h.api("PUT", "/api/v1/notes/"+n.ID, tok, map[string]any{"content": "stale",
		"version": 1})
	if r.status != http.StatusConflict || r.code(t) != codeConflict {
		t.Fatalf("stale update: %d %s", r.status, r.body)
	}

	if r = h.api("DELETE", "/api/v1/notes/"+n.ID, tok, nil); r.status != 204 || r.body != "" {
		t.Fatalf("delete: %d %q", r.status, r.body)
	}
	if r = h.api("GET", "/api/v1/notes/"+n.ID, tok, nil); r.status != 404 {
		t.Fatalf("get after delete: %d", r.status)
	}
}

func TestNotes_bad_input_is_400(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	tok := h.token(h.a, "ADMIN")
	tests := []struct {
		name, method, path string
		body               any
		want               int
	}{
		{"empty_content", "POST", "/api/v1/notes", map[string]any{"content": ""}, 400},
		{"oversized_content", "POST", "/api/v1/notes",
			map[string]any{"content": strings.Repeat("x", store.MaxContentBytes+1)}, 400},
		{"version_on_create", "POST", "/api/v1/notes",
			map[string]any{"content": "x", "version": 3}, 400},
		{"limit_zero", "GET", "/api/v1/notes?limit=0", nil, 400},
		{"limit_not_a_number", "GET", "/api/v1/notes?limit=ten", nil, 400},
		{"limit_too_big", "GET", fmt.Sprintf("/api/v1/notes?limit=%d",
			store.MaxListLimit+1), nil, 400},
		{"bad_cursor", "GET", "/api/v1/notes?after=garbage", nil, 400},
		{"valid_twin", "POST", "/api/v1/notes", map[string]any{"content": "x"}, 201},
		{"valid_limit_twin", "GET", "/api/v1/notes?limit=5", nil, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := h.api(tc.method, tc.path, tok, tc.body)
			if r.status != tc.want {
				t.Fatalf("got %d %s", r.status, r.body)
			}
		})
	}
}

func TestNotes_list_pages_through_every_note_once(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	want := map[string]bool{}
	for i := range 7 {
		want[h.seedNote(h.a, fmt.Sprint("note ", i)).ID] = true
		h.seedNote(h.b, fmt.Sprint("note ", i))
	}
	tok := h.token(h.a, "VIEWER")

	seen := map[string]bool{}
	path, pages := "/api/v1/notes?limit=3", 0
	for {
		r := h.api("GET", path, tok, nil)
		var p notePage
		r.json(t, &p)
		pages++
		for _, n := range p.Notes {
			if seen[n.ID] || !want[n.ID] {
				t.Fatalf("page %d: unexpected or repeated note %s", pages, n.ID)
			}
			seen[n.ID] = true
		}
		if p.Next == nil {
			break
		}
		path = "/api/v1/notes?limit=3&after=" + *p.Next
	}
	if len(seen) != len(want) || pages != 3 {
		t.Fatalf("saw %d of %d notes in %d pages", len(seen), len(want), pages)
	}
}

func TestRequestLog_one_line_per_request_without_the_token(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	tok := h.token(h.a, "VIEWER")
	n := h.seedNote(h.a, sameContent)

	h.api("GET", "/api/v1/notes/"+n.ID, tok, nil)
	h.api("GET", "/api/v1/notes", "", nil)

	lines := h.logs.records(t, "request")
	if len(lines) != 2 {
		t.Fatalf("%d request lines, want 2", len(lines))
	}
	first, second := lines[0], lines[1]
	if first["route"] != "GET /api/v1/notes/{id}" || first["status"] != 200.0 ||
		first["tenant"] != h.a || first["sub"] != "sub-shared" {
		t.Fatalf("authenticated line: %v", first)
	}
	if second["status"] != 401.0 || second["tenant"] != "" {
		t.Fatalf("refused line: %v", second)
	}
	if logs := h.logs.String(); strings.Contains(logs, tok) ||
		strings.Contains(logs, strings.Split(tok, ".")[2]) || strings.Contains(logs, n.ID) {
		t.Fatal("the log holds the token or a note id")
	}
}

func TestReadiness(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOptions{})
	r := h.api("GET", "/readyz", "", nil)
	var body readiness
	r.json(t, &body)
	if r.status != 200 || body.Checks["keys"] != "ok" || body.Checks["database"] != "ok" {
		t.Fatalf("ready: %d %s", r.status, r.body)
	}
	if err := h.raw.Close(); err != nil {
		t.Fatal(err)
	}
	r = h.api("GET", "/readyz", "", nil)
	r.json(t, &body)
	if r.status != 503 || body.Checks["database"] != "failing" || body.Checks["keys"] != "ok" {
		t.Fatalf("database closed: %d %s", r.status, r.body)
	}
}
