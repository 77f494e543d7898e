package cognitotenant_test

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// testClock is a settable clock for verifiers and issuers.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is one user pool: an issuer minting its tokens, a server publishing
// its keys, and a clock both share with the verifier.
type env struct {
	clock  *testClock
	issuer *testutil.Issuer
	jwks   *testutil.JWKSServer
}

var (
	keyOnce    sync.Once
	sharedIss  *testutil.Issuer
	sharedErr  error
	sharedTime = newTestClock()
)

// newEnv returns a fresh environment with its own verifier clock. Key
// generation is slow, so tests that do not rotate share one issuer whose
// clock stands still at the start time of every env clock; tests that
// rotate keys or change issuer options pass fresh=true or options.
func newEnv(t testing.TB, fresh bool, opts ...testutil.IssuerOption) *env {
	t.Helper()
	clock := newTestClock()
	e := &env{clock: clock}
	opts = append([]testutil.IssuerOption{testutil.WithClock(clock.Now)}, opts...)
	if fresh || len(opts) > 1 {
		iss, err := testutil.NewIssuer(opts...)
		if err != nil {
			t.Fatal(err)
		}
		e.issuer = iss
	} else {
		keyOnce.Do(func() {
			sharedIss, sharedErr = testutil.NewIssuer(testutil.WithClock(sharedTime.Now))
		})
		if sharedErr != nil {
			t.Fatal(sharedErr)
		}
		e.issuer = sharedIss
	}
	e.jwks = testutil.NewJWKSServer(e.issuer)
	t.Cleanup(e.jwks.Close)
	return e
}

// pool is the Pool of e's issuer for the given token use.
func (e *env) pool(use cognitotenant.TokenUse) cognitotenant.Pool {
	return cognitotenant.Pool{
		UserPoolID: e.issuer.UserPoolID(),
		ClientIDs:  []string{e.issuer.ClientID()},
		TokenUse:   use,
		JWKSURL:    e.jwks.JWKSURL(),
	}
}

// config is a Config for e's pool; edit adjusts it before New.
func (e *env) config(use cognitotenant.TokenUse) cognitotenant.Config {
	return cognitotenant.Config{
		Pools:          []cognitotenant.Pool{e.pool(use)},
		Clock:          e.clock.Now,
		HTTPClient:     e.jwks.Client(),
		TokenCacheSize: 100,
	}
}

func (e *env) verifier(t testing.TB, cfg cognitotenant.Config) *cognitotenant.Verifier {
	t.Helper()
	v, err := cognitotenant.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = v.Close() })
	return v
}

func (e *env) mintID(t testing.TB, mut ...testutil.ClaimsMutator) string {
	t.Helper()
	tok, err := e.issuer.MintID(testutil.User{TenantID: "tenant-a",
		Email: "a@example.com", Groups: []string{"admin"}}, mut...)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// mintAccess mints an access token carrying the tenant, as a V2_0
// pre-token-generation trigger would add it; without one it has none.
func (e *env) mintAccess(t testing.TB, mut ...testutil.ClaimsMutator) string {
	t.Helper()
	mut = append([]testutil.ClaimsMutator{testutil.With(testutil.TenantClaim, "tenant-a")},
		mut...)
	tok, err := e.issuer.MintAccess(testutil.User{Groups: []string{"admin"},
		Scopes: []string{"openid", "notes/read"}}, mut...)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// wantErr fails t unless err matches want (nil means success) and is a
// *VerifyError whose reason agrees.
func wantErr(t testing.TB, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("Verify: %v, want success", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("Verify: %v, want %v", err, want)
	}
	var ve *cognitotenant.VerifyError
	if !errors.As(err, &ve) {
		t.Fatalf("Verify: %T is not a *VerifyError", err)
	}
}

var bg = context.Background()

func onlyTenant(want string) func(string) error {
	return func(got string) error {
		if got != want {
			return errors.New("tenant not provisioned")
		}
		return nil
	}
}

var errRevoked = errors.New("token revoked")

func refuseAll(context.Context, *cognitotenant.Claims) error { return errRevoked }

func acceptAll(context.Context, *cognitotenant.Claims) error { return nil }

// resign returns tok with its payload JSON edited by edit and signed again
// with the same key, for payloads that a claims map cannot express, such
// as duplicate keys.
func (e *env) resign(t testing.TB, tok string, edit func([]byte) []byte) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	hdr, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		t.Fatal(err)
	}
	idKey := strings.Contains(string(hdr), e.issuer.IDKeyID())
	out, err := e.issuer.SignHeader(idKey, "RS256", hdr, edit(payload))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func userA() testutil.User {
	return testutil.User{TenantID: "tenant-a", Email: "a@example.com",
		Groups: []string{"admin"}}
}
