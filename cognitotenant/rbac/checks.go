package rbac

import (
	"slices"
	"strings"
)

// DecideAnyRole reports whether pr holds at least one of roles in its own
// tenant. A role is held when one of pr's groups confers it or a role that
// inherits it: an admin holds viewer. An undeclared role denies with
// unknown_role, an empty list with role_not_held. It does not allocate
// unless it denies.
func (p *Policy) DecideAnyRole(pr *Principal, roles ...Role) Decision {
	d, ok := p.start(pr, tenantOf(pr))
	if !ok {
		return d
	}
	if d, bad := p.checkRoles(d, pr, roles); bad {
		return d
	}
	mapped := false
	for _, want := range roles {
		best, plat, m := p.holds(pr, p.roleIdx[want])
		mapped = mapped || m
		if best.ok() || plat.ok() {
			return p.conclude(d, best, plat, m, ReasonRoleNotHeld, "")
		}
	}
	missing := joinRoles(roles, " | ")
	return p.conclude(d, grant{}, grant{}, mapped, ReasonRoleNotHeld, missing)
}

// DecideAllRoles reports whether pr holds every one of roles in its own
// tenant. An allowed decision reports the grant of the first role, with
// reason granted_platform if any role is held only through the platform
// role. It denies, naming the first role missing, as soon as one is not
// held; an empty list is denied.
func (p *Policy) DecideAllRoles(pr *Principal, roles ...Role) Decision {
	d, ok := p.start(pr, tenantOf(pr))
	if !ok {
		return d
	}
	if d, bad := p.checkRoles(d, pr, roles); bad {
		return d
	}
	var out Decision
	for i, want := range roles {
		best, plat, m := p.holds(pr, p.roleIdx[want])
		got := p.conclude(d, best, plat, m, ReasonRoleNotHeld, string(want))
		if !got.Allowed {
			return got
		}
		if i == 0 {
			out = got
		}
		if got.Reason == ReasonGrantedPlatform {
			out.Reason = ReasonGrantedPlatform
		}
	}
	return out
}

// DecideAnyScope reports whether pr's token carries at least one of scopes.
// Scopes say what the app client may do, not what the user may: combine
// them with a permission check. An empty list is denied.
func (p *Policy) DecideAnyScope(pr *Principal, scopes ...string) Decision {
	d, ok := p.startScopes(pr, scopes)
	if !ok {
		return d
	}
	for _, s := range scopes {
		if slices.Contains(pr.Scopes, s) {
			d.Allowed, d.Reason = true, ReasonGranted
			return d
		}
	}
	return deny(d, ReasonScopeNotGranted, strings.Join(scopes, " | "))
}

// DecideAllScopes reports whether pr's token carries every one of scopes,
// naming the first missing one when not. An empty list is denied.
func (p *Policy) DecideAllScopes(pr *Principal, scopes ...string) Decision {
	d, ok := p.startScopes(pr, scopes)
	if !ok {
		return d
	}
	for _, s := range scopes {
		if !slices.Contains(pr.Scopes, s) {
			return deny(d, ReasonScopeNotGranted, s)
		}
	}
	d.Allowed, d.Reason = true, ReasonGranted
	return d
}

func (p *Policy) startScopes(pr *Principal, scopes []string) (Decision, bool) {
	d, ok := p.start(pr, tenantOf(pr))
	switch {
	case !ok:
		return d, false
	case p.strictViolation(pr):
		return deny(d, ReasonUnknownGroup, ""), false
	case len(scopes) == 0:
		return deny(d, ReasonScopeNotGranted, ""), false
	}
	return d, true
}

// checkRoles denies for an empty or undeclared requirement, or in strict
// mode for an unmapped group; bad reports that d is final.
func (p *Policy) checkRoles(d Decision, pr *Principal, roles []Role) (Decision, bool) {
	if len(roles) == 0 {
		return deny(d, ReasonRoleNotHeld, ""), true
	}
	for _, r := range roles {
		if _, ok := p.roleIdx[r]; !ok {
			return deny(d, ReasonUnknownRole, string(r)), true
		}
	}
	if p.strictViolation(pr) {
		return deny(d, ReasonUnknownGroup, ""), true
	}
	return d, false
}

// holds finds how pr holds role want: through a tenant role and through the
// platform role, and whether any of pr's groups is mapped at all.
func (p *Policy) holds(pr *Principal, want int) (best, plat grant, mapped bool) {
	for _, g := range pr.Groups {
		r, ok := p.groups[g]
		if !ok {
			continue
		}
		mapped = true
		if path := p.rolePath[r][want]; path != nil {
			if r == p.platform {
				plat = plat.better(r, g, path)
			} else {
				best = best.better(r, g, path)
			}
		}
	}
	return best, plat, mapped
}

func tenantOf(pr *Principal) string {
	if pr == nil {
		return ""
	}
	return pr.TenantID
}
