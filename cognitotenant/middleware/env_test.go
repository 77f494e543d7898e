package middleware_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// Tenants of the two-tenant fixtures.
const (
	tenantA = "4f1c2b8e-0d6a-4c1e-9a57-1b2c3d4e5f60"
	tenantB = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
)

// env is a user pool with a real verifier in front of it: one whose key
// set is served, and one whose key set endpoint fails.
type env struct {
	iss     *testutil.Issuer
	keysURL string
	live    *cognitotenant.Verifier
	down    *cognitotenant.Verifier
}

func newEnv(t testing.TB) *env {
	t.Helper()
	iss, err := testutil.NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	keys := testutil.NewJWKSServer(iss)
	t.Cleanup(keys.Close)
	broken := testutil.NewJWKSServer(iss)
	broken.Fail(http.StatusServiceUnavailable)
	t.Cleanup(broken.Close)
	return &env{
		iss:     iss,
		keysURL: keys.JWKSURL(),
		live:    newVerifier(t, iss, keys.JWKSURL(), cognitotenant.TokenUseID),
		down:    newVerifier(t, iss, broken.JWKSURL(), cognitotenant.TokenUseID),
	}
}

func newVerifier(t testing.TB, iss *testutil.Issuer, jwksURL string,
	use cognitotenant.TokenUse) *cognitotenant.Verifier {
	t.Helper()
	v, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: iss.UserPoolID(),
			ClientIDs:  []string{iss.ClientID()},
			TokenUse:   use,
			JWKSURL:    jwksURL,
		}},
		TokenCacheSize: cognitotenant.DefaultTokenCacheSize,
		FetchTimeout:   2 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// user returns a user of tenant in the given Cognito groups.
func user(tenant string, groups ...string) testutil.User {
	return testutil.User{TenantID: tenant, Groups: groups, Email: "u@example.com"}
}

// idToken mints an ID token or fails the test.
func (e *env) idToken(t testing.TB, u testutil.User, m ...testutil.ClaimsMutator) string {
	t.Helper()
	tok, err := e.iss.MintID(u, m...)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// accessToken mints an access token or fails the test.
func (e *env) accessToken(t testing.TB, u testutil.User,
	m ...testutil.ClaimsMutator) string {
	t.Helper()
	tok, err := e.iss.MintAccess(u, m...)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// logBuffer collects JSON log lines from concurrent handlers.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// logger returns a Debug-level logger writing into b.
func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// records returns the decoded log lines.
func (b *logBuffer) records(t testing.TB) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// text returns everything logged.
func (b *logBuffer) text() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newAuth builds an Authenticator over v with the default policy or fails.
func newAuth(t testing.TB, v middleware.TokenVerifier,
	opts ...middleware.Option) *middleware.Authenticator {
	t.Helper()
	a, err := middleware.New(v, append([]middleware.Option{
		middleware.WithPolicy(rbac.Default()),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// problemBody is the decoded problem+json of a refusal.
type problemBody struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
}

// decodeProblem checks the content type and decodes a refusal body.
func decodeProblem(t testing.TB, rec *httptest.ResponseRecorder) problemBody {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problemBody
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	return p
}

// withExpiredClaims makes a token that expired an hour ago.
func withExpiredClaims() []testutil.ClaimsMutator {
	past := time.Now().Add(-2 * time.Hour).Unix()
	return []testutil.ClaimsMutator{
		testutil.With("iat", past),
		testutil.With("auth_time", past),
		testutil.With("exp", past+3600),
	}
}

// withOtherClient makes an ID token for an app client not configured.
func withOtherClient() testutil.ClaimsMutator {
	return testutil.With("aud", "someotherclient0123456789")
}
