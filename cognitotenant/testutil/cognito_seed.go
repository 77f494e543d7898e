package testutil

import (
	"fmt"
	"strings"
	"time"
)

// PoolSpec describes a pool, its app client and its groups for SeedPool.
// The zero value is a pool with a custom:tenant_id attribute and a
// public client that reads every attribute but writes only the standard
// ones, the setup AWS recommends for attribute-based tenancy.
type PoolSpec struct {
	// PoolID fixes the pool id, for an app whose configuration names it;
	// it must be <region>_<letters and digits> in the fake's region.
	// Random, as Cognito's, when empty.
	PoolID string
	// ClientID fixes the app client id (letters and digits, unique in
	// the fake); random when empty.
	ClientID string
	// Name is the pool name; "test-pool" when empty.
	Name string
	// CustomAttributes are the custom attribute names, without the
	// custom: prefix; ["tenant_id"] when nil. All are mutable strings.
	CustomAttributes []string
	// PasswordPolicy replaces DefaultPasswordPolicy when set.
	PasswordPolicy *PasswordPolicy
	// ClientName names the app client; "test-client" when empty.
	ClientName string
	// GenerateSecret gives the client a secret, so every sign-in needs
	// a SECRET_HASH.
	GenerateSecret bool
	// ReadAttributes is the client's read list; nil means the standard
	// attributes, the verified flags and every custom attribute.
	ReadAttributes []string
	// WriteAttributes is the client's write list; nil leaves Cognito's
	// default, the standard attributes only, so users cannot change
	// their tenant.
	WriteAttributes []string
	// AuthFlows are the client's ExplicitAuthFlows; nil means
	// ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH and
	// ALLOW_REFRESH_TOKEN_AUTH.
	AuthFlows []string
	// IDTokenLifetime, AccessTokenLifetime and RefreshTokenLifetime are
	// the client's token lifetimes, whole minutes; zero means Cognito's
	// defaults (1 hour, 1 hour, 30 days).
	IDTokenLifetime, AccessTokenLifetime, RefreshTokenLifetime time.Duration
	// Groups are created in the pool.
	Groups []string
}

// SeededPool names what SeedPool created.
type SeededPool struct {
	Region   string
	PoolID   string
	ClientID string
	// ClientSecret is empty unless PoolSpec.GenerateSecret was set.
	ClientSecret string
}

// SecretHash returns the SECRET_HASH for username with this pool's
// client, or "" when the client has no secret.
func (p SeededPool) SecretHash(username string) string {
	if p.ClientSecret == "" {
		return ""
	}
	return SecretHash(p.ClientID, p.ClientSecret, username)
}

// SeedPool creates a pool, one app client and groups in one call, by the
// same rules as the API. It returns a *CognitoError for an invalid spec.
func (fc *FakeCognito) SeedPool(spec PoolSpec) (SeededPool, error) {
	customs := spec.CustomAttributes
	if customs == nil {
		customs = []string{"tenant_id"}
	}
	if err := fc.checkFixedIDs(spec); err != nil {
		return SeededPool{}, err
	}
	in := &createUserPoolInput{PoolName: or(spec.Name, "test-pool"), id: spec.PoolID}
	if spec.PasswordPolicy != nil {
		in.Policies = &policiesJSON{PasswordPolicy: spec.PasswordPolicy}
	}
	read := spec.ReadAttributes
	if read == nil {
		read = append(append([]string{}, standardAttributes...), verifiedAttributes...)
	}
	for _, name := range customs {
		in.Schema = append(in.Schema, schemaAttributeJSON{Name: name,
			AttributeDataType: "String", Mutable: ptr(true)})
		if spec.ReadAttributes == nil {
			read = append(read, customName(name))
		}
	}
	p, err := fc.newPool(in)
	if err != nil {
		return SeededPool{}, err
	}
	cin := &createClientInput{
		id:         spec.ClientID,
		ClientName: or(spec.ClientName, "test-client"), GenerateSecret: spec.GenerateSecret,
		ReadAttributes: read, WriteAttributes: spec.WriteAttributes,
		ExplicitAuthFlows:    spec.AuthFlows,
		IDTokenValidity:      minutes(spec.IDTokenLifetime),
		AccessTokenValidity:  minutes(spec.AccessTokenLifetime),
		RefreshTokenValidity: minutes(spec.RefreshTokenLifetime),
		TokenValidityUnits: &validityUnitsJSON{AccessToken: "minutes", IDToken: "minutes",
			RefreshToken: "minutes"},
	}
	if cin.ExplicitAuthFlows == nil {
		cin.ExplicitAuthFlows = []string{"ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
			"ALLOW_REFRESH_TOKEN_AUTH"}
	}
	return fc.storeSeededPool(p, cin, spec.Groups)
}

