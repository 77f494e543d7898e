package cognitotenant_test

import (
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestPools(t *testing.T) {
	t.Parallel()

	t.Run("key_of_one_pool_never_verifies_a_token_of_another", func(t *testing.T) {
		t.Parallel()
		a := newEnv(t, false)
		b := newEnv(t, true, testutil.WithUserPool("eu-west-1", "eu-west-1_PoolB"))
		pa, pb := a.pool(cognitotenant.TokenUseID), b.pool(cognitotenant.TokenUseID)
		v := a.verifier(t, cognitotenant.Config{Pools: []cognitotenant.Pool{pa, pb},
			Clock: a.clock.Now, TokenCacheSize: 10})

		_, err := v.Verify(bg, a.mintID(t))
		wantErr(t, err, nil)
		_, err = v.Verify(bg, b.mintID(t))
		wantErr(t, err, nil)
		// Signed by pool A's key, claiming pool B: B's set lacks A's kid.
		forged := a.mintID(t, testutil.With("iss", b.issuer.IssuerURL()))
		_, err = v.Verify(bg, forged)
		wantErr(t, err, cognitotenant.ErrUnknownKey)
	})

	t.Run("claims_name_the_pool_that_verified_them", func(t *testing.T) {
		t.Parallel()
		a := newEnv(t, false)
		b := newEnv(t, true, testutil.WithUserPool("eu-west-1", "eu-west-1_PoolB"))
		pb := b.pool(cognitotenant.TokenUseAccess)
		pb.ClientIDs = []string{"other-client", b.issuer.ClientID()}
		v := a.verifier(t, cognitotenant.Config{
			Pools: []cognitotenant.Pool{a.pool(cognitotenant.TokenUseID), pb},
			Clock: a.clock.Now})
		c, err := v.Verify(bg, b.mintAccess(t))
		wantErr(t, err, nil)
		if c.UserPoolID != "eu-west-1_PoolB" || c.Issuer != b.issuer.IssuerURL() {
			t.Fatalf("pool %q issuer %q", c.UserPoolID, c.Issuer)
		}
		// Pool A's rules (ID tokens only) do not leak into pool B and back.
		_, err = v.Verify(bg, a.mintAccess(t))
		wantErr(t, err, cognitotenant.ErrTokenUse)
	})

	t.Run("emulator_issuer_and_its_key_set_path_are_used", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		iss := e.jwks.URL() + "/local_abc"
		p := cognitotenant.Pool{UserPoolID: "local_abc", Issuer: iss,
			ClientIDs: []string{e.issuer.ClientID()}, TokenUse: cognitotenant.TokenUseID}
		v := e.verifier(t, cognitotenant.Config{Pools: []cognitotenant.Pool{p},
			Clock: e.clock.Now, HTTPClient: e.jwks.Client()})
		_, err := v.Verify(bg, e.mintID(t, testutil.With("iss", iss)))
		wantErr(t, err, nil)
		_, err = v.Verify(bg, e.mintID(t))
		wantErr(t, err, cognitotenant.ErrIssuer)
	})

	multi := func(t *testing.T, edit func(*cognitotenant.Pool)) (*env, *cognitotenant.Verifier) {
		e := newEnv(t, false)
		p := e.pool(cognitotenant.TokenUseID)
		p.JWKSURL, p.StaticJWKS = "", e.issuer.JWKS()
		edit(&p)
		return e, e.verifier(t, cognitotenant.Config{Pools: []cognitotenant.Pool{p},
			Clock: e.clock.Now})
	}
	updatedIss := "https://issuer-cognito-idp.us-east-1.amazonaws.com/" +
		testutil.DefaultUserPoolID

	t.Run("multi_region_issuer_is_refused_unless_enabled", func(t *testing.T) {
		t.Parallel()
		e, v := multi(t, func(*cognitotenant.Pool) {})
		_, err := v.Verify(bg, e.mintID(t, testutil.With("iss", updatedIss)))
		wantErr(t, err, cognitotenant.ErrIssuer)
	})

	t.Run("multi_region_issuer_is_accepted_when_enabled", func(t *testing.T) {
		t.Parallel()
		e, v := multi(t, func(p *cognitotenant.Pool) { p.MultiRegionIssuer = true })
		_, err := v.Verify(bg, e.mintID(t, testutil.With("iss", updatedIss)))
		wantErr(t, err, nil)
		_, err = v.Verify(bg, e.mintID(t))
		wantErr(t, err, nil)
	})

	replicaIss := "https://cognito-idp.eu-central-1.amazonaws.com/" + testutil.DefaultUserPoolID
	t.Run("replica_region_issuer_is_refused_unless_listed", func(t *testing.T) {
		t.Parallel()
		e, v := multi(t, func(*cognitotenant.Pool) {})
		_, err := v.Verify(bg, e.mintID(t, testutil.With("iss", replicaIss)))
		wantErr(t, err, cognitotenant.ErrIssuer)
	})

	t.Run("replica_region_issuer_is_accepted_when_listed", func(t *testing.T) {
		t.Parallel()
		e, v := multi(t, func(p *cognitotenant.Pool) {
			p.ReplicaRegions = []string{"eu-central-1"}
		})
		_, err := v.Verify(bg, e.mintID(t, testutil.With("iss", replicaIss)))
		wantErr(t, err, nil)
	})
}
