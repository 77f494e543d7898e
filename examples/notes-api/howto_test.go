package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
)

// service is a notes-api started in-process by run, as `go run` starts it,
// and what a newcomer copies from its banner.
type service struct {
	PublicURL, InternalURL, InternalToken string
	SwaggerUI                             string
	DemoUser, DemoPassword                string
	stdout                                *syncBuffer
}

// startService runs the service with the configuration env describes and
// waits for its banner. It stops when the test ends.
func startService(t *testing.T, env map[string]string) *service {
	t.Helper()
	cfg, err := config.FromLookup(func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, cfg, stdout, stderr) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("service stopped with: %v", err)
		}
		if t.Failed() {
			t.Logf("service log:\n%s", stderr.String())
		}
	})

	banner := waitForBanner(t, stdout, done)
	return &service{
		PublicURL:     banner["Public API"],
		SwaggerUI:     banner["Swagger UI"],
		InternalURL:   banner["Internal API"],
		InternalToken: banner["Internal token"],
		DemoUser:      banner["Demo user"],
		DemoPassword:  banner["Demo password"],
		stdout:        stdout,
	}
}

// waitForBanner reads the "label: value" lines the service prints once
// both listeners accept connections.
func waitForBanner(t *testing.T, out *syncBuffer, done <-chan error) map[string]string {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for !strings.Contains(out.String(), "Database:") {
		select {
		case err := <-done:
			t.Fatalf("service exited before its banner: %v", err)
		case <-deadline:
			t.Fatalf("no banner after a minute; output so far:\n%s", out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	time.Sleep(50 * time.Millisecond) // let the rest of the banner arrive
	fields := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		label, value, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if ok {
			fields[label] = strings.TrimSpace(value)
		}
	}
	return fields
}

// call is one curl of the walkthrough: method, URL, bearer token, JSON body.
func call(t *testing.T, method, url, token, body string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}

// field is `jq -r .name`.
func field(t *testing.T, body []byte, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	s, _ := m[name].(string)
	if s == "" {
		t.Fatalf("no %q in %s", name, body)
	}
	return s
}

// howToTest is the README's "How to test" walkthrough, step for step; its
// step numbers and values are the README's. It returns the demo user's
// note id.
func howToTest(t *testing.T, s *service) string {
	t.Helper()
	api, internal := s.PublicURL, s.InternalURL

	// 1. Log in as the demo user and keep the ID token.
	status, body := call(t, "POST", api+"/api/v1/auth/token", "",
		`{"username":"`+s.DemoUser+`","password":"`+s.DemoPassword+`"}`)
	if status != 200 {
		t.Fatalf("step 1, log in: %d %s", status, body)
	}
	token := field(t, body, "id_token")

	// 2. Create a note and keep its id.
	status, body = call(t, "POST", api+"/api/v1/notes", token,
		`{"content":"hello from tenant-123"}`)
	if status != 201 {
		t.Fatalf("step 2, create a note: %d %s", status, body)
	}
	noteID := field(t, body, "id")

	// 3. List the notes: the new one is there.
	status, body = call(t, "GET", api+"/api/v1/notes", token, "")
	if status != 200 || !bytes.Contains(body, []byte(noteID)) {
		t.Fatalf("step 3, list: %d %s", status, body)
	}

	// 4. Create a user in another tenant through the internal API.
	status, body = call(t, "POST", internal+"/internal/v1/tenants/tenant-456/users",
		s.InternalToken, `{"email":"bob@example.com","password":"P@ssword456","role":"EDITOR"}`)
	if status != 201 {
		t.Fatalf("step 4, internal create user: %d %s", status, body)
	}

	// 5. Log in as that user.
	status, body = call(t, "POST", api+"/api/v1/auth/token", "",
		`{"username":"bob@example.com","password":"P@ssword456"}`)
	if status != 200 {
		t.Fatalf("step 5, log in as bob: %d %s", status, body)
	}
	tokenB := field(t, body, "id_token")

	// 6. Their list is empty.
	status, body = call(t, "GET", api+"/api/v1/notes", tokenB, "")
	if status != 200 || strings.TrimSpace(string(body)) != `{"notes":[],"next":null}` {
		t.Fatalf("step 6, bob's list: %d %s", status, body)
	}

	// 7. The first tenant's note by id is a 404, the same answer as for a
	// note that never existed.
	status, foreign := call(t, "GET", api+"/api/v1/notes/"+noteID, tokenB, "")
	if status != 404 || field(t, foreign, "code") != "not_found" {
		t.Fatalf("step 7, bob reads the demo note: %d %s", status, foreign)
	}
	status, missing := call(t, "GET",
		api+"/api/v1/notes/00000000-0000-4000-8000-000000000000", tokenB, "")
	if status != 404 || !bytes.Equal(foreign, missing) {
		t.Fatalf("step 7, a foreign note (%s) differs from a missing one (%d %s)",
			foreign, status, missing)
	}
	return noteID
}

// syncBuffer is the service's stdout or stderr, written by its goroutines
// and read by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
