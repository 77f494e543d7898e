package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/google/uuid"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/auth"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

const internalToken = "test-internal-token-0123456789abcdef"

// harness is the public and internal API over real parts: the verifier
// trusts a minting Issuer whose keys a loopback JWKS server publishes, the
// store is SQLite in a temporary file behind a counting spy, and, when
// asked for, the identity provider is the fake Cognito.
type harness struct {
	t        testing.TB
	iss      *testutil.Issuer
	store    *spyStore
	raw      store.Store
	public   *httptest.Server
	internal *httptest.Server
	logs     *syncBuffer
	// a and b are two tenants holding identical data.
	a, b string

	fake *testutil.FakeCognito
	pool testutil.SeededPool
	idp  *auth.Client
}

type harnessOptions struct {
	identity bool
	policy   *rbac.Policy
}

// sharedIssuer is one minting issuer for every test: RSA key generation
// is the slowest part of a harness, and an Issuer is safe for concurrent
// use. Tests stay apart through their own tenants, store and servers.
var sharedIssuer = sync.OnceValues(func() (*testutil.Issuer, error) {
	return testutil.NewIssuer()
})

func newHarness(t testing.TB, o harnessOptions) *harness {
	t.Helper()
	iss, err := sharedIssuer()
	if err != nil {
		t.Fatal(err)
	}
	jwks := testutil.NewJWKSServer(iss)
	t.Cleanup(jwks.Close)

	h := &harness{t: t, iss: iss, logs: &syncBuffer{}}
	h.a, h.b = "tenant-a-"+uuid.NewString()[:8], "tenant-b-"+uuid.NewString()[:8]
	log := slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	v, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: iss.UserPoolID(), ClientIDs: []string{iss.ClientID()},
			TokenUse: cognitotenant.TokenUseID, JWKSURL: jwks.JWKSURL(),
		}},
		TenantValidator: func(s string) error { _, err := store.ParseTenantID(s); return err },
		Logger:          log,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = v.Close() })

	h.raw = openTestStore(t)
	h.store = newSpyStore(h.raw)
	policy := o.policy
	if policy == nil {
		policy = rbac.Default()
	}
	authn, err := middleware.New(v, middleware.WithPolicy(policy), middleware.WithLogger(log))
	if err != nil {
		t.Fatal(err)
	}
	var idp Identity = refusingIdentity{}
	if o.identity {
		h.startIdentity()
		idp = h.idp
	}
	srv, err := New(Deps{
		Logger: log, Auth: authn, Policy: policy, Identity: idp, Store: h.store,
		KeysReady: v.WarmUp, InternalToken: internalToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	h.public = httptest.NewServer(srv.Public())
	h.internal = httptest.NewServer(srv.Internal())
	t.Cleanup(h.public.Close)
	t.Cleanup(h.internal.Close)
	return h
}

// startIdentity starts a fake Cognito pool with the three groups.
func (h *harness) startIdentity() {
	// The fake's tokens are never verified here, so small keys will do.
	h.fake = testutil.StartFakeCognito(h.t, testutil.WithCognitoKeyBits(1024))
	pool, err := h.fake.SeedPool(testutil.PoolSpec{
		Groups: []string{rbac.GroupAdmin, rbac.GroupEditor, rbac.GroupViewer},
	})
	if err != nil {
		h.t.Fatal(err)
	}
	h.pool = pool
	api := cip.NewFromConfig(h.fake.AWSConfig())
	h.idp, err = auth.New(api, auth.Options{UserPoolID: pool.PoolID, ClientID: pool.ClientID})
	if err != nil {
		h.t.Fatal(err)
	}
}

// token mints an ID token for a user of tenant with groups. The same sub
// is used in both tenants on purpose: identical data across tenants.
func (h *harness) token(tenant string, groups ...string) string {
	h.t.Helper()
	tok, err := h.iss.MintID(testutil.User{
		Sub: "sub-shared", Username: "same-user", Email: "same@example.com",
		TenantID: tenant, Groups: groups,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return tok
}

// response is what a test compares: status, body and the headers that
// could tell two answers apart.
type response struct {
	status int
	body   string
	header http.Header
}

func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
}

func (r response) code(t testing.TB) string {
	t.Helper()
	var p problem
	r.json(t, &p)
	return p.Code
}

// do sends a request to base with the bearer token (if any), a JSON body
// (if not nil) and extra headers given as name, value pairs.
func (h *harness) do(base, method, path, token string, body any,
	headers ...string) response {
	h.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return response{status: res.StatusCode, body: string(b), header: res.Header}
}

func (h *harness) api(method, path, token string, body any, headers ...string) response {
	h.t.Helper()
	return h.do(h.public.URL, method, path, token, body, headers...)
}

// seedNote creates a note in tenant directly in the store.
func (h *harness) seedNote(tenant, content string) store.Note {
	h.t.Helper()
	ctx := context.Background()
	tid := mustTenant(h.t, tenant)
	if err := h.raw.EnsureTenant(ctx, tid, tenant); err != nil {
		h.t.Fatal(err)
	}
	n, err := h.raw.CreateNote(ctx, tid, "sub-shared", content)
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

func (h *harness) note(tenant, id string) (store.Note, error) {
	return h.raw.GetNote(context.Background(), mustTenant(h.t, tenant), id)
}

func mustTenant(t testing.TB, s string) store.TenantID {
	t.Helper()
	tid, err := store.ParseTenantID(s)
	if err != nil {
		t.Fatal(err)
	}
	return tid
}

// syncBuffer collects log output from concurrent handlers.
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

// records returns the log lines whose msg is msg.
func (b *syncBuffer) records(t testing.TB, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var m map[string]any
		if line == "" {
			continue
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// refusingIdentity stands in where a test never signs anyone in; a call
// means the test reached a path it did not mean to.
type refusingIdentity struct{}

func (refusingIdentity) Login(context.Context, string, string) (auth.Result, error) {
	return auth.Result{}, auth.ErrProvider
}

func (refusingIdentity) RespondNewPassword(context.Context, string, string,
	string) (auth.Result, error) {
	return auth.Result{}, auth.ErrProvider
}

func (refusingIdentity) Refresh(context.Context, string, string) (auth.Tokens, error) {
	return auth.Tokens{}, auth.ErrProvider
}

func (refusingIdentity) CreateUser(context.Context, string, auth.NewUser) (auth.User, error) {
	return auth.User{}, auth.ErrProvider
}

func (refusingIdentity) ListUsers(context.Context, string) ([]auth.User, error) {
	return nil, auth.ErrProvider
}
