package app

import (
	"context"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func newKeyHealth(t *testing.T, failStatus int) (*keyHealth, *testutil.JWKSServer) {
	t.Helper()
	iss, err := testutil.NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	jwks := testutil.NewJWKSServer(iss)
	t.Cleanup(jwks.Close)
	if failStatus != 0 {
		jwks.Fail(failStatus)
	}
	k := &keyHealth{maxStale: cognitotenant.DefaultMaxStaleness}
	v, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{UserPoolID: iss.UserPoolID(),
			ClientIDs: []string{iss.ClientID()}, TokenUse: cognitotenant.TokenUseID,
			JWKSURL: jwks.JWKSURL()}},
		Hooks: k,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = v.Close() })
	k.verifier = v
	return k, jwks
}

func TestKeyHealth(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("reachable_keys_are_ready_and_not_fetched_per_probe", func(t *testing.T) {
		t.Parallel()
		k, jwks := newKeyHealth(t, 0)
		if err := k.ready(ctx); err != nil {
			t.Fatal(err)
		}
		hits := jwks.Hits()
		for range 3 {
			if err := k.ready(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if jwks.Hits() != hits {
			t.Fatalf("probes fetched keys: %d hits, want %d", jwks.Hits(), hits)
		}
	})
	t.Run("unreachable_keys_are_not_ready_and_probes_do_not_hammer", func(t *testing.T) {
		t.Parallel()
		k, jwks := newKeyHealth(t, 500)
		if err := k.ready(ctx); err == nil {
			t.Fatal("ready with a failing key set")
		}
		hits := jwks.Hits()
		if err := k.ready(ctx); err == nil {
			t.Fatal("ready on the second probe")
		}
		if jwks.Hits() != hits {
			t.Fatalf("second probe within %s fetched again", warmUpGap)
		}
	})
}
