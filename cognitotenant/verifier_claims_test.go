package cognitotenant_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestVerifyClaims(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	now := e.clock.Now().Truncate(time.Second)
	v := e.verifier(t, e.config(cognitotenant.TokenUseBoth))

	t.Run("id_token_fields_are_filled", func(t *testing.T) {
		t.Parallel()
		tok, err := e.issuer.MintID(testutil.User{Sub: "sub-1", Username: "alice",
			Email: "a@example.com", TenantID: "tenant-a", Groups: []string{"admin", "staff"},
			Attributes: map[string]string{"custom:plan": "gold"}},
			testutil.With("cognito:preferred_role", "arn:aws:iam::1:role/r"),
			testutil.With("email_verified", "true"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := v.Verify(bg, tok)
		wantErr(t, err, nil)
		want := cognitotenant.Claims{Subject: "sub-1", Username: "alice",
			Email: "a@example.com", EmailVerified: true, TenantID: "tenant-a",
			Groups: []string{"admin", "staff"}, TokenUse: cognitotenant.TokenUseID,
			ClientID: e.issuer.ClientID(), Issuer: e.issuer.IssuerURL(),
			UserPoolID: e.issuer.UserPoolID(), IssuedAt: now, AuthTime: now,
			ExpiresAt: now.Add(testutil.DefaultLifetime), JTI: c.JTI, OriginJTI: c.OriginJTI,
			PreferredRole: "arn:aws:iam::1:role/r"}
		assertClaims(t, c, &want)
		if c.JTI == "" || c.OriginJTI == "" || c.JTI == c.OriginJTI {
			t.Fatalf("jti %q origin_jti %q", c.JTI, c.OriginJTI)
		}
		if plan, ok := c.StringClaim("custom:plan"); !ok || plan != "gold" {
			t.Fatalf("custom:plan = %q, %v", plan, ok)
		}
		if _, ok := c.Claim("custom:absent"); ok {
			t.Fatal("absent claim reported present")
		}
		if !c.InGroup("staff") || c.InGroup("Staff") {
			t.Fatal("InGroup does not match exactly")
		}
	})

	t.Run("access_token_fields_are_filled", func(t *testing.T) {
		t.Parallel()
		tok, err := e.issuer.MintAccess(testutil.User{Sub: "sub-2", Username: "bob",
			Scopes: []string{"openid", "notes/read"}},
			testutil.With(testutil.TenantClaim, "tenant-b"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := v.Verify(bg, tok)
		wantErr(t, err, nil)
		want := cognitotenant.Claims{Subject: "sub-2", Username: "bob", TenantID: "tenant-b",
			TokenUse: cognitotenant.TokenUseAccess, ClientID: e.issuer.ClientID(),
			Issuer: e.issuer.IssuerURL(), UserPoolID: e.issuer.UserPoolID(),
			Scopes: []string{"openid", "notes/read"}, IssuedAt: now, AuthTime: now,
			ExpiresAt: now.Add(testutil.DefaultLifetime), JTI: c.JTI, OriginJTI: c.OriginJTI}
		assertClaims(t, c, &want)
		if !c.HasScope("notes/read") || len(c.Groups) != 0 {
			t.Fatalf("scopes %v groups %v", c.Scopes, c.Groups)
		}
	})
}

func assertClaims(t *testing.T, got, want *cognitotenant.Claims) {
	t.Helper()
	type view struct {
		S                     []string
		EmailVerified         bool
		Groups, Scopes        []string
		IssuedAt, Exp, AuthAt time.Time
	}
	str := func(c *cognitotenant.Claims) view {
		return view{S: []string{c.Subject, c.Username, c.Email, c.TenantID,
			string(c.TokenUse), c.ClientID, c.Issuer, c.UserPoolID, c.JTI, c.OriginJTI,
			c.PreferredRole}, EmailVerified: c.EmailVerified, Groups: c.Groups,
			Scopes: c.Scopes, IssuedAt: c.IssuedAt.UTC(), Exp: c.ExpiresAt.UTC(),
			AuthAt: c.AuthTime.UTC()}
	}
	g, w := str(got), str(want)
	if !slices.Equal(g.S, w.S) || g.EmailVerified != w.EmailVerified ||
		!slices.Equal(g.Groups, w.Groups) || !slices.Equal(g.Scopes, w.Scopes) ||
		!g.IssuedAt.Equal(w.IssuedAt) || !g.Exp.Equal(w.Exp) || !g.AuthAt.Equal(w.AuthAt) {
		t.Fatalf("claims\n got %+v\nwant %+v", g, w)
	}
}

func TestTokenCache(t *testing.T) {
	t.Parallel()

	t.Run("cached_token_still_expires", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		v := e.verifier(t, e.config(cognitotenant.TokenUseID))
		tok := e.mintID(t)
		_, err := v.Verify(bg, tok)
		wantErr(t, err, nil)
		e.clock.Advance(testutil.DefaultLifetime + cognitotenant.DefaultLeeway)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrExpired)
	})

	t.Run("cached_token_still_meets_max_age", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.MaxAge = 10 * time.Minute
		v := e.verifier(t, cfg)
		tok := e.mintID(t)
		_, err := v.Verify(bg, tok)
		wantErr(t, err, nil)
		e.clock.Advance(11 * time.Minute)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrTooOld)
	})

	t.Run("custom_check_runs_on_cached_tokens", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		var revoked atomic.Bool
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.CustomCheck = func(_ context.Context, c *cognitotenant.Claims) error {
			if revoked.Load() {
				return errRevoked
			}
			return nil
		}
		v := e.verifier(t, cfg)
		tok := e.mintID(t)
		_, err := v.Verify(bg, tok)
		wantErr(t, err, nil)
		revoked.Store(true)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrCustomCheck)
		if !errors.Is(err, errRevoked) {
			t.Fatalf("%v does not wrap the check's error", err)
		}
	})

	t.Run("tenant_validator_runs_on_cached_tokens", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		var suspended atomic.Bool
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.TenantValidator = func(string) error {
			if suspended.Load() {
				return errSuspended
			}
			return nil
		}
		v := e.verifier(t, cfg)
		tok := e.mintID(t)
		_, err := v.Verify(bg, tok)
		wantErr(t, err, nil)
		_, err = v.Verify(bg, tok) // served from the cache, still accepted
		wantErr(t, err, nil)
		suspended.Store(true)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrTenantMissing)
		if !errors.Is(err, errSuspended) {
			t.Fatalf("%v does not wrap the validator's error", err)
		}
		suspended.Store(false)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, nil)
	})

	t.Run("custom_check_error_wrapping_a_sentinel_keeps_its_reason", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.CustomCheck = func(context.Context, *cognitotenant.Claims) error {
			return cognitotenant.ErrExpired
		}
		v := e.verifier(t, cfg)
		tok := e.mintID(t)
		for range 2 { // cold, then cached
			_, err := v.Verify(bg, tok)
			if r := cognitotenant.ReasonOf(err); r != cognitotenant.ReasonCustomCheck {
				t.Fatalf("reason %q, want %q", r, cognitotenant.ReasonCustomCheck)
			}
		}
	})

	t.Run("cached_claims_are_shared_and_uncached_are_not", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		for _, size := range []int{0, 10} {
			cfg := e.config(cognitotenant.TokenUseID)
			cfg.TokenCacheSize = size
			v := e.verifier(t, cfg)
			tok := e.mintID(t)
			c1, err1 := v.Verify(bg, tok)
			c2, err2 := v.Verify(bg, tok)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if (c1 == c2) != (size > 0) {
				t.Fatalf("cache size %d: same claims pointer %v", size, c1 == c2)
			}
		}
	})
}

