package rbac

import (
	"slices"
	"strings"
	"testing"
)

// FuzzDecideIn checks the invariants of a permission decision on arbitrary
// groups, tenants and permissions: allowed only with an explanation, never
// across tenants without the platform role, and the same as the union of
// the decisions for each group alone.
func FuzzDecideIn(f *testing.F) {
	f.Add("ADMIN,VIEWER", tenantA, tenantA, "read")
	f.Add("EDITOR,"+autoGroup, tenantA, tenantB, "update")
	f.Add("PLATFORM_ADMIN", tenantA, tenantB, "manage_tenants")
	f.Add("admin,,VIEWER", "", tenantA, "delete")
	p := Default()
	f.Fuzz(func(t *testing.T, groupList, tenant, target, perm string) {
		groups := strings.Split(groupList, ",")
		pr := userIn(tenant, groups...)
		d := p.DecideIn(pr, Permission(perm), target)

		switch {
		case tenant == "" || target == "":
			if d.Allowed || d.Reason != ReasonNoTenant {
				t.Fatalf("empty tenant: %v", d)
			}
		case !p.HasPermission(Permission(perm)):
			if d.Allowed || d.Reason != ReasonUnknownPermission {
				t.Fatalf("undeclared permission: %v", d)
			}
		}
		if d.Allowed {
			path := d.Path()
			if d.Reason != ReasonGranted && d.Reason != ReasonGrantedPlatform ||
				len(path) == 0 || path[0] != d.Role || !slices.Contains(groups, d.Group) {
				t.Fatalf("allowed without a sound explanation: %v", d)
			}
		}
		if d.Allowed && tenant != target &&
			(!d.CrossTenant || d.Group != GroupPlatformAdmin) {
			t.Fatalf("crossed tenants without the platform role: %v", d)
		}

		anyAlone := false
		for _, g := range groups {
			anyAlone = anyAlone || p.DecideIn(userIn(tenant, g), Permission(perm), target).Allowed
		}
		if anyAlone != d.Allowed {
			t.Fatalf("decision %v is not the union of its groups (%v)", d, anyAlone)
		}
	})
}
