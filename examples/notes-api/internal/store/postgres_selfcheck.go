package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrUnsafeDatabase reports a PostgreSQL connection on which row-level
// security would not bind: the role is a superuser, bypasses RLS, owns or
// may become the owner of a tenant table, a tenant table lacks forced RLS or
// its single policy, or a tenant is already set outside a transaction. Open
// refuses to serve on it.
var ErrUnsafeDatabase = errors.New("store: postgres connection does not enforce tenant isolation")

// CheckPostgres connects to databaseURL and runs the self-check that Open
// runs before serving, returning nil or an error wrapping ErrUnsafeDatabase
// that lists every failed check. A setup command can run it to audit a
// deployment's app credentials.
func CheckPostgres(ctx context.Context, databaseURL string) error {
	s, err := newPostgres(ctx, databaseURL, defaultOptions())
	if err != nil {
		return err
	}
	defer s.Close()
	return checkPostgres(ctx, s.pool)
}

// The role must be neither superuser nor BYPASSRLS: both skip every policy.
const pgCheckRole = `SELECT rolsuper, rolbypassrls FROM pg_roles
	WHERE rolname = current_user`

// For a tenant table: RLS enabled and forced, not owned by the current role
// nor by one it can become, exactly one policy, FOR ALL, with both USING and
// WITH CHECK, and no TRUNCATE privilege, which RLS never covers.
const pgCheckTable = `SELECT c.relrowsecurity, c.relforcerowsecurity,
	pg_has_role(current_user, c.relowner, 'MEMBER'),
	has_table_privilege(c.oid, 'TRUNCATE'),
	(SELECT count(*) FROM pg_policies p
		WHERE p.schemaname = n.nspname AND p.tablename = c.relname),
	(SELECT count(*) FROM pg_policies p
		WHERE p.schemaname = n.nspname AND p.tablename = c.relname
		AND p.cmd = 'ALL' AND p.qual IS NOT NULL AND p.with_check IS NOT NULL)
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = to_regclass($1)`

// In a fresh transaction no tenant may be set yet.
const pgCheckSetting = `SELECT coalesce(current_setting('app.tenant_id', true), ''),
	current_setting('row_security')`

// checkPostgres is the start-up self-check on one pooled connection.
func checkPostgres(ctx context.Context, pool *pgxpool.Pool) error {
	var problems []error
	fail := func(format string, args ...any) {
		problems = append(problems, fmt.Errorf(format, args...))
	}

	var super, bypass bool
	if err := pool.QueryRow(ctx, pgCheckRole).Scan(&super, &bypass); err != nil {
		return fmt.Errorf("store: self-check role: %w", err)
	}
	if super {
		fail("role is a superuser")
	}
	if bypass {
		fail("role has BYPASSRLS")
	}

	for _, table := range tenantTables {
		if err := checkTable(ctx, pool, table, fail); err != nil {
			return err
		}
	}

	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		var tenant, rowSecurity string
		if err := tx.QueryRow(ctx, pgCheckSetting).Scan(&tenant, &rowSecurity); err != nil {
			return err
		}
		if tenant != "" {
			fail("a tenant is set before any transaction set one")
		}
		if rowSecurity != "on" {
			fail("row_security is %s", rowSecurity)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: self-check setting: %w", err)
	}

	if len(problems) > 0 {
		return fmt.Errorf("%w: %w", ErrUnsafeDatabase, errors.Join(problems...))
	}
	return nil
}

func checkTable(ctx context.Context, pool *pgxpool.Pool, table string,
	fail func(string, ...any)) error {
	var enabled, forced, owner, truncate bool
	var policies, forAll int
	err := pool.QueryRow(ctx, pgCheckTable, table).Scan(&enabled, &forced, &owner,
		&truncate, &policies, &forAll)
	if errors.Is(err, pgx.ErrNoRows) {
		fail("table %s is missing; run MigratePostgres", table)
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: self-check %s: %w", table, err)
	}
	if !enabled {
		fail("%s: row-level security is not enabled", table)
	}
	if !forced {
		fail("%s: row-level security is not forced", table)
	}
	if owner {
		fail("%s: role owns the table or is a member of its owner", table)
	}
	if truncate {
		fail("%s: role may TRUNCATE, which row-level security does not cover", table)
	}
	if policies != 1 || forAll != 1 {
		fail("%s: want exactly one FOR ALL policy with USING and WITH CHECK, have %d",
			table, policies)
	}
	return nil
}
