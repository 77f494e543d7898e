package testutil_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/smithy-go"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jws"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

const strongPassword = "Correct-Horse-9"

// manualClock is a clock tests move by hand.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func newManualClock() *manualClock {
	return &manualClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is a started fake with one seeded pool and an SDK client.
type fixture struct {
	fc   *testutil.FakeCognito
	pool testutil.SeededPool
	api  *cip.Client
}

func newFixture(t *testing.T, spec testutil.PoolSpec, opts ...testutil.FakeCognitoOption) fixture {
	t.Helper()
	fc := testutil.StartFakeCognito(t, opts...)
	pool, err := fc.SeedPool(spec)
	if err != nil {
		t.Fatalf("SeedPool: %v", err)
	}
	return fixture{fc: fc, pool: pool, api: cip.NewFromConfig(fc.AWSConfig())}
}

func (f fixture) seedUser(t *testing.T, spec testutil.SeedUserSpec) testutil.SeededUser {
	t.Helper()
	if spec.Password == "" {
		spec.Password = strongPassword
	}
	u, err := f.fc.SeedUser(f.pool.PoolID, spec)
	if err != nil {
		t.Fatalf("SeedUser(%s): %v", spec.Username, err)
	}
	return u
}

// signIn runs USER_PASSWORD_AUTH through the SDK.
func (f fixture) signIn(ctx context.Context, user, pw string) (*cip.InitiateAuthOutput, error) {
	params := map[string]string{"USERNAME": user, "PASSWORD": pw}
	if h := f.pool.SecretHash(user); h != "" {
		params["SECRET_HASH"] = h
	}
	return f.api.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: "USER_PASSWORD_AUTH", ClientId: aws.String(f.pool.ClientID),
		AuthParameters: params,
	})
}

func (f fixture) mustSignIn(t *testing.T, user string) *cip.InitiateAuthOutput {
	t.Helper()
	out, err := f.signIn(context.Background(), user, strongPassword)
	if err != nil {
		t.Fatalf("InitiateAuth(%s): %v", user, err)
	}
	if out.AuthenticationResult == nil {
		t.Fatalf("InitiateAuth(%s): challenge %s instead of tokens", user, out.ChallengeName)
	}
	return out
}

// wantAPIError fails unless err is an API error of the given type.
func wantAPIError(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v, want API error %s", err, code)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("error code = %s (%s), want %s", ae.ErrorCode(), ae.ErrorMessage(), code)
	}
}

// verified checks token's signature against the pool's published JWKS
// and returns its header kid and claims.
func verified(t *testing.T, jwksURL, token string) (string, map[string]any) {
	t.Helper()
	resp, err := http.Get(jwksURL)
	if err != nil {
		t.Fatalf("get JWKS: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	set, err := jwk.Parse(body)
	if err != nil {
		t.Fatalf("parse JWKS: %v", err)
	}
	payload, err := jws.Verify([]byte(token), jws.WithKeySet(set))
	if err != nil {
		t.Fatalf("token does not verify against the pool JWKS: %v", err)
	}
	msg, err := jws.Parse([]byte(token))
	if err != nil {
		t.Fatalf("parse token: %v", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatalf("claims: %v", err)
	}
	return msg.Signatures()[0].ProtectedHeaders().KeyID(), claims
}

func isJWS(s string) bool { return strings.Count(s, ".") == 2 }

func groupInput(poolID, name string, precedence int32, role string) *cip.CreateGroupInput {
	return &cip.CreateGroupInput{UserPoolId: aws.String(poolID), GroupName: aws.String(name),
		Precedence: aws.Int32(precedence), RoleArn: aws.String(role)}
}

func keyPublished(t *testing.T, jwksURL, kid string) bool {
	t.Helper()
	resp, err := http.Get(jwksURL)
	if err != nil {
		t.Fatalf("get JWKS: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	set, err := jwk.Parse(body)
	if err != nil {
		t.Fatalf("parse JWKS: %v", err)
	}
	_, ok := set.LookupKeyID(kid)
	return ok
}
