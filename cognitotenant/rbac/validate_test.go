package rbac

import (
	"errors"
	"strings"
	"testing"
)

// TestNew pairs each broken declaration with the nearest sound one, so a
// constructor that rejected everything would fail the twin.
func TestNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		spoil func(*Config)
		fix   func(*Config) // nil: the unbroken customConfig
		want  error
		named string
	}{
		{
			name:  "no_tenant_roles_is_an_empty_policy",
			spoil: func(c *Config) { c.Roles = nil; c.Platform = nil },
			want:  ErrEmptyPolicy, named: "roles",
		},
		{
			name:  "no_permissions_is_an_empty_policy",
			spoil: func(c *Config) { c.Permissions = nil },
			want:  ErrEmptyPolicy, named: "permissions",
		},
		{
			name:  "role_declared_twice",
			spoil: func(c *Config) { c.Roles = append(c.Roles, RoleSpec{Name: roleBase}) },
			fix:   func(c *Config) { c.Roles = append(c.Roles, RoleSpec{Name: "guest"}) },
			want:  ErrDuplicate, named: string(roleBase),
		},
		{
			name:  "permission_declared_twice",
			spoil: func(c *Config) { c.Permissions = append(c.Permissions, permRead) },
			fix:   func(c *Config) { c.Permissions = append(c.Permissions, "doc:delete") },
			want:  ErrDuplicate, named: string(permRead),
		},
		{
			name:  "group_listed_twice_for_one_role",
			spoil: func(c *Config) { c.Roles[3].Groups = []string{"Readers", "Readers"} },
			fix:   func(c *Config) { c.Roles[3].Groups = []string{"Readers", "Guests"} },
			want:  ErrDuplicate, named: "Readers",
		},
		{
			name:  "empty_role_name",
			spoil: func(c *Config) { c.Roles = append(c.Roles, RoleSpec{}) },
			fix:   func(c *Config) { c.Roles = append(c.Roles, RoleSpec{Name: "guest"}) },
			want:  ErrEmptyName,
		},
		{
			name:  "empty_permission_name",
			spoil: func(c *Config) { c.Permissions = append(c.Permissions, "") },
			fix:   func(c *Config) { c.Permissions = append(c.Permissions, "x") },
			want:  ErrEmptyName,
		},
		{
			name:  "empty_group_name",
			spoil: func(c *Config) { c.Roles[4].Groups = []string{""} },
			fix:   func(c *Config) { c.Roles[4].Groups = []string{"Base"} },
			want:  ErrEmptyName,
		},
		{
			name:  "group_mapped_to_two_roles",
			spoil: func(c *Config) { c.Roles[0].Groups = []string{"Owners", "Readers"} },
			fix:   func(c *Config) { c.Roles[0].Groups = []string{"Owners", "Founders"} },
			want:  ErrConflictingGroup, named: "Readers",
		},
		{
			name:  "inheriting_an_undeclared_role",
			spoil: func(c *Config) { c.Roles[3].Inherits = []Role{"ghost"} },
			want:  ErrUndeclaredRole, named: "ghost",
		},
		{
			name:  "tenant_role_inheriting_the_platform_role",
			spoil: func(c *Config) { c.Roles[0].Inherits = []Role{roleOps} },
			want:  ErrUndeclaredRole, named: string(roleOps),
		},
		{
			name: "tenant_role_granting_an_undeclared_permission",
			spoil: func(c *Config) {
				c.Roles[1].Permissions = append(c.Roles[1].Permissions, "doc:delete")
			},
			fix: func(c *Config) {
				c.Permissions = append(c.Permissions, "doc:delete")
				c.Roles[1].Permissions = append(c.Roles[1].Permissions, "doc:delete")
			},
			want: ErrUndeclaredPermission, named: "doc:delete",
		},
		{
			name:  "platform_role_granting_an_undeclared_permission",
			spoil: func(c *Config) { c.Platform.Permissions = []Permission{"tenants:*"} },
			fix:   func(c *Config) { c.Platform.Permissions = []Permission{permAudit} },
			want:  ErrUndeclaredPermission, named: "tenants:*",
		},
		{
			name:  "role_inheriting_itself",
			spoil: func(c *Config) { c.Roles[4].Inherits = []Role{roleBase} },
			want:  ErrCycle, named: string(roleBase),
		},
		{
			name:  "two_roles_inheriting_each_other",
			spoil: func(c *Config) { c.Roles[4].Inherits = []Role{roleReader} },
			want:  ErrCycle,
		},
		{
			name:  "three_role_loop_through_the_diamond",
			spoil: func(c *Config) { c.Roles[4].Inherits = []Role{roleOwner} },
			want:  ErrCycle,
		},
		{
			name:  "platform_group_also_confers_a_tenant_role",
			spoil: func(c *Config) { c.Platform.Groups = []string{"Ops", "Owners"} },
			fix:   func(c *Config) { c.Platform.Groups = []string{"Ops", "SRE"} },
			want:  ErrPlatformGroup, named: "Owners",
		},
		{
			name:  "platform_role_without_a_group",
			spoil: func(c *Config) { c.Platform.Groups = nil },
			want:  ErrPlatformGroup, named: string(roleOps),
		},
		{
			name:  "platform_role_named_like_a_tenant_role",
			spoil: func(c *Config) { c.Platform.Name = roleOwner },
			want:  ErrDuplicate, named: string(roleOwner),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/is_rejected", func(t *testing.T) {
			t.Parallel()
			cfg := customConfig()
			tt.spoil(&cfg)
			p, err := New(cfg)
			if p != nil || !errors.Is(err, tt.want) || !errors.Is(err, ErrInvalidPolicy) {
				t.Fatalf("New = %v, %v; want nil and an error matching %v", p, err, tt.want)
			}
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v holds no *PolicyError", err)
			}
			if tt.named != "" && !strings.Contains(err.Error(), `"`+tt.named+`"`) {
				t.Errorf("error %q does not name %q", err, tt.named)
			}
		})
		t.Run(tt.name+"/twin_is_accepted", func(t *testing.T) {
			t.Parallel()
			cfg := customConfig()
			if tt.fix != nil {
				tt.fix(&cfg)
			}
			if _, err := New(cfg); err != nil {
				t.Fatalf("New(sound config) = %v", err)
			}
		})
	}
}

