package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
