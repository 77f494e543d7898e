package middleware_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/middleware"
)

// verifierFunc adapts a function to TokenVerifier, to play a verifier
// that breaks its contract.
type verifierFunc func(context.Context, string) (*cognitotenant.Claims, error)

func (f verifierFunc) Verify(ctx context.Context, tok string) (*cognitotenant.Claims, error) {
	return f(ctx, tok)
}

func TestNew(t *testing.T) {
	t.Parallel()
	v := verifierFunc(func(context.Context, string) (*cognitotenant.Claims, error) {
		return nil, cognitotenant.NewVerifyError(cognitotenant.ReasonMalformed, nil)
	})
	cases := []struct {
		name string
		v    middleware.TokenVerifier
		opts []middleware.Option
		ok   bool
	}{
		{"defaults", v, nil, true},
		{"every_option_valid", v, []middleware.Option{
			middleware.WithRealm("notes api"), middleware.WithMaxTokenLength(4096),
			middleware.WithRetryAfter(1500 * time.Millisecond),
			middleware.WithCookie("__Host-id_token"),
			middleware.WithCredentialsOptional(),
			middleware.WithSkipper(middleware.SkipPreflight),
		}, true},
		{"nil_verifier", nil, nil, false},
		{"nil_option", v, []middleware.Option{nil}, false},
		{"realm_with_quote", v, []middleware.Option{middleware.WithRealm(`a"b`)}, false},
		{"empty_realm", v, []middleware.Option{middleware.WithRealm("")}, false},
		{"zero_token_cap", v, []middleware.Option{middleware.WithMaxTokenLength(0)}, false},
		{"huge_token_cap", v, []middleware.Option{middleware.WithMaxTokenLength(1 << 20)}, false},
		{"zero_retry_after", v, []middleware.Option{middleware.WithRetryAfter(0)}, false},
		{"cookie_name_with_space", v, []middleware.Option{middleware.WithCookie("a b")}, false},
		{"nil_extractor", v, []middleware.Option{middleware.WithExtractor(nil)}, false},
		{"nil_skipper", v, []middleware.Option{middleware.WithSkipper(nil)}, false},
		{"nil_logger", v, []middleware.Option{middleware.WithLogger(nil)}, false},
		{"nil_error_handler", v, []middleware.Option{middleware.WithErrorHandler(nil)}, false},
		{"nil_policy", v, []middleware.Option{middleware.WithPolicy(nil)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := middleware.New(tc.v, tc.opts...)
			if tc.ok != (err == nil) || tc.ok != (a != nil) {
				t.Fatalf("New() = %v, %v; want ok=%v", a, err, tc.ok)
			}
			if err != nil && !errors.Is(err, middleware.ErrConfig) {
				t.Errorf("error %v does not match ErrConfig", err)
			}
		})
	}
}

// TestVerifierContract checks that a verifier returning no claims, or
// claims without a tenant, cannot let a request through.
func TestVerifierContract(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		claims *cognitotenant.Claims
		err    error
		status int
	}{
		{"nil_claims_without_error", nil, nil, 401},
		{"claims_without_tenant", &cognitotenant.Claims{Subject: "s"}, nil, 401},
		{"unknown_error_fails_closed", nil, errors.New("boom"), 401},
		{"claims_with_tenant", &cognitotenant.Claims{TenantID: tenantA}, nil, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := verifierFunc(func(context.Context, string) (*cognitotenant.Claims, error) {
				return tc.claims, tc.err
			})
			a, err := middleware.New(v)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Authorization", "Bearer abc.def.ghi")
			rec, ran := serveOnce(a, req)
			if rec.Code != tc.status || ran != (tc.status == 200) {
				t.Errorf("got %d ran=%v, want %d", rec.Code, ran, tc.status)
			}
			if tc.err != nil && rec.Body.String() != "" {
				if p := decodeProblem(t, rec); p.Code != "invalid_token" {
					t.Errorf("code = %q, want invalid_token", p.Code)
				}
			}
		})
	}
}
