package store

import (
	"regexp"
	"testing"
)

// tenantPredicate matches the tenant filter in a statement, in either
// placeholder style.
var tenantPredicate = regexp.MustCompile(`tenant_id = (\?|\$\d+)`)

// dropTenantPredicate turns each tenant filter into one that holds for every
// row while keeping the placeholder, so the arguments still line up.
// PostgreSQL needs the placeholder's type spelled out once nothing else
// implies it.
func dropTenantPredicate(query string) string {
	return tenantPredicate.ReplaceAllStringFunc(query, func(m string) string {
		p := tenantPredicate.FindStringSubmatch(m)[1]
		if p != "?" {
			p += "::text"
		}
		return p + " IS NOT NULL"
	})
}

// TestSQLiteMutationIsCaught proves the tenant predicate is what keeps
// tenants apart on SQLite, and that the contract suite would notice it
// missing: with the predicate removed every cross-tenant case must fail,
// while the cases about rules within one tenant still pass, so the failures
// come from the mutation and not from a broken setup.
func TestSQLiteMutationIsCaught(t *testing.T) {
	t.Parallel()
	for _, c := range contractCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			s := openTestSQLite(t)
			s.rewrite = dropTenantPredicate
			f, err := newFixture(ctx, s)
			if err != nil {
				t.Fatalf("fixture: %v", err)
			}
			err = c.run(ctx, f)
			switch {
			case c.crossTenant && err == nil:
				t.Error("passed without the tenant predicate; the case guards nothing")
			case !c.crossTenant && err != nil:
				t.Errorf("failed for a reason other than isolation: %v", err)
			}
		})
	}
}

func TestDropTenantPredicate(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"DELETE FROM notes WHERE tenant_id = ? AND id = ?",
			"DELETE FROM notes WHERE ? IS NOT NULL AND id = ?"},
		{"SELECT 1 FROM notes WHERE tenant_id = $1", "SELECT 1 FROM notes WHERE $1::text IS NOT NULL"},
		{"SELECT name FROM tenants WHERE id = ?", "SELECT name FROM tenants WHERE id = ?"},
	}
	for _, tc := range cases {
		if got := dropTenantPredicate(tc.in); got != tc.want {
			t.Errorf("dropTenantPredicate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
