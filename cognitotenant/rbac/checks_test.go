package rbac

import "testing"

// check is one role or scope question and the reason expected for it.
type check struct {
	ask     func(*Policy) Decision
	want    Reason
	missing string
}

// TestRoleAndScopeChecks holds every rule of the any-of and all-of checks
// as a denial and its allowed twin.
func TestRoleAndScopeChecks(t *testing.T) {
	t.Parallel()
	withScopes := func(scopes ...string) *Principal {
		pr := user(GroupViewer)
		pr.Scopes = scopes
		return pr
	}
	tests := []struct {
		rule         string
		denied, twin check
	}{
		{
			rule: "any_role_none_held",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupViewer), RoleEditor, RoleAdmin)
			}, want: ReasonRoleNotHeld, missing: "editor | admin"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupEditor), RoleEditor, RoleAdmin)
			}, want: ReasonGranted},
		},
		{
			rule: "any_role_held_through_inheritance",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupViewer), RoleAdmin)
			}, want: ReasonRoleNotHeld, missing: "admin"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupAdmin), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "all_roles_one_missing",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAllRoles(user(GroupViewer), RoleViewer, RoleEditor)
			}, want: ReasonRoleNotHeld, missing: "editor"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAllRoles(user(GroupEditor), RoleViewer, RoleEditor)
			}, want: ReasonGranted},
		},
		{
			rule: "all_roles_is_a_union_over_groups",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAllRoles(user(GroupEditor), RoleEditor, RolePlatformAdmin)
			}, want: ReasonRoleNotHeld, missing: "platform_admin"},
			twin: check{ask: func(p *Policy) Decision {
				pr := user(GroupEditor, GroupPlatformAdmin)
				return p.DecideAllRoles(pr, RoleEditor, RolePlatformAdmin)
			}, want: ReasonGrantedPlatform},
		},
		{
			rule: "undeclared_role_is_denied",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupAdmin), RoleViewer, "owner")
			}, want: ReasonUnknownRole, missing: "owner"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupAdmin), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "empty_role_list_is_denied",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAllRoles(user(GroupAdmin))
			}, want: ReasonRoleNotHeld},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAllRoles(user(GroupAdmin), RoleAdmin)
			}, want: ReasonGranted},
		},
		{
			rule: "tenant_admin_does_not_hold_the_platform_role",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupAdmin), RolePlatformAdmin)
			}, want: ReasonRoleNotHeld, missing: "platform_admin"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupPlatformAdmin), RolePlatformAdmin)
			}, want: ReasonGrantedPlatform},
		},
		{
			rule: "platform_admin_does_not_hold_tenant_roles",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupPlatformAdmin), RoleViewer)
			}, want: ReasonRoleNotHeld, missing: "viewer"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(GroupPlatformAdmin, GroupViewer), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "role_check_with_only_unknown_groups",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(autoGroup), RoleViewer)
			}, want: ReasonNoKnownRole, missing: "viewer"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(user(autoGroup, GroupViewer), RoleViewer)
			}, want: ReasonGranted},
		},
		{
			rule: "role_check_without_tenant",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(userIn("", GroupAdmin), RoleAdmin)
			}, want: ReasonNoTenant},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyRole(userIn(tenantB, GroupAdmin), RoleAdmin)
			}, want: ReasonGranted},
		},
		{
			rule: "role_check_in_strict_mode",
			denied: check{ask: func(*Policy) Decision {
				return strictDefault().DecideAnyRole(user(GroupAdmin, "Staff"), RoleAdmin)
			}, want: ReasonUnknownGroup},
			twin: check{ask: func(*Policy) Decision {
				return strictDefault().DecideAnyRole(user(GroupAdmin, autoGroup), RoleAdmin)
			}, want: ReasonGranted},
		},
		{
			rule: "any_scope_none_carried",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyScope(withScopes("openid"), "notes/read", "notes/admin")
			}, want: ReasonScopeNotGranted, missing: "notes/read | notes/admin"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyScope(withScopes("notes/admin"), "notes/read", "notes/admin")
			}, want: ReasonGranted},
		},
		{
			rule: "all_scopes_one_missing",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAllScopes(withScopes("notes/read"), "notes/read", "notes/write")
			}, want: ReasonScopeNotGranted, missing: "notes/write"},
			twin: check{ask: func(p *Policy) Decision {
				pr := withScopes("notes/write", "notes/read")
				return p.DecideAllScopes(pr, "notes/read", "notes/write")
			}, want: ReasonGranted},
		},
		{
			rule: "scopes_match_exactly",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAllScopes(withScopes("Notes/Read"), "notes/read")
			}, want: ReasonScopeNotGranted, missing: "notes/read"},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAllScopes(withScopes("notes/read"), "notes/read")
			}, want: ReasonGranted},
		},
		{
			rule: "empty_scope_list_is_denied",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAnyScope(withScopes("notes/read"))
			}, want: ReasonScopeNotGranted},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAnyScope(withScopes("notes/read"), "notes/read")
			}, want: ReasonGranted},
		},
		{
			rule: "scope_check_without_principal",
			denied: check{ask: func(p *Policy) Decision {
				return p.DecideAllScopes(nil, "notes/read")
			}, want: ReasonNoPrincipal},
			twin: check{ask: func(p *Policy) Decision {
				return p.DecideAllScopes(withScopes("notes/read"), "notes/read")
			}, want: ReasonGranted},
		},
		{
			rule: "scope_check_in_strict_mode",
			denied: check{ask: func(*Policy) Decision {
				pr := withScopes("notes/read")
				pr.Groups = append(pr.Groups, "Staff")
				return strictDefault().DecideAnyScope(pr, "notes/read")
			}, want: ReasonUnknownGroup},
			twin: check{ask: func(*Policy) Decision {
				return strictDefault().DecideAnyScope(withScopes("notes/read"), "notes/read")
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
