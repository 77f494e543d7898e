package rbac

import (
	"slices"
	"testing"
)

// probe is one permission question and the reason expected for it.
type probe struct {
	policy *Policy // nil: Default()
	pr     *Principal
	perm   Permission
	in     string // resource tenant for DecideIn; "" asks Decide
	empty  bool   // call DecideIn with an empty tenant
	want   Reason
}

func (pb probe) run() Decision {
	p := pb.policy
	if p == nil {
		p = Default()
	}
	if pb.in != "" || pb.empty {
		return p.DecideIn(pb.pr, pb.perm, pb.in)
	}
	return p.Decide(pb.pr, pb.perm)
}

// TestDecide holds every rule of a permission decision as a denial and its
// allowed twin, differing in one thing.
func TestDecide(t *testing.T) {
	t.Parallel()
	custom := MustNew(customConfig())
	tests := []struct {
		rule         string
		denied, twin probe
	}{
		{
			rule:   "no_principal_is_denied",
			denied: probe{pr: nil, perm: PermRead, want: ReasonNoPrincipal},
			twin:   probe{pr: user(GroupViewer), perm: PermRead, want: ReasonGranted},
		},
		{
			rule:   "principal_without_tenant_is_denied",
			denied: probe{pr: userIn("", GroupAdmin), perm: PermRead, want: ReasonNoTenant},
			twin:   probe{pr: userIn(tenantA, GroupAdmin), perm: PermRead, want: ReasonGranted},
		},
		{
			rule: "empty_resource_tenant_is_denied",
			denied: probe{pr: user(GroupAdmin), perm: PermRead, empty: true,
				want: ReasonNoTenant},
			twin: probe{pr: user(GroupAdmin), perm: PermRead, in: tenantA, want: ReasonGranted},
		},
		{
			rule: "undeclared_permission_is_denied_even_to_admin",
			denied: probe{pr: user(GroupAdmin), perm: "notes:read",
				want: ReasonUnknownPermission},
			twin: probe{pr: user(GroupAdmin), perm: PermRead, want: ReasonGranted},
		},
		{
			rule:   "no_group_at_all_is_no_known_role",
			denied: probe{pr: user(), perm: PermRead, want: ReasonNoKnownRole},
			twin:   probe{pr: user(GroupViewer), perm: PermRead, want: ReasonGranted},
		},
		{
			rule: "only_unknown_groups_is_no_known_role",
			denied: probe{pr: user(autoGroup, "Staff"), perm: PermRead,
				want: ReasonNoKnownRole},
			twin: probe{pr: user(autoGroup, "Staff", GroupViewer), perm: PermRead,
				want: ReasonGranted},
		},
		{
			rule:   "group_names_are_case_sensitive",
			denied: probe{pr: user("admin"), perm: PermRead, want: ReasonNoKnownRole},
			twin:   probe{pr: user("ADMIN"), perm: PermRead, want: ReasonGranted},
		},
		{
			rule: "viewer_cannot_create_editor_can",
			denied: probe{pr: user(GroupViewer), perm: PermCreate,
				want: ReasonPermissionNotGranted},
			twin: probe{pr: user(GroupEditor), perm: PermCreate, want: ReasonGranted},
		},
		{
			rule: "viewer_cannot_update_editor_can",
			denied: probe{pr: user(GroupViewer), perm: PermUpdate,
				want: ReasonPermissionNotGranted},
			twin: probe{pr: user(GroupEditor), perm: PermUpdate, want: ReasonGranted},
		},
		{
			rule: "editor_cannot_delete_admin_can",
			denied: probe{pr: user(GroupEditor), perm: PermDelete,
				want: ReasonPermissionNotGranted},
			twin: probe{pr: user(GroupAdmin), perm: PermDelete, want: ReasonGranted},
		},
		{
			rule: "editor_cannot_manage_users_admin_can",
			denied: probe{pr: user(GroupEditor), perm: PermManageUsers,
				want: ReasonPermissionNotGranted},
			twin: probe{pr: user(GroupAdmin), perm: PermManageUsers, want: ReasonGranted},
		},
		{
			rule: "tenant_admin_cannot_manage_tenants_platform_admin_can",
			denied: probe{pr: user(GroupAdmin), perm: PermManageTenants,
				want: ReasonPermissionNotGranted},
			twin: probe{pr: user(GroupPlatformAdmin), perm: PermManageTenants,
				want: ReasonGrantedPlatform},
		},
		{
			rule: "permissions_are_the_union_over_groups",
			denied: probe{pr: user(GroupViewer), perm: PermCreate,
				want: ReasonPermissionNotGranted},
			twin: probe{pr: user(GroupViewer, GroupEditor), perm: PermCreate,
				want: ReasonGranted},
		},
		{
			rule: "resource_of_another_tenant_is_a_mismatch_even_for_admin",
			denied: probe{pr: user(GroupAdmin), perm: PermRead, in: tenantB,
				want: ReasonTenantMismatch},
			twin: probe{pr: user(GroupAdmin), perm: PermRead, in: tenantA, want: ReasonGranted},
		},
		{
			rule: "mismatch_wins_over_missing_role",
			denied: probe{pr: user(autoGroup), perm: PermRead, in: tenantB,
				want: ReasonTenantMismatch},
			twin: probe{pr: user(autoGroup), perm: PermRead, in: tenantA,
				want: ReasonNoKnownRole},
		},
		{
			rule: "platform_admin_reaches_another_tenant_for_its_permissions",
			denied: probe{pr: user(GroupPlatformAdmin), perm: PermDelete, in: tenantB,
				want: ReasonTenantMismatch},
			twin: probe{pr: user(GroupPlatformAdmin), perm: PermRead, in: tenantB,
				want: ReasonGrantedPlatform},
		},
		{
			rule: "tenant_admin_never_gets_platform_reach",
			denied: probe{pr: user(GroupAdmin), perm: PermManageUsers, in: tenantB,
				want: ReasonTenantMismatch},
			twin: probe{pr: user(GroupPlatformAdmin), perm: PermManageUsers, in: tenantB,
				want: ReasonGrantedPlatform},
		},
		{
			rule: "strict_mode_denies_an_unmapped_group",
			denied: probe{policy: strictDefault(), pr: user(GroupViewer, "Staff"),
				perm: PermRead, want: ReasonUnknownGroup},
			twin: probe{policy: strictDefault(), pr: user(GroupViewer), perm: PermRead,
				want: ReasonGranted},
		},
		{
			rule:   "lenient_mode_ignores_an_unmapped_group",
			denied: probe{pr: user("Staff"), perm: PermRead, want: ReasonNoKnownRole},
			twin: probe{pr: user(GroupViewer, "Staff"), perm: PermRead,
				want: ReasonGranted},
		},
		{
			rule: "strict_mode_still_ignores_federated_auto_groups",
			denied: probe{policy: strictDefault(), pr: user(GroupViewer, "Staff_"),
				perm: PermRead, want: ReasonUnknownGroup},
			twin: probe{policy: strictDefault(), pr: user(GroupViewer, autoGroup),
				perm: PermRead, want: ReasonGranted},
		},
		{
			rule: "strict_mode_matches_auto_groups_of_the_tokens_pool_only",
			denied: probe{policy: strictDefault(), pr: &Principal{
				TenantID: tenantA, UserPoolID: "eu-west-1_OTHER",
				Groups: []string{GroupViewer, autoGroup},
			}, perm: PermRead, want: ReasonUnknownGroup},
			twin: probe{policy: strictDefault(), pr: &Principal{
				TenantID: tenantA, UserPoolID: examplePool,
				Groups: []string{GroupViewer, autoGroup},
			}, perm: PermRead, want: ReasonGranted},
		},
		{
			rule: "custom_policy_second_group_confers_the_same_role",
			denied: probe{policy: custom, pr: user("Readers"), perm: permWrite,
				want: ReasonPermissionNotGranted},
			twin: probe{policy: custom, pr: user("Authors"), perm: permWrite,
				want: ReasonGranted},
		},
		{
			rule: "custom_policy_inherits_through_a_diamond",
			denied: probe{policy: custom, pr: user("Writers"), perm: permInvoice,
				want: ReasonPermissionNotGranted},
			twin: probe{policy: custom, pr: user("Owners"), perm: permInvoice,
				want: ReasonGranted},
		},
		{
			rule: "custom_policy_role_without_group_is_reached_by_inheritance",
			denied: probe{policy: custom, pr: user("Ops"), perm: permPing,
				want: ReasonPermissionNotGranted},
			twin: probe{policy: custom, pr: user("Readers"), perm: permPing,
				want: ReasonGranted},
		},
		{
			rule: "custom_policy_without_platform_never_crosses_tenants",
			denied: probe{policy: noPlatform(), pr: user(GroupPlatformAdmin),
				perm: PermRead, in: tenantB, want: ReasonTenantMismatch},
			twin: probe{policy: noPlatform(), pr: user(GroupAdmin),
				perm: PermRead, in: tenantA, want: ReasonGranted},
		},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/denied", func(t *testing.T) {
			t.Parallel()
			d := tt.denied.run()
			if d.Allowed || d.Reason != tt.denied.want {
				t.Fatalf("decision %v; want deny %s", d, tt.denied.want)
			}
			if d.Err() == nil {
				t.Error("denied decision has nil Err")
			}
		})
		t.Run(tt.rule+"/twin", func(t *testing.T) {
			t.Parallel()
			d := tt.twin.run()
			allowed := tt.twin.want == ReasonGranted || tt.twin.want == ReasonGrantedPlatform
			if d.Allowed != allowed || d.Reason != tt.twin.want {
				t.Fatalf("decision %v; want %s", d, tt.twin.want)
			}
		})
	}
}

