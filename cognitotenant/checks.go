package cognitotenant

import (
	"slices"
	"strings"
	"time"
)

// claimRules are the claim checks that do not depend on the pool.
type claimRules struct {
	leeway          time.Duration
	maxAge          time.Duration
	tenantOptional  bool
	maxTenantLength int
	tenantValidator func(string) error
}

// check applies the claim rules to a token whose signature verified, in
// the order of cognito.md §1.4, and returns its Claims. The error wraps
// the sentinel of the first rule broken.
func (r *claimRules) check(p *payloadClaims, t *memberValue, pool *poolRules,
	now time.Time) (*Claims, error) {
	use, err := checkTokenUse(p.TokenUse, pool.tokenUse)
	if err != nil {
		return nil, err
	}
	if err := checkClient(p, use, pool.clientIDs); err != nil {
		return nil, err
	}
	if err := r.checkTimes(p, now); err != nil {
		return nil, err
	}
	if p.Sub == "" {
		return nil, errMalformed("sub claim missing")
	}
	tenant, err := r.checkTenant(t)
	if err != nil {
		return nil, err
	}
	return newClaims(p, use, tenant, pool.poolID), nil
}

func checkTokenUse(got string, want TokenUse) (TokenUse, error) {
	use := TokenUse(got)
	if use != TokenUseID && use != TokenUseAccess {
		return "", refuse(ErrTokenUse, "token_use is not id or access")
	}
	if want != TokenUseBoth && use != want {
		return "", refuse(ErrTokenUse, "%s token where %s is configured", use, want)
	}
	return use, nil
}

// checkClient matches the app client: Cognito names it in aud in ID
// tokens and in client_id in access tokens, which carry no aud at all.
func checkClient(p *payloadClaims, use TokenUse, allowed []string) error {
	id, claim := p.Aud, "aud"
	if use == TokenUseAccess {
		id, claim = p.ClientID, "client_id"
	}
	if id == "" {
		return refuse(ErrClient, "%s claim missing", claim)
	}
	if !slices.Contains(allowed, id) {
		return refuse(ErrClient, "%s is not an allowed app client", claim)
	}
	return nil
}

func (r *claimRules) checkTimes(p *payloadClaims, now time.Time) error {
	// exp is required: a token without one would be valid forever, which
	// aws-jwt-verify lets through and Cognito never issues.
	if !p.Exp.set() {
		return refuse(ErrExpired, "exp claim missing")
	}
	if !now.Before(p.Exp.time().Add(r.leeway)) {
		return ErrExpired
	}
	if p.Nbf.set() && p.Nbf.time().After(now.Add(r.leeway)) {
		return refuse(ErrNotYetValid, "nbf is in the future")
	}
	if p.Iat.set() && p.Iat.time().After(now.Add(r.leeway)) {
		return refuse(ErrNotYetValid, "iat is in the future")
	}
	if r.maxAge > 0 {
		if !p.Iat.set() {
			return refuse(ErrTooOld, "iat claim missing")
		}
		if now.Sub(p.Iat.time()) > r.maxAge+r.leeway {
			return ErrTooOld
		}
	}
	return nil
}

// checkTenant fails closed: a tenant claim is a non-empty string of
// bounded length or the token has no tenant. Pre-token-generation
// triggers can send numbers, arrays or objects; none is coerced.
func (r *claimRules) checkTenant(t *memberValue) (string, error) {
	if !t.set {
		if r.tenantOptional {
			return "", nil
		}
		return "", refuse(ErrTenantMissing, "claim absent")
	}
	switch {
	case t.ambiguous:
		return "", refuse(ErrTenantMissing, "claim appears more than once")
	case !t.isString:
		return "", refuse(ErrTenantMissing, "claim is not a string")
	case t.value == "":
		return "", refuse(ErrTenantMissing, "claim is empty")
	case len(t.value) > r.maxTenantLength:
		return "", refuse(ErrTenantMissing, "claim longer than %d bytes",
			r.maxTenantLength)
	}
	if err := r.validateTenant(t.value); err != nil {
		return "", err
	}
	return t.value, nil
}

// validateTenant runs the TenantValidator on a tenant that passed the
// other checks. Verify calls it on cache hits too: the validator's answer
// may change (a tenant suspended, say) while the token stays valid.
func (r *claimRules) validateTenant(tenant string) error {
	if r.tenantValidator == nil || tenant == "" {
		return nil
	}
	if err := r.tenantValidator(tenant); err != nil {
		return refuse(ErrTenantMissing, "%w", err)
	}
	return nil
}

// claimsBlock puts Claims and its raw payload in one allocation.
type claimsBlock struct {
	claims Claims
	raw    rawClaims
}

func newClaims(p *payloadClaims, use TokenUse, tenant, poolID string) *Claims {
	b := new(claimsBlock)
	b.claims = Claims{
		Subject:       p.Sub,
		Username:      p.CognitoUsername,
		Email:         p.Email,
		EmailVerified: bool(p.EmailVerified),
		TenantID:      tenant,
		Groups:        p.Groups,
		TokenUse:      use,
		ClientID:      p.Aud,
		Issuer:        p.Iss,
		UserPoolID:    poolID,
		ExpiresAt:     p.Exp.time(),
		JTI:           p.JTI,
		OriginJTI:     p.OriginJTI,
		PreferredRole: p.PreferredRole,
		raw:           &b.raw,
	}
	c := &b.claims
	if use == TokenUseAccess {
		c.Username, c.ClientID = p.Username, p.ClientID
		c.Scopes = strings.Fields(p.Scope)
	}
	if p.Iat.set() {
		c.IssuedAt = p.Iat.time()
	}
	if p.AuthTime.set() {
		c.AuthTime = p.AuthTime.time()
	}
	return c
}
