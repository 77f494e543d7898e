package rbac

import (
	"errors"
	"strings"
)

// validate reports every problem of cfg, joined, or nil. New builds only
// from a Config that passed, so building can assume a sound declaration.
func validate(cfg Config) error {
	var errs []error
	bad := func(err error, name, detail string) {
		errs = append(errs, &PolicyError{Err: err, Name: name, Detail: detail})
	}

	if len(cfg.Roles) == 0 {
		bad(ErrEmptyPolicy, "roles", "declare at least one tenant role")
	}
	if len(cfg.Permissions) == 0 {
		bad(ErrEmptyPolicy, "permissions", "declare at least one permission")
	}

	perms := make(map[Permission]bool, len(cfg.Permissions))
	for _, p := range cfg.Permissions {
		switch {
		case p == "":
			bad(ErrEmptyName, "", "permission")
		case perms[p]:
			bad(ErrDuplicate, string(p), "permission")
		}
		perms[p] = true
	}

	roles := make(map[Role]bool, len(cfg.Roles)+1)
	owner := make(map[string]Role)
	for _, r := range cfg.Roles {
		switch {
		case r.Name == "":
			bad(ErrEmptyName, "", "role")
		case roles[r.Name]:
			bad(ErrDuplicate, string(r.Name), "role")
		}
		roles[r.Name] = true
		for _, g := range r.Groups {
			switch prev, seen := owner[g]; {
			case g == "":
				bad(ErrEmptyName, "", "group of role "+string(r.Name))
			case seen && prev == r.Name:
				bad(ErrDuplicate, g, "group of role "+string(r.Name))
			case seen:
				bad(ErrConflictingGroup, g,
					"roles "+string(prev)+" and "+string(r.Name))
			}
			owner[g] = r.Name
		}
		for _, p := range r.Permissions {
			if !perms[p] {
				bad(ErrUndeclaredPermission, string(p), "granted by "+string(r.Name))
			}
		}
	}

	if pl := cfg.Platform; pl != nil {
		switch {
		case pl.Name == "":
			bad(ErrEmptyName, "", "platform role")
		case roles[pl.Name]:
			bad(ErrDuplicate, string(pl.Name), "platform role is also a tenant role")
		}
		if len(pl.Groups) == 0 {
			bad(ErrPlatformGroup, string(pl.Name), "platform role needs a group")
		}
		seen := make(map[string]bool, len(pl.Groups))
		for _, g := range pl.Groups {
			switch tenantRole, taken := owner[g]; {
			case g == "":
				bad(ErrEmptyName, "", "group of platform role")
			case seen[g]:
				bad(ErrDuplicate, g, "group of platform role")
			case taken:
				bad(ErrPlatformGroup, g, "also confers "+string(tenantRole))
			}
			seen[g] = true
		}
		for _, p := range pl.Permissions {
			if !perms[p] {
				bad(ErrUndeclaredPermission, string(p), "granted by "+string(pl.Name))
			}
		}
	}

	for _, r := range cfg.Roles {
		for _, in := range r.Inherits {
			switch {
			case cfg.Platform != nil && in == cfg.Platform.Name:
				bad(ErrUndeclaredRole, string(in),
					"tenant role "+string(r.Name)+" cannot inherit the platform role")
			case !roles[in]:
				bad(ErrUndeclaredRole, string(in), "inherited by "+string(r.Name))
			}
		}
	}
	if cycle := findCycle(cfg.Roles); cycle != nil {
		names := make([]string, len(cycle))
		for i, r := range cycle {
			names[i] = string(r)
		}
		bad(ErrCycle, string(cycle[0]), strings.Join(names, " > "))
	}
	return errors.Join(errs...)
}

// findCycle returns one inheritance loop, first role repeated at the end,
// or nil. Undeclared parents are skipped: validate reports them apart.
func findCycle(specs []RoleSpec) []Role {
	inherits := make(map[Role][]Role, len(specs))
	for _, s := range specs {
		inherits[s.Name] = append(inherits[s.Name], s.Inherits...)
	}
	const (
		unvisited = iota
		onStack
		done
	)
	state := make(map[Role]int, len(specs))
	var stack []Role
	var visit func(r Role) []Role
	visit = func(r Role) []Role {
		state[r] = onStack
		stack = append(stack, r)
		for _, next := range inherits[r] {
			if _, declared := inherits[next]; !declared {
				continue
			}
			switch state[next] {
			case onStack:
				at := len(stack) - 1
				for stack[at] != next {
					at--
				}
				loop := append([]Role(nil), stack[at:]...)
				return append(loop, next)
			case unvisited:
				if c := visit(next); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[r] = done
		return nil
	}
	for _, s := range specs {
		if state[s.Name] == unvisited {
			if c := visit(s.Name); c != nil {
				return c
			}
		}
	}
	return nil
}
