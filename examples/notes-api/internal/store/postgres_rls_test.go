//go:build integration

package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Row-level security seen through raw SQL as the app role, without the
// store's predicates. Each case returns an error so that the same cases can
// be run with RLS switched off, where every one of them must fail.

type rlsCase struct {
	name string
	run  func(ctx context.Context, app *pgx.Conn, f *fixture) error
}

const pgRLSViolation = "42501" // insufficient_privilege, also raised by WITH CHECK

func rlsCases() []rlsCase {
	return []rlsCase{
		{"without_tenant_every_tenant_table_reads_empty", rlsNoTenantReadsNothing},
		{"without_tenant_insert_is_rejected", rlsNoTenantInsertRejected},
		{"tenant_setting_is_empty_after_commit", rlsSettingEndsWithTransaction},
		{"writes_for_another_tenant_are_rejected", rlsForeignWritesRejected},
		{"row_security_off_is_an_error_not_a_bypass", rlsRowSecurityOff},
	}
}

func countRows(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, table string) (int, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n, err
}

// inRawTenant runs fn in a transaction with tenant t set, then rolls back.
func inRawTenant(ctx context.Context, app *pgx.Conn, t TenantID,
	fn func(pgx.Tx) error) error {
	tx, err := app.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, pgSetTenant, t.String()); err != nil {
		return err
	}
	return fn(tx)
}

func rlsNoTenantReadsNothing(ctx context.Context, app *pgx.Conn, f *fixture) error {
	for _, table := range tenantTables {
		n, err := countRows(ctx, app, table)
		if err != nil {
			return err
		}
		if n != 0 {
			return fmt.Errorf("%s: %d rows visible without a tenant", table, n)
		}
	}
	// The twin: with tenant A set, exactly A's one note shows.
	return inRawTenant(ctx, app, f.a, func(tx pgx.Tx) error {
		n, err := countRows(ctx, tx, "notes")
		if err == nil && n != 1 {
			err = fmt.Errorf("tenant a sees %d notes, want 1", n)
		}
		return err
	})
}

const rawInsertNote = `INSERT INTO notes
	(tenant_id, id, content, created_by, created_at, updated_at)
	VALUES ($1, $2, 'raw', 'sub-1', now(), now())`

func rlsNoTenantInsertRejected(ctx context.Context, app *pgx.Conn, f *fixture) error {
	_, err := app.Exec(ctx, rawInsertNote, f.a.String(), uuid.NewString())
	if pgCode(err) != pgRLSViolation {
		return fmt.Errorf("insert without tenant: got %v, want a policy violation", err)
	}
	return inRawTenant(ctx, app, f.a, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, rawInsertNote, f.a.String(), uuid.NewString())
		return err
	})
}

func rlsSettingEndsWithTransaction(ctx context.Context, app *pgx.Conn, f *fixture) error {
	tx, err := app.Begin(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, pgSetTenant, f.a.String()); err != nil {
		return err
	}
	if n, err := countRows(ctx, tx, "notes"); err != nil || n != 1 {
		return fmt.Errorf("inside the transaction: %d notes, %v", n, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	var setting *string
	err = app.QueryRow(ctx, `SELECT current_setting('app.tenant_id', true)`).Scan(&setting)
	if err != nil {
		return err
	}
	// After commit the setting reads '' rather than NULL: the reason the
	// policy needs nullif.
	if setting == nil || *setting != "" {
		return fmt.Errorf("after commit the setting is %v, want ''", setting)
	}
	if n, err := countRows(ctx, app, "notes"); err != nil || n != 0 {
		return fmt.Errorf("after commit: %d notes visible, %v", n, err)
	}
	return nil
}

func rlsForeignWritesRejected(ctx context.Context, app *pgx.Conn, f *fixture) error {
	return inRawTenant(ctx, app, f.a, func(tx pgx.Tx) error {
		sp, err := tx.Begin(ctx) // a savepoint keeps the failed insert contained
		if err != nil {
			return err
		}
		_, err = sp.Exec(ctx, rawInsertNote, f.b.String(), uuid.NewString())
		if pgCode(err) != pgRLSViolation {
			return fmt.Errorf("insert for b as a: got %v, want a policy violation", err)
		}
		_ = sp.Rollback(ctx)
		for _, q := range []string{
			`UPDATE notes SET content = 'taken' WHERE id = $1`,
			`DELETE FROM notes WHERE id = $1`,
		} {
			tag, err := tx.Exec(ctx, q, f.noteB.ID)
			if err != nil {
				return err
			}
			if tag.RowsAffected() != 0 {
				return fmt.Errorf("%q as a touched b's note", q)
			}
		}
		tag, err := tx.Exec(ctx, `UPDATE notes SET content = 'mine' WHERE id = $1`,
			f.noteA.ID)
		if err == nil && tag.RowsAffected() != 1 {
			err = errors.New("a cannot update its own note")
		}
		return err
	})
}

func rlsRowSecurityOff(ctx context.Context, app *pgx.Conn, f *fixture) error {
	if _, err := app.Exec(ctx, `SET row_security = off`); err != nil {
		return err
	}
	defer app.Exec(context.WithoutCancel(ctx), `RESET row_security`)
	if _, err := countRows(ctx, app, "notes"); err == nil {
		return errors.New("row_security = off read the table instead of failing")
	}
	return nil
}

// runRLSCases gives each case a fresh fixture and its own app connection.
func runRLSCases(t *testing.T, env *pgEnv, wantFail bool) {
	s := env.openUnchecked(t, nil)
	for _, c := range rlsCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			f, err := newFixture(ctx, s)
			if err != nil {
				t.Fatalf("fixture: %v", err)
			}
			err = c.run(ctx, connect(t, env.AppURL), f)
			switch {
			case !wantFail && err != nil:
				t.Error(err)
			case wantFail && err == nil:
				t.Error("passed with row-level security disabled; the case guards nothing")
			}
		})
	}
}

func TestPostgresRLS(t *testing.T) {
	t.Parallel()
	runRLSCases(t, freshDatabase(t), false)
}

// TestPostgresRLSMutationIsCaught runs the same cases with row-level
// security disabled on every tenant table: each must fail.
func TestPostgresRLSMutationIsCaught(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	env.disableRLS(t)
	runRLSCases(t, env, true)
}
