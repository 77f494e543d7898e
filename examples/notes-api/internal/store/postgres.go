package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgStore is the Store on PostgreSQL, connected as the app role. Tenants are
// kept apart twice: by row-level security on the tenant setting, which
// inTenant sets first in every transaction, and by the tenant_id predicate
// of each statement in postgres_sql.go.
type pgStore struct {
	pool *pgxpool.Pool
	log  *slog.Logger

	// rewrite, when a test sets it, changes every statement before it runs,
	// as in sqliteStore; production code never sets it.
	rewrite func(string) string
}

// openPostgres connects as the app role and refuses to serve unless the
// self-check passes.
func openPostgres(ctx context.Context, url string, o options) (Store, error) {
	s, err := newPostgres(ctx, url, o)
	if err != nil {
		return nil, err
	}
	if err := checkPostgres(ctx, s.pool); err != nil {
		o.log.Warn("store: postgres self-check failed, refusing to serve", "err", err)
		s.Close()
		return nil, err
	}
	o.log.Debug("store: postgres ready", "max_conns", s.pool.Config().MaxConns)
	return s, nil
}

// newPostgres connects without the self-check; tests use it to build the
// unsafe setups the self-check exists to refuse.
func newPostgres(ctx context.Context, url string, o options) (*pgStore, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL and its password.
		return nil, errors.New("store: malformed postgres url")
	}
	cfg.MaxConns = 10
	if o.maxConns > 0 {
		cfg.MaxConns = int32(o.maxConns)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: connect postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect postgres: %w", err)
	}
	return &pgStore{pool: pool, log: o.log}, nil
}

func (s *pgStore) q(query string) string {
	if s.rewrite != nil {
		return s.rewrite(query)
	}
	return query
}

// inTenant is the one way to reach a tenant table: fn runs in a transaction
// whose first statement sets the tenant for that transaction only. If the
// setting fails, fn never runs and the transaction is rolled back.
func (s *pgStore) inTenant(ctx context.Context, t TenantID, fn func(pgx.Tx) error) error {
	if err := t.check(); err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback(ctx) // a no-op after Commit

	if _, err := tx.Exec(ctx, s.q(pgSetTenant), t.String()); err != nil {
		return fmt.Errorf("store: set tenant: %w", err)
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Ping implements Store.
func (s *pgStore) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Close implements Store.
func (s *pgStore) Close() error {
	s.pool.Close()
	return nil
}

// pgCode returns the SQLSTATE of a PostgreSQL error, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// pgForeignKeyViolation is SQLSTATE foreign_key_violation.
const pgForeignKeyViolation = "23503"
