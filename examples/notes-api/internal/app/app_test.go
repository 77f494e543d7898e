package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func startApp(t *testing.T, env map[string]string) *App {
	t.Helper()
	env["ADDR"], env["INTERNAL_ADDR"] = "127.0.0.1:0", "127.0.0.1:0"
	if env["DATABASE_URL"] == "" {
		env["DATABASE_URL"] = "sqlite:" + filepath.Join(t.TempDir(), "notes.db")
	}
	cfg, err := config.FromLookup(func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Start(context.Background(), cfg, quiet())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Shutdown(context.Background()) })
	return a
}

func get(t *testing.T, url, token string) int {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestStart_embedded_mode_internal_token(t *testing.T) {
	t.Parallel()
	t.Run("generated_and_printed_when_unset", func(t *testing.T) {
		t.Parallel()
		a := startApp(t, map[string]string{})
		var b strings.Builder
		a.WriteBanner(&b)
		if !a.TokenGenerated || len(a.InternalToken) < 32 ||
			!strings.Contains(b.String(), "Internal token: "+a.InternalToken) {
			t.Fatalf("generated %v, banner:\n%s", a.TokenGenerated, b.String())
		}
		if a.Demo == nil || a.Demo.Sub != demoSub || get(t, a.PublicURL+"/readyz", "") != 200 {
			t.Fatalf("demo %+v or not ready", a.Demo)
		}
	})
	t.Run("taken_from_the_environment_and_not_printed", func(t *testing.T) {
		t.Parallel()
		const tok = "env-internal-token-0123456789abcdef"
		a := startApp(t, map[string]string{"INTERNAL_API_TOKEN": tok})
		var b strings.Builder
		a.WriteBanner(&b)
		if a.TokenGenerated || a.InternalToken != tok || strings.Contains(b.String(), tok) {
			t.Fatalf("generated %v, banner:\n%s", a.TokenGenerated, b.String())
		}
	})
}

// TestStart_access_tokens_with_a_trigger_claim configures the service for
// access tokens whose tenant a pre-token-generation trigger puts in
// "tenant_id", and shows that ID tokens are then refused.
func TestStart_access_tokens_with_a_trigger_claim(t *testing.T) {
	t.Parallel()
	iss, err := testutil.NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	jwks := testutil.NewJWKSServer(iss)
	t.Cleanup(jwks.Close)
	a := startApp(t, map[string]string{
		"COGNITO_USER_POOL_ID": iss.UserPoolID(),
		"COGNITO_CLIENT_ID":    iss.ClientID(),
		"COGNITO_ENDPOINT":     jwks.URL(),
		"COGNITO_JWKS_URL":     jwks.JWKSURL(),
		"COGNITO_TOKEN_USE":    "access",
		"COGNITO_TENANT_CLAIM": "tenant_id",
		"INTERNAL_API_TOKEN":   "cfg-internal-token-0123456789abcdef",
	})
	user := testutil.User{Groups: []string{"VIEWER"}}
	access, err := iss.MintAccess(user, testutil.With("tenant_id", "tenant-x"))
	if err != nil {
		t.Fatal(err)
	}
	id, err := iss.MintID(user, testutil.With("tenant_id", "tenant-x"))
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, a.PublicURL+"/api/v1/notes", access); got != 200 {
		t.Errorf("access token with the trigger claim: %d, want 200", got)
	}
	if got := get(t, a.PublicURL+"/api/v1/notes", id); got != 401 {
		t.Errorf("ID token: %d, want 401", got)
	}
}

func TestDatabaseLabel_never_shows_a_password(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"sqlite:data/notes.db":                         "SQLite data/notes.db",
		"postgres://app:s3cret@db.internal:5432/notes": "PostgreSQL at db.internal:5432",
		"postgresql://db.internal/notes":               "PostgreSQL at db.internal",
	}
	for url, want := range tests {
		if got := databaseLabel(url); got != want || strings.Contains(got, "s3cret") {
			t.Errorf("databaseLabel(%q) = %q, want %q", url, got, want)
		}
	}
}
