package rbac

// Fixtures shared by the tests of this package.

const (
	tenantA     = "tenant-a"
	tenantB     = "tenant-b"
	autoGroup   = "us-east-1_EXAMPLE_Google"
	exampleSub  = "sub-1"
	examplePool = "us-east-1_EXAMPLE"
)

// user returns a principal of tenantA with groups.
func user(groups ...string) *Principal {
	return &Principal{Subject: exampleSub, TenantID: tenantA, Groups: groups}
}

// userIn returns a principal of tenant with groups.
func userIn(tenant string, groups ...string) *Principal {
	return &Principal{Subject: exampleSub, TenantID: tenant, Groups: groups}
}

// The vocabulary of the custom test policy: a diamond (owner inherits both
// writer and billing), two groups for writer, and a role with no group.
const (
	roleOwner   Role = "owner"
	roleWriter  Role = "writer"
	roleBilling Role = "billing"
	roleReader  Role = "reader"
	roleBase    Role = "base"
	roleOps     Role = "ops"

	permRead    Permission = "doc:read"
	permWrite   Permission = "doc:write"
	permInvoice Permission = "invoice:read"
	permPing    Permission = "ping"
	permAudit   Permission = "audit:read"
)

// customConfig returns a fresh custom declaration each call, so a test may
// change it without affecting others.
func customConfig() Config {
	return Config{
		Permissions: []Permission{permRead, permWrite, permInvoice, permPing, permAudit},
		Roles: []RoleSpec{
			{
				Name: roleOwner, Groups: []string{"Owners"},
				Inherits: []Role{roleWriter, roleBilling},
			},
			{
				Name: roleWriter, Groups: []string{"Writers", "Authors"},
				Inherits: []Role{roleReader}, Permissions: []Permission{permWrite},
			},
			{
				Name: roleBilling, Groups: []string{"Billing"},
				Inherits: []Role{roleBase}, Permissions: []Permission{permInvoice},
			},
			{
				Name: roleReader, Groups: []string{"Readers"},
				Inherits: []Role{roleBase}, Permissions: []Permission{permRead},
			},
			{Name: roleBase, Permissions: []Permission{permPing}},
		},
		Platform: &PlatformSpec{
			Name: roleOps, Groups: []string{"Ops"},
			Permissions: []Permission{permAudit, permRead},
		},
	}
}

func strictDefault() *Policy {
	cfg := DefaultConfig()
	cfg.StrictGroups = true
	return MustNew(cfg)
}
