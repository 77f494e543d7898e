package rbac

import (
	"slices"
	"testing"
)

// TestCanGrant holds the escalation rules as denials with allowed twins.
func TestCanGrant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule         string
		denied, twin check
	}{
		{
			rule: "editor_cannot_grant_admin",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupEditor), RoleAdmin)
			}, want: ReasonRoleAboveActor, missing: "admin"},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupAdmin), RoleAdmin)
			}, want: ReasonGranted},
		},
		{
			rule: "viewer_cannot_grant_editor_editor_can",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupViewer), RoleEditor)
			}, want: ReasonRoleAboveActor, missing: "editor"},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupEditor), RoleEditor)
			}, want: ReasonGranted},
		},
		{
			rule: "roles_below_are_grantable",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupViewer, autoGroup), RoleAdmin)
			}, want: ReasonRoleAboveActor, missing: "admin"},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupEditor, autoGroup), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "platform_role_is_never_grantable",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupPlatformAdmin, GroupAdmin), RolePlatformAdmin)
			}, want: ReasonNotGrantable, missing: "platform_admin"},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupPlatformAdmin, GroupAdmin), RoleAdmin)
			}, want: ReasonGranted},
		},
		{
			rule: "undeclared_role_is_not_grantable",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupAdmin), "owner")
			}, want: ReasonUnknownRole, missing: "owner"},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupAdmin), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "admin_of_one_tenant_cannot_grant_in_another",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrantIn(user(GroupAdmin), RoleViewer, tenantB)
			}, want: ReasonTenantMismatch},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrantIn(user(GroupAdmin), RoleViewer, tenantA)
			}, want: ReasonGranted},
		},
		{
			rule: "platform_admin_grants_in_a_named_tenant",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrantIn(user(GroupPlatformAdmin), RoleAdmin, "")
			}, want: ReasonNoTenant},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrantIn(user(GroupPlatformAdmin), RoleAdmin, tenantB)
			}, want: ReasonGrantedPlatform},
		},
		{
			rule: "actor_with_only_unknown_groups",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(autoGroup), RoleViewer)
			}, want: ReasonNoKnownRole, missing: "viewer"},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(autoGroup, GroupViewer), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "no_actor",
			denied: check{ask: func(p *Policy) Decision {
				return p.CanGrant(nil, RoleViewer)
			}, want: ReasonNoPrincipal},
			twin: check{ask: func(p *Policy) Decision {
				return p.CanGrant(user(GroupViewer), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "strict_mode_actor_with_unmapped_group",
			denied: check{ask: func(*Policy) Decision {
				return strictDefault().CanGrant(user(GroupAdmin, "Staff"), RoleViewer)
			}, want: ReasonUnknownGroup},
			twin: check{ask: func(*Policy) Decision {
				return strictDefault().CanGrant(user(GroupAdmin), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "custom_policy_sibling_branch_is_not_below",
			denied: check{ask: func(*Policy) Decision {
				return MustNew(customConfig()).CanGrant(user("Writers"), roleBilling)
			}, want: ReasonRoleAboveActor, missing: string(roleBilling)},
			twin: check{ask: func(*Policy) Decision {
				return MustNew(customConfig()).CanGrant(user("Owners"), roleBilling)
			}, want: ReasonGranted},
		},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			name string
			c    check
		}{{"denied", tt.denied}, {"twin", tt.twin}} {
			t.Run(tt.rule+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				d := c.c.ask(Default())
				allowed := c.c.want == ReasonGranted || c.c.want == ReasonGrantedPlatform
				if d.Allowed != allowed || d.Reason != c.c.want || d.Missing != c.c.missing {
					t.Fatalf("decision %v; want %s missing %q", d, c.c.want, c.c.missing)
				}
			})
		}
	}
}

func TestCanGrant_explains_the_path_and_cross_tenant_reach(t *testing.T) {
	t.Parallel()
	p := Default()
	d := p.CanGrant(user(GroupAdmin), RoleViewer)
	want := []Role{RoleAdmin, RoleEditor, RoleViewer}
	if !d.Allowed || !slices.Equal(d.Path(), want) || d.CrossTenant {
		t.Errorf("admin grants viewer: %v; want path %v, same tenant", d, want)
	}
	d = p.CanGrantIn(user(GroupPlatformAdmin), RoleEditor, tenantB)
	if !d.Allowed || !d.CrossTenant || d.Tenant != tenantB || d.Role != RolePlatformAdmin {
		t.Errorf("platform grants editor in B: %v; want a cross-tenant grant", d)
	}
}

func TestHighestRole(t *testing.T) {
	t.Parallel()
	custom := MustNew(customConfig())
	tests := []struct {
		name   string
		policy *Policy
		pr     *Principal
		want   Role
		ok     bool
	}{
		{"admin_wins_whatever_the_claim_order", Default(),
			user(GroupViewer, GroupAdmin, GroupEditor), RoleAdmin, true},
		{"single_group", Default(), user(GroupEditor), RoleEditor, true},
		{"unknown_groups_are_skipped", Default(), user(autoGroup, GroupViewer),
			RoleViewer, true},
		{"only_unknown_groups_have_none", Default(), user(autoGroup), "", false},
		{"platform_role_is_not_a_tenant_role", Default(), user(GroupPlatformAdmin), "", false},
		{"no_principal_has_none", Default(), nil, "", false},
		{"larger_closure_wins_across_branches", custom, user("Billing", "Writers"),
			roleWriter, true},
		{"equal_closures_fall_back_to_declaration_order", custom,
			user("Readers", "Billing"), roleBilling, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := tt.policy.HighestRole(tt.pr)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("HighestRole = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
