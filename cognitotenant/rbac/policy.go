package rbac

import (
	"errors"
	"fmt"
)

// Policy answers who may do what in which tenant. It is built once by [New]
// with the inheritance closure already computed, so a decision is a few map
// lookups and never allocates. A Policy is immutable and safe for concurrent
// use; to reload, build a new one and swap the pointer atomically (for
// example with sync/atomic.Pointer).
type Policy struct {
	roles    []Role // tenant roles in declaration order, then the platform role
	roleIdx  map[Role]int
	perms    []Permission
	permIdx  map[Permission]int
	groups   map[string]int // group -> index into roles
	platform int            // index of the platform role, or -1
	strict   bool

	// permPath[r][p] is the shortest inheritance path from role r to a role
	// that declares permission p, r first; nil when r lacks p.
	permPath [][][]Role
	// rolePath[r][s] is the shortest path from r down to s; nil when r
	// does not imply s. rolePath[r][r] is [r].
	rolePath [][][]Role
	// rank orders tenant roles for HighestRole: how many roles each implies.
	rank []int
}

// New checks cfg and returns the immutable policy it declares. Every problem
// found is reported, joined, as *[PolicyError] values matching
// [ErrInvalidPolicy] and a rule sentinel such as [ErrCycle]: a policy is
// either sound at start-up or not built at all.
func New(cfg Config) (*Policy, error) {
	if err := validate(cfg); err != nil {
		return nil, err
	}
	return build(cfg), nil
}

// MustNew is New for tests and package-level defaults: it panics when cfg
// is invalid. Services should call New and fail start-up on the error.
func MustNew(cfg Config) *Policy {
	p, err := New(cfg)
	if err != nil {
		panic(fmt.Sprintf("rbac.MustNew: %v", err))
	}
	return p
}

func build(cfg Config) *Policy {
	n := len(cfg.Roles)
	p := &Policy{
		roleIdx:  make(map[Role]int, n+1),
		permIdx:  make(map[Permission]int, len(cfg.Permissions)),
		groups:   make(map[string]int),
		platform: -1,
		strict:   cfg.StrictGroups,
		perms:    append([]Permission(nil), cfg.Permissions...),
	}
	for i, perm := range p.perms {
		p.permIdx[perm] = i
	}
	for i, s := range cfg.Roles {
		p.roles = append(p.roles, s.Name)
		p.roleIdx[s.Name] = i
		for _, g := range s.Groups {
			p.groups[g] = i
		}
	}
	if pl := cfg.Platform; pl != nil {
		p.platform = n
		p.roles = append(p.roles, pl.Name)
		p.roleIdx[pl.Name] = n
		for _, g := range pl.Groups {
			p.groups[g] = n
		}
	}

	total := len(p.roles)
	p.permPath = make([][][]Role, total)
	p.rolePath = make([][][]Role, total)
	p.rank = make([]int, total)
	for i := range cfg.Roles {
		p.closeOver(i, cfg.Roles)
	}
	if pl := cfg.Platform; pl != nil {
		self := []Role{pl.Name}
		p.rolePath[n] = make([][]Role, total)
		p.rolePath[n][n] = self
		p.permPath[n] = make([][]Role, len(p.perms))
		for _, perm := range pl.Permissions {
			p.permPath[n][p.permIdx[perm]] = self
		}
	}
	return p
}

// closeOver fills the paths of tenant role i by breadth-first search, so
// every recorded path is a shortest one and the closure has no depth limit.
func (p *Policy) closeOver(i int, specs []RoleSpec) {
	p.rolePath[i] = make([][]Role, len(p.roles))
	p.permPath[i] = make([][]Role, len(p.perms))
	p.rolePath[i][i] = []Role{p.roles[i]}

	queue := []int{i}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		path := p.rolePath[i][r]
		p.rank[i]++
		for _, perm := range specs[r].Permissions {
			if k := p.permIdx[perm]; p.permPath[i][k] == nil {
				p.permPath[i][k] = path
			}
		}
		for _, parent := range specs[r].Inherits {
			j := p.roleIdx[parent]
			if p.rolePath[i][j] != nil {
				continue
			}
			next := make([]Role, len(path), len(path)+1)
			copy(next, path)
			p.rolePath[i][j] = append(next, parent)
			queue = append(queue, j)
		}
	}
}

// Roles returns the tenant roles, in declaration order, followed by the
// platform role if any. The slice is a copy.
func (p *Policy) Roles() []Role {
	return append([]Role(nil), p.roles...)
}

// Permissions returns the declared permissions in declaration order. The
// slice is a copy.
func (p *Policy) Permissions() []Permission {
	return append([]Permission(nil), p.perms...)
}

// PlatformRole returns the platform-admin role and true, or "" and false
// when the policy declares none.
func (p *Policy) PlatformRole() (Role, bool) {
	if p.platform < 0 {
		return "", false
	}
	return p.roles[p.platform], true
}

// HasPermission reports whether perm is declared by the policy.
func (p *Policy) HasPermission(perm Permission) bool {
	_, ok := p.permIdx[perm]
	return ok
}

// ValidatePermissions returns an error matching [ErrInvalidPolicy] and
// [ErrUndeclaredPermission] for each of perms the policy does not declare.
// Routers call it at registration so a route needing an unknown permission
// fails start-up instead of denying every request.
func (p *Policy) ValidatePermissions(perms ...Permission) error {
	var errs []error
	for _, perm := range perms {
		if !p.HasPermission(perm) {
			errs = append(errs, &PolicyError{
				Err: ErrUndeclaredPermission, Name: string(perm), Detail: "required by a route",
			})
		}
	}
	return errors.Join(errs...)
}
