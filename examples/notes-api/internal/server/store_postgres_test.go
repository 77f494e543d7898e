//go:build integration

package server

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

// openTestStore provisions a PostgreSQL database of the test's own,
// migrated by its owner role, and opens it as the app role, which row-level
// security binds, with a two-connection pool. The plain build runs the
// same suite on SQLite.
func openTestStore(t testing.TB) store.Store {
	t.Helper()
	su := os.Getenv("TEST_POSTGRES_URL")
	if su == "" {
		testenv.Missing(t, "PostgreSQL (TEST_POSTGRES_URL, a superuser DSN)",
			"apt-get install -y postgresql, start a cluster as .ci/run does, "+
				"export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres")
	}
	ctx := context.Background()
	name := "server_test_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:12]
	urls, err := store.ProvisionPostgres(ctx, su, store.PostgresSetup{Database: name})
	t.Cleanup(func() { dropDatabase(t, su, name, urls) })
	if err != nil {
		t.Fatalf("provision postgres: %v", err)
	}
	if err := store.MigratePostgres(ctx, urls.OwnerURL, urls.AppRole); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	st, err := store.Open(ctx, urls.AppURL, store.WithMaxConns(2))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func dropDatabase(t testing.TB, su, name string, urls store.PostgresURLs) {
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
