package testutil

import (
	"slices"
	"time"
)

type authResultJSON struct {
	AccessToken  string `json:"AccessToken"`
	ExpiresIn    int64  `json:"ExpiresIn"`
	TokenType    string `json:"TokenType"`
	IDToken      string `json:"IdToken"`
	RefreshToken string `json:"RefreshToken,omitempty"`
}

// signIn is one issuance: who, through which client, and the refresh
// family it belongs to (empty to start a new one with a refresh token).
type signIn struct {
	pool     *fakePool
	client   *fakeClient
	user     *fakeUser
	authTime time.Time
	family   string
}

// issue mints ID and access tokens, and a refresh token when s starts a
// new family. Callers hold fc.mu.
func (fc *FakeCognito) issue(base string, s signIn) (authResultJSON, error) {
	now := fc.now()
	newFamily := s.family == ""
	if newFamily {
		s.family = NewUUID()
	}
	iss := base + "/" + s.pool.id
	idToken, err := s.pool.keys.SignWith(true, s.idClaims(iss, now))
	if err != nil {
		return authResultJSON{}, err
	}
	access := s.accessClaims(iss, now)
	accessToken, err := s.pool.keys.SignWith(false, access)
	if err != nil {
		return authResultJSON{}, err
	}
	ttl := s.client.validity.accessTTL()
	res := authResultJSON{AccessToken: accessToken, IDToken: idToken, TokenType: "Bearer",
		ExpiresIn: int64(ttl.Seconds())}
	g := &grant{poolID: s.pool.id, clientID: s.client.id, username: s.user.username,
		family: s.family, authTime: s.authTime, exp: now.Add(ttl)}
	fc.grants.add(fc.grants.access, accessToken, g, now)
	if newFamily {
		res.RefreshToken = opaqueRefreshToken()
		rg := *g
		rg.exp = now.Add(s.client.validity.refreshTTL())
		fc.grants.add(fc.grants.refresh, res.RefreshToken, &rg, now)
	}
	return res, nil
}

// common returns the claims both tokens carry.
func (s signIn) common(iss string, now time.Time, ttl time.Duration) map[string]any {
	c := map[string]any{
		"sub": s.user.sub, "iss": iss, "iat": now.Unix(), "exp": now.Add(ttl).Unix(),
		"auth_time": s.authTime.Unix(), "event_id": NewUUID(),
	}
	// Cognito adds jti and origin_jti only when revocation is on.
	if s.client.revocation {
		c["jti"], c["origin_jti"] = NewUUID(), s.family
	}
	if groups := s.user.groupNames(); len(groups) > 0 {
		c["cognito:groups"] = groups
	}
	return c
}

func (s signIn) idClaims(iss string, now time.Time) map[string]any {
	c := s.common(iss, now, s.client.validity.idTTL())
	c["aud"], c["token_use"] = s.client.id, "id"
	c["cognito:username"] = s.user.username
	for name, v := range s.user.attrs {
		if name == "sub" || !s.client.canRead(name) {
			continue
		}
		c[name] = v
		if isVerifiedFlag(name) {
			c[name] = v == "true"
		}
	}
	s.addRoles(c)
	return c
}

// addRoles sets cognito:roles and cognito:preferred_role from the IAM
// roles of the user's groups; the lowest precedence wins, a tie between
// different roles names none.
func (s signIn) addRoles(c map[string]any) {
	var roles []string
	var best *fakeGroup
	tie := false
	for _, name := range s.user.groupNames() {
		g := s.pool.groups[name]
		if g == nil || g.roleARN == "" {
			continue
		}
		if !slices.Contains(roles, g.roleARN) {
			roles = append(roles, g.roleARN)
		}
		switch {
		case best == nil || precedence(g) < precedence(best):
			best, tie = g, false
		case precedence(g) == precedence(best) && g.roleARN != best.roleARN:
			tie = true
		}
	}
	if len(roles) == 0 {
		return
	}
	c["cognito:roles"] = roles
	if !tie {
		c["cognito:preferred_role"] = best.roleARN
	}
}

func precedence(g *fakeGroup) int64 {
	if g.precedence == nil {
		return 1 << 40 // no precedence ranks after every number
	}
	return int64(*g.precedence)
}

func (s signIn) accessClaims(iss string, now time.Time) map[string]any {
	c := s.common(iss, now, s.client.validity.accessTTL())
	c["client_id"], c["token_use"] = s.client.id, "access"
	c["scope"] = "aws.cognito.signin.user.admin"
	c["username"] = s.user.username
	c["version"] = 2
	return c
}

// refreshHeader is the protected header of Cognito's refresh tokens, an
// encrypted JWT clients cannot read: the fake keeps the shape, but the
// rest is random and means something only to the fake.
const refreshHeader = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"

func opaqueRefreshToken() string {
	return refreshHeader + "." + randomID(342, mixedDigits) + "." +
		randomID(16, mixedDigits) + "." + randomID(1200, mixedDigits) + "." +
		randomID(22, mixedDigits)
}

// readableAttributes returns the user's attributes the client may read.
func readableAttributes(u *fakeUser, c *fakeClient) []attributeJSON {
	return attributeList(u.attrs, c.canRead)
}
