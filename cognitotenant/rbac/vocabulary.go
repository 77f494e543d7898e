package rbac

// Role is a named bundle of permissions inside one tenant, or the
// platform-admin role that acts across tenants. Roles come from Cognito
// groups through a [Policy]; a Role value never comes from a token directly.
type Role string

// Permission is one action a role may take, such as reading notes.
// A [Policy] knows a closed set of permissions; any other value is denied.
type Permission string

// The roles of the default policy. Tenant roles nest: RoleAdmin holds every
// permission of RoleEditor, which holds every permission of RoleViewer.
// RolePlatformAdmin is outside that hierarchy: no tenant role implies it.
const (
	RoleAdmin         Role = "admin"
	RoleEditor        Role = "editor"
	RoleViewer        Role = "viewer"
	RolePlatformAdmin Role = "platform_admin"
)

// The Cognito groups the default policy maps to its roles. Names match
// exactly, as Cognito compares them: "admin" is not "ADMIN".
const (
	GroupAdmin         = "ADMIN"
	GroupEditor        = "EDITOR"
	GroupViewer        = "VIEWER"
	GroupPlatformAdmin = "PLATFORM_ADMIN"
)

// The permissions of the default policy, sized for a CRUD service over one
// kind of tenant-owned record. PermManageTenants is held only by the
// platform-admin role.
const (
	PermRead          Permission = "read"
	PermCreate        Permission = "create"
	PermUpdate        Permission = "update"
	PermDelete        Permission = "delete"
	PermManageUsers   Permission = "manage_users"
	PermManageTenants Permission = "manage_tenants"
)

// Reason is a stable, machine-readable code for a [Decision]. Codes never
// change meaning once released, so audit queries and dashboards may key on
// them.
type Reason string

// The reasons a [Decision] carries. Every reason but ReasonGranted and
// ReasonGrantedPlatform is a denial.
const (
	// ReasonNoPrincipal: there is no caller (nil *Principal).
	ReasonNoPrincipal Reason = "no_principal"
	// ReasonNoTenant: the caller has no tenant, or a check named an
	// empty target tenant.
	ReasonNoTenant Reason = "no_tenant"
	// ReasonTenantMismatch: the resource belongs to another tenant and the
	// caller may not act across tenants. Answer as for a missing resource.
	ReasonTenantMismatch Reason = "tenant_mismatch"
	// ReasonUnknownPermission: the permission is not declared by the policy.
	ReasonUnknownPermission Reason = "unknown_permission"
	// ReasonUnknownRole: the role is not declared by the policy.
	ReasonUnknownRole Reason = "unknown_role"
	// ReasonUnknownGroup: strict mode, and the caller holds a group the
	// policy does not map.
	ReasonUnknownGroup Reason = "unknown_group"
	// ReasonNoKnownRole: none of the caller's groups maps to a role.
	ReasonNoKnownRole Reason = "no_known_role"
	// ReasonPermissionNotGranted: the caller's roles lack the permission.
	ReasonPermissionNotGranted Reason = "permission_not_granted"
	// ReasonRoleNotHeld: a role check found the caller without the role.
	ReasonRoleNotHeld Reason = "role_not_held"
	// ReasonScopeNotGranted: the token lacks a required OAuth scope.
	ReasonScopeNotGranted Reason = "scope_not_granted"
	// ReasonRoleAboveActor: the actor tried to grant a role above its own.
	ReasonRoleAboveActor Reason = "role_above_actor"
	// ReasonNotGrantable: the role is the platform-admin role, which no
	// tenant flow may grant.
	ReasonNotGrantable Reason = "not_grantable"
	// ReasonGranted: a tenant role of the caller allows it in its tenant.
	ReasonGranted Reason = "granted"
	// ReasonGrantedPlatform: the platform-admin role allows it; see
	// [Decision.CrossTenant] for whether it reaches into another tenant.
	ReasonGrantedPlatform Reason = "granted_platform"
)
