//go:build integration

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

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/cognitolocal"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// TestSetup_CognitoLocal runs the command as a newcomer would: provision,
// then --check from the written .env, then --check again after someone
// added an app client that can write the tenant.
func TestSetup_CognitoLocal(t *testing.T) {
	ctx := context.Background()
	endpoint := cognitolocal.Start(t)
	envFile := filepath.Join(t.TempDir(), ".env")

	var out, errb bytes.Buffer
	code := run(ctx, []string{"--endpoint", endpoint, "--env-file", envFile},
		noEnv, &out, &errb)
	if code != 0 {
		t.Fatalf("setup exit %d\n%s", code, errb.String())
	}
	env, err := godotenv.Read(envFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := env["COGNITO_USER_POOL_ID"]
	if env["COGNITO_ENDPOINT"] != endpoint || env["COGNITO_CLIENT_ID"] == "" ||
		env["COGNITO_ISSUER"] != endpoint+"/"+pool {
		t.Fatalf(".env = %v", env)
	}
	if !strings.Contains(out.String(), "COGNITO_USER_POOL_ID="+pool+"\n") {
		t.Errorf("stdout does not print the pool id:\n%s", out.String())
	}

	t.Run("rerun_reports_nothing_changed", func(t *testing.T) {
		var out, errb bytes.Buffer
		code := run(ctx, []string{"--endpoint", endpoint, "--env-file", envFile},
			noEnv, &out, &errb)
		if code != 0 || !strings.Contains(errb.String(), "nothing changed") {
			t.Errorf("exit %d, stderr:\n%s", code, errb.String())
		}
	})

	t.Run("check_of_the_provisioned_pool_passes", func(t *testing.T) {
		var out, errb bytes.Buffer
		if code := run(ctx, []string{"--check", "--env-file", envFile}, noEnv,
			&out, &errb); code != 0 {
			t.Errorf("check exit %d\n%s%s", code, out.String(), errb.String())
		}
	})

	t.Run("check_fails_naming_a_client_that_writes_the_tenant", func(t *testing.T) {
		api, err := provision.NewClient(ctx, "us-east-1", endpoint)
		if err != nil {
			t.Fatal(err)
		}
		rogue, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
			UserPoolId:      aws.String(pool),
			ClientName:      aws.String("legacy-console"),
			WriteAttributes: []string{"custom:tenant_id"},
		})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(rogue.UserPoolClient.ClientId)

		var out, errb bytes.Buffer
		code := run(ctx, []string{"--check", "--env-file", envFile}, noEnv, &out, &errb)
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if code != 1 || len(lines) != 1 || !strings.Contains(lines[0],
			"client-writes-tenant: app client legacy-console ("+id+")") {
			t.Errorf("exit %d, stdout:\n%s\nwant 1 and one line naming %s",
				code, out.String(), id)
		}
	})
}
