package bench

import (
	"context"
	"encoding/json"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

// golangJWTPeer is golang-jwt v5 with a static MicahParks/keyfunc v3 key
// set; the Cognito claims are checked by the claims type's Validate
// method, which the parser calls after the standard claims.
func golangJWTPeer(f *Fixture, k Kind) (*Peer, *Skipped, error) {
	kf, err := keyfunc.NewJWKSetJSON(json.RawMessage(f.JWKS))
	if err != nil {
		return nil, nil, err
	}
	opts := []jwt.ParserOption{
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(f.Issuer.IssuerURL()),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(Leeway),
	}
	if k == KindID {
		opts = append(opts, jwt.WithAudience(f.Issuer.ClientID()))
	}
	parser := jwt.NewParser(opts...)
	client := f.Issuer.ClientID()
	return &Peer{
		Name: "golang-jwt-keyfunc",
		Verify: func(_ context.Context, token string) error {
			c := &golangJWTClaims{kind: k, client: client}
			_, err := parser.ParseWithClaims(token, c, kf.Keyfunc)
			return err
		},
	}, nil, nil
}

// golangJWTClaims holds the Cognito claims next to the registered ones;
// kind and client are what Validate expects.
type golangJWTClaims struct {
	jwt.RegisteredClaims
	TokenUse string `json:"token_use"`
	ClientID string `json:"client_id"`
	Tenant   any    `json:"custom:tenant_id"`

	kind   Kind
	client string
}

// Validate checks the claims the registered ones do not cover.
func (c *golangJWTClaims) Validate() error {
	if c.TokenUse != string(c.kind) {
		return claimErr("token_use")
	}
	if c.kind == KindAccess && c.ClientID != c.client {
		return claimErr("client_id")
	}
	if s, ok := c.Tenant.(string); c.kind == KindID && (!ok || s == "") {
		return claimErr("tenant")
	}
	return nil
}