func noPlatform() *Policy {
	cfg := DefaultConfig()
	cfg.Platform = nil
	return MustNew(cfg)
}

// TestDecide_explains checks what an allowed decision says about itself.
func TestDecide_explains(t *testing.T) {
	t.Parallel()
	custom := MustNew(customConfig())
	tests := []struct {
		name        string
		d           Decision
		role        Role
		group       string
		path        []Role
		tenant      string
		crossTenant bool
	}{
		{
			name: "admin_reads_through_editor_and_viewer",
			d:    Default().Decide(user(GroupAdmin), PermRead),
			role: RoleAdmin, group: GroupAdmin,
			path:   []Role{RoleAdmin, RoleEditor, RoleViewer},
			tenant: tenantA,
		},
		{
			name: "closest_role_is_reported_when_several_grant",
			d:    Default().Decide(user(GroupAdmin, GroupViewer), PermRead),
			role: RoleViewer, group: GroupViewer, path: []Role{RoleViewer},
			tenant: tenantA,
		},
		{
			name: "tenant_role_is_reported_before_the_platform_role",
			d:    Default().Decide(user(GroupPlatformAdmin, GroupAdmin), PermRead),
			role: RoleAdmin, group: GroupAdmin,
			path:   []Role{RoleAdmin, RoleEditor, RoleViewer},
			tenant: tenantA,
		},
		{
			name: "cross_tenant_decision_is_flagged",
			d:    Default().DecideIn(user(GroupPlatformAdmin), PermRead, tenantB),
			role: RolePlatformAdmin, group: GroupPlatformAdmin,
			path:   []Role{RolePlatformAdmin},
			tenant: tenantB, crossTenant: true,
		},
		{
			name: "platform_admin_in_own_tenant_is_not_cross_tenant",
			d:    Default().DecideIn(user(GroupPlatformAdmin), PermRead, tenantA),
			role: RolePlatformAdmin, group: GroupPlatformAdmin,
			path:   []Role{RolePlatformAdmin},
			tenant: tenantA,
		},
		{
			name: "shortest_path_through_a_diamond",
			d:    custom.Decide(user("Owners"), permPing),
			role: roleOwner, group: "Owners",
			path:   []Role{roleOwner, roleBilling, roleBase},
			tenant: tenantA,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := tt.d
			if !d.Allowed || d.Role != tt.role || d.Group != tt.group ||
				d.Tenant != tt.tenant || d.CrossTenant != tt.crossTenant ||
				d.PrincipalTenant != tenantA || d.Subject != exampleSub {
				t.Fatalf("decision %v; want role %s group %s tenant %s cross %v",
					d, tt.role, tt.group, tt.tenant, tt.crossTenant)
			}
			if !slices.Equal(d.Path(), tt.path) {
				t.Errorf("Path() = %v; want %v", d.Path(), tt.path)
			}
		})
	}
}

