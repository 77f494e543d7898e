package bench

import (
	"context"

	"github.com/coreos/go-oidc/v3/oidc"
)

// oidcPeer is coreos/go-oidc v3's IDTokenVerifier over a remote key set
// served on loopback, which picks the key by kid as it would for Cognito.
// It checks the signature, issuer, aud and expiry itself; token_use,
// client_id and the tenant are read with IDToken.Claims and compared.
func oidcPeer(f *Fixture, k Kind) (*Peer, *Skipped, error) {
	ctx := oidc.ClientContext(context.Background(), f.Server.Client())
	keys := oidc.NewRemoteKeySet(ctx, f.Server.JWKSURL())
	cfg := &oidc.Config{SupportedSigningAlgs: []string{oidc.RS256}}
	if k == KindID {
		cfg.ClientID = f.Issuer.ClientID()
	} else {
		// Access tokens carry no aud, which go-oidc would require.
		cfg.SkipClientIDCheck = true
	}
	v := oidc.NewVerifier(f.Issuer.IssuerURL(), keys, cfg)
	client := f.Issuer.ClientID()
	return &Peer{
		Name: "go-oidc",
		Verify: func(ctx context.Context, token string) error {
			t, err := v.Verify(ctx, token)
			if err != nil {
				return err
			}
			var c struct {
				TokenUse string `json:"token_use"`
				ClientID string `json:"client_id"`
				Tenant   any    `json:"custom:tenant_id"`
			}
			if err := t.Claims(&c); err != nil {
				return err
			}
			if c.TokenUse != string(k) {
				return claimErr("token_use")
			}
			if k == KindAccess && c.ClientID != client {
				return claimErr("client_id")
			}
			if s, ok := c.Tenant.(string); k == KindID && (!ok || s == "") {
				return claimErr("tenant")
			}
			return nil
		},
		Cannot: map[Check]string{},
	}, nil, nil
}
