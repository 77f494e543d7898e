package middleware

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

// requirementKind says which rbac decision a Requirement asks for.
type requirementKind int

const (
	kindAnyRole requirementKind = iota + 1
	kindAllRoles
	kindPermission
	kindAnyScope
	kindAllScopes
)

// Requirement is one authorization rule a route needs, decided by the
// Authenticator's rbac policy on the verified claims. Build it with
// [AnyRole], [AllRoles], [Permission], [AnyScope] or [AllScopes]; the
// zero value is invalid.
type Requirement struct {
	kind   requirementKind
	roles  []rbac.Role
	perm   rbac.Permission
	scopes []string
}

// AnyRole requires at least one of roles, held directly or through
// inheritance (an admin holds viewer).
func AnyRole(roles ...rbac.Role) Requirement {
	return Requirement{kind: kindAnyRole, roles: slices.Clone(roles)}
}

// AllRoles requires every one of roles.
func AllRoles(roles ...rbac.Role) Requirement {
	return Requirement{kind: kindAllRoles, roles: slices.Clone(roles)}
}

// Permission requires perm in the caller's own tenant.
func Permission(perm rbac.Permission) Requirement {
	return Requirement{kind: kindPermission, perm: perm}
}

// AnyScope requires the token to carry at least one of scopes. Scopes
// limit the app client, not the user: pair them with a role or
// permission.
func AnyScope(scopes ...string) Requirement {
	return Requirement{kind: kindAnyScope, scopes: slices.Clone(scopes)}
}

// AllScopes requires the token to carry every one of scopes.
func AllScopes(scopes ...string) Requirement {
	return Requirement{kind: kindAllScopes, scopes: slices.Clone(scopes)}
}

// decide asks the policy about pr.
func (q *Requirement) decide(p *rbac.Policy, pr *rbac.Principal) rbac.Decision {
	switch q.kind {
	case kindAnyRole:
		return p.DecideAnyRole(pr, q.roles...)
	case kindAllRoles:
		return p.DecideAllRoles(pr, q.roles...)
	case kindPermission:
		return p.Decide(pr, q.perm)
	case kindAnyScope:
		return p.DecideAnyScope(pr, q.scopes...)
	default:
		return p.DecideAllScopes(pr, q.scopes...)
	}
}

// Validate reports, as an error wrapping [ErrConfig], every requirement
// that is empty, names a role or permission the policy does not declare,
// or a scope that cannot appear in a token. The Require helpers of every
// adapter call it and panic on its error at wiring time; call it first to
// fail start-up with an error instead.
func (a *Authenticator) Validate(reqs ...Requirement) error {
	if len(reqs) == 0 {
		return fmt.Errorf("%w: no requirement", ErrConfig)
	}
	roles := a.policy.Roles()
	var errs []error
	for _, q := range reqs {
		if err := q.validate(a.policy, roles); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (q *Requirement) validate(p *rbac.Policy, roles []rbac.Role) error {
	switch q.kind {
	case kindAnyRole, kindAllRoles:
		if len(q.roles) == 0 {
			return fmt.Errorf("%w: role requirement without roles", ErrConfig)
		}
		for _, r := range q.roles {
			if !slices.Contains(roles, r) {
				return fmt.Errorf("%w: undeclared role %q", ErrConfig, r)
			}
		}
	case kindPermission:
		if err := p.ValidatePermissions(q.perm); err != nil {
			return fmt.Errorf("%w: %w", ErrConfig, err)
		}
	case kindAnyScope, kindAllScopes:
		if len(q.scopes) == 0 {
			return fmt.Errorf("%w: scope requirement without scopes", ErrConfig)
		}
		for _, s := range q.scopes {
			// Scopes are echoed in the challenge's quoted scope list.
			if s == "" || strings.Contains(s, " ") || !quoteSafe(s) {
				return fmt.Errorf("%w: invalid scope %q", ErrConfig, s)
			}
		}
	default:
		return fmt.Errorf("%w: zero requirement", ErrConfig)
	}
	return nil
}

// Authorize checks reqs, in order, against the claims on r's context and
// returns nil when all allow. Without claims it refuses with 401; a
// denial is a 403 insufficient_scope. The caller passes a refusal to
// [Authenticator.Refuse] and stops. Requirements must have passed
// [Authenticator.Validate].
func (a *Authenticator) Authorize(r *http.Request, reqs ...Requirement) *Refusal {
	claims, ok := cognitotenant.FromContext(r.Context())
	if !ok {
		// Reached only behind a skipper or credentials-optional mode: an
		// anonymous caller is asked to authenticate, never let through.
		return refuse(401, CodeMissingToken, ReasonNoToken)
	}
	pr := rbac.PrincipalFromClaims(claims)
	for i := range reqs {
		d := reqs[i].decide(a.policy, pr)
		if d.Allowed {
			continue
		}
		ref := refuse(403, CodeInsufficientScope, string(d.Reason))
		ref.Issuer, ref.Tenant = claims.Issuer, claims.TenantID
		if d.HTTPStatus() == http.StatusUnauthorized {
			ref.Status, ref.Code = 401, CodeInvalidToken
		}
		if k := reqs[i].kind; k == kindAnyScope || k == kindAllScopes {
			ref.Scope = reqs[i].scopes
		}
		return ref
	}
	return nil
}

// CheckTenant compares tenant, taken from a path parameter, with the
// tenant of the claims on r's context. A mismatch, or an empty tenant, is
// refused with 404 so a caller cannot learn that another tenant exists;
// it is logged at Warn as a security event. Without claims it refuses
// with 401.
func (a *Authenticator) CheckTenant(r *http.Request, tenant string) *Refusal {
	own, ok := cognitotenant.TenantFromContext(r.Context())
	if !ok {
		return refuse(401, CodeMissingToken, ReasonNoToken)
	}
	if tenant == own {
		return nil
	}
	ref := refuse(404, CodeNotFound, ReasonTenantMismatch)
	ref.Tenant = own
	if c, ok := cognitotenant.FromContext(r.Context()); ok {
		ref.Issuer = c.Issuer
	}
	return ref
}
