package bench

import (
	"context"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// cognitotenantPeers returns this library three ways: cold with the token
// cache on but too small to help, as a production verifier meets a token
// for the first time; cold with the cache off; and warm, the same token
// again, served from the cache.
func cognitotenantPeers(f *Fixture, k Kind) ([]Peer, func(), error) {
	variants := []struct {
		name  string
		cache int
		warm  bool
	}{
		{"cognitotenant-cold", 1, false},
		{"cognitotenant-nocache", 0, false},
		{"cognitotenant-warm", cognitotenant.DefaultTokenCacheSize, true},
	}
	var (
		peers []Peer
		vs    []*cognitotenant.Verifier
	)
	done := func() {
		for _, v := range vs {
			_ = v.Close()
		}
	}
	for _, x := range variants {
		v, err := cognitotenant.New(cognitotenantConfig(f, k, x.cache))
		if err != nil {
			done()
			return nil, nil, err
		}
		vs = append(vs, v)
		peers = append(peers, Peer{
			Name: x.name,
			Warm: x.warm,
			Verify: func(ctx context.Context, token string) error {
				_, err := v.Verify(ctx, token)
				return err
			},
		})
	}
	return peers, done, nil
}

// cognitotenantConfig is the pool as a service would configure it, with
// the key set given statically so that no peer pays for a fetch.
func cognitotenantConfig(f *Fixture, k Kind, cache int) cognitotenant.Config {
	use := cognitotenant.TokenUseID
	if k == KindAccess {
		use = cognitotenant.TokenUseAccess
	}
	return cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: f.Issuer.UserPoolID(),
			ClientIDs:  []string{f.Issuer.ClientID()},
			TokenUse:   use,
			StaticJWKS: f.JWKS,
		}},
		TenantOptional: k == KindAccess,
		Leeway:         Leeway,
		TokenCacheSize: cache,
	}
}