// checkFixedIDs validates the ids a spec fixes before keys are made.
func (fc *FakeCognito) checkFixedIDs(spec PoolSpec) error {
	suffix, ok := strings.CutPrefix(spec.PoolID, fc.region+"_")
	if spec.PoolID != "" && (!ok || !alphanumeric(suffix)) {
		return invalidParameter("PoolID must be " + fc.region + "_ and letters or digits")
	}
	if spec.ClientID != "" && !alphanumeric(spec.ClientID) {
		return invalidParameter("ClientID must be letters or digits")
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	return fc.checkUnused(spec.PoolID, spec.ClientID)
}

// checkUnused refuses a pool or client id already taken. Callers hold
// fc.mu.
func (fc *FakeCognito) checkUnused(poolID, clientID string) error {
	if _, taken := fc.pools[poolID]; taken {
		return invalidParameter("user pool " + poolID + " already exists")
	}
	if _, _, err := fc.clientOf(clientID); clientID != "" && err == nil {
		return invalidParameter("app client " + clientID + " already exists")
	}
	return nil
}

func alphanumeric(s string) bool {
	return s != "" && strings.Trim(s, mixedDigits) == ""
}

func minutes(d time.Duration) int64 { return int64(d / time.Minute) }

func (fc *FakeCognito) storeSeededPool(p *fakePool, cin *createClientInput,
	groups []string) (SeededPool, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if err := fc.checkUnused(p.id, cin.id); err != nil {
		return SeededPool{}, err
	}
	c, err := fc.newClient(p, cin)
	if err != nil {
		return SeededPool{}, err
	}
	p.clients[c.id] = c
	now := fc.now()
	for _, g := range groups {
		p.groups[g] = &fakeGroup{name: g, created: now, modified: now}
	}
	fc.pools[p.id] = p
	return SeededPool{Region: fc.region, PoolID: p.id, ClientID: c.id,
		ClientSecret: c.secret}, nil
}

// SeedUserSpec describes a user for SeedUser.
type SeedUserSpec struct {
	// Username is required.
	Username string
	// Password must meet the pool's policy.
	Password string
	// MustChangePassword leaves the user in FORCE_CHANGE_PASSWORD with
	// Password as the temporary password, as after AdminCreateUser.
	MustChangePassword bool
	// Email sets email, verified.
	Email string
	// TenantID sets custom:tenant_id; the pool must have the attribute.
	TenantID string
	// Groups are joined, and created when the pool lacks them.
	Groups []string
	// Attributes sets further attributes by full name ("custom:plan").
	Attributes map[string]string
	// Sub fixes the user's sub; a random UUID when empty.
	Sub string
	// Disabled creates the user disabled: every sign-in is refused.
	Disabled bool
}

// SeededUser names what SeedUser created.
type SeededUser struct {
	Username string
	Sub      string
}

// SeedUser creates a confirmed user with tenant, groups and attributes in
// one call, by the API's rules: it returns a *CognitoError for an unknown
// pool, a taken username, an attribute outside the schema or a password
// the policy refuses.
func (fc *FakeCognito) SeedUser(poolID string, spec SeedUserSpec) (SeededUser, error) {
	attrs := []attributeJSON{}
	if spec.Email != "" {
		attrs = append(attrs, attributeJSON{"email", spec.Email},
			attributeJSON{"email_verified", "true"})
	}
	if spec.TenantID != "" {
		attrs = append(attrs, attributeJSON{TenantClaim, spec.TenantID})
	}
	for k, v := range spec.Attributes {
		attrs = append(attrs, attributeJSON{k, v})
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(poolID)
	if err != nil {
		return SeededUser{}, err
	}
	if err := fc.checkSeedUser(p, spec, attrs); err != nil {
		return SeededUser{}, err
	}
	u := fc.addUser(p, spec.Username, spec.Sub, attrs)
	u.password, u.status, u.enabled = spec.Password, statusConfirmed, !spec.Disabled
	if spec.MustChangePassword {
		u.status = statusForceChange
	}
	now := fc.now()
	for _, g := range spec.Groups {
		if _, ok := p.groups[g]; !ok {
			p.groups[g] = &fakeGroup{name: g, created: now, modified: now}
		}
		u.groups[g] = true
	}
	return SeededUser{Username: u.username, Sub: u.sub}, nil
}

func (fc *FakeCognito) checkSeedUser(p *fakePool, spec SeedUserSpec, attrs []attributeJSON) error {
	if spec.Username == "" {
		return invalidParameter("Username is required.")
	}
	if _, dup := p.users[spec.Username]; dup {
		return cognitoErr("UsernameExistsException", "User account already exists")
	}
	if err := p.checkAttributes(attrs, true); err != nil {
		return err
	}
	return p.policy.check(spec.Password)
}

// RotateKeys replaces the pool's two signing keys and keeps the old
// public keys in its JWKS, as during a real rotation: tokens issued
// afterwards carry new kids, earlier ones still verify.
func (fc *FakeCognito) RotateKeys(poolID string) error {
	return fc.rotate(poolID, true)
}

// ReplaceKeys replaces the pool's signing keys and drops the old ones
// from its JWKS, so tokens signed before stop verifying.
func (fc *FakeCognito) ReplaceKeys(poolID string) error {
	return fc.rotate(poolID, false)
}

func (fc *FakeCognito) rotate(poolID string, keepOld bool) error {
	fc.mu.Lock()
	p, err := fc.pool(poolID)
	fc.mu.Unlock()
	if err != nil {
		return err
	}
	if err := p.keys.Rotate(keepOld); err != nil {
		return fmt.Errorf("testutil: rotate keys of %s: %w", poolID, err)
	}
	return nil
}
