package bench

import (
	"context"
	"errors"

	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jwt"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// jwxPeer is lestrrat-go/jwx v2's jwt.Parse with a static key set, every
// claim rule expressed as a validation option.
func jwxPeer(f *Fixture, k Kind) (*Peer, *Skipped, error) {
	set, err := jwk.Parse(f.JWKS)
	if err != nil {
		return nil, nil, err
	}
	opts := []jwt.ParseOption{
		jwt.WithKeySet(set),
		jwt.WithValidate(true),
		jwt.WithIssuer(f.Issuer.IssuerURL()),
		jwt.WithAcceptableSkew(Leeway),
		jwt.WithRequiredClaim(jwt.ExpirationKey),
		jwt.WithClaimValue("token_use", string(k)),
	}
	if k == KindID {
		opts = append(opts, jwt.WithAudience(f.Issuer.ClientID()),
			jwt.WithValidator(jwt.ValidatorFunc(jwxTenant)))
	} else {
		opts = append(opts, jwt.WithClaimValue("client_id", f.Issuer.ClientID()))
	}
	return &Peer{
		Name: "jwx",
		Verify: func(_ context.Context, token string) error {
			_, err := jwt.ParseString(token, opts...)
			return err
		},
	}, nil, nil
}

func jwxTenant(_ context.Context, t jwt.Token) jwt.ValidationError {
	v, ok := t.Get(testutil.TenantClaim)
	if s, isString := v.(string); !ok || !isString || s == "" {
		return jwt.NewValidationError(errors.New("tenant claim missing"))
	}
	return nil
}
