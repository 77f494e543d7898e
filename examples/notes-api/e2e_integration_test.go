//go:build integration

package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/cognitolocal"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
	"github.com/cognitotenant/cognitotenant-go/internal/testenv"
)

const e2eInternalToken = "integration-internal-token-0123456789"

// TestHowToTest_on_cognito_local_and_postgres is the README walkthrough
// against the production shape: a pool provisioned by the setup command's
// code in cognito-local, and PostgreSQL with row-level security, the
// service connecting as the app role.
func TestHowToTest_on_cognito_local_and_postgres(t *testing.T) {
	ctx := context.Background()
	dbURL := postgresDatabase(t)
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

// postgresDatabase provisions a database of its own, migrated, and
// returns the app role's URL; the database and its roles are dropped when
// the test ends.
func postgresDatabase(t *testing.T) string {
	t.Helper()
	su := os.Getenv("TEST_POSTGRES_URL")
	if su == "" {
		testenv.Missing(t, "PostgreSQL (TEST_POSTGRES_URL, a superuser DSN)",
			"apt-get install -y postgresql, start a cluster as .ci/run does, "+
				"export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres")
	}
	ctx := context.Background()
	name := "notes_e2e_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:12]
	urls, err := store.ProvisionPostgres(ctx, su, store.PostgresSetup{Database: name})
	t.Cleanup(func() { dropDatabase(t, su, name, urls) })
	if err != nil {
		t.Fatalf("provision postgres: %v", err)
	}
	if err := store.MigratePostgres(ctx, urls.OwnerURL, urls.AppRole); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return urls.AppURL
}

func dropDatabase(t *testing.T, su, name string, urls store.PostgresURLs) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, su)
	if err != nil {
		t.Errorf("cleanup: %v", err)
		return
	}
	defer conn.Close(ctx)
	stmts := []string{"DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize() +
		" WITH (FORCE)"}
	for _, role := range []string{urls.OwnerRole, urls.AppRole} {
		if role != "" {
			stmts = append(stmts, "DROP ROLE IF EXISTS "+pgx.Identifier{role}.Sanitize())
		}
	}
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	}
}
