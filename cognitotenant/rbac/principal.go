package rbac

import "github.com/cognitotenant/cognitotenant-go/cognitotenant"

// Principal is the caller a [Decision] is about: who, in which tenant, with
// which Cognito groups and OAuth scopes. A nil *Principal is "no caller" and
// every decision about it is a denial. The policy only reads a Principal.
type Principal struct {
	// Subject is the user's stable id (sub), for audit.
	Subject string
	// TenantID is the tenant of the verified token; empty denies all.
	TenantID string
	// Groups are the Cognito groups (cognito:groups), in any order.
	Groups []string
	// Scopes are the OAuth scopes of an access token.
	Scopes []string
	// UserPoolID, when set, lets strict mode recognise the pool's
	// federated auto-groups exactly instead of by their shape.
	UserPoolID string
}

// PrincipalFromClaims returns the principal of verified claims, or nil for
// nil claims. It shares the claims' slices rather than copying them: both
// are read-only after verification.
func PrincipalFromClaims(c *cognitotenant.Claims) *Principal {
	if c == nil {
		return nil
	}
	return &Principal{
		Subject:    c.Subject,
		TenantID:   c.TenantID,
		Groups:     c.Groups,
		Scopes:     c.Scopes,
		UserPoolID: c.UserPoolID,
	}
}
