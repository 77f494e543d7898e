package bench

import (
	"fmt"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// Kind is the kind of Cognito token a verifier is set up for.
type Kind string

// The two kinds of user-pool token.
const (
	KindID     Kind = "id"
	KindAccess Kind = "access"
)

// Kinds lists the kinds in the order tables show them.
var Kinds = []Kind{KindID, KindAccess}

// Leeway is the clock skew every peer tolerates, cognitotenant's default.
const Leeway = 30 * time.Second

// lifetime is Cognito's longest token lifetime, so that a long benchmark
// run never outlives its tokens.
const lifetime = 24 * time.Hour

// Fixture is one user pool's issuer, its key set, published on a loopback
// server as well, and pools of distinct valid tokens of each kind.
// It is safe for concurrent use once built.
type Fixture struct {
	Issuer *testutil.Issuer
	// JWKS is the key set document, for peers that take a static set.
	JWKS []byte
	// Server publishes JWKS on loopback, for peers that fetch it.
	Server *testutil.JWKSServer

	tokens map[Kind][]string
}

// NewFixture mints n distinct tokens of each kind: users of several
// tenants and groups, each token with its own sub and jti, shaped as
// Cognito issues them. Close the fixture to stop its key set server.
func NewFixture(n int) (*Fixture, error) {
	iss, err := testutil.NewIssuer(testutil.WithLifetime(lifetime))
	if err != nil {
		return nil, err
	}
	f := &Fixture{Issuer: iss, JWKS: iss.JWKS(), tokens: map[Kind][]string{}}
	groups := [][]string{{"admin"}, {"editor"}, {"viewer"}, nil}
	for i := range n {
		u := testutil.User{
			Username: fmt.Sprintf("user%03d", i),
			Email:    fmt.Sprintf("user%03d@example.com", i),
			TenantID: fmt.Sprintf("tenant-%02d", i%8),
			Groups:   groups[i%len(groups)],
		}
		id, err := iss.MintID(u)
		if err != nil {
			return nil, err
		}
		access, err := iss.MintAccess(u)
		if err != nil {
			return nil, err
		}
		f.tokens[KindID] = append(f.tokens[KindID], id)
		f.tokens[KindAccess] = append(f.tokens[KindAccess], access)
	}
	f.Server = testutil.NewJWKSServer(iss)
	return f, nil
}

// Tokens returns the valid tokens of kind k; callers must not modify it.
func (f *Fixture) Tokens(k Kind) []string { return f.tokens[k] }

// Mint returns a token of kind k for a user of tenant-00, after mutators
// break whichever rule a test needs broken.
func (f *Fixture) Mint(k Kind, mutate ...testutil.ClaimsMutator) (string, error) {
	u := testutil.User{Username: "probe", Email: "probe@example.com",
		TenantID: "tenant-00", Groups: []string{"viewer"}}
	if k == KindAccess {
		return f.Issuer.MintAccess(u, mutate...)
	}
	return f.Issuer.MintID(u, mutate...)
}

// Close stops the key set server.
func (f *Fixture) Close() { f.Server.Close() }
