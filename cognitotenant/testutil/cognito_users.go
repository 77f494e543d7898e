package testutil

type adminCreateUserInput struct {
	UserPoolID        string `json:"UserPoolId"`
	Username          string
	UserAttributes    []attributeJSON
	TemporaryPassword string
	MessageAction     string
}

// adminCreateUser creates a user in FORCE_CHANGE_PASSWORD. The fake sends
// no messages, so MessageAction only matters for RESEND, which requires
// the user to exist.
func (fc *FakeCognito) adminCreateUser(_ string, in *adminCreateUserInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	if in.Username == "" {
		return nil, invalidParameter("Username is required.")
	}
	if existing, ok := p.users[in.Username]; ok {
		if in.MessageAction == "RESEND" {
			return map[string]any{"User": existing.toJSON()}, nil
		}
		return nil, cognitoErr("UsernameExistsException", "User account already exists")
	}
	if in.MessageAction == "RESEND" {
		return nil, userNotFound()
	}
	if err := p.checkAttributes(in.UserAttributes, true); err != nil {
		return nil, err
	}
	pw := in.TemporaryPassword
	if pw == "" {
		pw = p.policy.temporaryPassword()
	} else if err := p.policy.check(pw); err != nil {
		return nil, err
	}
	u := fc.addUser(p, in.Username, "", in.UserAttributes)
	u.password, u.status = pw, statusForceChange
	return map[string]any{"User": u.toJSON()}, nil
}

// addUser stores a new enabled user with a fresh sub (or the given one).
// Callers hold fc.mu and have checked the attributes.
func (fc *FakeCognito) addUser(p *fakePool, name, sub string, attrs []attributeJSON) *fakeUser {
	if sub == "" {
		sub = NewUUID()
	}
	now := fc.now()
	u := &fakeUser{username: name, sub: sub, enabled: true,
		attrs: map[string]string{}, groups: map[string]bool{},
		created: now, modified: now, passwordSetAt: now}
	u.setAttributes(attrs)
	u.attrs["sub"] = sub
	p.users[name] = u
	return u
}

type adminSetPasswordInput struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string
	Password   string
	Permanent  bool
}

func (fc *FakeCognito) adminSetUserPassword(_ string, in *adminSetPasswordInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	u, p, err := fc.poolUser(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	if err := p.policy.check(in.Password); err != nil {
		return nil, err
	}
	u.password, u.passwordSetAt, u.modified = in.Password, fc.now(), fc.now()
	u.status = statusForceChange
	if in.Permanent {
		u.status = statusConfirmed
	}
	return struct{}{}, nil
}

// poolUser looks up a pool and one of its users. Callers hold fc.mu.
func (fc *FakeCognito) poolUser(poolID, username string) (*fakeUser, *fakePool, error) {
	p, err := fc.pool(poolID)
	if err != nil {
		return nil, nil, err
	}
	u, err := p.user(username)
	return u, p, err
}

type poolUserInput struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string
}

func (fc *FakeCognito) adminGetUser(_ string, in *poolUserInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	u, _, err := fc.poolUser(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	j := u.toJSON()
	return map[string]any{
		"Username": j.Username, "UserAttributes": j.Attributes, "Enabled": j.Enabled,
		"UserStatus": j.UserStatus, "UserCreateDate": j.UserCreateDate,
		"UserLastModifiedDate": j.UserLastModifiedDate,
	}, nil
}

// adminDeleteUser removes the user; tokens already issued stay valid
// for verifiers, but the fake refuses them for GetUser and refresh.
func (fc *FakeCognito) adminDeleteUser(_ string, in *poolUserInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	u, p, err := fc.poolUser(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	delete(p.users, u.username)
	fc.grants.revokeUser(p.id, u.username)
	return struct{}{}, nil
}

func (fc *FakeCognito) adminDisableUser(_ string, in *poolUserInput) (any, error) {
	return fc.setEnabled(in, false)
}

func (fc *FakeCognito) adminEnableUser(_ string, in *poolUserInput) (any, error) {
	return fc.setEnabled(in, true)
}

func (fc *FakeCognito) setEnabled(in *poolUserInput, enabled bool) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	u, _, err := fc.poolUser(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	u.enabled, u.modified = enabled, fc.now()
	return struct{}{}, nil
}

type adminUpdateAttributesInput struct {
	UserPoolID     string `json:"UserPoolId"`
	Username       string
	UserAttributes []attributeJSON
}

// adminUpdateUserAttributes is how an administrator moves a user between
// tenants: app-client write permissions do not apply to it.
func (fc *FakeCognito) adminUpdateUserAttributes(_ string,
	in *adminUpdateAttributesInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	u, p, err := fc.poolUser(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	if err := p.checkAttributes(in.UserAttributes, false); err != nil {
		return nil, err
	}
	u.setAttributes(in.UserAttributes)
	u.modified = fc.now()
	return struct{}{}, nil
}
