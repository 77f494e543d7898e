package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// embeddedEnv is the embedded defaults, on free loopback ports and with
// the database in dir, so tests do not collide with a running service.
func embeddedEnv(dir string) map[string]string {
	return map[string]string{
		"ADDR":          "127.0.0.1:0",
		"INTERNAL_ADDR": "127.0.0.1:0",
		"DATABASE_URL":  "sqlite:" + filepath.Join(dir, "data", "notes.db"),
		"LOG_LEVEL":     "debug",
	}
}

func TestHowToTest_on_the_embedded_defaults(t *testing.T) {
	s := startService(t, embeddedEnv(t.TempDir()))
	if s.DemoUser != "admin@example.com" || s.DemoPassword != "P@ssword123" ||
		len(s.InternalToken) < 32 {
		t.Fatalf("banner: %s", s.stdout.String())
	}
	howToTest(t, s)

	status, body := call(t, "GET", s.PublicURL+"/docs/", "", "")
	if status != 200 {
		t.Fatalf("Swagger UI: %d %s", status, body)
	}
	assertServesPage(t, s.SwaggerUI)
}

// assertServesPage fetches url as curl does, following no redirect, and
// wants an HTML page: the banner's URLs are for copying into a terminal.
func assertServesPage(t *testing.T, url string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK ||
		!strings.HasPrefix(ct, "text/html") {
		t.Errorf("GET %s: %d %s, want 200 and a page", url, res.StatusCode, ct)
	}
}

// TestRestart_keeps_notes_and_their_author runs the service twice on one
// database file. The fake Cognito forgets its users on exit, but the demo
// user is seeded with the same sub every time, so their notes stay theirs.
func TestRestart_keeps_notes_and_their_author(t *testing.T) {
	dir := t.TempDir()
	var noteID, sub string
	t.Run("first_run", func(t *testing.T) {
		// The service stops when this subtest ends.
		s := startService(t, embeddedEnv(dir))
		token := login(t, s.PublicURL, s.DemoUser, s.DemoPassword)
		status, body := call(t, "POST", s.PublicURL+"/api/v1/notes", token,
			`{"content":"kept across restarts"}`)
		if status != 201 {
			t.Fatalf("create: %d %s", status, body)
		}
		noteID, sub = field(t, body, "id"), field(t, body, "created_by")
	})
	if noteID == "" {
		t.FailNow()
	}

	s := startService(t, embeddedEnv(dir))
	token := login(t, s.PublicURL, s.DemoUser, s.DemoPassword)
	status, body := call(t, "GET", s.PublicURL+"/api/v1/notes/"+noteID, token, "")
	if status != 200 || field(t, body, "created_by") != sub {
		t.Fatalf("after restart: %d %s, want the note by %s", status, body, sub)
	}
	status, body = call(t, "GET", s.PublicURL+"/api/v1/me", token, "")
	if status != 200 || field(t, body, "subject") != sub {
		t.Fatalf("me after restart: %d %s, want subject %s", status, body, sub)
	}
}

func login(t *testing.T, api, user, password string) string {
	t.Helper()
	creds, _ := json.Marshal(map[string]string{"username": user, "password": password})
	status, body := call(t, "POST", api+"/api/v1/auth/token", "", string(creds))
	if status != 200 {
		t.Fatalf("log in as %s: %d %s", user, status, body)
	}
	return field(t, body, "id_token")
}
