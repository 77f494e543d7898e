package rbac

import (
	"log/slog"
	"net/http"
	"strings"
)

// Decision is the answer to one authorization question, with what it was
// based on: fit for an audit log line, and for choosing a status code. It is
// a plain value, safe to copy and to share between goroutines.
//
// Only Reason and Missing are meant for clients, and only for 403 answers:
// they say what the caller lacks without naming any tenant. Tenant fields
// are for server-side logs.
type Decision struct {
	// Allowed is true only for ReasonGranted and ReasonGrantedPlatform.
	Allowed bool
	// Reason is the stable code of the outcome.
	Reason Reason
	// Permission is the permission asked for, in permission decisions.
	Permission Permission
	// Missing names what the caller lacked when denied: the permission,
	// role or scope; for any-of checks the alternatives joined by " | ".
	// It is empty for allowed decisions and for tenant_mismatch.
	Missing string
	// Role is the caller's role that allowed it (the role reached through
	// Group, not the one that declares the permission; see Path).
	Role Role
	// Group is the Cognito group that conferred Role.
	Group string
	// Subject is the caller's sub.
	Subject string
	// Tenant is the tenant the decision is about: the resource's tenant
	// when one was named, else the caller's.
	Tenant string
	// PrincipalTenant is the caller's own tenant, from its token.
	PrincipalTenant string
	// CrossTenant is true when Tenant differs from PrincipalTenant and the
	// platform role allowed it; such decisions deserve an audit record.
	CrossTenant bool

	path   []Role
	groups []string
	policy *Policy
}

// Path returns the inheritance path from Role to the role that declares the
// permission or role asked for, Role first: [admin editor viewer] for read
// granted to an admin. It is nil for denials, and a copy.
func (d Decision) Path() []Role {
	if d.path == nil {
		return nil
	}
	return append([]Role(nil), d.path...)
}

// IgnoredGroups returns the caller's groups that the policy does not map,
// such as a federated auto-group, in token order. They played no part in
// the decision (except to deny it in strict mode). It allocates, so it is
// computed only when asked.
func (d Decision) IgnoredGroups() []string {
	if d.policy == nil {
		return nil
	}
	var out []string
	for _, g := range d.groups {
		if _, ok := d.policy.groups[g]; !ok {
			out = append(out, g)
		}
	}
	return out
}

// Err returns nil when the decision allows, and otherwise a *[DeniedError]
// matching [ErrDenied] and, by reason, [ErrUnauthenticated] or
// [ErrTenantMismatch].
func (d Decision) Err() error {
	if d.Allowed {
		return nil
	}
	return &DeniedError{Decision: d}
}

// HTTPStatus maps the decision to the status an HTTP layer answers: 200 when
// allowed, 401 without a principal or tenant, 404 for another tenant's
// resource (so its existence stays hidden) and 403 for every other denial.
func (d Decision) HTTPStatus() int {
	switch {
	case d.Allowed:
		return http.StatusOK
	case d.Reason == ReasonNoPrincipal || d.Reason == ReasonNoTenant:
		return http.StatusUnauthorized
	case d.Reason == ReasonTenantMismatch:
		return http.StatusNotFound
	default:
		return http.StatusForbidden
	}
}

// String renders the decision as one key=value line for logs and tests,
// in a fixed order.
func (d Decision) String() string {
	var b strings.Builder
	if d.Allowed {
		b.WriteString("allow ")
	} else {
		b.WriteString("deny ")
	}
	b.WriteString(string(d.Reason))
	kv := func(k, v string) {
		if v != "" {
			b.WriteString(" " + k + "=" + v)
		}
	}
	kv("permission", string(d.Permission))
	kv("missing", d.Missing)
	kv("role", string(d.Role))
	kv("group", d.Group)
	kv("path", joinRoles(d.path, ">"))
	kv("tenant", d.Tenant)
	if d.CrossTenant {
		kv("from_tenant", d.PrincipalTenant)
		b.WriteString(" cross_tenant")
	}
	kv("ignored", strings.Join(d.IgnoredGroups(), ","))
	return b.String()
}

// LogValue implements slog.LogValuer, so a Decision logs as a group of
// attributes. It includes tenants: keep it in server-side logs.
func (d Decision) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Bool("allowed", d.Allowed),
		slog.String("reason", string(d.Reason)),
	}
	add := func(k, v string) {
		if v != "" {
			attrs = append(attrs, slog.String(k, v))
		}
	}
	add("permission", string(d.Permission))
	add("missing", d.Missing)
	add("role", string(d.Role))
	add("group", d.Group)
	add("path", joinRoles(d.path, ">"))
	add("subject", d.Subject)
	add("tenant", d.Tenant)
	add("principal_tenant", d.PrincipalTenant)
	if d.CrossTenant {
		attrs = append(attrs, slog.Bool("cross_tenant", true))
	}
	if ig := d.IgnoredGroups(); len(ig) > 0 {
		attrs = append(attrs, slog.Any("ignored_groups", ig))
	}
	return slog.GroupValue(attrs...)
}

func joinRoles(roles []Role, sep string) string {
	var b strings.Builder
	for i, r := range roles {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(string(r))
	}
	return b.String()
}
