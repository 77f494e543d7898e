package testutil

import (
	"encoding/json"
	"strings"
)

type respondInput struct {
	ChallengeName      string
	ClientID           string `json:"ClientId"`
	Session            string
	ChallengeResponses map[string]string
}

// respondToAuthChallenge completes NEW_PASSWORD_REQUIRED: the new
// password must meet the policy, and userAttributes.* responses set
// attributes under the client's write permissions.
func (fc *FakeCognito) respondToAuthChallenge(base string, in *respondInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, c, err := fc.clientOf(in.ClientID)
	if err != nil {
		return nil, err
	}
	if in.ChallengeName != "NEW_PASSWORD_REQUIRED" {
		return nil, invalidParameter("the fake supports only NEW_PASSWORD_REQUIRED")
	}
	r := in.ChallengeResponses
	g, ok := fc.grants.sessions[in.Session]
	if !ok || g.revoked || g.clientID != c.id || g.username != r["USERNAME"] ||
		fc.now().After(g.exp) {
		return nil, notAuthorized("Invalid session for the user, session is expired.")
	}
	if err := checkSecretHash(c, r["SECRET_HASH"], r["USERNAME"]); err != nil {
		return nil, err
	}
	u, err := p.user(g.username)
	if err != nil {
		return nil, err
	}
	attrs, err := challengeAttributes(p, c, r)
	if err != nil {
		return nil, err
	}
	if err := p.policy.check(r["NEW_PASSWORD"]); err != nil {
		return nil, err
	}
	delete(fc.grants.sessions, in.Session)
	u.setAttributes(attrs)
	u.password, u.status = r["NEW_PASSWORD"], statusConfirmed
	u.passwordSetAt, u.modified = fc.now(), fc.now()
	res, err := fc.issue(base, signIn{pool: p, client: c, user: u, authTime: fc.now()})
	if err != nil {
		return nil, err
	}
	return map[string]any{"AuthenticationResult": res, "ChallengeParameters": struct{}{}}, nil
}

func challengeAttributes(p *fakePool, c *fakeClient,
	r map[string]string) ([]attributeJSON, error) {
	var attrs []attributeJSON
	for k, v := range r {
		name, ok := strings.CutPrefix(k, "userAttributes.")
		if !ok {
			continue
		}
		if !c.canWrite(name) {
			return nil, notAuthorized("A client attempted to write unauthorized attribute")
		}
		attrs = append(attrs, attributeJSON{Name: name, Value: v})
	}
	return attrs, p.checkAttributes(attrs, false)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("testutil: marshal: " + err.Error())
	}
	return string(b)
}
