package apidocs_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
)

// A listener mounts the handler of its own document on the patterns Routes
// names.
func ExampleNewHandler() {
	mux := http.NewServeMux()
	docs := apidocs.NewHandler(apidocs.Public())
	for _, pattern := range apidocs.Routes() {
		mux.Handle(pattern, docs)
	}

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/docs", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	// Output: 200 text/html; charset=utf-8
}

func ExampleDocument_Operations() {
	ops, err := apidocs.Internal().Operations()
	if err != nil {
		panic(err)
	}
	for _, op := range ops {
		fmt.Printf("%-45s public=%v\n", op.Pattern(), op.Public)
	}
	// Output:
	// GET /healthz                                  public=true
	// POST /internal/v1/tenants/{tenant_id}/users   public=false
	// GET /openapi.json                             public=true
}
