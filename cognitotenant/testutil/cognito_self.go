package testutil

import "crypto/subtle"

// accessCaller resolves an access token the fake issued to its user.
// Callers hold fc.mu.
func (fc *FakeCognito) accessCaller(token string) (*fakePool, *fakeClient, *fakeUser, error) {
	g, ok := fc.grants.access[token]
	switch {
	case !ok:
		return nil, nil, nil, notAuthorized("Invalid Access Token")
	case g.revoked:
		return nil, nil, nil, notAuthorized("Access Token has been revoked")
	case fc.now().After(g.exp):
		return nil, nil, nil, notAuthorized("Access Token has expired")
	}
	p, err := fc.pool(g.poolID)
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := p.client(g.clientID)
	if err != nil {
		return nil, nil, nil, notAuthorized("Invalid Access Token")
	}
	u, err := p.user(g.username)
	if err != nil {
		return nil, nil, nil, err
	}
	if !u.enabled {
		return nil, nil, nil, notAuthorized("User is disabled.")
	}
	return p, c, u, nil
}

type accessTokenInput struct {
	AccessToken string
}

// getUser answers with the attributes the token's app client may read.
func (fc *FakeCognito) getUser(_ string, in *accessTokenInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	_, c, u, err := fc.accessCaller(in.AccessToken)
	if err != nil {
		return nil, err
	}
	return map[string]any{"Username": u.username,
		"UserAttributes": readableAttributes(u, c)}, nil
}

type updateAttributesInput struct {
	AccessToken    string
	UserAttributes []attributeJSON
}

// updateUserAttributes lets users change their own attributes, within
// the app client's WriteAttributes. This is the check that keeps a user
// from moving to another tenant by rewriting custom:tenant_id.
func (fc *FakeCognito) updateUserAttributes(_ string, in *updateAttributesInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, c, u, err := fc.accessCaller(in.AccessToken)
	if err != nil {
		return nil, err
	}
	if err := p.checkAttributes(in.UserAttributes, false); err != nil {
		return nil, err
	}
	for _, a := range in.UserAttributes {
		if !c.canWrite(a.Name) {
			return nil, notAuthorized("A client attempted to write unauthorized attribute")
		}
	}
	u.setAttributes(in.UserAttributes)
	// TODO(testutil): a changed email or phone number is marked unverified
	// but no verification code is sent or can be confirmed.
	for _, a := range in.UserAttributes {
		if a.Name == "email" || a.Name == "phone_number" {
			u.attrs[a.Name+"_verified"] = "false"
		}
	}
	u.modified = fc.now()
	return map[string]any{"CodeDeliveryDetailsList": []any{}}, nil
}

// globalSignOut revokes every token issued to the user, from any client.
func (fc *FakeCognito) globalSignOut(_ string, in *accessTokenInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, _, u, err := fc.accessCaller(in.AccessToken)
	if err != nil {
		return nil, err
	}
	fc.grants.revokeUser(p.id, u.username)
	return struct{}{}, nil
}

type revokeTokenInput struct {
	Token        string
	ClientID     string `json:"ClientId"`
	ClientSecret string
}

// revokeToken revokes a refresh token and the access tokens issued from
// it. An unknown token is accepted silently, as RFC 7009 asks.
func (fc *FakeCognito) revokeToken(_ string, in *revokeTokenInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	_, c, err := fc.clientOf(in.ClientID)
	if err != nil {
		return nil, err
	}
	if c.secret != "" &&
		subtle.ConstantTimeCompare([]byte(c.secret), []byte(in.ClientSecret)) != 1 {
		return nil, notAuthorized("Client secret is invalid.")
	}
	if !c.revocation {
		return nil, cognitoErr("UnsupportedOperationException",
			"Token revocation is not enabled for the app client.")
	}
	if _, isAccess := fc.grants.access[in.Token]; isAccess {
		return nil, cognitoErr("UnsupportedTokenTypeException",
			"Only refresh tokens can be revoked.")
	}
	g, ok := fc.grants.refresh[in.Token]
	if !ok {
		return struct{}{}, nil
	}
	if g.clientID != c.id {
		return nil, notAuthorized("The token was not issued to this client.")
	}
	fc.grants.revokeFamily(g.family)
	return struct{}{}, nil
}