// TestDecide_ignores_group_order checks that claim order, which Cognito
// does not define for RBAC, never changes a decision or its explanation.
func TestDecide_ignores_group_order(t *testing.T) {
	t.Parallel()
	p := Default()
	groups := []string{GroupViewer, autoGroup, GroupEditor, "Staff"}
	perms := p.Permissions()
	first := make(map[Permission]string)
	for _, perm := range perms {
		first[perm] = p.Decide(user(groups...), perm).String()
	}
	reversed := slices.Clone(groups)
	slices.Reverse(reversed)
	for _, perm := range perms {
		d := p.Decide(user(reversed...), perm)
		d.groups = groups // only IgnoredGroups' order may follow the token
		if got := d.String(); got != first[perm] {
			t.Errorf("%s: order %v gives %q, order %v gives %q",
				perm, groups, first[perm], reversed, got)
		}
	}
}

// TestPolicy_concurrent_use runs decisions from many goroutines against one
// policy; run with -race.
func TestPolicy_concurrent_use(t *testing.T) {
	t.Parallel()
	p := Default()
	prs := []*Principal{user(GroupViewer), user(GroupAdmin, autoGroup), user(GroupEditor)}
	want := make([]Decision, len(prs))
	for i, pr := range prs {
		want[i] = p.Decide(pr, PermUpdate)
	}
	done := make(chan error)
	for w := range 8 {
		go func() {
			for i := range 500 {
				k := (i + w) % len(prs)
				d := p.Decide(prs[k], PermUpdate)
				if d.Allowed != want[k].Allowed || d.Reason != want[k].Reason {
					done <- &DeniedError{Decision: d}
					return
				}
				_ = p.DecideIn(prs[k], PermRead, tenantB).IgnoredGroups()
				_ = p.Matrix()
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Errorf("concurrent decision differs: %v", err)
		}
	}
}
