package conformance

import (
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// The user pools and app clients of the corpus. The pool ids match
// aws-jwt-verify's pool-id pattern, which derives the issuer from them.
const (
	HomeRegion      = "us-east-1"
	HomePoolID      = "us-east-1_ConfHome1"
	NeighbourPoolID = "us-east-1_ConfNeighb"
	ClientID        = "confclient0000000000000001"
	SecondClientID  = "confclient0000000000000002"
	OtherClientID   = "confclient0000000000000099"
)

// The verifier configurations every case names.
const (
	ConfigID     = "id"
	ConfigAccess = "access"
)

// The aws-jwt-verify error classes the corpus draws, by constructor name.
const (
	AWSParse         = "JwtParseError"
	AWSUnknownIssuer = "ParameterValidationError"
	AWSNoKid         = "JwtWithoutValidKidError"
	AWSUnknownKid    = "KidNotFoundInJwksError"
	AWSAlgorithm     = "JwtInvalidSignatureAlgorithmError"
	AWSSignature     = "JwtInvalidSignatureError"
	AWSExpired       = "JwtExpiredError"
	AWSNotBefore     = "JwtNotBeforeError"
	AWSTokenUse      = "CognitoJwtInvalidTokenUseError"
	AWSClient        = "CognitoJwtInvalidClientIdError"
)

const (
	// lifetime is that of every valid token of the corpus.
	lifetime = time.Hour
	// minCases is the smallest corpus worth comparing.
	minCases = 60
)

// verdicts is what a case expects of each verifier: the aws-jwt-verify
// error class and the cognitotenant reason, each empty for acceptance.
type verdicts struct {
	aws  string
	ours cognitotenant.Reason
}

// accepted is a case both verifiers accept.
func accepted() verdicts { return verdicts{} }

// refused is a case both verifiers refuse.
func refused(aws string, ours cognitotenant.Reason) verdicts {
	return verdicts{aws, ours}
}

// builder mints the cases against a fixed clock.
type builder struct {
	now       time.Time
	home      *testutil.Issuer
	neighbour *testutil.Issuer
	user      testutil.User
	cases     []Case
	err       error
}

// Generate mints the corpus with lifetimes relative to now. aws-jwt-verify
// reads the real clock, so now should be the current time; the corpus
// stays good for about an hour, and time-sensitive cases keep margins of
// minutes either side.
func Generate(now time.Time) (*Corpus, error) {
	clock := func() time.Time { return now }
	home, err := testutil.NewIssuer(testutil.WithUserPool(HomeRegion, HomePoolID),
		testutil.WithClientID(ClientID), testutil.WithClock(clock),
		testutil.WithLifetime(lifetime))
	if err != nil {
		return nil, err
	}
	neighbour, err := testutil.NewIssuer(testutil.WithUserPool(HomeRegion, NeighbourPoolID),
		testutil.WithClientID(ClientID), testutil.WithClock(clock),
		testutil.WithLifetime(lifetime))
	if err != nil {
		return nil, err
	}
	b := &builder{
		now:       now,
		home:      home,
		neighbour: neighbour,
		user: testutil.User{
			Sub:      "5f0c6d4e-2b1a-4c3d-9e8f-7a6b5c4d3e2f",
			Username: "ada",
			Email:    "ada@example.com",
			TenantID: "acme",
		},
	}
	b.validCases()
	b.timeCases()
	b.claimTypeCases()
	b.tenantCases()
	b.claimCaseCases()
	b.issuerCases()
	b.clientCases()
	b.tokenUseCases()
	b.keyAndAlgorithmCases()
	b.encodingCases()
	b.lineBreakCases()
	b.headerSpellingCases()
	if b.err != nil {
		return nil, b.err
	}

	clients := []string{ClientID, SecondClientID}
	return &Corpus{
		GeneratedAt: now.Unix(),
		Pools:       []Pool{poolOf(home), poolOf(neighbour)},
		Configs: map[string]Config{
			ConfigID: {UserPoolID: HomePoolID, TokenUse: "id", ClientIDs: clients,
				TenantRequired: true},
			ConfigAccess: {UserPoolID: HomePoolID, TokenUse: "access", ClientIDs: clients},
		},
		Cases: b.cases,
	}, nil
}

func poolOf(i *testutil.Issuer) Pool {
	return Pool{
		Region:     i.Region(),
		UserPoolID: i.UserPoolID(),
		Issuer:     i.IssuerURL(),
		JWKSURL:    i.IssuerURL() + "/.well-known/jwks.json",
		JWKS:       i.JWKS(),
	}
}

// add returns a function that records the case once its token is minted,
// so a minting call's two results can be passed straight in.
func (b *builder) add(config, name, about string, want verdicts) func(string, error) {
	return func(token string, err error) {
		if err != nil && b.err == nil {
			b.err = fmt.Errorf("conformance: case %s/%s: %w", config, name, err)
		}
		b.cases = append(b.cases, Case{
			Name:     config + "/" + name,
			Config:   config,
			About:    about,
			Token:    token,
			AWSError: want.aws,
			Reason:   string(want.ours),
		})
	}
}

// id adds an ID token of the home pool for b.user, edited by m.
func (b *builder) id(name, about string, want verdicts, m ...testutil.ClaimsMutator) {
	b.add(ConfigID, name, about, want)(b.home.MintID(b.user, m...))
}

// access adds an access token of the home pool for b.user, edited by m.
func (b *builder) access(name, about string, want verdicts, m ...testutil.ClaimsMutator) {
	b.add(ConfigAccess, name, about, want)(b.home.MintAccess(b.user, m...))
}

// payload returns the JSON claims of a home-pool token edited by m.
func (b *builder) payload(idToken bool, m ...testutil.ClaimsMutator) []byte {
	c := b.home.AccessClaims(b.user)
	if idToken {
		c = b.home.IDClaims(b.user)
	}
	c = maps.Clone(c)
	for _, f := range m {
		f(c)
	}
	out, err := json.Marshal(c)
	if err != nil && b.err == nil {
		b.err = fmt.Errorf("conformance: encode claims: %w", err)
	}
	return out
}

// at returns the Unix time d from the corpus clock.
func (b *builder) at(d time.Duration) int64 { return b.now.Add(d).Unix() }

// expiry sets exp d from now and iat an hour before it, so that only exp
// decides the verdict.
func (b *builder) expiry(d time.Duration) testutil.ClaimsMutator {
	return func(c map[string]any) {
		c["exp"] = b.at(d)
		c["iat"] = b.at(d - lifetime)
		c["auth_time"] = b.at(d - lifetime)
	}
}

// oursOnly is a case cognitotenant refuses and aws-jwt-verify accepts.
func oursOnly(reason cognitotenant.Reason) verdicts {
	return verdicts{ours: reason}
}
