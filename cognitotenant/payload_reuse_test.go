package cognitotenant_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// The cold path reuses its decoded-payload scratch between tokens; claims
// handed out earlier must never change, nor leak into a later token.
func TestVerifyClaimsSurviveScratchReuse(t *testing.T) {
	e := newEnv(t, false)
	cfg := e.config(cognitotenant.TokenUseID)
	cfg.TokenCacheSize = 0
	v := e.verifier(t, cfg)
	ctx := context.Background()

	first, err := v.Verify(ctx, e.mintID(t, testutil.With("cognito:groups",
		[]string{"ADMIN", "EDITOR"})))
	if err != nil {
		t.Fatal(err)
	}
	second, err := v.Verify(ctx, e.mintID(t, testutil.Without("cognito:groups", "email")))
	if err != nil {
		t.Fatal(err)
	}
	third, err := v.Verify(ctx, e.mintID(t, testutil.With("cognito:groups",
		[]string{"VIEWER"})))
	if err != nil {
		t.Fatal(err)
	}

	if want := []string{"ADMIN", "EDITOR"}; !slices.Equal(first.Groups, want) {
		t.Errorf("first token's groups became %q, want %q", first.Groups, want)
	}
	if first.Email != "a@example.com" {
		t.Errorf("first token's email became %q", first.Email)
	}
	if len(second.Groups) != 0 || second.Email != "" {
		t.Errorf("second token inherited groups %q and email %q", second.Groups, second.Email)
	}
	if want := []string{"VIEWER"}; !slices.Equal(third.Groups, want) {
		t.Errorf("third token's groups are %q, want %q", third.Groups, want)
	}
}

// Concurrent cold verifies of tokens with different groups each see their
// own groups; run with -race.
func TestVerifyConcurrentClaimsStayApart(t *testing.T) {
	e := newEnv(t, false)
	cfg := e.config(cognitotenant.TokenUseID)
	cfg.TokenCacheSize = 0
	v := e.verifier(t, cfg)

	const n = 16
	tokens := make([]string, n)
	for i := range tokens {
		tokens[i] = e.mintID(t, testutil.With("cognito:groups",
			[]string{fmt.Sprintf("group-%d", i)}))
	}
	var wg sync.WaitGroup
	for i, tok := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				c, err := v.Verify(context.Background(), tok)
				if err != nil {
					t.Error(err)
					return
				}
				if want := fmt.Sprintf("group-%d", i); len(c.Groups) != 1 ||
					c.Groups[0] != want {
					t.Errorf("token %d got groups %q", i, c.Groups)
					return
				}
			}
		}()
	}
	wg.Wait()
}