var errSuspended = errors.New("tenant suspended")

// TestVerifyClaimNamesAreCaseSensitive pins that standard claims match
// only under their exact names, which the JSON decoder does not promise
// for every struct layout: a claim in another case counts as absent.
func TestVerifyClaimNamesAreCaseSensitive(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	v := e.verifier(t, e.config(cognitotenant.TokenUseID))
	rename := func(from, to string) func([]byte) []byte {
		return func(p []byte) []byte {
			return bytes.Replace(p, []byte(`"`+from+`":`), []byte(`"`+to+`":`), 1)
		}
	}
	tests := []struct {
		name     string
		from, to string
		want     error
	}{
		{"exact_names_are_accepted", "exp", "exp", nil},
		{"upper_case_exp_is_not_exp", "exp", "EXP", cognitotenant.ErrExpired},
		{"capitalised_iss_is_not_iss", "iss", "Iss", cognitotenant.ErrIssuer},
		{"capitalised_token_use_is_not_token_use", "token_use", "Token_use",
			cognitotenant.ErrTokenUse},
		{"upper_case_aud_is_not_aud", "aud", "AUD", cognitotenant.ErrClient},
		{"capitalised_sub_is_not_sub", "sub", "Sub", cognitotenant.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tok := e.resign(t, e.mintID(t), rename(tt.from, tt.to))
			_, err := v.Verify(bg, tok)
			wantErr(t, err, tt.want)
		})
	}
}
