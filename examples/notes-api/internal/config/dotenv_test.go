package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoad_errors_say_when_the_dotenv_file_is_behind_them sets process
// environment, so it does not run in parallel.
func TestLoad_errors_say_when_the_dotenv_file_is_behind_them(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		env     map[string]string
		wantVar string
		want    []string // in the message
		notWant []string
	}{
		{"token_required_by_a_pool_from_the_file",
			"COGNITO_USER_POOL_ID=eu-west-1_AbC\nCOGNITO_CLIENT_ID=c\n", nil,
			"INTERNAL_API_TOKEN", []string{"COGNITO_USER_POOL_ID is set (from FILE)",
				"embedded mode"}, nil},
		{"token_required_by_a_pool_from_the_environment", "",
			map[string]string{"COGNITO_USER_POOL_ID": "eu-west-1_AbC",
				"COGNITO_CLIENT_ID": "c"},
			"INTERNAL_API_TOKEN", []string{"COGNITO_USER_POOL_ID is set"},
			[]string{"FILE"}},
		{"client_required_by_a_pool_from_the_file",
			"COGNITO_USER_POOL_ID=eu-west-1_AbC\n", nil,
			"COGNITO_CLIENT_ID", []string{"COGNITO_USER_POOL_ID is set (from FILE)"}, nil},
		{"pool_required_by_a_client_from_the_file", "COGNITO_CLIENT_ID=c\n", nil,
			"COGNITO_USER_POOL_ID", []string{"COGNITO_CLIENT_ID is set (from FILE)"}, nil},
		{"bad_value_from_the_file", "LOG_LEVEL=loud\n", nil,
			"LOG_LEVEL", []string{"(from FILE)"}, nil},
		{"bad_value_from_the_environment", "", map[string]string{"LOG_LEVEL": "loud"},
			"LOG_LEVEL", nil, []string{"FILE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			path := filepath.Join(t.TempDir(), ".env")
			if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}

			_, err := Load(path)

			var ce *Error
			if !errors.As(err, &ce) || ce.Var != tt.wantVar {
				t.Fatalf("got %v, want an error naming %s", err, tt.wantVar)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.wantVar+": ") || strings.Contains(msg, "\n") {
				t.Errorf("message %q is not one line starting with the variable", msg)
			}
			for _, w := range tt.want {
				if w = strings.ReplaceAll(w, "FILE", path); !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			for _, w := range tt.notWant {
				if w = strings.ReplaceAll(w, "FILE", path); strings.Contains(msg, w) {
					t.Errorf("message %q blames %q", msg, w)
				}
			}
		})
	}
}

// clearEnv unsets every variable the package reads, for the test's length.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, k := range append([]string{"COGNITO_TOKEN_USE", "COGNITO_TENANT_CLAIM",
		"DATABASE_URL", "ADDR", "INTERNAL_ADDR", "INTERNAL_API_TOKEN", "LOG_LEVEL"},
		cognitoVars...) {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
}
