//go:build integration

package server

import (
	"context"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store/pgtest"
)

// openTestStore provisions a PostgreSQL database of the test's own,
// migrated by its owner role, and opens it as the app role, which row-level
// security binds, with a two-connection pool. The plain build runs the
// same suite on SQLite.
func openTestStore(t testing.TB) store.Store {
	t.Helper()
	urls := pgtest.Database(t, "server_test_")
	st, err := store.Open(context.Background(), urls.AppURL, store.WithMaxConns(2))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}
