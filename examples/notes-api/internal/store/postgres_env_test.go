//go:build integration

package store

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/internal/testenv"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// pgEnv is one freshly provisioned and migrated database, dropped with its
// roles when the test ends.
type pgEnv struct {
	PostgresURLs
	superURL string // the superuser, connected to this database
	name     string
}

func superuserURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("TEST_POSTGRES_URL")
	if u == "" {
		testenv.Missing(t, "PostgreSQL (TEST_POSTGRES_URL, a superuser DSN)",
			"apt-get install -y postgresql, start a cluster as .ci/run's start_postgres "+
				"does, export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres")
	}
	return u
}

// freshDatabase provisions a database of its own for the calling test.
func freshDatabase(t *testing.T) *pgEnv {
	t.Helper()
	ctx := t.Context()
	su := superuserURL(t)
	name := "store_test_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:12]
	urls, err := ProvisionPostgres(ctx, su, PostgresSetup{Database: name})
	t.Cleanup(func() { dropDatabase(t, su, name) })
	if err != nil {
		t.Fatalf("provision: %v", err)
	}
	if err := MigratePostgres(ctx, urls.OwnerURL, urls.AppRole); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	superURL, err := withDatabase(su, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &pgEnv{PostgresURLs: urls, superURL: superURL, name: name}
}

// dropDatabase removes the database and every role named after it.
func dropDatabase(t *testing.T, su, name string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, su)
	if err != nil {
		t.Errorf("cleanup: %v", err)
		return
	}
	defer conn.Close(ctx)
	if err := execFormatted(ctx, conn, `DROP DATABASE IF EXISTS %I WITH (FORCE)`,
		name); err != nil {
		t.Errorf("cleanup: drop database: %v", err)
	}
	rows, err := conn.Query(ctx, `SELECT rolname FROM pg_roles WHERE rolname LIKE $1`,
		name+"\\_%")
	if err != nil {
		t.Errorf("cleanup: %v", err)
		return
	}
	roles, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Errorf("cleanup: %v", err)
	}
	for _, r := range roles {
		if err := execFormatted(ctx, conn, `DROP ROLE IF EXISTS %I`, r); err != nil {
			t.Errorf("cleanup: drop role: %v", err)
		}
	}
}

// connect opens a raw connection for the test, closed when it ends.
func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// exec runs statements, failing the test on the first error.
func exec(t *testing.T, conn *pgx.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := conn.Exec(t.Context(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// openApp opens the store as the app role, through the self-check.
func (e *pgEnv) openApp(t *testing.T, opts ...Option) Store {
	t.Helper()
	s, err := Open(t.Context(), e.AppURL, opts...)
	if err != nil {
		t.Fatalf("open as app role: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openUnchecked opens the store as the app role without the self-check,
// with rewrite applied to its statements.
func (e *pgEnv) openUnchecked(t *testing.T, rewrite func(string) string) *pgStore {
	t.Helper()
	o := defaultOptions()
	o.maxConns = 2
	s, err := newPostgres(t.Context(), e.AppURL, o)
	if err != nil {
		t.Fatal(err)
	}
	s.rewrite = rewrite
	t.Cleanup(func() { s.Close() })
	return s
}

// disableRLS switches row-level security off on every tenant table, as the
// owner.
func (e *pgEnv) disableRLS(t *testing.T) {
	t.Helper()
	owner := connect(t, e.OwnerURL)
	for _, tbl := range tenantTables {
		exec(t, owner, "ALTER TABLE "+tbl+" DISABLE ROW LEVEL SECURITY")
	}
}
