//go:build integration

package store

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// loginAs creates a login role in env's cluster, adjusted by attrs (e.g.
// "BYPASSRLS"), with the app role's grants, and returns its URL.
func (e *pgEnv) loginAs(t *testing.T, suffix, attrs string) string {
	t.Helper()
	ctx := t.Context()
	role := e.name + "_" + suffix
	su := connect(t, e.superURL)
	if err := execFormatted(ctx, su, `CREATE ROLE %I LOGIN PASSWORD 'pw' `+attrs,
		role); err != nil {
		t.Fatal(err)
	}
	if err := execFormatted(ctx, su, `GRANT CONNECT ON DATABASE %I TO %I`,
		e.name, role); err != nil {
		t.Fatal(err)
	}
	for _, g := range pgGrants {
		if err := execFormatted(ctx, su, g, role); err != nil {
			t.Fatal(err)
		}
	}
	u, _ := withDatabase(e.superURL, e.name, url.UserPassword(role, "pw"))
	return u
}

func TestPostgresSelfCheck(t *testing.T) {
	t.Parallel()
	shared := freshDatabase(t)
	cases := []struct {
		name string
		// url breaks what it must on a database and returns the URL to check.
		url     func(t *testing.T) string
		wantErr string // "" for a pass
	}{
		{"app_role_passes", func(*testing.T) string { return shared.AppURL }, ""},
		{"owner_is_refused", func(*testing.T) string { return shared.OwnerURL },
			"role owns the table"},
		{"superuser_is_refused", func(*testing.T) string { return shared.superURL },
			"role is a superuser"},
		{"bypassrls_role_is_refused", func(t *testing.T) string {
			return shared.loginAs(t, "bypass", "BYPASSRLS")
		}, "role has BYPASSRLS"},
		{"plain_second_app_role_passes", func(t *testing.T) string {
			return shared.loginAs(t, "plain", "NOBYPASSRLS")
		}, ""},
		{"member_of_owner_is_refused", func(t *testing.T) string {
			u := shared.loginAs(t, "member", "")
			su := connect(t, shared.superURL)
			err := execFormatted(t.Context(), su, `GRANT %I TO %I`, shared.OwnerRole,
				shared.name+"_member")
			if err != nil {
				t.Fatal(err)
			}
			return u
		}, "member of its owner"},
		{"force_off_is_refused", func(t *testing.T) string {
			env := freshDatabase(t)
			exec(t, connect(t, env.OwnerURL), `ALTER TABLE notes NO FORCE ROW LEVEL SECURITY`)
			return env.AppURL
		}, "notes: row-level security is not forced"},
		{"rls_disabled_is_refused", func(t *testing.T) string {
			env := freshDatabase(t)
			exec(t, connect(t, env.OwnerURL),
				`ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY`)
			return env.AppURL
		}, "audit_log: row-level security is not enabled"},
		{"second_policy_is_refused", func(t *testing.T) string {
			env := freshDatabase(t)
			exec(t, connect(t, env.OwnerURL),
				`CREATE POLICY everyone ON note_tags FOR SELECT USING (true)`)
			return env.AppURL
		}, "note_tags: want exactly one FOR ALL policy"},
		{"truncate_grant_is_refused", func(t *testing.T) string {
			env := freshDatabase(t)
			su := connect(t, env.superURL)
			if err := execFormatted(t.Context(), su, `GRANT TRUNCATE ON notes TO %I`,
				env.AppRole); err != nil {
				t.Fatal(err)
			}
			return env.AppURL
		}, "may TRUNCATE"},
		{"tenant_preset_on_the_role_is_refused", func(t *testing.T) string {
			env := freshDatabase(t)
			su := connect(t, env.superURL)
			if err := execFormatted(t.Context(), su,
				`ALTER ROLE %I SET app.tenant_id = 'tenant-123'`, env.AppRole); err != nil {
				t.Fatal(err)
			}
			return env.AppURL
		}, "a tenant is set before"},
		{"unmigrated_database_is_refused", func(t *testing.T) string {
			su := superuserURL(t)
			name := shared.name + "_bare"
			t.Cleanup(func() { dropDatabase(t, su, name) })
			urls, err := ProvisionPostgres(t.Context(), su, PostgresSetup{Database: name})
			if err != nil {
				t.Fatal(err)
			}
			return urls.AppURL
		}, "table notes is missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			u := tc.url(t)
			err := CheckPostgres(t.Context(), u)
			s, openErr := Open(t.Context(), u)
			if openErr == nil {
				defer s.Close()
			}
			if tc.wantErr == "" {
				if err != nil || openErr != nil {
					t.Fatalf("check: %v; open: %v", err, openErr)
				}
				return
			}
			if !errors.Is(err, ErrUnsafeDatabase) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("check: got %v, want ErrUnsafeDatabase naming %q", err, tc.wantErr)
			}
			if !errors.Is(openErr, ErrUnsafeDatabase) {
				t.Fatalf("Open served on an unsafe connection: %v", openErr)
			}
			if strings.Contains(err.Error(), "pw") || strings.Contains(openErr.Error(), "@") {
				t.Errorf("error leaks credentials: %v", err)
			}
		})
	}
}

