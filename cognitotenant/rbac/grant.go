package rbac

// CanGrant reports whether actor may give role to a member of its own
// tenant: only roles at or below a role the actor holds, so an editor
// cannot make anyone admin. The platform role is never grantable here
// (not_grantable); a platform admin may grant any tenant role. Whether the
// actor may manage members at all is a separate permission check.
func (p *Policy) CanGrant(actor *Principal, role Role) Decision {
	return p.CanGrantIn(actor, role, tenantOf(actor))
}

// CanGrantIn is CanGrant for a member of tenant. A tenant actor naming
// another tenant is denied with tenant_mismatch; a platform admin is
// allowed, marked CrossTenant.
func (p *Policy) CanGrantIn(actor *Principal, role Role, tenant string) Decision {
	d, ok := p.start(actor, tenant)
	if !ok {
		return d
	}
	want, known := p.roleIdx[role]
	switch {
	case !known:
		return deny(d, ReasonUnknownRole, string(role))
	case want == p.platform:
		return deny(d, ReasonNotGrantable, string(role))
	case p.strictViolation(actor):
		return deny(d, ReasonUnknownGroup, "")
	}

	best, _, mapped := p.holds(actor, want)
	var plat grant
	if p.platform >= 0 {
		self := p.rolePath[p.platform][p.platform]
		for _, g := range actor.Groups {
			if r, ok := p.groups[g]; ok && r == p.platform {
				plat = plat.better(r, g, self)
			}
		}
	}
	return p.conclude(d, best, plat, mapped, ReasonRoleAboveActor, string(role))
}

// HighestRole returns the highest tenant role pr's groups confer, and false
// when they confer none. "Highest" follows the hierarchy, never Cognito
// group precedence or claim order: the role implying the most roles, and
// among equals the one declared first. The platform role is not a tenant
// role and is never returned.
func (p *Policy) HighestRole(pr *Principal) (Role, bool) {
	if pr == nil {
		return "", false
	}
	top := -1
	for _, g := range pr.Groups {
		r, ok := p.groups[g]
		if !ok || r == p.platform {
			continue
		}
		if top < 0 || p.rank[r] > p.rank[top] || p.rank[r] == p.rank[top] && r < top {
			top = r
		}
	}
	if top < 0 {
		return "", false
	}
	return p.roles[top], true
}