func TestNew_reports_every_problem_at_once(t *testing.T) {
	t.Parallel()
	cfg := customConfig()
	cfg.Roles[3].Inherits = []Role{"ghost"}
	cfg.Roles[1].Permissions = []Permission{"nope"}
	_, err := New(cfg)
	if !errors.Is(err, ErrUndeclaredRole) || !errors.Is(err, ErrUndeclaredPermission) {
		t.Fatalf("New = %v; want both problems reported", err)
	}
}

func TestNew_cycle_error_shows_the_loop(t *testing.T) {
	t.Parallel()
	cfg := customConfig()
	cfg.Roles[4].Inherits = []Role{roleOwner}
	_, err := New(cfg)
	if err == nil || !strings.Contains(err.Error(), ">") {
		t.Fatalf("New = %v; want the loop spelled out", err)
	}
}

func TestNew_does_not_keep_the_callers_slices(t *testing.T) {
	t.Parallel()
	cfg := customConfig()
	p := MustNew(cfg)
	cfg.Roles[3].Permissions[0] = permWrite
	cfg.Permissions[0] = "changed"
	cfg.Roles[1].Groups[0] = "Readers"

	if d := p.Decide(user("Readers"), permRead); !d.Allowed {
		t.Fatalf("after changing the Config: %v; want read still granted", d)
	}
	if d := p.Decide(user("Writers"), permWrite); !d.Allowed {
		t.Fatalf("after changing the Config: %v; want Writers still mapped", d)
	}
}

func TestMustNew(t *testing.T) {
	t.Parallel()
	t.Run("panics_on_an_invalid_config", func(t *testing.T) {
		t.Parallel()
		defer func() {
			if recover() == nil {
				t.Fatal("MustNew(empty Config) did not panic")
			}
		}()
		MustNew(Config{})
	})
	t.Run("returns_the_policy_of_a_valid_config", func(t *testing.T) {
		t.Parallel()
		if MustNew(DefaultConfig()) == nil {
			t.Fatal("MustNew(DefaultConfig()) = nil")
		}
	})
}

func TestValidatePermissions(t *testing.T) {
	t.Parallel()
	p := Default()
	t.Run("route_needing_an_undeclared_permission_is_an_error", func(t *testing.T) {
		t.Parallel()
		err := p.ValidatePermissions(PermRead, "notes:archive")
		if !errors.Is(err, ErrUndeclaredPermission) || !strings.Contains(err.Error(), "archive") {
			t.Fatalf("ValidatePermissions = %v; want undeclared notes:archive", err)
		}
	})
	t.Run("declared_permissions_pass", func(t *testing.T) {
		t.Parallel()
		if err := p.ValidatePermissions(PermRead, PermDelete); err != nil {
			t.Fatalf("ValidatePermissions = %v", err)
		}
	})
}
