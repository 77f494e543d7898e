package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqlitePragmas are set on every new connection: foreign keys are off by
// default in SQLite and the composite keys depend on them; busy_timeout
// waits for the writer lock instead of failing; WAL lets readers run beside
// the writer; _txlock=immediate takes the writer lock at BEGIN, so two
// read-then-write transactions cannot deadlock on lock upgrade.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)" +
	"&_pragma=journal_mode(WAL)&_txlock=immediate"

// sqliteStore is the Store on SQLite. Tenants are kept apart only by the
// tenant_id predicate of each statement in sqlite_sql.go.
type sqliteStore struct {
	db  *sql.DB
	log *slog.Logger

	// rewrite, when a test sets it, changes every statement before it runs.
	// The mutation test uses it to drop the tenant predicate and prove the
	// contract suite notices; production code never sets it.
	rewrite func(string) string
}

// openSQLite opens (creating if needed) and migrates the database at path,
// or a private in-memory one for ":memory:".
func openSQLite(ctx context.Context, path string, o options) (Store, error) {
	s, err := newSQLite(ctx, path, o)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func newSQLite(ctx context.Context, path string, o options) (*sqliteStore, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store: sqlite path must be non-empty, without '?' or '#'")
	}
	conns := o.maxConns
	if path == ":memory:" {
		// Each connection to ":memory:" is a database of its own.
		conns = 1
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("store: sqlite directory: %w", err)
		}
		if conns == 0 {
			conns = 2
		}
	}

	db, err := sql.Open("sqlite", path+"?"+sqlitePragmas)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	// Idle in-memory connections must never be closed: that drops the data.
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)

	if err := migrate(ctx, db, goose.DialectSQLite3, "migrations/sqlite", o.log); err != nil {
		db.Close()
		return nil, err
	}
	o.log.Debug("store: sqlite ready", "path", path, "max_conns", conns)
	return &sqliteStore{db: db, log: o.log}, nil
}

// q returns the statement to run for the constant query.
func (s *sqliteStore) q(query string) string {
	if s.rewrite != nil {
		return s.rewrite(query)
	}
	return query
}

// inTx runs fn in one transaction for tenant t, refusing the zero TenantID
// before a connection is taken.
func (s *sqliteStore) inTx(ctx context.Context, t TenantID, fn func(*sql.Tx) error) error {
	if err := t.check(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Ping implements Store.
func (s *sqliteStore) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Close implements Store.
func (s *sqliteStore) Close() error { return s.db.Close() }

// sqliteCode returns the extended result code of a SQLite error, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

func isForeignKeyViolation(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}
