package testutil

import (
	"maps"
	"strings"

	"github.com/google/uuid"
)

// TenantClaim is the claim Cognito puts the tenant_id custom attribute in.
const TenantClaim = "custom:tenant_id"

// User is the identity a minted token describes.
type User struct {
	// Sub is the stable user id; a random UUID when empty.
	Sub string
	// Username defaults to Sub.
	Username string
	Email    string
	// TenantID goes in custom:tenant_id of ID tokens when not empty.
	TenantID string
	// Groups go in cognito:groups of both tokens when not empty; Cognito
	// omits the claim for a user in no group.
	Groups []string
	// Attributes are extra ID-token claims, such as "custom:plan".
	Attributes map[string]string
	// Scopes replace the access token's default scope list.
	Scopes []string
}

// ClaimsMutator edits a token's claims before it is signed, to break one
// rule: delete a claim, give it another type or value.
type ClaimsMutator func(claims map[string]any)

// Without returns a mutator that deletes the named claims.
func Without(names ...string) ClaimsMutator {
	return func(c map[string]any) {
		for _, n := range names {
			delete(c, n)
		}
	}
}

// With returns a mutator that sets a claim to any JSON value.
func With(name string, value any) ClaimsMutator {
	return func(c map[string]any) { c[name] = value }
}

// IDClaims returns the claims of an ID token for u, as Cognito issues them.
func (i *Issuer) IDClaims(u User) map[string]any {
	c := i.commonClaims(&u)
	c["aud"] = i.clientID
	c["token_use"] = "id"
	c["cognito:username"] = u.Username
	if u.Email != "" {
		c["email"] = u.Email
		c["email_verified"] = true
	}
	if u.TenantID != "" {
		c[TenantClaim] = u.TenantID
	}
	for k, v := range u.Attributes {
		c[k] = v
	}
	return c
}

// AccessClaims returns the claims of an access token for u, as Cognito
// issues them: client_id and scope, no aud and no custom attributes.
func (i *Issuer) AccessClaims(u User) map[string]any {
	c := i.commonClaims(&u)
	c["client_id"] = i.clientID
	c["token_use"] = "access"
	c["username"] = u.Username
	c["version"] = 2
	scopes := u.Scopes
	if scopes == nil {
		scopes = []string{"aws.cognito.signin.user.admin"}
	}
	c["scope"] = strings.Join(scopes, " ")
	return c
}

// MintID returns a signed ID token for u after applying the mutators.
func (i *Issuer) MintID(u User, mutate ...ClaimsMutator) (string, error) {
	return i.mint(true, i.IDClaims(u), mutate)
}

// MintAccess returns a signed access token for u after applying mutators.
func (i *Issuer) MintAccess(u User, mutate ...ClaimsMutator) (string, error) {
	return i.mint(false, i.AccessClaims(u), mutate)
}

func (i *Issuer) mint(idKey bool, c map[string]any, mutate []ClaimsMutator) (string, error) {
	c = maps.Clone(c)
	for _, m := range mutate {
		m(c)
	}
	return i.SignWith(idKey, c)
}

func (i *Issuer) commonClaims(u *User) map[string]any {
	if u.Sub == "" {
		u.Sub = NewUUID()
	}
	if u.Username == "" {
		u.Username = u.Sub
	}
	now := i.now().Unix()
	c := map[string]any{
		"sub":        u.Sub,
		"iss":        i.issuer,
		"iat":        now,
		"auth_time":  now,
		"exp":        now + int64(i.lifetime.Seconds()),
		"jti":        NewUUID(),
		"origin_jti": NewUUID(),
		"event_id":   NewUUID(),
	}
	if len(u.Groups) > 0 {
		c["cognito:groups"] = append([]string(nil), u.Groups...)
	}
	return c
}

// NewUUID returns a random version 4 UUID, as Cognito uses for sub and jti.
func NewUUID() string { return uuid.NewString() }
