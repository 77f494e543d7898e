package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/joho/godotenv"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// TestSetup_FakeCognito runs the command against testutil's fake: provision,
// re-run, --check from the written .env, then --check after a group went
// missing or a client became able to write the tenant.
func TestSetup_FakeCognito(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fc := testutil.StartFakeCognito(t)
	envFile := filepath.Join(t.TempDir(), ".env")
	setup := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(ctx, args, noEnv, &out, &errb)
		return code, out.String(), errb.String()
	}

	if code, _, errs := setup("--endpoint", fc.URL(), "--env-file", envFile,
		"--client-secret"); code != 0 {
		t.Fatalf("setup exit %d\n%s", code, errs)
	}
	env, err := godotenv.Read(envFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := env["COGNITO_USER_POOL_ID"]
	if env["COGNITO_ISSUER"] != fc.IssuerURL(pool) || env["COGNITO_CLIENT_SECRET"] == "" {
		t.Fatalf(".env = %v, want the fake's issuer and a client secret", env)
	}

	t.Run("rerun_changes_nothing_and_keeps_the_secret", func(t *testing.T) {
		code, out, errs := setup("--endpoint", fc.URL(), "--env-file", envFile)
		if code != 0 || !strings.Contains(errs, "nothing changed") ||
			strings.Contains(out, env["COGNITO_CLIENT_SECRET"]) {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
		}
		again, err := godotenv.Read(envFile)
		if err != nil || again["COGNITO_CLIENT_SECRET"] != env["COGNITO_CLIENT_SECRET"] {
			t.Errorf("re-run lost the client secret: %v", err)
		}
	})

	t.Run("check_passes", func(t *testing.T) {
		if code, out, errs := setup("--check", "--env-file", envFile); code != 0 {
			t.Errorf("exit %d\n%s%s", code, out, errs)
		}
	})

	t.Run("check_fails_on_a_writable_client_and_a_missing_group", func(t *testing.T) {
		// A second pool, made without VIEWER and given a client that can
		// write the tenant, audited by id.
		api, err := provision.NewClient(ctx, fc.Region(), fc.URL())
		if err != nil {
			t.Fatal(err)
		}
		res, err := provision.Provision(ctx, api, provision.Config{PoolName: "legacy",
			Groups: []string{"ADMIN", "EDITOR"}, SkipDemo: true})
		if err != nil {
			t.Fatal(err)
		}
		rogue, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
			UserPoolId: aws.String(res.UserPoolID), ClientName: aws.String("rogue"),
			WriteAttributes: []string{"custom:tenant_id"},
		})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(rogue.UserPoolClient.ClientId)

		code, out, _ := setup("--check", "--endpoint", fc.URL(), "--pool-id",
			res.UserPoolID, "--env-file", "")
		want := []string{
			"FAIL client-writes-tenant: app client rogue (" + id + ")",
			"FAIL group-missing: VIEWER",
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 1 || len(lines) != len(want) {
			t.Fatalf("exit %d, stdout:\n%s\nwant 1 and %d lines", code, out, len(want))
		}
		for i, w := range want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("line %d = %q, want it to start %q", i, lines[i], w)
			}
		}
	})
}
