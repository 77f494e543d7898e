package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func noEnv(string) string { return "" }

func TestRun_UsageErrorsExitTwo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string // on stderr
	}{
		{"unknown_flag", []string{"--pool"}, "flag provided but not defined"},
		{"stray_argument", []string{"provision"}, `unexpected argument "provision"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, noEnv, &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errb.String(), tt.want)
			}
		})
	}
}

func TestRun_HelpExitsZero(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, noEnv, &out, &errb); code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	if !strings.Contains(errb.String(), "-check") {
		t.Errorf("help does not list --check:\n%s", errb.String())
	}
}

func TestPrintEnv(t *testing.T) {
	t.Parallel()
	env := map[string]string{"COGNITO_CLIENT_ID": "c", "COGNITO_CLIENT_SECRET": "s3cret"}
	tests := []struct {
		name       string
		hide       bool
		wantSecret bool
	}{
		{"secret_written_to_the_file_is_hidden", true, false},
		{"secret_not_written_anywhere_is_shown", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			printEnv(&b, env, tt.hide)
			if got := strings.Contains(b.String(), "s3cret"); got != tt.wantSecret {
				t.Errorf("output shows the secret: %v, want %v\n%s",
					got, tt.wantSecret, b.String())
			}
			if !strings.HasPrefix(b.String(), "COGNITO_CLIENT_ID=c\n") {
				t.Errorf("output not sorted KEY=value lines:\n%s", b.String())
			}
		})
	}
}

// isolateAWS points the AWS SDK at an empty temp home with no region, keys
// or instance metadata service, so nothing is read from the machine and
// nothing leaves it. Tests calling it set process environment and so do not
// run in parallel.
func isolateAWS(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
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

func TestRun_MissingAWSSettingsFailInOneLine(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no_region", []string{"--no-env-file"},
			"setup: no AWS region configured; pass --region"},
		{"no_credentials", []string{"--no-env-file", "--region", "eu-west-1"},
			"setup: no AWS credentials found; set AWS_PROFILE or AWS_ACCESS_KEY_ID"},
		{"no_credentials_with_check", []string{"--check", "--env-file", "",
			"--pool-id", "eu-west-1_x", "--region", "eu-west-1"},
			"setup: no AWS credentials found; "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolateAWS(t)
			var out, errb bytes.Buffer

			code := run(context.Background(), tt.args, noEnv, &out, &errb)

			if code != 2 || !strings.HasPrefix(errb.String(), tt.want) ||
				strings.Count(errb.String(), "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want 2 and one line starting %q",
					code, errb.String(), tt.want)
			}
		})
	}
}

func TestParseFlags_Region(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"flag_wins", []string{"--region", "us-west-2"},
			map[string]string{"COGNITO_REGION": "eu-west-1"}, "us-west-2"},
		{"cognito_region_is_used", nil,
			map[string]string{"COGNITO_REGION": "eu-west-1"}, "eu-west-1"},
		// The AWS SDK resolves AWS_REGION, AWS_DEFAULT_REGION and the
		// profile's region; a default here would hide the profile.
		{"otherwise_left_to_the_aws_sdk", nil,
			map[string]string{"AWS_REGION": "ap-south-1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, err := parseFlags(tt.args, func(k string) string { return tt.env[k] },
				io.Discard)
			if err != nil || o.region != tt.want {
				t.Errorf("region %q, err %v; want %q", o.region, err, tt.want)
			}
		})
	}
}

func TestRun_CheckErrorsDoNotSayProvision(t *testing.T) {
	t.Parallel()
	fc := testutil.StartFakeCognito(t)
	var out, errb bytes.Buffer

	code := run(context.Background(), []string{"--check", "--endpoint", fc.URL(),
		"--env-file", "", "--pool-id", "us-east-1_missing"}, noEnv, &out, &errb)

	if code != 2 || !strings.HasPrefix(errb.String(), "setup --check: ") ||
		strings.Contains(errb.String(), "provision") {
		t.Errorf("exit %d, stderr %q; want 2 and a --check error", code, errb.String())
	}
}
