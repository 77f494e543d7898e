package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

// pgGrants give the app role exactly what the service needs: the registry
// read-only (register_tenant is its one way to add a tenant), notes and tags
// read-write, the audit log append-and-read. No TRUNCATE, no DDL.
var pgGrants = []string{
	`GRANT USAGE ON SCHEMA public TO %I`,
	`GRANT SELECT ON tenants TO %I`,
	`GRANT SELECT, INSERT, UPDATE, DELETE ON notes, note_tags TO %I`,
	`GRANT SELECT, INSERT ON audit_log TO %I`,
	`GRANT EXECUTE ON FUNCTION register_tenant(text, text) TO %I`,
}

// MigratePostgres applies the embedded PostgreSQL migrations with goose,
// connected as the owner role (ownerURL), then grants appRole its
// privileges on the tables. It is idempotent and safe to run from several
// processes at once: goose holds an advisory lock while migrating.
//
// The service may call it at start-up when it is given the owner's URL, or
// a setup command may call it once per deployment; either way the service
// then serves through Open with the app role's URL.
func MigratePostgres(ctx context.Context, ownerURL, appRole string, opts ...Option) error {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	if !pgIdentifier.MatchString(appRole) {
		return fmt.Errorf("%w: app role must match %s", ErrInvalidSetup, pgIdentifier)
	}
	cfg, err := pgx.ParseConfig(ownerURL)
	if err != nil {
		return fmt.Errorf("%w: malformed owner url", ErrInvalidSetup)
	}
	if cfg.User == appRole {
		return fmt.Errorf("%w: migrations must run as the owner, not the app role",
			ErrInvalidSetup)
	}

	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	if err := migrate(ctx, db, goose.DialectPostgres, "migrations/postgres", o.log); err != nil {
		return err
	}

	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("store: connect as owner: %w", err)
	}
	defer conn.Close(ctx)
	for _, g := range pgGrants {
		if err := execFormatted(ctx, conn, g, appRole); err != nil {
			return fmt.Errorf("store: grant app role: %w", err)
		}
	}
	return nil
}
