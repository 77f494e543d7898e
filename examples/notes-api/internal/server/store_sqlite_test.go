//go:build !integration

package server

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/store"
)

// openTestStore opens SQLite in a temporary file with a two-connection
// pool. The integration build runs the same suite on PostgreSQL instead.
func openTestStore(t testing.TB) store.Store {
	t.Helper()
	url := "sqlite:" + filepath.Join(t.TempDir(), "notes.db")
	st, err := store.Open(context.Background(), url, store.WithMaxConns(2))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}
