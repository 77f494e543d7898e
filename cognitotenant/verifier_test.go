package cognitotenant_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// TestVerify covers every claim rule with a broken token and its valid
// twin, for ID and access tokens.
func TestVerify(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	now := e.clock.Now().Unix()
	id, access := cognitotenant.TokenUseID, cognitotenant.TokenUseAccess
	tests := []struct {
		name   string
		use    cognitotenant.TokenUse
		access bool // mint an access token
		mut    []testutil.ClaimsMutator
		edit   func(*cognitotenant.Config)
		raw    func([]byte) []byte // edits the payload JSON before signing
		want   error
		tenant string // when set, the tenant the accepted claims must carry
	}{
		{name: "valid_id_token_is_accepted", use: id},
		{name: "valid_access_token_is_accepted", use: access, access: true},
		{name: "both_accepts_id_token", use: cognitotenant.TokenUseBoth},
		{name: "both_accepts_access_token", use: cognitotenant.TokenUseBoth, access: true},
		{name: "access_token_where_id_configured_is_refused", use: id, access: true,
			want: cognitotenant.ErrTokenUse},
		{name: "id_token_where_access_configured_is_refused", use: access,
			want: cognitotenant.ErrTokenUse},
		{name: "missing_token_use_is_refused", use: cognitotenant.TokenUseBoth,
			mut: mut(testutil.Without("token_use")), want: cognitotenant.ErrTokenUse},
		{name: "unknown_token_use_is_refused", use: cognitotenant.TokenUseBoth,
			mut: mut(testutil.With("token_use", "refresh")), want: cognitotenant.ErrTokenUse},
		{name: "other_issuer_is_refused", use: id,
			mut:  mut(testutil.With("iss", "https://cognito-idp.us-east-1.amazonaws.com/x_y")),
			want: cognitotenant.ErrIssuer},
		{name: "issuer_with_trailing_slash_is_refused", use: id,
			mut:  mut(testutil.With("iss", e.issuer.IssuerURL()+"/")),
			want: cognitotenant.ErrIssuer},
		{name: "missing_issuer_is_refused", use: id, mut: mut(testutil.Without("iss")),
			want: cognitotenant.ErrIssuer},
		{name: "other_aud_is_refused", use: id, mut: mut(testutil.With("aud", "other")),
			want: cognitotenant.ErrClient},
		{name: "second_allowed_client_is_accepted", use: id,
			mut: mut(testutil.With("aud", "second")),
			edit: func(c *cognitotenant.Config) {
				c.Pools[0].ClientIDs = append(c.Pools[0].ClientIDs, "second")
			}},
		{name: "missing_aud_is_refused", use: id, mut: mut(testutil.Without("aud")),
			want: cognitotenant.ErrClient},
		{name: "null_aud_is_refused", use: id, mut: mut(testutil.With("aud", nil)),
			want: cognitotenant.ErrClient},
		{name: "array_aud_is_refused", use: id,
			mut:  mut(testutil.With("aud", []string{testutil.DefaultClientID})),
			want: cognitotenant.ErrMalformed},
		{name: "number_aud_is_refused", use: id, mut: mut(testutil.With("aud", 7)),
			want: cognitotenant.ErrMalformed},
		{name: "id_token_with_only_client_id_is_refused", use: id,
			mut: mut(testutil.Without("aud"),
				testutil.With("client_id", testutil.DefaultClientID)),
			want: cognitotenant.ErrClient},
		{name: "other_client_id_is_refused", use: access, access: true,
			mut: mut(testutil.With("client_id", "other")), want: cognitotenant.ErrClient},
		{name: "access_token_with_only_aud_is_refused", use: access, access: true,
			mut: mut(testutil.Without("client_id"),
				testutil.With("aud", testutil.DefaultClientID)),
			want: cognitotenant.ErrClient},
		{name: "missing_exp_is_refused", use: id, mut: mut(testutil.Without("exp")),
			want: cognitotenant.ErrExpired},
		{name: "string_exp_is_refused", use: id, mut: mut(testutil.With("exp", "9999999999")),
			want: cognitotenant.ErrMalformed},
		{name: "null_exp_is_refused_as_missing", use: id, mut: mut(testutil.With("exp", nil)),
			want: cognitotenant.ErrExpired},
		{name: "null_nbf_counts_as_absent", use: id, mut: mut(testutil.With("nbf", nil))},
		{name: "fractional_exp_is_accepted", use: id,
			mut: mut(testutil.With("exp", float64(now)+100.5))},
		{name: "past_exp_is_refused", use: id, mut: mut(testutil.With("exp", now-61)),
			want: cognitotenant.ErrExpired},
		{name: "exp_within_leeway_is_accepted", use: id, mut: mut(testutil.With("exp", now-10))},
		{name: "exp_past_with_no_leeway_is_refused", use: id,
			mut:  mut(testutil.With("exp", now-1)),
			edit: func(c *cognitotenant.Config) { c.Leeway = -1 }, want: cognitotenant.ErrExpired},
		{name: "future_nbf_is_refused", use: id, mut: mut(testutil.With("nbf", now+120)),
			want: cognitotenant.ErrNotYetValid},
		{name: "nbf_within_leeway_is_accepted", use: id, mut: mut(testutil.With("nbf", now+10))},
		{name: "future_iat_is_refused", use: id, mut: mut(testutil.With("iat", now+120)),
			want: cognitotenant.ErrNotYetValid},
		{name: "iat_within_leeway_is_accepted", use: id, mut: mut(testutil.With("iat", now+10))},
		{name: "boolean_iat_is_refused", use: id, mut: mut(testutil.With("iat", true)),
			want: cognitotenant.ErrMalformed},
		{name: "token_older_than_max_age_is_refused", use: id,
			mut:  mut(testutil.With("iat", now-7200)),
			edit: maxAge(time.Hour), want: cognitotenant.ErrTooOld},
		{name: "token_younger_than_max_age_is_accepted", use: id,
			mut:  mut(testutil.With("iat", now-1800)),
			edit: maxAge(time.Hour)},
		{name: "missing_iat_under_max_age_is_refused", use: id, mut: mut(testutil.Without("iat")),
			edit: maxAge(time.Hour), want: cognitotenant.ErrTooOld},
		{name: "missing_sub_is_refused", use: id, mut: mut(testutil.Without("sub")),
			want: cognitotenant.ErrMalformed},
		{name: "missing_tenant_is_refused", use: id,
			mut:  mut(testutil.Without(testutil.TenantClaim)),
			want: cognitotenant.ErrTenantMissing},
		{name: "missing_tenant_is_accepted_when_optional", use: id,
			mut:  mut(testutil.Without(testutil.TenantClaim)),
			edit: func(c *cognitotenant.Config) { c.TenantOptional = true }},
		{name: "access_token_without_tenant_is_refused", use: access, access: true,
			want: cognitotenant.ErrTenantMissing,
			mut:  mut(testutil.Without(testutil.TenantClaim))},
		{name: "empty_tenant_is_refused", use: id,
			mut:  mut(testutil.With(testutil.TenantClaim, "")),
			want: cognitotenant.ErrTenantMissing},
		{name: "empty_tenant_is_refused_even_when_optional", use: id,
			mut:  mut(testutil.With(testutil.TenantClaim, "")),
			edit: func(c *cognitotenant.Config) { c.TenantOptional = true },
			want: cognitotenant.ErrTenantMissing},
		{name: "number_tenant_is_refused", use: id,
			mut:  mut(testutil.With(testutil.TenantClaim, 42)),
			want: cognitotenant.ErrTenantMissing},
		{name: "array_tenant_is_refused", use: id,
			mut:  mut(testutil.With(testutil.TenantClaim, []string{"a", "b"})),
			want: cognitotenant.ErrTenantMissing},
		{name: "null_tenant_is_refused", use: id,
			mut:  mut(testutil.With(testutil.TenantClaim, nil)),
			want: cognitotenant.ErrTenantMissing},
		{name: "oversized_tenant_is_refused", use: id,
			mut:  mut(testutil.With(testutil.TenantClaim, strings.Repeat("t", 257))),
			want: cognitotenant.ErrTenantMissing},
		{name: "tenant_at_length_limit_is_accepted", use: id,
			mut: mut(testutil.With(testutil.TenantClaim, strings.Repeat("t", 256)))},
		{name: "case_variant_of_tenant_claim_does_not_set_tenant", use: id,
			mut:    mut(testutil.With("custom:Tenant_ID", "tenant-b")),
			tenant: "tenant-a"},
		{name: "only_a_case_variant_of_tenant_claim_is_refused", use: id,
			mut: mut(testutil.Without(testutil.TenantClaim),
				testutil.With("custom:Tenant_ID", "tenant-b")),
			want: cognitotenant.ErrTenantMissing},
		{name: "case_variant_beside_the_claim_name_as_a_value_is_refused", use: id,
			mut: mut(testutil.Without(testutil.TenantClaim),
				testutil.With("custom:Tenant_ID", "tenant-b"),
				testutil.With("custom:note", testutil.TenantClaim)),
			want: cognitotenant.ErrTenantMissing},
		{name: "duplicate_tenant_key_is_refused", use: id, raw: func(p []byte) []byte {
			return bytes.Replace(p, []byte(`{`), []byte(`{"custom:tenant_id":"tenant-b",`), 1)
		}, want: cognitotenant.ErrTenantMissing},
		{name: "tenant_refused_by_validator_is_refused", use: id,
			edit: func(c *cognitotenant.Config) { c.TenantValidator = onlyTenant("tenant-b") },
			want: cognitotenant.ErrTenantMissing},
		{name: "tenant_passing_validator_is_accepted", use: id,
			edit: func(c *cognitotenant.Config) { c.TenantValidator = onlyTenant("tenant-a") }},
		{name: "renamed_tenant_claim_is_read", use: id,
			mut:  mut(testutil.With("tenant_id", "tenant-z")),
			edit: func(c *cognitotenant.Config) { c.TenantClaim = "tenant_id" }},
		{name: "renamed_tenant_claim_absent_is_refused", use: id,
			edit: func(c *cognitotenant.Config) { c.TenantClaim = "tenant_id" },
			want: cognitotenant.ErrTenantMissing},
		{name: "string_email_verified_is_accepted", use: id,
			mut: mut(testutil.With("email_verified", "true"))},
		{name: "number_email_verified_is_refused", use: id,
			mut: mut(testutil.With("email_verified", 1)), want: cognitotenant.ErrMalformed},
		{name: "string_groups_are_refused", use: id,
			mut: mut(testutil.With("cognito:groups", "admin")), want: cognitotenant.ErrMalformed},
		{name: "absent_groups_are_accepted", use: id,
			mut: mut(testutil.Without("cognito:groups"))},
		{name: "custom_check_refusal_is_refused", use: id,
			edit: func(c *cognitotenant.Config) { c.CustomCheck = refuseAll },
			want: cognitotenant.ErrCustomCheck},
		{name: "custom_check_pass_is_accepted", use: id,
			edit: func(c *cognitotenant.Config) { c.CustomCheck = acceptAll }},
		{name: "custom_check_does_not_run_on_invalid_token", use: id,
			mut:  mut(testutil.With("aud", "other")),
			edit: func(c *cognitotenant.Config) { c.CustomCheck = refuseAll },
			want: cognitotenant.ErrClient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := e.config(tt.use)
			if tt.edit != nil {
				tt.edit(&cfg)
			}
			v := e.verifier(t, cfg)
			tok := ""
			if tt.access {
				tok = e.mintAccess(t, tt.mut...)
			} else {
				tok = e.mintID(t, tt.mut...)
			}
			if tt.raw != nil {
				tok = e.resign(t, tok, tt.raw)
			}
			c, err := v.Verify(bg, tok)
			wantErr(t, err, tt.want)
			if tt.want == nil && c.Subject == "" {
				t.Fatal("accepted claims have no subject")
			}
			if tt.tenant != "" && c.TenantID != tt.tenant {
				t.Fatalf("TenantID = %q, want %q", c.TenantID, tt.tenant)
			}
		})
	}
}

func mut(m ...testutil.ClaimsMutator) []testutil.ClaimsMutator { return m }

func maxAge(d time.Duration) func(*cognitotenant.Config) {
	return func(c *cognitotenant.Config) { c.MaxAge = d }
}
