package provision_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// isolateAWS points the SDK at an empty home: a temp shared config file
// holding profile, no credentials file, no region or keys in the
// environment, and no instance metadata service, so nothing is read from
// the machine and nothing leaves it.
func isolateAWS(t *testing.T, profile string) {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	if err := os.WriteFile(cfg, []byte(profile), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", cfg)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION",
		"AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
		"AWS_SESSION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		t.Setenv(k, "")
		os.Unsetenv(k) // the SDK tells an empty variable from an absent one
	}
}

const profiles = `[default]
output = json

[profile paris]
region = eu-west-3
`

// TestNewClient_Region sets process environment, so it does not run in
// parallel.
func TestNewClient_Region(t *testing.T) {
	tests := []struct {
		name, region, endpoint string
		env                    map[string]string
		want                   string
		wantErr                error
	}{
		{"profile_region_is_used", "", "", map[string]string{"AWS_PROFILE": "paris"},
			"eu-west-3", nil},
		{"aws_region_beats_the_profile", "", "",
			map[string]string{"AWS_PROFILE": "paris", "AWS_REGION": "ap-south-1"},
			"ap-south-1", nil},
		{"aws_default_region_is_honoured", "", "",
			map[string]string{"AWS_DEFAULT_REGION": "sa-east-1"}, "sa-east-1", nil},
		{"explicit_region_beats_everything", "us-west-2", "",
			map[string]string{"AWS_PROFILE": "paris", "AWS_REGION": "ap-south-1"},
			"us-west-2", nil},
		{"no_region_anywhere_is_an_error", "", "", nil, "", provision.ErrNoRegion},
		{"emulator_without_region_gets_a_placeholder", "", "http://127.0.0.1:1", nil,
			"us-east-1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolateAWS(t, profiles)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}

			api, err := provision.NewClient(context.Background(), tt.region, tt.endpoint)

			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && api.Options().Region != tt.want {
				t.Errorf("region %q, want %q", api.Options().Region, tt.want)
			}
		})
	}
}

// TestRequireCredentials sets process environment, so it does not run in
// parallel.
func TestRequireCredentials(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr error
	}{
		{"keys_in_the_environment_are_found",
			map[string]string{"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
				"AWS_SECRET_ACCESS_KEY": "secret"}, nil},
		{"no_credentials_anywhere_is_reported", nil, provision.ErrNoCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolateAWS(t, profiles)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			api, err := provision.NewClient(context.Background(), "eu-west-1", "")
			if err != nil {
				t.Fatal(err)
			}

			err = provision.RequireCredentials(context.Background(), api, time.Minute)

			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}
