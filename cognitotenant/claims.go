package cognitotenant

import (
	"encoding/json"
	"slices"
	"sync"
	"time"
)

// TokenUse is the kind of Cognito token, from its token_use claim.
type TokenUse string

// The token uses Cognito issues.
const (
	TokenUseID     TokenUse = "id"
	TokenUseAccess TokenUse = "access"
)

// Claims is the verified identity a Cognito token carries. A *Claims
// returned by the verifier is shared between requests that present the
// same token and must be treated as read-only.
type Claims struct {
	// Subject is sub: the user's stable id, not the username.
	Subject string
	// Username is cognito:username (ID token) or username (access token).
	Username string
	// Email is the email claim, when the app client may read it.
	Email string
	// EmailVerified is email_verified; Cognito's "true" string form counts.
	EmailVerified bool
	// TenantID is the value of the configured tenant claim.
	TenantID string
	// Groups is cognito:groups; empty, never nil-vs-empty significant,
	// when the user is in no group.
	Groups []string
	// TokenUse is token_use.
	TokenUse TokenUse
	// ClientID is aud for ID tokens and client_id for access tokens.
	ClientID string
	// Issuer is iss.
	Issuer string
	// UserPoolID is the pool id the issuer names.
	UserPoolID string
	// Scopes is scope split on spaces (access tokens only).
	Scopes []string
	// IssuedAt is iat.
	IssuedAt time.Time
	// ExpiresAt is exp.
	ExpiresAt time.Time
	// AuthTime is auth_time, the original sign-in time.
	AuthTime time.Time
	// JTI is jti, present when revocation is on for the app client.
	JTI string
	// OriginJTI is origin_jti, shared by every token of one refresh
	// token family; the key for a revocation denylist.
	OriginJTI string
	// PreferredRole is cognito:preferred_role, an IAM role ARN.
	PreferredRole string

	// raw is the whole verified payload, for claims without a field.
	raw *rawClaims
}

// rawClaims decodes the payload into a map on first use only: most
// requests never ask for a claim without a field, and the map would cost
// the cold path more allocations than everything else together.
type rawClaims struct {
	payload []byte
	once    sync.Once
	m       map[string]json.RawMessage
}

func (r *rawClaims) claims() map[string]json.RawMessage {
	if r == nil {
		return nil
	}
	r.once.Do(func() {
		// The payload verified as a JSON object, so this cannot fail.
		_ = json.Unmarshal(r.payload, &r.m)
	})
	return r.m
}

// Claim returns the raw JSON of the named claim and whether it was present.
// It serves claims that have no field, such as custom attributes other
// than the tenant.
func (c *Claims) Claim(name string) (json.RawMessage, bool) {
	v, ok := c.raw.claims()[name]
	return v, ok
}

// StringClaim returns the named claim when it is present and a JSON string.
func (c *Claims) StringClaim(name string) (string, bool) {
	v, ok := c.raw.claims()[name]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		return "", false
	}
	return s, true
}

// InGroup reports whether the user is in the named Cognito group. Group
// names match exactly, as Cognito compares them.
func (c *Claims) InGroup(group string) bool {
	return slices.Contains(c.Groups, group)
}

// HasScope reports whether the token carries the named OAuth scope.
func (c *Claims) HasScope(scope string) bool {
	return slices.Contains(c.Scopes, scope)
}
