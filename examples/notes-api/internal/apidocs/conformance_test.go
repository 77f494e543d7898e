package apidocs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/apidocs"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/app"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
)

// conformer sends requests to one listener of the service and checks each
// request and response against that listener's document. It records which
// operations it saw, so a test can demand that all were exercised.
type conformer struct {
	t      *testing.T
	base   string
	doc    *openapi3.T
	router routers.Router

	mu   sync.Mutex
	seen map[string]bool
}

func newConformer(t *testing.T, base string, d apidocs.Document) *conformer {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(d.JSON())
	if err != nil {
		t.Fatal(err)
	}
	// The document names no servers; route on the path alone.
	doc.Servers = openapi3.Servers{{URL: base}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &conformer{t: t, base: base, doc: doc, router: router, seen: map[string]bool{}}
}

// do sends the request, fails the test if either side breaks the document
// or the status is not want, and decodes a JSON answer into out.
func (c *conformer) do(method, path, bearer string, body any, want int, out any) {
	c.t.Helper()
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			c.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(raw))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}

	route, params, err := c.router.FindRoute(req)
	if err != nil {
		c.t.Fatalf("%s %s is not in the document: %v", method, path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params,
		Route: route, Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	ctx := context.Background()
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		c.t.Errorf("%s %s: request breaks the document: %v", method, path, err)
	}
	req.Body = io.NopCloser(bytes.NewReader(raw)) // validation read it

	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	c.mu.Lock()
	c.seen[route.Method+" "+route.Path] = true
	c.mu.Unlock()

	if res.StatusCode != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, want, got)
	}
	err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
		Body: io.NopCloser(bytes.NewReader(got)),
	})
	if err != nil {
		c.t.Errorf("%s %s: %d response breaks the document: %v\n%s",
			method, path, res.StatusCode, err, got)
	}
	if out != nil {
		if err := json.Unmarshal(got, out); err != nil {
			c.t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
}

// unexercised lists the document's operations no request has reached.
func (c *conformer) unexercised(d apidocs.Document) []string {
	ops, err := d.Operations()
	if err != nil {
		c.t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, op := range ops {
		if !c.seen[op.Pattern()] {
			out = append(out, op.Pattern())
		}
	}
	return out
}

// startService runs the service on its embedded defaults: the fake
// Cognito with the demo user, and SQLite in a temporary directory.
func startService(t *testing.T) *app.App {
	t.Helper()
	env := map[string]string{
		"DATABASE_URL":  "sqlite:" + filepath.Join(t.TempDir(), "notes.db"),
		"ADDR":          "127.0.0.1:0",
		"INTERNAL_ADDR": "127.0.0.1:0",
	}
	cfg, err := config.FromLookup(func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := app.Start(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("start the service: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = svc.Shutdown(ctx)
	})
	return svc
}

type tokens struct {
	IDToken      string `json:"id_token"`
	RefreshToken string `json:"refresh_token"`
}

type challenge struct {
	Name     string `json:"challenge_name"`
	Session  string `json:"session"`
	Username string `json:"username"`
}

// TestService_ConformsToTheDocuments calls every documented operation of
// both listeners on the running service, successes and refusals, and
// validates each request and response against the document: paths,
// parameters, status codes, content types and body schemas.
func TestService_ConformsToTheDocuments(t *testing.T) {
	svc := startService(t)
	pub := newConformer(t, svc.PublicURL, apidocs.Public())
	internal := newConformer(t, svc.InternalURL, apidocs.Internal())
	demo := map[string]string{"username": svc.Demo.Email, "password": svc.Demo.Password}

	var login tokens
	pub.do("POST", "/api/v1/auth/token", "", demo, 200, &login)
	pub.do("POST", "/api/v1/auth/token", "",
		map[string]string{"username": svc.Demo.Email, "password": "wrong-Passw0rd!"}, 401, nil)
	pub.do("POST", "/api/v1/auth/refresh", "",
		map[string]string{"refresh_token": login.RefreshToken}, 200, nil)
	id := login.IDToken

	pub.do("GET", "/api/v1/me", id, nil, 200, nil)
	pub.do("GET", "/api/v1/me", "", nil, 401, nil)

	var note struct{ ID string }
	pub.do("POST", "/api/v1/notes", id, map[string]string{"content": "first"}, 201, &note)
	pub.do("POST", "/api/v1/notes", id, map[string]string{"content": "second"}, 201, nil)
	pub.do("GET", "/api/v1/notes?limit=1", id, nil, 200, nil)
	pub.do("GET", "/api/v1/notes", id, nil, 200, nil)
	pub.do("GET", "/api/v1/notes/"+note.ID, id, nil, 200, nil)
	pub.do("PUT", "/api/v1/notes/"+note.ID, id,
		map[string]any{"content": "edited", "version": 1}, 200, nil)
	pub.do("PUT", "/api/v1/notes/"+note.ID, id,
		map[string]any{"content": "stale", "version": 1}, 409, nil)
	pub.do("DELETE", "/api/v1/notes/"+note.ID, id, nil, 204, nil)
	pub.do("GET", "/api/v1/notes/"+note.ID, id, nil, 404, nil)

	pub.do("GET", "/api/v1/users", id, nil, 200, nil)
	newcomer := map[string]string{"email": "viewer@example.com", "role": "VIEWER",
		"temporary_password": "Temp0rary!pass"}
	pub.do("POST", "/api/v1/users", id, newcomer, 201, nil)
	pub.do("POST", "/api/v1/users", id, newcomer, 409, nil)

	var ch challenge
	pub.do("POST", "/api/v1/auth/token", "", map[string]string{
		"username": newcomer["email"], "password": newcomer["temporary_password"]}, 200, &ch)
	if ch.Name != "NEW_PASSWORD_REQUIRED" {
		t.Fatalf("first sign-in with a temporary password answered %+v", ch)
	}
	var viewer tokens
	pub.do("POST", "/api/v1/auth/challenge", "", map[string]string{
		"username": ch.Username, "session": ch.Session, "new_password": "N3w!password"},
		200, &viewer)
	pub.do("DELETE", "/api/v1/notes/"+note.ID, viewer.IDToken, nil, 403, nil)

	pub.do("GET", "/healthz", "", nil, 200, nil)
	pub.do("GET", "/readyz", "", nil, 200, nil)
	pub.do("GET", "/openapi.json", "", nil, 200, nil)

	user := map[string]string{"email": "other@example.com", "password": "0ther!Passw0rd",
		"role": "ADMIN"}
	internal.do("POST", "/internal/v1/tenants/tenant-456/users", svc.InternalToken,
		user, 201, nil)
	internal.do("POST", "/internal/v1/tenants/tenant-456/users", "", user, 401, nil)
	internal.do("GET", "/healthz", "", nil, 200, nil)
	internal.do("GET", "/openapi.json", "", nil, 200, nil)

	for _, c := range []struct {
		conf *conformer
		doc  apidocs.Document
	}{{pub, apidocs.Public()}, {internal, apidocs.Internal()}} {
		if missed := c.conf.unexercised(c.doc); len(missed) > 0 {
			t.Errorf("%s operations this test never called: %s", c.doc.Name(),
				strings.Join(slices.Sorted(slices.Values(missed)), ", "))
		}
	}
}
