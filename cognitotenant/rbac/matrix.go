package rbac

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrMatrixMismatch matches the error of [Matrix.Verify].
var ErrMatrixMismatch = errors.New("rbac: policy differs from expected matrix")

// Matrix is the role by permission table of a policy, after inheritance:
// what each role holds in its own tenant (the platform role, in any tenant
// it names). It is a snapshot; changing it changes no policy.
type Matrix struct {
	// Roles are the rows: tenant roles in declaration order, then the
	// platform role if any.
	Roles []Role
	// Permissions are the columns, in declaration order.
	Permissions []Permission
	// Allowed[i][j] reports whether Roles[i] holds Permissions[j].
	Allowed [][]bool
}

// Matrix returns the role by permission table of p, for documentation and
// for tests that pin a service's policy with [Matrix.Verify].
func (p *Policy) Matrix() Matrix {
	m := Matrix{Roles: p.Roles(), Permissions: p.Permissions()}
	m.Allowed = make([][]bool, len(p.roles))
	for i := range p.roles {
		m.Allowed[i] = make([]bool, len(p.perms))
		for j := range p.perms {
			m.Allowed[i][j] = p.permPath[i][j] != nil
		}
	}
	return m
}

// Allows reports whether role holds perm; false for names not in m.
func (m Matrix) Allows(role Role, perm Permission) bool {
	i := slices.Index(m.Roles, role)
	j := slices.Index(m.Permissions, perm)
	return i >= 0 && j >= 0 && m.Allowed[i][j]
}

// Grants returns, for each role, the permissions it holds in column order.
func (m Matrix) Grants() map[Role][]Permission {
	out := make(map[Role][]Permission, len(m.Roles))
	for i, r := range m.Roles {
		out[r] = []Permission{}
		for j, perm := range m.Permissions {
			if m.Allowed[i][j] {
				out[r] = append(out[r], perm)
			}
		}
	}
	return out
}

// Verify compares m with want, the permissions each role should hold, and
// returns nil when they agree exactly, or an error matching
// [ErrMatrixMismatch] that names every cell that differs and every role
// missing on either side. Order within want does not matter.
func (m Matrix) Verify(want map[Role][]Permission) error {
	var diffs []string
	for i, r := range m.Roles {
		expected, ok := want[r]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("role %s not in expected matrix", r))
			continue
		}
		for j, perm := range m.Permissions {
			w := slices.Contains(expected, perm)
			if got := m.Allowed[i][j]; got != w {
				diffs = append(diffs, fmt.Sprintf("%s %s: policy %s, expected %s",
					r, perm, allowWord(got), allowWord(w)))
			}
		}
		for _, perm := range expected {
			if !slices.Contains(m.Permissions, perm) {
				diffs = append(diffs, fmt.Sprintf("%s %s: permission not declared", r, perm))
			}
		}
	}
	for r := range want {
		if !slices.Contains(m.Roles, r) {
			diffs = append(diffs, fmt.Sprintf("role %s not declared", r))
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	slices.Sort(diffs)
	return fmt.Errorf("%w:\n%s", ErrMatrixMismatch, strings.Join(diffs, "\n"))
}

func allowWord(b bool) string {
	if b {
		return "allows"
	}
	return "denies"
}

// Markdown renders m as a Markdown table, a check mark where a role holds a
// permission, for documentation that cannot drift from the code.
func (m Matrix) Markdown() string {
	var b strings.Builder
	b.WriteString("| role |")
	for _, perm := range m.Permissions {
		b.WriteString(" " + string(perm) + " |")
	}
	b.WriteString("\n| --- |" + strings.Repeat(" :-: |", len(m.Permissions)) + "\n")
	for i, r := range m.Roles {
		b.WriteString("| " + string(r) + " |")
		for j := range m.Permissions {
			if m.Allowed[i][j] {
				b.WriteString(" ✓ |")
			} else {
				b.WriteString("   |")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
