package testutil

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// SecretHash returns the SECRET_HASH Cognito requires from app clients
// with a secret: base64(HMAC-SHA256(secret, username + clientID)).
func SecretHash(clientID, clientSecret, username string) string {
	mac := hmac.New(sha256.New, []byte(clientSecret))
	mac.Write([]byte(username + clientID))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

type initiateAuthInput struct {
	AuthFlow       string
	ClientID       string `json:"ClientId"`
	AuthParameters map[string]string
}

// challengeSessionTTL is how long a NEW_PASSWORD_REQUIRED session lasts,
// the AuthSessionValidity default of 3 minutes.
const challengeSessionTTL = 3 * time.Minute

func (fc *FakeCognito) initiateAuth(base string, in *initiateAuthInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, c, err := fc.clientOf(in.ClientID)
	if err != nil {
		return nil, err
	}
	switch in.AuthFlow {
	case "USER_PASSWORD_AUTH":
		return fc.passwordAuth(base, p, c, in.AuthParameters)
	case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN":
		return fc.refreshAuth(base, p, c, in.AuthParameters)
	}
	// TODO(testutil): USER_SRP_AUTH, CUSTOM_AUTH, USER_AUTH and
	// AdminInitiateAuth are not implemented; SRP alone needs the SRP-6a
	// exchange, which the Go SDK leaves to the caller.
	return nil, invalidParameter("the fake supports USER_PASSWORD_AUTH and " +
		"REFRESH_TOKEN_AUTH, not " + in.AuthFlow)
}

func (fc *FakeCognito) passwordAuth(base string, p *fakePool, c *fakeClient,
	params map[string]string) (any, error) {
	if !c.allows("USER_PASSWORD_AUTH") {
		return nil, invalidParameter("USER_PASSWORD_AUTH flow not enabled for this client")
	}
	name := params["USERNAME"]
	for _, k := range []string{"USERNAME", "PASSWORD"} {
		if params[k] == "" {
			return nil, invalidParameter("Missing required parameter " + k)
		}
	}
	if err := checkSecretHash(c, params["SECRET_HASH"], name); err != nil {
		return nil, err
	}
	u, err := fc.passwordUser(p, c, name, params["PASSWORD"])
	if err != nil {
		return nil, err
	}
	if u.status == statusForceChange {
		return fc.newPasswordChallenge(p, c, u), nil
	}
	res, err := fc.issue(base, signIn{pool: p, client: c, user: u, authTime: fc.now()})
	if err != nil {
		return nil, err
	}
	return map[string]any{"AuthenticationResult": res, "ChallengeParameters": struct{}{}}, nil
}

// passwordUser checks a sign-in the way Cognito orders it: unknown user,
// wrong password, disabled user, expired temporary password.
func (fc *FakeCognito) passwordUser(p *fakePool, c *fakeClient,
	name, pw string) (*fakeUser, error) {
	u, ok := p.users[name]
	if !ok {
		// With PreventUserExistenceErrors an unknown user looks like a
		// wrong password, so sign-in cannot probe for accounts.
		if c.preventExistence == "ENABLED" {
			return nil, notAuthorized("Incorrect username or password.")
		}
		return nil, userNotFound()
	}
	if !hmac.Equal([]byte(u.password), []byte(pw)) {
		return nil, notAuthorized("Incorrect username or password.")
	}
	if !u.enabled {
		return nil, notAuthorized("User is disabled.")
	}
	days := time.Duration(p.policy.TemporaryPasswordValidityDays) * 24 * time.Hour
	if u.status == statusForceChange && fc.now().After(u.passwordSetAt.Add(days)) {
		return nil, notAuthorized("Temporary password has expired and must be reset " +
			"by an administrator.")
	}
	return u, nil
}

// checkSecretHash requires SECRET_HASH exactly when the client has a
// secret, computed over any of the given names (username or sub).
func checkSecretHash(c *fakeClient, got string, names ...string) error {
	if c.secret == "" {
		if got != "" {
			return notAuthorized("Client " + c.id + " is not configured with a secret.")
		}
		return nil
	}
	for _, n := range names {
		want := SecretHash(c.id, c.secret, n)
		if n != "" && hmac.Equal([]byte(got), []byte(want)) {
			return nil
		}
	}
	if got == "" {
		return notAuthorized("Client " + c.id + " is configured with secret but " +
			"SECRET_HASH was not received")
	}
	return notAuthorized("Unable to verify secret hash for client " + c.id)
}

func (fc *FakeCognito) newPasswordChallenge(p *fakePool, c *fakeClient, u *fakeUser) any {
	session := randomID(300, mixedDigits)
	now := fc.now()
	fc.grants.add(fc.grants.sessions, session, &grant{poolID: p.id, clientID: c.id,
		username: u.username, exp: now.Add(challengeSessionTTL)}, now)
	attrs := map[string]string{}
	for k, v := range u.attrs {
		if k != "sub" && c.canRead(k) {
			attrs[k] = v
		}
	}
	return map[string]any{
		"ChallengeName": "NEW_PASSWORD_REQUIRED",
		"Session":       session,
		"ChallengeParameters": map[string]string{
			"USER_ID_FOR_SRP":    u.username,
			"requiredAttributes": "[]",
			"userAttributes":     mustJSON(attrs),
		},
	}
}

func (fc *FakeCognito) refreshAuth(base string, p *fakePool, c *fakeClient,
	params map[string]string) (any, error) {
	if !c.allows("REFRESH_TOKEN_AUTH") {
		return nil, invalidParameter("REFRESH_TOKEN_AUTH flow not enabled for this client")
	}
	if params["REFRESH_TOKEN"] == "" {
		return nil, invalidParameter("Missing required parameter REFRESH_TOKEN")
	}
	g, ok := fc.grants.refresh[params["REFRESH_TOKEN"]]
	if !ok || g.clientID != c.id {
		return nil, notAuthorized("Invalid Refresh Token")
	}
	if g.revoked {
		return nil, notAuthorized("Refresh Token has been revoked")
	}
	if fc.now().After(g.exp) {
		return nil, notAuthorized("Refresh Token has expired")
	}
	u, ok := p.users[g.username]
	if !ok {
		return nil, notAuthorized("Refresh Token has been revoked")
	}
	if err := checkSecretHash(c, params["SECRET_HASH"], params["USERNAME"], u.username,
		u.sub); err != nil {
		return nil, err
	}
	if !u.enabled {
		return nil, notAuthorized("User is disabled.")
	}
	res, err := fc.issue(base, signIn{pool: p, client: c, user: u, authTime: g.authTime,
		family: g.family})
	if err != nil {
		return nil, err
	}
	return map[string]any{"AuthenticationResult": res, "ChallengeParameters": struct{}{}}, nil
}
