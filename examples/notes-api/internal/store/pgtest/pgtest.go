// Package pgtest gives a test a PostgreSQL database of its own, provisioned
// and migrated as the notes service's store expects, and dropped with its
// roles when the test ends.
package pgtest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
	"github.com/cognitotenant/cognitotenant-go/internal/testenv"
)

// Database provisions a fresh database named prefix plus a random suffix,
// with its owner and app roles, migrates it as the owner and returns its
// URLs; the app role's URL is what the service opens. It needs
// TEST_POSTGRES_URL, a superuser DSN, and skips (or under CI fails)
// without it.
func Database(t testing.TB, prefix string) store.PostgresURLs {
	t.Helper()
	su := os.Getenv("TEST_POSTGRES_URL")
	if su == "" {
		testenv.Missing(t, "PostgreSQL (TEST_POSTGRES_URL, a superuser DSN)",
			"apt-get install -y postgresql, start a cluster as .ci/run does, "+
				"export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres")
	}
	ctx := context.Background()
	name := prefix + strings.ReplaceAll(uuid.NewString(), "-", "")[:12]
	urls, err := store.ProvisionPostgres(ctx, su, store.PostgresSetup{Database: name})
	t.Cleanup(func() { drop(t, su, name, urls) })
	if err != nil {
		t.Fatalf("provision postgres: %v", err)
	}
	if err := store.MigratePostgres(ctx, urls.OwnerURL, urls.AppRole); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return urls
}

// drop removes the database and its two roles.
func drop(t testing.TB, su, name string, urls store.PostgresURLs) {
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
