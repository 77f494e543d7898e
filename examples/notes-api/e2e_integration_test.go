//go:build integration

package main

import (
	"context"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/cognitolocal"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store/pgtest"
)

const e2eInternalToken = "integration-internal-token-0123456789"

// TestHowToTest_on_cognito_local_and_postgres is the README walkthrough
// against the production shape: a pool provisioned by the setup command's
// code in cognito-local, and PostgreSQL with row-level security, the
// service connecting as the app role.
func TestHowToTest_on_cognito_local_and_postgres(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.Database(t, "notes_e2e_").AppURL
	endpoint := cognitolocal.Start(t)

	api, err := provision.NewClient(ctx, "us-east-1", endpoint)
	if err != nil {
		t.Fatal(err)
	}
	res, err := provision.Provision(ctx, api, provision.Config{})
	if err != nil {
		t.Fatalf("provision: %v", err)
	}
	res.Region, res.Endpoint = "us-east-1", endpoint
	res.Issuer = provision.EmulatorIssuer(endpoint, res.UserPoolID)

	env := res.Env()
	env["DATABASE_URL"] = dbURL
	env["INTERNAL_API_TOKEN"] = e2eInternalToken
	env["ADDR"], env["INTERNAL_ADDR"] = "127.0.0.1:0", "127.0.0.1:0"
	env["LOG_LEVEL"] = "debug"

	s := startService(t, env)
	// In Cognito mode the banner prints neither the token nor the demo
	// password: the walkthrough's reader has them from setup and .env.
	s.InternalToken = e2eInternalToken
	s.DemoUser, s.DemoPassword = provision.DefaultDemoEmail, provision.DefaultDemoPassword
	if banner := s.stdout.String(); !strings.Contains(banner, "cognito mode") ||
		!strings.Contains(banner, "PostgreSQL at 127.0.0.1") {
		t.Fatalf("banner: %s", banner)
	}
	howToTest(t, s)
}
