package rbac_test

import (
	"errors"
	"fmt"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

// The default policy, asked about an editor of tenant acme who signed in
// through Google (hence the federated auto-group, which is ignored).
func ExampleDefault() {
	policy := rbac.Default()
	claims := &cognitotenant.Claims{
		Subject:  "user-1",
		TenantID: "acme",
		Groups:   []string{"EDITOR", "us-east-1_EXAMPLE_Google"},
	}
	pr := rbac.PrincipalFromClaims(claims)

	d := policy.Decide(pr, rbac.PermUpdate)
	fmt.Println(d.HTTPStatus(), d.Reason, d.Role, d.Group, d.Path())
	fmt.Println(d.IgnoredGroups())

	d = policy.Decide(pr, rbac.PermDelete)
	fmt.Println(d.HTTPStatus(), d.Reason, d.Missing)

	d = policy.DecideIn(pr, rbac.PermRead, "globex")
	fmt.Println(d.HTTPStatus(), d.Reason)
	// Output:
	// 200 granted editor EDITOR [editor]
	// [us-east-1_EXAMPLE_Google]
	// 403 permission_not_granted delete
	// 404 tenant_mismatch
}

// A custom policy: a support role reached through two groups, an owner that
// inherits it, and an operator role for the platform.
func ExampleNew() {
	const (
		readTickets  rbac.Permission = "tickets:read"
		closeTickets rbac.Permission = "tickets:close"
		billing      rbac.Permission = "billing:manage"
		audit        rbac.Permission = "audit:read"
	)
	policy, err := rbac.New(rbac.Config{
		Permissions: []rbac.Permission{readTickets, closeTickets, billing, audit},
		Roles: []rbac.RoleSpec{
			{
				Name:        "owner",
				Groups:      []string{"Owners"},
				Inherits:    []rbac.Role{"support"},
				Permissions: []rbac.Permission{billing},
			},
			{
				Name:        "support",
				Groups:      []string{"Support", "Helpdesk"},
				Permissions: []rbac.Permission{readTickets, closeTickets},
			},
		},
		Platform: &rbac.PlatformSpec{
			Name:        "operator",
			Groups:      []string{"Operators"},
			Permissions: []rbac.Permission{audit, readTickets},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	helpdesk := &rbac.Principal{TenantID: "acme", Groups: []string{"Helpdesk"}}
	owner := &rbac.Principal{TenantID: "acme", Groups: []string{"Owners"}}
	operator := &rbac.Principal{TenantID: "ops", Groups: []string{"Operators"}}

	fmt.Println(policy.Decide(helpdesk, closeTickets))
	fmt.Println(policy.Decide(helpdesk, billing))
	fmt.Println(policy.Decide(owner, closeTickets).Path())
	fmt.Println(policy.CanGrant(helpdesk, "owner").Reason)
	d := policy.DecideIn(operator, readTickets, "acme")
	fmt.Println(d.Reason, d.Role, d.Tenant, d.CrossTenant)
	fmt.Print(policy.Matrix().Markdown())
	// Output:
	// allow granted permission=tickets:close role=support group=Helpdesk path=support tenant=acme
	// deny permission_not_granted permission=billing:manage missing=billing:manage tenant=acme
	// [owner support]
	// role_above_actor
	// granted_platform operator acme true
	// | role | tickets:read | tickets:close | billing:manage | audit:read |
	// | --- | :-: | :-: | :-: | :-: |
	// | owner | ✓ | ✓ | ✓ |   |
	// | support | ✓ | ✓ |   |   |
	// | operator | ✓ |   |   | ✓ |
}

// Mistakes in a declaration stop start-up, all reported at once.
func ExampleNew_invalid() {
	_, err := rbac.New(rbac.Config{
		Permissions: []rbac.Permission{"read"},
		Roles: []rbac.RoleSpec{
			{Name: "a", Groups: []string{"A"}, Inherits: []rbac.Role{"b"}},
			{Name: "b", Groups: []string{"A"}, Inherits: []rbac.Role{"a"}},
		},
	})
	fmt.Println(errors.Is(err, rbac.ErrInvalidPolicy))
	fmt.Println(errors.Is(err, rbac.ErrCycle), errors.Is(err, rbac.ErrConflictingGroup))
	fmt.Println(err)
	// Output:
	// true
	// true true
	// rbac: invalid policy: group mapped to conflicting roles: "A" (roles a and b)
	// rbac: invalid policy: inheritance cycle: "a" (a > b > a)
}

// The escalation guard: an editor may hand out editor or viewer, not admin.
func ExamplePolicy_CanGrant() {
	policy := rbac.Default()
	editor := &rbac.Principal{TenantID: "acme", Groups: []string{"EDITOR"}}

	for _, role := range []rbac.Role{rbac.RoleViewer, rbac.RoleAdmin} {
		d := policy.CanGrant(editor, role)
		fmt.Println(role, d.Allowed, d.Reason)
	}
	// Output:
	// viewer true granted
	// admin false role_above_actor
}

// A service pins its policy in a test, so a change to the declaration that
// widens a role fails the build.
func ExampleMatrix_Verify() {
	err := rbac.Default().Matrix().Verify(map[rbac.Role][]rbac.Permission{
		rbac.RoleViewer: {rbac.PermRead},
		rbac.RoleEditor: {rbac.PermRead, rbac.PermCreate, rbac.PermUpdate},
		rbac.RoleAdmin: {
			rbac.PermRead, rbac.PermCreate, rbac.PermUpdate,
			rbac.PermDelete, rbac.PermManageUsers,
		},
		rbac.RolePlatformAdmin: {rbac.PermRead, rbac.PermManageUsers},
	})
	fmt.Println(err)
	// Output:
	// rbac: policy differs from expected matrix:
	// platform_admin manage_tenants: policy allows, expected denies
}
