package rbac

import (
	"errors"
	"strings"
	"testing"
)

// defaultGrants is the default policy written out by hand: the table that
// docs/rbac.md shows and the notes service relies on.
var defaultGrants = map[Role][]Permission{
	RoleViewer:        {PermRead},
	RoleEditor:        {PermRead, PermCreate, PermUpdate},
	RoleAdmin:         {PermRead, PermCreate, PermUpdate, PermDelete, PermManageUsers},
	RolePlatformAdmin: {PermRead, PermManageUsers, PermManageTenants},
}

func TestMatrix_Verify(t *testing.T) {
	t.Parallel()
	m := Default().Matrix()
	t.Run("default_policy_matches_its_documented_table", func(t *testing.T) {
		t.Parallel()
		if err := m.Verify(defaultGrants); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a_cell_that_differs_is_named", func(t *testing.T) {
		t.Parallel()
		want := copyGrants(defaultGrants)
		want[RoleEditor] = append(want[RoleEditor], PermDelete)
		err := m.Verify(want)
		if !errors.Is(err, ErrMatrixMismatch) ||
			!strings.Contains(err.Error(), "editor delete: policy denies, expected allows") {
			t.Fatalf("Verify = %v; want the editor/delete cell named", err)
		}
	})
	t.Run("a_missing_or_extra_role_is_named", func(t *testing.T) {
		t.Parallel()
		want := copyGrants(defaultGrants)
		delete(want, RoleViewer)
		want["owner"] = []Permission{PermRead}
		err := m.Verify(want)
		if err == nil || !strings.Contains(err.Error(), "role viewer not in expected") ||
			!strings.Contains(err.Error(), "role owner not declared") {
			t.Fatalf("Verify = %v; want both roles named", err)
		}
	})
	t.Run("an_undeclared_permission_is_named", func(t *testing.T) {
		t.Parallel()
		want := copyGrants(defaultGrants)
		want[RoleViewer] = append(want[RoleViewer], "export")
		if err := m.Verify(want); err == nil || !strings.Contains(err.Error(), "export") {
			t.Fatalf("Verify = %v; want export named", err)
		}
	})
}

func TestMatrix_agrees_with_Decide(t *testing.T) {
	t.Parallel()
	for _, p := range []*Policy{Default(), MustNew(customConfig())} {
		m := p.Matrix()
		for i, r := range m.Roles {
			var group string
			for g, idx := range p.groups {
				if idx == i {
					group = g
				}
			}
			if group == "" {
				continue // reachable only by inheritance
			}
			for _, perm := range m.Permissions {
				d := p.Decide(user(group), perm)
				if d.Allowed != m.Allows(r, perm) {
					t.Errorf("%s %s: matrix %v, decision %v", r, perm, m.Allows(r, perm), d)
				}
			}
		}
	}
}

func TestMatrix_Allows_unknown_names(t *testing.T) {
	t.Parallel()
	m := Default().Matrix()
	if m.Allows("owner", PermRead) || m.Allows(RoleAdmin, "export") {
		t.Fatal("Allows reported true for a name outside the matrix")
	}
	if !m.Allows(RoleAdmin, PermDelete) {
		t.Fatal("Allows(admin, delete) = false")
	}
}

func TestMatrix_Markdown(t *testing.T) {
	t.Parallel()
	got := Default().Matrix().Markdown()
	want := "| role | read | create | update | delete | manage_users | manage_tenants |\n" +
		"| --- | :-: | :-: | :-: | :-: | :-: | :-: |\n" +
		"| admin | ✓ | ✓ | ✓ | ✓ | ✓ |   |\n" +
		"| editor | ✓ | ✓ | ✓ |   |   |   |\n" +
		"| viewer | ✓ |   |   |   |   |   |\n" +
		"| platform_admin | ✓ |   |   |   | ✓ | ✓ |\n"
	if got != want {
		t.Fatalf("Markdown =\n%s\nwant\n%s", got, want)
	}
}

func TestMatrix_is_a_snapshot(t *testing.T) {
	t.Parallel()
	p := Default()
	m := p.Matrix()
	m.Allowed[2][3] = true // viewer, delete
	m.Roles[0] = "changed"
	if err := p.Matrix().Verify(defaultGrants); err != nil {
		t.Fatalf("changing a Matrix changed the policy: %v", err)
	}
}

func copyGrants(in map[Role][]Permission) map[Role][]Permission {
	out := make(map[Role][]Permission, len(in))
	for r, perms := range in {
		out[r] = append([]Permission(nil), perms...)
	}
	return out
}
