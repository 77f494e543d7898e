package apidocs_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
)

var documents = []apidocs.Document{apidocs.Public(), apidocs.Internal()}

// TestDocuments_AreValidOpenAPI loads each document with kin-openapi and
// validates it: every $ref resolves, every schema is well-formed, every
// operation has responses.
func TestDocuments_AreValidOpenAPI(t *testing.T) {
	t.Parallel()
	for _, d := range documents {
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			doc, err := openapi3.NewLoader().LoadFromData(d.JSON())
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if err := doc.Validate(context.Background()); err != nil {
				t.Fatalf("validate: %v", err)
			}
			if !strings.HasPrefix(doc.OpenAPI, "3.") {
				t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
			}
		})
	}
}

func TestDocuments_OperationsAreNamedAndDocumented(t *testing.T) {
	t.Parallel()
	for _, d := range documents {
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			ops, err := d.Operations()
			if err != nil {
				t.Fatal(err)
			}
			if len(ops) == 0 {
				t.Fatal("no operations")
			}
			seen := map[string]bool{}
			for _, op := range ops {
				if op.ID == "" || seen[op.ID] {
					t.Errorf("%s: operationId %q is empty or repeated", op.Pattern(), op.ID)
				}
				seen[op.ID] = true
				if len(op.Tags) == 0 {
					t.Errorf("%s: no tag, so Swagger UI files it under default", op.Pattern())
				}
			}
		})
	}
}

// TestPublic_Operations pins what the public document promises: every route
// of the public API, and which of them need no credential.
func TestPublic_Operations(t *testing.T) {
	t.Parallel()
	ops, err := apidocs.Public().Operations()
	if err != nil {
		t.Fatal(err)
	}
	var got, open []string
	for _, op := range ops {
		got = append(got, op.Pattern())
		if op.Public {
			open = append(open, op.Pattern())
		}
	}
	want := []string{
		"GET /api/v1/me",
		"POST /api/v1/auth/token", "POST /api/v1/auth/challenge", "POST /api/v1/auth/refresh",
		"GET /api/v1/notes", "POST /api/v1/notes",
		"GET /api/v1/notes/{id}", "PUT /api/v1/notes/{id}", "DELETE /api/v1/notes/{id}",
		"GET /api/v1/users", "POST /api/v1/users",
		"GET /healthz", "GET /readyz", "GET /openapi.json",
	}
	wantOpen := []string{
		"POST /api/v1/auth/token", "POST /api/v1/auth/challenge", "POST /api/v1/auth/refresh",
		"GET /healthz", "GET /readyz", "GET /openapi.json",
	}
	slices.Sort(got)
	slices.Sort(want)
	slices.Sort(open)
	slices.Sort(wantOpen)
	if !slices.Equal(got, want) {
		t.Errorf("operations\n got %q\nwant %q", got, want)
	}
	if !slices.Equal(open, wantOpen) {
		t.Errorf("operations without credentials\n got %q\nwant %q", open, wantOpen)
	}
}

// TestInternal_StaysOffThePublicDocument checks the split: the internal
// routes are documented only where the internal listener serves them, and
// none of them is open.
func TestInternal_StaysOffThePublicDocument(t *testing.T) {
	t.Parallel()
	pub, err := apidocs.Public().Operations()
	if err != nil {
		t.Fatal(err)
	}
	internal, err := apidocs.Internal().Operations()
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range pub {
		if strings.HasPrefix(op.Path, "/internal/") {
			t.Errorf("public document lists %s", op.Pattern())
		}
	}
	var got []string
	for _, op := range internal {
		got = append(got, op.Pattern())
		if strings.HasPrefix(op.Path, "/internal/") && op.Public {
			t.Errorf("internal %s needs no credential", op.Pattern())
		}
	}
	want := []string{"GET /healthz", "GET /openapi.json",
		"POST /internal/v1/tenants/{tenant_id}/users"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("internal operations\n got %q\nwant %q", got, want)
	}
}

func TestDocument_JSONIsACopy(t *testing.T) {
	t.Parallel()
	b := apidocs.Public().JSON()
	b[0] = 'X'
	if apidocs.Public().JSON()[0] == 'X' {
		t.Fatal("changing JSON's result changed the document")
	}
}
