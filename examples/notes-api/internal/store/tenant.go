package store

import (
	"errors"
	"fmt"
	"regexp"
)

// ErrInvalidTenant reports a tenant id that is empty or does not match
// [ParseTenantID]'s pattern. Every store method returns it for the zero
// [TenantID], before touching the database.
var ErrInvalidTenant = errors.New("store: invalid tenant id")

// tenantPattern admits ids like "tenant-123" or a UUID, and nothing that
// could be read as a path, a wildcard or SQL: a leading alphanumeric, then at
// most 63 alphanumerics, '-' or '_'.
var tenantPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// TenantID names the tenant that owns a row. Its zero value is not a tenant:
// only [ParseTenantID] builds a usable one, and store methods refuse the zero
// value with [ErrInvalidTenant], so an unset tenant can never widen a query.
type TenantID struct {
	id string
}

// ParseTenantID validates s against ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$ and
// returns it as a TenantID. It returns an error wrapping [ErrInvalidTenant]
// otherwise; the error does not echo s, which came from a caller.
func ParseTenantID(s string) (TenantID, error) {
	if !tenantPattern.MatchString(s) {
		return TenantID{}, fmt.Errorf("%w: want 1-64 of [A-Za-z0-9_-], "+
			"starting alphanumeric", ErrInvalidTenant)
	}
	return TenantID{id: s}, nil
}

// String returns the tenant id, or "" for the zero value.
func (t TenantID) String() string { return t.id }

// IsZero reports whether t is the zero value, which names no tenant.
func (t TenantID) IsZero() bool { return t.id == "" }

// check returns ErrInvalidTenant for the zero value. Every exported store
// method calls it first.
func (t TenantID) check() error {
	if t.IsZero() {
		return fmt.Errorf("%w: empty", ErrInvalidTenant)
	}
	return nil
}

// MarshalText implements encoding.TextMarshaler, so a TenantID prints as its
// id in JSON and logs. The zero value refuses with ErrInvalidTenant rather
// than writing "".
func (t TenantID) MarshalText() ([]byte, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	return []byte(t.id), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseTenantID's
// rules; on error t is left unchanged.
func (t *TenantID) UnmarshalText(b []byte) error {
	parsed, err := ParseTenantID(string(b))
	if err != nil {
		return err
	}
	*t = parsed
	return nil
}
