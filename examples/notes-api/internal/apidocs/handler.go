package apidocs

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"time"

	swaggerfiles "github.com/swaggo/files/v2"
)

//go:embed ui/index.html ui/swagger-initializer.js
var uiFiles embed.FS

// Paths the handler serves.
const (
	DocumentPath = "/openapi.json"
	UIPath       = "/docs"
)

// Routes returns the net/http ServeMux patterns NewHandler answers, for
// mounting it: for _, p := range Routes() { mux.Handle(p, h) }.
func Routes() []string {
	return []string{"GET " + DocumentPath, "GET " + UIPath, "GET " + UIPath + "/"}
}

// UIRoutes returns the patterns among Routes that serve Swagger UI rather
// than an API operation; a document lists every route but these.
func UIRoutes() []string { return Routes()[1:] }

// contentSecurity lets the page load scripts, styles and images from this
// origin only, so a changed initializer cannot pull code from elsewhere.
// Swagger UI sets inline styles, and its icons are data: URLs.
const contentSecurity = "default-src 'self'; img-src 'self' data:; " +
	"style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'"

// NewHandler serves d at DocumentPath and Swagger UI at UIPath and at
// UIPath+"/", all from the binary: swagger-ui's dist files as packaged by
// github.com/swaggo/files, with this package's own page and initializer
// that point at d. Other paths get 404. It is safe for concurrent use.
func NewHandler(d Document) http.Handler {
	files := http.StripPrefix(UIPath+"/", http.FileServerFS(swaggerfiles.FS))
	sum := sha256.Sum256(d.raw)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`

	mux := http.NewServeMux()
	mux.HandleFunc("GET "+DocumentPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(d.raw))
	})
	page := mustReadUI("ui/index.html")
	// The page's asset URLs are relative to the directory. Served at the
	// bare path too (so `curl .../docs` gets the page, not a redirect), it
	// names the directory as its base; a relative base keeps the page
	// working behind a path prefix.
	mux.HandleFunc("GET "+UIPath, serveBytes(bytes.Replace(page, []byte("<head>"),
		[]byte("<head>\n  <base href=\""+UIPath[1:]+"/\">"), 1), htmlType))
	mux.HandleFunc("GET "+UIPath+"/{$}", serveBytes(page, htmlType))
	mux.HandleFunc("GET "+UIPath+"/swagger-initializer.js",
		serveBytes(mustReadUI("ui/swagger-initializer.js"),
			"text/javascript; charset=utf-8"))
	mux.Handle("GET "+UIPath+"/", files)
	return withHeaders(mux)
}

const htmlType = "text/html; charset=utf-8"

// mustReadUI returns one of this package's own page files.
func mustReadUI(name string) []byte {
	body, err := uiFiles.ReadFile(name)
	if err != nil {
		panic("apidocs: " + err.Error()) // embedded: cannot fail
	}
	return body
}

// serveBytes serves body, answering conditional and range requests.
func serveBytes(body []byte, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	}
}

func withHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurity)
		h.Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}