// TestPostgresAppRolePrivileges shows what the app role may not do even
// with a tenant set: write the registry, truncate, rewrite the audit log,
// change the schema; and that register_tenant still lets it add a tenant.
func TestPostgresAppRolePrivileges(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	app := connect(t, env.AppURL)
	ctx := t.Context()
	denied := []string{
		`INSERT INTO tenants (id, name) VALUES ('x-1', 'x')`,
		`UPDATE tenants SET status = 'active'`,
		`DELETE FROM tenants`,
		`TRUNCATE notes`,
		`UPDATE audit_log SET action = 'x'`,
		`DELETE FROM audit_log`,
		`CREATE TABLE sneaky (id int)`,
		`ALTER TABLE notes DISABLE ROW LEVEL SECURITY`,
		`CREATE VIEW all_notes AS SELECT * FROM notes`,
	}
	for _, q := range denied {
		t.Run("denied/"+q, func(t *testing.T) {
			if _, err := app.Exec(ctx, q); err == nil {
				t.Fatalf("the app role may run %q", q)
			}
		})
	}
	t.Run("allowed/register_tenant", func(t *testing.T) {
		if _, err := app.Exec(ctx, pgRegisterTenant, "x-1", "X"); err != nil {
			t.Fatal(err)
		}
		var name string
		if err := app.QueryRow(ctx, pgGetTenant, "x-1").Scan(&name, new(string),
			new(any)); err != nil || name != "X" {
			t.Fatalf("registry read: %q, %v", name, err)
		}
	})
}

// TestPostgresSetTenantFailureAbortsTransaction breaks the set_config
// statement: the wrapper must return the error without running its body.
func TestPostgresSetTenantFailureAbortsTransaction(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	tenant := newTenant("t")
	for _, tc := range []struct {
		name    string
		rewrite func(string) string
		wantRun bool
	}{
		{"failing_set_config_skips_the_body", func(q string) string {
			if q == pgSetTenant {
				return `SELECT set_config('app.tenant_id', $1, true) FROM no_such_table`
			}
			return q
		}, false},
		{"working_set_config_runs_the_body", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := env.openUnchecked(t, tc.rewrite)
			ran := false
			err := s.inTenant(t.Context(), tenant, func(pgx.Tx) error {
				ran = true
				return nil
			})
			if ran != tc.wantRun || (err == nil) != tc.wantRun {
				t.Fatalf("body ran = %v, err = %v", ran, err)
			}
		})
	}
}

// TestPostgresPooledConnectionsCarryNoTenant works the store across tenants
// and then inspects every pooled connection: none may keep a tenant.
func TestPostgresPooledConnectionsCarryNoTenant(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	s := env.openUnchecked(t, nil)
	ctx := t.Context()
	f, err := newFixture(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := caseConcurrent(ctx, f); err != nil {
		t.Fatal(err)
	}
	conns := make([]*pgxpool.Conn, 0, 2)
	for range 2 {
		c, err := s.pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Release()
		conns = append(conns, c)
	}
	for i, c := range conns {
		var v string
		err := c.QueryRow(ctx,
			`SELECT coalesce(current_setting('app.tenant_id', true), '')`).Scan(&v)
		if err != nil || v != "" {
			t.Errorf("connection %d keeps tenant %q (%v)", i, v, err)
		}
	}
}

func TestPostgresCompositeForeignKey(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	s := env.openUnchecked(t, nil)
	ctx := t.Context()
	f, err := newFixture(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	insert := func(noteID string) error {
		return s.inTenant(ctx, f.a, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, pgInsertTag, f.a.String(), noteID, "t")
			return err
		})
	}
	t.Run("child_pointing_at_other_tenants_note_is_rejected", func(t *testing.T) {
		if err := insert(f.noteB.ID); pgCode(err) != pgForeignKeyViolation {
			t.Fatalf("got %v, want a foreign key violation", err)
		}
	})
	t.Run("child_pointing_at_own_note_is_accepted", func(t *testing.T) {
		if err := insert(f.noteA.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestProvisionPostgres(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	ctx := t.Context()
	su := superuserURL(t)

	t.Run("rerun_keeps_database_and_resets_role_attributes", func(t *testing.T) {
		exec(t, connect(t, env.superURL), `ALTER ROLE `+env.AppRole+` BYPASSRLS`)
		urls, err := ProvisionPostgres(ctx, su, PostgresSetup{Database: env.name})
		if err != nil {
			t.Fatal(err)
		}
		if err := MigratePostgres(ctx, urls.OwnerURL, urls.AppRole); err != nil {
			t.Fatalf("migrating twice: %v", err)
		}
		if err := CheckPostgres(ctx, urls.AppURL); err != nil {
			t.Fatalf("after rerun: %v", err)
		}
	})
	t.Run("migrations_refuse_the_app_role", func(t *testing.T) {
		err := MigratePostgres(ctx, env.AppURL, env.AppRole)
		if !errors.Is(err, ErrInvalidSetup) {
			t.Fatalf("got %v, want ErrInvalidSetup", err)
		}
	})
	t.Run("bad_names_are_refused", func(t *testing.T) {
		for _, s := range []PostgresSetup{
			{Database: `x"; DROP DATABASE postgres; --`},
			{Database: "ok", OwnerRole: "same", AppRole: "same"},
			{Database: ""},
		} {
			if _, err := ProvisionPostgres(ctx, su, s); !errors.Is(err, ErrInvalidSetup) {
				t.Errorf("%+v: got %v, want ErrInvalidSetup", s, err)
			}
		}
	})
}
