package cognitotenant_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// A verifier for one user pool that accepts ID tokens of one app client.
// New validates the configuration and makes no network call.
func ExampleNew() {
	v, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: "eu-west-1_AbCdEf123",
			ClientIDs:  []string{"4hc5ge0d3c1tq0a0exampleid"},
			TokenUse:   cognitotenant.TokenUseID,
		}},
		TokenCacheSize: cognitotenant.DefaultTokenCacheSize,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()
	fmt.Println("ready")
	// Output: ready
}

// Verifying a token with keys given as bytes, as an air-gapped service or
// a unit test would; testutil stands in for Cognito.
func ExampleVerifier_Verify() {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return at }
	pool, err := testutil.NewIssuer(testutil.WithClock(clock))
	if err != nil {
		log.Fatal(err)
	}
	v, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: pool.UserPoolID(),
			ClientIDs:  []string{pool.ClientID()},
			TokenUse:   cognitotenant.TokenUseID,
			StaticJWKS: pool.JWKS(),
		}},
		Clock: clock,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	token, err := pool.MintID(testutil.User{Username: "alice", TenantID: "acme",
		Groups: []string{"editors"}})
	if err != nil {
		log.Fatal(err)
	}
	claims, err := v.Verify(context.Background(), token)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(claims.Username, claims.TenantID, claims.Groups, claims.TokenUse)
	// Output: alice acme [editors] id
}

// Mapping refusals to HTTP statuses: ErrKeysUnavailable means the
// verifier could not decide (503); every other refusal is the token's
// fault (401). ReasonOf gives a stable code for logs and metrics.
func ExampleVerifier_Verify_errors() {
	pool, err := testutil.NewIssuer()
	if err != nil {
		log.Fatal(err)
	}
	keys := testutil.NewJWKSServer(pool) // the pool's key set, on loopback
	defer keys.Close()
	v, err := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: pool.UserPoolID(),
			ClientIDs:  []string{pool.ClientID()},
			TokenUse:   cognitotenant.TokenUseID,
			JWKSURL:    keys.JWKSURL(),
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()

	status := func(err error) int {
		switch {
		case err == nil:
			return http.StatusOK
		case errors.Is(err, cognitotenant.ErrKeysUnavailable):
			return http.StatusServiceUnavailable
		default:
			return http.StatusUnauthorized
		}
	}
	ctx := context.Background()
	expired, _ := pool.MintID(testutil.User{TenantID: "acme"},
		testutil.With("exp", time.Now().Add(-time.Hour).Unix()))
	noTenant, _ := pool.MintID(testutil.User{})
	good, _ := pool.MintID(testutil.User{TenantID: "acme"})

	keys.Fail(http.StatusInternalServerError) // Cognito unreachable
	_, err = v.Verify(ctx, good)
	fmt.Println(status(err), cognitotenant.ReasonOf(err))

	if err := v.WarmUp(ctx); err == nil {
		fmt.Println("unexpected warm-up success")
	}
	keys.Fail(0)
	if err := v.WarmUp(ctx); err != nil {
		log.Fatal(err)
	}
	for _, tok := range []string{good, expired, noTenant} {
		_, err := v.Verify(ctx, tok)
		if err == nil {
			fmt.Println(status(err), "ok")
			continue
		}
		fmt.Println(status(err), cognitotenant.ReasonOf(err))
	}
	// Output:
	// 503 keys_unavailable
	// 200 ok
	// 401 expired
	// 401 tenant_missing
}
