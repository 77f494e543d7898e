package rbac

// Config declares a policy: its permissions, its tenant roles with their
// inheritance and groups, and optionally a platform-admin role. [New] checks
// it and turns it into an immutable [Policy]; the Config itself may be
// reused or changed afterwards without affecting that Policy.
type Config struct {
	// Permissions is the closed vocabulary of the policy. Roles may grant
	// only these, and a decision for any other permission is a denial.
	Permissions []Permission
	// Roles are the tenant roles, in the order the matrix lists them.
	//
	// TODO(rbac): group names always match case-sensitively, as Cognito
	// does; an opt-in case-insensitive mode would need folding at decision
	// time without allocating, and no service has asked for it yet.
	Roles []RoleSpec
	// Platform, when set, declares the one role that may act across
	// tenants. It is never reachable from a tenant role.
	Platform *PlatformSpec
	// StrictGroups denies every decision for a caller holding a group the
	// policy does not map, instead of ignoring that group. Federated
	// auto-groups (<poolId>_<provider>) stay ignored even then: Cognito
	// adds them by itself, so they say nothing about misconfiguration.
	StrictGroups bool
}

// RoleSpec declares one tenant role.
type RoleSpec struct {
	// Name is the role; unique among all roles of the policy.
	Name Role
	// Groups are the Cognito groups that confer the role, matched exactly.
	// Several groups may confer one role; a group may confer only one.
	// A role with no group is reachable only by inheritance.
	Groups []string
	// Inherits lists roles whose permissions this role also holds,
	// transitively. Cycles are an error.
	Inherits []Role
	// Permissions are granted by this role directly.
	Permissions []Permission
}

// PlatformSpec declares the platform-admin role: operators of the service
// who act on a named tenant, not members of one. Its groups must differ
// from every tenant role's groups, and no tenant role may inherit it.
type PlatformSpec struct {
	// Name is the role, distinct from every tenant role.
	Name Role
	// Groups confer the role; at least one is required.
	Groups []string
	// Permissions are what the role may do in any tenant it names.
	Permissions []Permission
}

// DefaultConfig returns the declaration of the default policy, a fresh value
// each call, for a caller that wants to adjust it (for example to set
// StrictGroups or drop Platform) before calling [New]:
//
//	role      groups          permissions
//	viewer    VIEWER          read
//	editor    EDITOR          viewer + create, update
//	admin     ADMIN           editor + delete, manage_users
//	platform  PLATFORM_ADMIN  read, manage_users, manage_tenants (any tenant)
func DefaultConfig() Config {
	return Config{
		Permissions: []Permission{
			PermRead, PermCreate, PermUpdate, PermDelete,
			PermManageUsers, PermManageTenants,
		},
		Roles: []RoleSpec{
			{
				Name:        RoleAdmin,
				Groups:      []string{GroupAdmin},
				Inherits:    []Role{RoleEditor},
				Permissions: []Permission{PermDelete, PermManageUsers},
			},
			{
				Name:        RoleEditor,
				Groups:      []string{GroupEditor},
				Inherits:    []Role{RoleViewer},
				Permissions: []Permission{PermCreate, PermUpdate},
			},
			{
				Name:        RoleViewer,
				Groups:      []string{GroupViewer},
				Permissions: []Permission{PermRead},
			},
		},
		Platform: &PlatformSpec{
			Name:   RolePlatformAdmin,
			Groups: []string{GroupPlatformAdmin},
			Permissions: []Permission{
				PermRead, PermManageUsers, PermManageTenants,
			},
		},
	}
}

// Default returns the default policy described at [DefaultConfig]. It is a
// new immutable value each call, safe for concurrent use.
func Default() *Policy {
	return MustNew(DefaultConfig())
}
