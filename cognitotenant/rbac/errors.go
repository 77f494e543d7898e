package rbac

import (
	"errors"
	"fmt"
)

// ErrInvalidPolicy matches every error [New] returns. The specific sentinels
// below say which rule a declaration broke; [New] joins one error per
// problem, so errors.Is finds each of them.
var ErrInvalidPolicy = errors.New("rbac: invalid policy")

// The problems [New] reports, each wrapped in a *PolicyError.
var (
	// ErrEmptyPolicy: no tenant role, or no permission, is declared.
	ErrEmptyPolicy = errors.New("empty policy")
	// ErrDuplicate: a role, permission or group is declared twice.
	ErrDuplicate = errors.New("duplicate name")
	// ErrEmptyName: a role, permission or group name is empty.
	ErrEmptyName = errors.New("empty name")
	// ErrUndeclaredRole: a role inherits a role that is not declared, or
	// inherits the platform role.
	ErrUndeclaredRole = errors.New("undeclared role")
	// ErrUndeclaredPermission: a role grants a permission outside
	// Config.Permissions.
	ErrUndeclaredPermission = errors.New("undeclared permission")
	// ErrCycle: roles inherit from each other in a loop.
	ErrCycle = errors.New("inheritance cycle")
	// ErrConflictingGroup: one group confers two different tenant roles.
	ErrConflictingGroup = errors.New("group mapped to conflicting roles")
	// ErrPlatformGroup: a group confers both the platform role and a tenant
	// role, or the platform role has no group.
	ErrPlatformGroup = errors.New("platform group collides with tenant group")
)

// PolicyError is one problem in a [Config]: which rule it broke and the
// name at fault. It matches [ErrInvalidPolicy] and its own sentinel.
type PolicyError struct {
	// Err is the sentinel of the rule, such as ErrCycle.
	Err error
	// Name is the role, permission or group at fault.
	Name string
	// Detail adds context, such as the roles of a cycle.
	Detail string
}

// Error implements error.
func (e *PolicyError) Error() string {
	msg := fmt.Sprintf("rbac: invalid policy: %v: %q", e.Err, e.Name)
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap returns the rule's sentinel.
func (e *PolicyError) Unwrap() error { return e.Err }

// Is reports whether target is ErrInvalidPolicy.
func (e *PolicyError) Is(target error) bool { return target == ErrInvalidPolicy }

// Sentinels that [Decision.Err] returns, for callers that branch with
// errors.Is rather than on [Reason]. Every denial matches ErrDenied.
var (
	// ErrDenied matches every denial.
	ErrDenied = errors.New("rbac: denied")
	// ErrUnauthenticated matches denials for a missing caller or tenant,
	// which an HTTP layer answers with 401.
	ErrUnauthenticated = errors.New("rbac: no principal or tenant")
	// ErrTenantMismatch matches denials for a resource of another tenant,
	// which an HTTP layer answers like a missing resource (404).
	ErrTenantMismatch = errors.New("rbac: resource belongs to another tenant")
)

// DeniedError is the error form of a denied [Decision]. It matches
// [ErrDenied] and, by reason, [ErrUnauthenticated] or [ErrTenantMismatch].
// Its message holds the reason and what was missing, never a tenant id.
type DeniedError struct {
	Decision Decision
}

// Error implements error.
func (e *DeniedError) Error() string {
	msg := "rbac: denied: " + string(e.Decision.Reason)
	if e.Decision.Missing != "" {
		msg += ": " + e.Decision.Missing
	}
	return msg
}

// Is matches the sentinels that fit the decision's reason.
func (e *DeniedError) Is(target error) bool {
	switch target {
	case ErrDenied:
		return true
	case ErrUnauthenticated:
		r := e.Decision.Reason
		return r == ReasonNoPrincipal || r == ReasonNoTenant
	case ErrTenantMismatch:
		return e.Decision.Reason == ReasonTenantMismatch
	}
	return false
}
