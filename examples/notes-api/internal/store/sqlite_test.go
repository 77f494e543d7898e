package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
)

// openTestSQLite opens a migrated SQLite file in a fresh directory, on the
// default two-connection pool, and closes it when the test ends.
func openTestSQLite(t *testing.T) *sqliteStore {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notes.db")
	s, err := newSQLite(t.Context(), path, defaultOptions())
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSQLiteContract(t *testing.T) {
	t.Parallel()
	t.Run("file_with_two_connections", func(t *testing.T) {
		t.Parallel()
		runContract(t, func(t *testing.T) Store { return openTestSQLite(t) })
	})
	t.Run("in_memory", func(t *testing.T) {
		t.Parallel()
		runContract(t, func(t *testing.T) Store {
			s, err := Open(t.Context(), "sqlite::memory:")
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		})
	})
}

// TestSQLiteCompositeForeignKey inserts tags with raw SQL, bypassing the
// store's checks, to show the schema itself refuses a child that points at
// another tenant's note.
func TestSQLiteCompositeForeignKey(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openTestSQLite(t)
	f, err := newFixture(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	insert := func(noteID string) error {
		_, err := s.db.ExecContext(ctx, sqliteInsertTag, f.a.String(), noteID, "t")
		return err
	}
	t.Run("child_pointing_at_other_tenants_note_is_rejected", func(t *testing.T) {
		err := insert(f.noteB.ID)
		if !isForeignKeyViolation(err) {
			t.Fatalf("got %v, want a foreign key violation", err)
		}
	})
	t.Run("child_pointing_at_own_note_is_accepted", func(t *testing.T) {
		if err := insert(f.noteA.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSQLiteDeleteRemovesTags(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openTestSQLite(t)
	f, err := newFixture(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []struct {
		t  TenantID
		id string
	}{{f.a, f.noteA.ID}, {f.b, f.noteB.ID}} {
		if err := s.TagNote(ctx, n.t, n.id, "x"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteNote(ctx, f.a, f.noteA.ID); err != nil {
		t.Fatal(err)
	}
	count := func(tenant TenantID) int {
		var n int
		err := s.db.QueryRowContext(ctx,
			`SELECT count(*) FROM note_tags WHERE tenant_id = ?`, tenant.String()).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(f.a); n != 0 {
		t.Errorf("deleted note keeps %d tags", n)
	}
	if n := count(f.b); n != 1 {
		t.Errorf("other tenant's note has %d tags, want 1", n)
	}
}

func TestSQLiteConnectionPragmas(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openTestSQLite(t)
	// Hold both pooled connections at once, so each one's settings show.
	conns := make([]*sql.Conn, 2)
	for i := range conns {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	want := map[string]string{
		"foreign_keys": "1", "busy_timeout": "5000", "journal_mode": "wal",
	}
	for i, c := range conns {
		for pragma, v := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, pragma, got, v)
			}
		}
	}
}

func TestSQLiteNotesSurviveReopen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	url := "sqlite:" + filepath.Join(t.TempDir(), "data", "notes.db")
	tenant := newTenant("t")
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureTenant(ctx, tenant, "T"); err != nil {
		t.Fatal(err)
	}
	n, err := s.CreateNote(ctx, tenant, "sub-1", "kept")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(ctx, url)
	if err != nil {
		t.Fatalf("reopen (migrations must be idempotent): %v", err)
	}
	defer s.Close()
	got, err := s.GetNote(ctx, tenant, n.ID)
	if err != nil || got != n {
		t.Fatalf("after reopen got %+v, %v; want %+v", got, err, n)
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, url string
		wantErr   error
	}{
		{"unknown_scheme_is_refused", "mysql://x", ErrUnsupportedURL},
		{"bare_path_is_refused", "/tmp/notes.db", ErrUnsupportedURL},
		{"sqlite_memory_opens", "sqlite::memory:", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := Open(t.Context(), tc.url)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("got %v, want %v", err, tc.wantErr)
			}
			if err == nil {
				defer s.Close()
				if err := s.Ping(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestSQLiteRandomIDs(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openTestSQLite(t)
	f, err := newFixture(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	u, err := uuid.Parse(f.noteA.ID)
	if err != nil || u.Version() != 4 {
		t.Fatalf("note id %q is not a random UUID", f.noteA.ID)
	}
	if f.noteA.ID == f.noteB.ID {
		t.Fatal("two notes share an id")
	}
}
