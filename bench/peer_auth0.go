package bench

import (
	"context"
	"net/url"
	"time"

	"github.com/auth0/go-jwt-middleware/v2/jwks"
	"github.com/auth0/go-jwt-middleware/v2/validator"
)

// auth0Peer is auth0/go-jwt-middleware v2's validator with its caching
// key set provider fetching from loopback. Its validator requires an
// audience, which Cognito access tokens do not carry, so it verifies ID
// tokens only.
func auth0Peer(f *Fixture, k Kind) (*Peer, *Skipped, error) {
	const name = "auth0-validator"
	if k == KindAccess {
		return nil, &Skipped{Name: name, Kind: k, Why: "validator.New requires an " +
			"audience; Cognito access tokens have none (client_id instead), so " +
			"every one is refused"}, nil
	}
	issuer, err := url.Parse(f.Issuer.IssuerURL())
	if err != nil {
		return nil, nil, err
	}
	jwksURL, err := url.Parse(f.Server.JWKSURL())
	if err != nil {
		return nil, nil, err
	}
	provider := jwks.NewCachingProvider(issuer, time.Hour,
		jwks.WithCustomJWKSURI(jwksURL), jwks.WithCustomClient(f.Server.Client()))
	v, err := validator.New(provider.KeyFunc, validator.RS256, f.Issuer.IssuerURL(),
		[]string{f.Issuer.ClientID()},
		validator.WithAllowedClockSkew(Leeway),
		validator.WithCustomClaims(func() validator.CustomClaims {
			return &auth0Claims{}
		}))
	if err != nil {
		return nil, nil, err
	}
	return &Peer{
		Name: name,
		Verify: func(ctx context.Context, token string) error {
			_, err := v.ValidateToken(ctx, token)
			return err
		},
		Cannot: map[Check]string{
			CheckExpRequired: "go-jose checks exp only when the token has one",
		},
	}, nil, nil
}

// auth0Claims checks the Cognito claims of an ID token.
type auth0Claims struct {
	TokenUse string `json:"token_use"`
	Tenant   any    `json:"custom:tenant_id"`
}

// Validate is called by the validator after the registered claims pass.
func (c *auth0Claims) Validate(context.Context) error {
	if c.TokenUse != string(KindID) {
		return claimErr("token_use")
	}
	if s, ok := c.Tenant.(string); !ok || s == "" {
		return claimErr("tenant")
	}
	return nil
}
