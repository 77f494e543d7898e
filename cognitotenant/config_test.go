package cognitotenant_test

import (
	"errors"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

func TestNew(t *testing.T) {
	t.Parallel()
	good := func() cognitotenant.Pool {
		return cognitotenant.Pool{UserPoolID: "eu-west-1_AbC123", ClientIDs: []string{"c"},
			TokenUse: cognitotenant.TokenUseID}
	}
	tests := []struct {
		name string
		edit func(*cognitotenant.Config)
		ok   bool
	}{
		{"minimal_pool_is_valid", func(*cognitotenant.Config) {}, true},
		{"no_pool_is_an_error", func(c *cognitotenant.Config) { c.Pools = nil }, false},
		{"empty_client_list_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].ClientIDs = nil }, false},
		{"empty_client_id_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].ClientIDs = []string{""} }, false},
		{"missing_token_use_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].TokenUse = "" }, false},
		{"unknown_token_use_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].TokenUse = "refresh" }, false},
		{"token_use_both_is_valid",
			func(c *cognitotenant.Config) { c.Pools[0].TokenUse = cognitotenant.TokenUseBoth },
			true},
		{"pool_id_without_underscore_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].UserPoolID = "euwest1AbC" }, false},
		{"pool_id_with_slash_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].UserPoolID = "eu-west-1_a/b" }, false},
		{"pool_id_with_empty_suffix_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].UserPoolID = "eu-west-1_" }, false},
		{"gov_cloud_pool_id_is_valid",
			func(c *cognitotenant.Config) { c.Pools[0].UserPoolID = "us-gov-west-1_AbC" }, true},
		{"region_agreeing_with_pool_id_is_valid",
			func(c *cognitotenant.Config) { c.Pools[0].Region = "eu-west-1" }, true},
		{"region_disagreeing_with_pool_id_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].Region = "us-east-1" }, false},
		{"emulator_issuer_override_is_valid", func(c *cognitotenant.Config) {
			c.Pools[0].UserPoolID = "local_abc"
			c.Pools[0].Issuer = "http://127.0.0.1:9229/local_abc"
		}, true},
		{"issuer_override_that_is_not_a_url_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].Issuer = "local_abc" }, false},
		{"jwks_url_that_is_not_http_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].JWKSURL = "file:///etc/keys" }, false},
		{"jwks_url_with_several_issuers_is_an_error", func(c *cognitotenant.Config) {
			c.Pools[0].MultiRegionIssuer = true
			c.Pools[0].JWKSURL = "https://keys.example.com/jwks.json"
		}, false},
		{"same_pool_twice_is_an_error",
			func(c *cognitotenant.Config) { c.Pools = append(c.Pools, c.Pools[0]) }, false},
		{"two_pools_are_valid", func(c *cognitotenant.Config) {
			p := good()
			p.UserPoolID = "eu-west-1_Other"
			c.Pools = append(c.Pools, p)
		}, true},
		{"bad_static_key_set_is_an_error",
			func(c *cognitotenant.Config) {
				c.Pools[0].StaticJWKS = []byte(`{"keys":[]}`)
			}, false},
		{"tenant_claim_with_comma_is_an_error",
			func(c *cognitotenant.Config) { c.TenantClaim = "tenant,omitempty" }, false},
		{"tenant_claim_naming_a_standard_claim_is_an_error",
			func(c *cognitotenant.Config) { c.TenantClaim = "sub" }, false},
		{"plain_tenant_claim_is_valid",
			func(c *cognitotenant.Config) { c.TenantClaim = "tenant_id" }, true},
		{"negative_cache_size_is_an_error",
			func(c *cognitotenant.Config) { c.TokenCacheSize = -1 }, false},
		{"negative_max_age_is_an_error",
			func(c *cognitotenant.Config) { c.MaxAge = -1 }, false},
		{"negative_leeway_means_none_and_is_valid",
			func(c *cognitotenant.Config) { c.Leeway = -1 }, true},
		{"empty_replica_region_is_an_error",
			func(c *cognitotenant.Config) { c.Pools[0].ReplicaRegions = []string{""} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := cognitotenant.Config{Pools: []cognitotenant.Pool{good()}}
			tt.edit(&cfg)
			v, err := cognitotenant.New(cfg)
			if tt.ok {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				_ = v.Close()
				return
			}
			if !errors.Is(err, cognitotenant.ErrConfig) {
				t.Fatalf("New: %v, want ErrConfig", err)
			}
		})
	}
}
