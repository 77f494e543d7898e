package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrationFiles holds one goose migration directory per back end; the SQL
// differs (types, row-level security), the tables and keys do not.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migrate applies every pending migration in dir with goose. The provider
// is built per call and the global registry is off, so no state is shared
// between stores.
func migrate(ctx context.Context, db *sql.DB, dialect goose.Dialect, dir string,
	log *slog.Logger) error {
	fsys, err := fs.Sub(migrationFiles, dir)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	opts := []goose.ProviderOption{
		goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(log),
	}
	if dialect == goose.DialectPostgres {
		// Two services starting at once must not both run the same migration.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return fmt.Errorf("store: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db, fsys, opts...)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("store: apply migrations: %w", err)
	}
	for _, r := range results {
		log.Debug("store: migration applied", "source", r.Source.Path,
			"duration", r.Duration)
	}
	return nil
}
