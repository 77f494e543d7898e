package rbac

// Decide reports whether pr may use perm in its own tenant. It denies with
// no_principal, no_tenant, unknown_permission, unknown_group (strict mode),
// no_known_role or permission_not_granted, and allows with granted, or with
// granted_platform when only the platform role holds perm. Permissions are
// the union over all of pr's groups; group order and Cognito precedence
// play no part. It does not allocate and is safe for concurrent use.
func (p *Policy) Decide(pr *Principal, perm Permission) Decision {
	if pr == nil {
		return p.decidePerm(nil, perm, "")
	}
	return p.decidePerm(pr, perm, pr.TenantID)
}

// DecideIn reports whether pr may use perm on a resource owned by tenant.
// When tenant is not pr's own, only the platform role can allow it, and the
// decision is marked CrossTenant; otherwise it is denied with
// tenant_mismatch, which callers answer like a missing resource (404). An
// empty tenant is denied with no_tenant: there is no default tenant.
func (p *Policy) DecideIn(pr *Principal, perm Permission, tenant string) Decision {
	return p.decidePerm(pr, perm, tenant)
}

func (p *Policy) decidePerm(pr *Principal, perm Permission, tenant string) Decision {
	d, ok := p.start(pr, tenant)
	d.Permission = perm
	if !ok {
		return d
	}

	k, known := p.permIdx[perm]
	if !known {
		return deny(d, ReasonUnknownPermission, string(perm))
	}
	if p.strictViolation(pr) {
		return deny(d, ReasonUnknownGroup, "")
	}

	var best, plat grant
	mapped := false
	for _, g := range pr.Groups {
		r, ok := p.groups[g]
		if !ok {
			continue
		}
		mapped = true
		if path := p.permPath[r][k]; path != nil {
			if r == p.platform {
				plat = plat.better(r, g, path)
			} else {
				best = best.better(r, g, path)
			}
		}
	}
	return p.conclude(d, best, plat, mapped, ReasonPermissionNotGranted, string(perm))
}

// start fills what every decision carries and applies the checks that come
// before any role: a principal, its tenant and the target tenant.
func (p *Policy) start(pr *Principal, tenant string) (Decision, bool) {
	d := Decision{Tenant: tenant, policy: p}
	if pr == nil {
		d.Reason = ReasonNoPrincipal
		return d, false
	}
	d.Subject = pr.Subject
	d.PrincipalTenant = pr.TenantID
	d.groups = pr.Groups
	if pr.TenantID == "" || tenant == "" {
		d.Reason = ReasonNoTenant
		return d, false
	}
	return d, true
}

// conclude turns the best tenant and platform grants into the decision.
// Across tenants only the platform role counts, and a denial says no more
// than tenant_mismatch, so a 404 reveals nothing about roles.
// lack is the reason for a caller whose known roles fall short.
func (p *Policy) conclude(d Decision, best, plat grant, mapped bool,
	lack Reason, missing string) Decision {
	if d.Tenant != d.PrincipalTenant {
		if !plat.ok() {
			return deny(d, ReasonTenantMismatch, "")
		}
		d.CrossTenant = true
		return allow(d, ReasonGrantedPlatform, plat)
	}
	switch {
	case best.ok():
		return allow(d, ReasonGranted, best)
	case plat.ok():
		return allow(d, ReasonGrantedPlatform, plat)
	case !mapped:
		return deny(d, ReasonNoKnownRole, missing)
	}
	return deny(d, lack, missing)
}

// strictViolation reports whether strict mode must deny pr for holding a
// group the policy does not map. Federated auto-groups never count.
func (p *Policy) strictViolation(pr *Principal) bool {
	if !p.strict {
		return false
	}
	for _, g := range pr.Groups {
		if _, ok := p.groups[g]; !ok && !isFederatedGroup(g, pr.UserPoolID) {
			return true
		}
	}
	return false
}

// grant is one way a principal holds what it asked for: the role reached,
// the group that conferred it and the inheritance path.
type grant struct {
	role  int
	group string
	path  []Role
}

func (g grant) ok() bool { return g.path != nil }

// better returns the preferable of g and the candidate: the shorter path,
// then the smaller group name, so the reported grant does not depend on
// the order of groups in the token.
func (g grant) better(role int, group string, path []Role) grant {
	if g.ok() && (len(g.path) < len(path) ||
		len(g.path) == len(path) && g.group <= group) {
		return g
	}
	return grant{role: role, group: group, path: path}
}

func allow(d Decision, r Reason, g grant) Decision {
	d.Allowed = true
	d.Reason = r
	d.Role = d.policy.roles[g.role]
	d.Group = g.group
	d.path = g.path
	return d
}

func deny(d Decision, r Reason, missing string) Decision {
	d.Reason = r
	d.Missing = missing
	return d
}
