package config

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const token = "0123456789abcdef0123456789abcdef"

func lookup(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	}
}

func cognitoEnv(extra map[string]string) map[string]string {
	env := map[string]string{
		"COGNITO_USER_POOL_ID": "eu-west-1_AbC123",
		"COGNITO_CLIENT_ID":    "client123",
		"INTERNAL_API_TOKEN":   token,
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

func TestFromLookup_nothing_set_gives_the_embedded_defaults(t *testing.T) {
	t.Parallel()
	c, err := FromLookup(lookup(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode != ModeEmbedded || c.Addr != DefaultAddr || c.InternalAddr != DefaultInternalAddr ||
		c.DatabaseURL != DefaultDatabaseURL || c.InternalAPIToken != "" ||
		c.LogLevel != slog.LevelInfo || c.Cognito.TokenUse != "id" ||
		c.Cognito.TenantClaim != DefaultTenantClaim {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestFromLookup_cognito_mode_derives_region_issuer_and_jwks(t *testing.T) {
	t.Parallel()
	c, err := FromLookup(lookup(cognitoEnv(nil)))
	if err != nil {
		t.Fatal(err)
	}
	want := Cognito{
		Region:     "eu-west-1",
		UserPoolID: "eu-west-1_AbC123",
		ClientID:   "client123",
		Issuer:     "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
		JWKSURL: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123" +
			"/.well-known/jwks.json",
		TokenUse:    "id",
		TenantClaim: DefaultTenantClaim,
	}
	if c.Mode != ModeCognito || c.Cognito != want {
		t.Fatalf("got %v %+v, want cognito %+v", c.Mode, c.Cognito, want)
	}
}

func TestFromLookup_emulator_overrides_are_kept(t *testing.T) {
	t.Parallel()
	c, err := FromLookup(lookup(cognitoEnv(map[string]string{
		"COGNITO_USER_POOL_ID": "local_abc",
		"COGNITO_REGION":       "us-east-1",
		"COGNITO_ENDPOINT":     "http://127.0.0.1:9229",
		"COGNITO_ISSUER":       "http://127.0.0.1:9229/local_abc/",
		"DATABASE_URL":         "postgres://app:pw@127.0.0.1:5432/notes",
	})))
	if err != nil {
		t.Fatal(err)
	}
	if c.Cognito.Region != "us-east-1" || c.Cognito.Issuer != "http://127.0.0.1:9229/local_abc" ||
		c.Cognito.JWKSURL != "http://127.0.0.1:9229/local_abc/.well-known/jwks.json" ||
		c.DatabaseURL != "postgres://app:pw@127.0.0.1:5432/notes" {
		t.Fatalf("overrides lost: %+v", c)
	}
}

func TestFromLookup_bad_values_name_their_variable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		wantVar string
	}{
		{"addr_without_port", map[string]string{"ADDR": "localhost"}, "ADDR"},
		{"addr_port_out_of_range", map[string]string{"ADDR": "127.0.0.1:70000"}, "ADDR"},
		{"internal_addr_garbage", map[string]string{"INTERNAL_ADDR": "x"}, "INTERNAL_ADDR"},
		{"same_addr_twice", map[string]string{"INTERNAL_ADDR": DefaultAddr}, "INTERNAL_ADDR"},
		{"unknown_database_scheme", map[string]string{"DATABASE_URL": "mysql://x"}, "DATABASE_URL"},
		{"sqlite_without_path", map[string]string{"DATABASE_URL": "sqlite:"}, "DATABASE_URL"},
		{"postgres_without_host", map[string]string{"DATABASE_URL": "postgres://"}, "DATABASE_URL"},
		{"short_internal_token", map[string]string{"INTERNAL_API_TOKEN": "short"},
			"INTERNAL_API_TOKEN"},
		{"bad_log_level", map[string]string{"LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{"access_tokens_in_embedded_mode", map[string]string{"COGNITO_TOKEN_USE": "access"},
			"COGNITO_TOKEN_USE"},
		{"tenant_claim_in_embedded_mode", map[string]string{"COGNITO_TENANT_CLAIM": "t"},
			"COGNITO_TENANT_CLAIM"},
		{"bad_token_use", map[string]string{"COGNITO_TOKEN_USE": "both"}, "COGNITO_TOKEN_USE"},
		{"client_without_pool", map[string]string{"COGNITO_CLIENT_ID": "c"},
			"COGNITO_USER_POOL_ID"},
		{"pool_without_region", cognitoEnv(map[string]string{"COGNITO_USER_POOL_ID": "pool"}),
			"COGNITO_USER_POOL_ID"},
		{"pool_without_client", cognitoEnv(map[string]string{"COGNITO_CLIENT_ID": ""}),
			"COGNITO_CLIENT_ID"},
		{"cognito_without_internal_token",
			cognitoEnv(map[string]string{"INTERNAL_API_TOKEN": ""}), "INTERNAL_API_TOKEN"},
		{"endpoint_not_http", cognitoEnv(map[string]string{"COGNITO_ENDPOINT": "ftp://x"}),
			"COGNITO_ENDPOINT"},
		{"issuer_not_url", cognitoEnv(map[string]string{"COGNITO_ISSUER": "pool"}),
			"COGNITO_ISSUER"},
		{"jwks_not_url", cognitoEnv(map[string]string{"COGNITO_JWKS_URL": "/keys"}),
			"COGNITO_JWKS_URL"},
		{"access_tokens_without_tenant_claim",
			cognitoEnv(map[string]string{"COGNITO_TOKEN_USE": "access"}), "COGNITO_TENANT_CLAIM"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := FromLookup(lookup(tc.env))
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != tc.wantVar {
				t.Fatalf("got %v, want an error naming %s", err, tc.wantVar)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.wantVar+": ") || strings.Contains(msg, "\n") {
				t.Fatalf("message %q is not one line starting with the variable", msg)
			}
		})
	}
}

func TestFromLookup_good_twins_of_the_bad_values_pass(t *testing.T) {
	t.Parallel()
	for name, env := range map[string]map[string]string{
		"addr_with_port":      {"ADDR": "localhost:9000", "INTERNAL_ADDR": "localhost:9001"},
		"both_on_any_port":    {"ADDR": "127.0.0.1:0", "INTERNAL_ADDR": "127.0.0.1:0"},
		"sqlite_with_path":    {"DATABASE_URL": "sqlite:/tmp/x.db"},
		"long_internal_token": {"INTERNAL_API_TOKEN": token},
		"debug_logs":          {"LOG_LEVEL": "debug"},
		"access_with_claim": cognitoEnv(map[string]string{
			"COGNITO_TOKEN_USE": "access", "COGNITO_TENANT_CLAIM": "tenant_id",
		}),
		"postgresql_scheme":    {"DATABASE_URL": "postgresql://u@127.0.0.1/db"},
		"https_endpoint":       cognitoEnv(map[string]string{"COGNITO_ENDPOINT": "https://idp.example"}),
		"explicit_region_kept": cognitoEnv(map[string]string{"COGNITO_REGION": "eu-west-1"}),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := FromLookup(lookup(env)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestFromLookup_secret_values_never_appear_in_errors(t *testing.T) {
	t.Parallel()
	secret := "s3cretpassword"
	_, err := FromLookup(lookup(map[string]string{
		"DATABASE_URL": "postgres://u:" + secret + "@%zz/db",
	}))
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Fatalf("got %v; want an error without the password", err)
	}
}

func TestLoad_environment_wins_over_the_dotenv_file(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	body := "ADDR=127.0.0.1:9100\nINTERNAL_ADDR=127.0.0.1:9101\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("INTERNAL_ADDR", "127.0.0.1:9200")

	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9100" || c.InternalAddr != "127.0.0.1:9200" {
		t.Fatalf("got addr %q internal %q", c.Addr, c.InternalAddr)
	}
}

func TestLoad_missing_dotenv_file_is_not_an_error(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "absent.env")); err != nil {
		t.Fatal(err)
	}
}
