//go:build integration

package store

import (
	"testing"
)

func TestPostgresContract(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	// One two-connection pool serves every case at once, so connections
	// pass between tenants all the time.
	s := env.openApp(t, WithMaxConns(2))
	runContract(t, func(*testing.T) Store { return s })
}

// TestPostgresRLSAloneKeepsTenantsApart removes the tenant predicate from
// every statement: row-level security must keep the contract on its own.
func TestPostgresRLSAloneKeepsTenantsApart(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	s := env.openUnchecked(t, dropTenantPredicate)
	runContract(t, func(*testing.T) Store { return s })
}

// TestPostgresMutationIsCaught removes both layers, the predicate and RLS:
// every cross-tenant case must then fail, and only those.
func TestPostgresMutationIsCaught(t *testing.T) {
	t.Parallel()
	env := freshDatabase(t)
	env.disableRLS(t)
	s := env.openUnchecked(t, dropTenantPredicate)
	for _, c := range contractCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			f, err := newFixture(ctx, s)
			if err != nil {
				t.Fatalf("fixture: %v", err)
			}
			err = c.run(ctx, f)
			switch {
			case c.crossTenant && err == nil:
				t.Error("passed with neither predicate nor RLS; the case guards nothing")
			case !c.crossTenant && err != nil:
				t.Errorf("failed for a reason other than isolation: %v", err)
			}
		})
	}
}
