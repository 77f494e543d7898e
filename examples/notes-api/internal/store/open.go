package store

import (
	"context"
	"errors"
	"log/slog"
	"strings"
)

// Option adjusts Open.
type Option func(*options)

type options struct {
	log      *slog.Logger
	maxConns int
}

// WithLogger sets where the store logs its routine decisions (at Debug) and
// self-check failures (at Warn). The default discards them.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.log = l
		}
	}
}

// WithMaxConns caps the connection pool. The defaults are 2 for a SQLite
// file (one writer at a time is all SQLite allows), 1 for in-memory SQLite
// (each connection would see its own empty database) and 10 for PostgreSQL.
// WithMaxConns cannot raise in-memory SQLite above 1.
func WithMaxConns(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxConns = n
		}
	}
}

// ErrUnsupportedURL reports a database URL Open does not know.
var ErrUnsupportedURL = errors.New(
	"store: database url must start with sqlite: or postgres://")

// Open connects to the database named by databaseURL and returns a ready
// Store:
//
//   - "sqlite::memory:" is a private in-memory database, gone on Close;
//   - "sqlite:<path>" is a database file, created with its directory if
//     missing, and migrated on open;
//   - "postgres://..." or "postgresql://..." connects as the app role and
//     runs the row-level-security self-check (see [CheckPostgres]); it
//     applies no migrations, which are the owner's job ([MigratePostgres]).
//
// Open returns an error, and no Store, when the database cannot be reached,
// migrated or verified. Errors never contain the URL, which may hold a
// password.
func Open(ctx context.Context, databaseURL string, opts ...Option) (Store, error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	switch {
	case strings.HasPrefix(databaseURL, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(databaseURL, "sqlite:"), o)
	case strings.HasPrefix(databaseURL, "postgres://"),
		strings.HasPrefix(databaseURL, "postgresql://"):
		return openPostgres(ctx, databaseURL, o)
	}
	return nil, ErrUnsupportedURL
}

func defaultOptions() options {
	return options{log: slog.New(slog.DiscardHandler)}
}
