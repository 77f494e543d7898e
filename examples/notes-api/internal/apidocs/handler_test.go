package apidocs_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
)

func get(t *testing.T, h http.Handler, path string, hdr ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandler(t *testing.T) {
	t.Parallel()
	h := apidocs.NewHandler(apidocs.Public())
	tests := []struct {
		name, path string
		status     int
		typ        string // Content-Type prefix
		contains   string
	}{
		{"document_is_served_as_json", "/openapi.json", 200, "application/json",
			`"operationId": "listNotes"`},
		{"docs_serves_the_page_with_assets_under_its_directory", "/docs", 200,
			"text/html", `<base href="docs/">`},
		{"page_loads_the_bundle_and_initializer", "/docs/", 200, "text/html",
			`src="./swagger-initializer.js"`},
		{"initializer_points_at_the_document", "/docs/swagger-initializer.js", 200,
			"text/javascript", `url: "../openapi.json"`},
		{"swagger_ui_bundle_is_embedded", "/docs/swagger-ui-bundle.js", 200,
			"text/javascript", "SwaggerUIBundle"},
		{"swagger_ui_styles_are_embedded", "/docs/swagger-ui.css", 200, "text/css",
			".swagger-ui"},
		{"unknown_asset_is_not_found", "/docs/nope.js", 404, "", ""},
		{"other_paths_are_not_found", "/api/v1/notes", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := get(t, h, tt.path)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, tt.typ) {
				t.Errorf("Content-Type %q, want %s", got, tt.typ)
			}
			if !strings.Contains(b, tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp,
				"default-src 'self'") {
				t.Errorf("Content-Security-Policy %q does not pin the origin", csp)
			}
		})
	}
}

func TestHandler_DocumentIsTheEmbeddedOne(t *testing.T) {
	t.Parallel()
	for _, d := range documents {
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			res := get(t, apidocs.NewHandler(d), "/openapi.json")
			if b := body(t, res); !bytes.Equal([]byte(b), d.JSON()) {
				t.Fatal("served document differs from the embedded one")
			}
			etag := res.Header.Get("ETag")
			again := get(t, apidocs.NewHandler(d), "/openapi.json", "If-None-Match", etag)
			if etag == "" || again.StatusCode != http.StatusNotModified {
				t.Errorf("ETag %q, conditional request got %d, want 304",
					etag, again.StatusCode)
			}
		})
	}
}

// TestHandler_PageLoadsNothingFromElsewhere reads our page and initializer
// for absolute URLs: Swagger UI must render with no network but ours.
func TestHandler_PageLoadsNothingFromElsewhere(t *testing.T) {
	t.Parallel()
	h := apidocs.NewHandler(apidocs.Public())
	absolute := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|url:\s*"https?:`)
	for _, path := range []string{"/docs", "/docs/", "/docs/swagger-initializer.js"} {
		if b := body(t, get(t, h, path)); absolute.MatchString(b) {
			t.Errorf("%s loads from an absolute URL: %s", path, absolute.FindString(b))
		}
	}
	if b := body(t, get(t, h, "/docs/swagger-initializer.js")); !strings.Contains(b,
		"validatorUrl: null") {
		t.Error("initializer leaves the online validator on: it sends the document out")
	}
}

func TestRoutes_ServeWhatTheyName(t *testing.T) {
	t.Parallel()
	h := apidocs.NewHandler(apidocs.Public())
	mux := http.NewServeMux()
	for _, p := range apidocs.Routes() {
		mux.Handle(p, h)
	}
	for path, want := range map[string]int{"/openapi.json": 200, "/docs": 200,
		"/docs/": 200, "/docs/swagger-ui.css": 200} {
		if got := get(t, mux, path).StatusCode; got != want {
			t.Errorf("GET %s through Routes: %d, want %d", path, got, want)
		}
	}
}
