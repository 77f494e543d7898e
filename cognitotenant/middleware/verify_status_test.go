package middleware_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
)

// customCheckVerifier returns a verifier of e's pool whose CustomCheck
// refuses every token with err.
func customCheckVerifier(t testing.TB, e *env, err error) *cognitotenant.Verifier {
	t.Helper()
	v, nerr := cognitotenant.New(cognitotenant.Config{
		Pools: []cognitotenant.Pool{{
			UserPoolID: e.iss.UserPoolID(),
			ClientIDs:  []string{e.iss.ClientID()},
			TokenUse:   cognitotenant.TokenUseID,
			JWKSURL:    e.keysURL,
		}},
		FetchTimeout: 2 * time.Second,
		CustomCheck: func(context.Context, *cognitotenant.Claims) error {
			return err
		},
	})
	if nerr != nil {
		t.Fatal(nerr)
	}
	return v
}

// failingVerifier plays a TokenVerifier of the caller's own that refuses
// every token with err.
func failingVerifier(err error) middleware.TokenVerifier {
	return verifierFunc(func(context.Context, string) (*cognitotenant.Claims, error) {
		return nil, err
	})
}

// TestVerifyErrorStatus checks that the status and code of a refusal
// follow the verifier's Reason alone, never a sentinel found deeper in
// the error chain, such as one a custom check wrapped.
func TestVerifyErrorStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	keysGone := fmt.Errorf("x: %w", cognitotenant.ErrKeysUnavailable)
	expired := fmt.Errorf("x: %w", cognitotenant.ErrExpired)
	cases := []struct {
		name   string
		v      middleware.TokenVerifier
		token  func(testing.TB) string
		status int
		code   string
		reason string
	}{
		{"custom_check_wrapping_keys_unavailable_is_invalid_token",
			customCheckVerifier(t, e, keysGone), nil,
			401, "invalid_token", "custom_check"},
		{"custom_check_wrapping_expired_is_invalid_token",
			customCheckVerifier(t, e, expired), nil,
			401, "invalid_token", "custom_check"},
		{"unavailable_keys_answer_503", e.down, nil,
			503, "temporarily_unavailable", "keys_unavailable"},
		{"expired_token_is_token_expired", e.live,
			func(t testing.TB) string { return e.idToken(t, viewerA, withExpiredClaims()...) },
			401, "token_expired", "expired"},
		{"own_verifier_reason_keys_unavailable_answers_503",
			failingVerifier(cognitotenant.NewVerifyError(
				cognitotenant.ReasonKeysUnavailable, errors.New("pool down"))), nil,
			503, "temporarily_unavailable", "keys_unavailable"},
		{"own_verifier_reason_expired_is_token_expired",
			failingVerifier(fmt.Errorf("wrapped: %w", cognitotenant.NewVerifyError(
				cognitotenant.ReasonExpired, nil))), nil,
			401, "token_expired", "expired"},
		{"own_verifier_bare_keys_unavailable_fails_closed",
			failingVerifier(keysGone), nil,
			401, "invalid_token", "verifier_error"},
		{"own_verifier_bare_expired_fails_closed",
			failingVerifier(cognitotenant.ErrExpired), nil,
			401, "invalid_token", "verifier_error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs logBuffer
			a := newAuth(t, tc.v, middleware.WithLogger(logs.logger()))
			tok := e.idToken(t, viewerA)
			if tc.token != nil {
				tok = tc.token(t)
			}
			req := httptest.NewRequest(http.MethodGet, "/notes", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			rec, ran := serveOnce(a, req)

			if rec.Code != tc.status || ran {
				t.Fatalf("got %d ran=%v, want %d and no handler", rec.Code, ran, tc.status)
			}
			if p := decodeProblem(t, rec); p.Code != tc.code {
				t.Errorf("code = %q, want %q", p.Code, tc.code)
			}
			wantRetry := ""
			if tc.status == 503 {
				wantRetry = "30"
			}
			if got := rec.Header().Get("Retry-After"); got != wantRetry {
				t.Errorf("Retry-After = %q, want %q", got, wantRetry)
			}
			recs := logs.records(t)
			if len(recs) != 1 || recs[0]["reason"] != tc.reason {
				t.Errorf("log = %v, want one line with reason %q", recs, tc.reason)
			}
		})
	}
}
