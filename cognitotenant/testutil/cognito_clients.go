package testutil

import (
	"slices"
	"strings"
	"time"
)

type validityUnitsJSON struct {
	AccessToken  string `json:"AccessToken"`
	IDToken      string `json:"IdToken"`
	RefreshToken string `json:"RefreshToken"`
}

// tokenValidity is an app client's token lifetimes in Cognito's form: a
// number and a unit per token kind.
type tokenValidity struct {
	id, access, refresh int64
	units               validityUnitsJSON
}

// unitLength returns the length of a TokenValidityUnits value, or 0 for
// an unknown unit.
func unitLength(unit string) time.Duration {
	switch unit {
	case "seconds":
		return time.Second
	case "minutes":
		return time.Minute
	case "hours":
		return time.Hour
	case "days":
		return 24 * time.Hour
	}
	return 0
}

func (v tokenValidity) idTTL() time.Duration     { return ttl(v.id, v.units.IDToken) }
func (v tokenValidity) accessTTL() time.Duration { return ttl(v.access, v.units.AccessToken) }
func (v tokenValidity) refreshTTL() time.Duration {
	return ttl(v.refresh, v.units.RefreshToken)
}

func ttl(n int64, unit string) time.Duration { return time.Duration(n) * unitLength(unit) }

// newValidity applies Cognito's defaults (1 hour, 1 hour, 30 days) and
// limits (5 minutes to 1 day; 1 hour to 10 years for refresh tokens).
func newValidity(id, access, refresh int64, u *validityUnitsJSON) (tokenValidity, error) {
	v := tokenValidity{id: id, access: access, refresh: refresh,
		units: validityUnitsJSON{AccessToken: "hours", IDToken: "hours", RefreshToken: "days"}}
	if u != nil {
		v.units = validityUnitsJSON{AccessToken: or(u.AccessToken, "hours"),
			IDToken: or(u.IDToken, "hours"), RefreshToken: or(u.RefreshToken, "days")}
	}
	for _, unit := range []string{v.units.AccessToken, v.units.IDToken, v.units.RefreshToken} {
		if unitLength(unit) == 0 {
			return v, invalidParameter("Invalid TokenValidityUnits: " + unit)
		}
	}
	if v.id == 0 {
		v.id, v.units.IDToken = 60, "minutes"
	}
	if v.access == 0 {
		v.access, v.units.AccessToken = 60, "minutes"
	}
	if v.refresh == 0 {
		v.refresh, v.units.RefreshToken = 30, "days"
	}
	day := 24 * time.Hour
	if t := v.idTTL(); t < 5*time.Minute || t > day {
		return v, invalidParameter("IdTokenValidity must be between 5 minutes and 1 day.")
	}
	if t := v.accessTTL(); t < 5*time.Minute || t > day {
		return v, invalidParameter("AccessTokenValidity must be between 5 minutes and 1 day.")
	}
	if t := v.refreshTTL(); t < time.Hour || t > 3650*day {
		return v, invalidParameter("RefreshTokenValidity must be between 1 hour and 10 years.")
	}
	return v, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

type createClientInput struct {
	UserPoolID                 string `json:"UserPoolId"`
	ClientName                 string
	GenerateSecret             bool
	ReadAttributes             []string
	WriteAttributes            []string
	ExplicitAuthFlows          []string
	IDTokenValidity            int64 `json:"IdTokenValidity"`
	AccessTokenValidity        int64
	RefreshTokenValidity       int64
	TokenValidityUnits         *validityUnitsJSON
	PreventUserExistenceErrors string
	EnableTokenRevocation      *bool

	id string // fixed by SeedPool; random when empty
}

type clientJSON struct {
	UserPoolID                 string            `json:"UserPoolId"`
	ClientName                 string            `json:"ClientName"`
	ClientID                   string            `json:"ClientId"`
	ClientSecret               string            `json:"ClientSecret,omitempty"`
	CreationDate               epoch             `json:"CreationDate"`
	LastModifiedDate           epoch             `json:"LastModifiedDate"`
	ReadAttributes             []string          `json:"ReadAttributes,omitempty"`
	WriteAttributes            []string          `json:"WriteAttributes,omitempty"`
	ExplicitAuthFlows          []string          `json:"ExplicitAuthFlows"`
	IDTokenValidity            int64             `json:"IdTokenValidity"`
	AccessTokenValidity        int64             `json:"AccessTokenValidity"`
	RefreshTokenValidity       int64             `json:"RefreshTokenValidity"`
	TokenValidityUnits         validityUnitsJSON `json:"TokenValidityUnits"`
	PreventUserExistenceErrors string            `json:"PreventUserExistenceErrors"`
	EnableTokenRevocation      bool              `json:"EnableTokenRevocation"`
	AuthSessionValidity        int               `json:"AuthSessionValidity"`
}

var knownFlows = []string{
	"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH",
	"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH",
	"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH",
}

func (fc *FakeCognito) createUserPoolClient(_ string, in *createClientInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	c, err := fc.newClient(p, in)
	if err != nil {
		return nil, err
	}
	p.clients[c.id] = c
	return map[string]any{"UserPoolClient": c.toJSON(p.id)}, nil
}

// newClient validates a client definition against the pool. Callers
// hold fc.mu.
func (fc *FakeCognito) newClient(p *fakePool, in *createClientInput) (*fakeClient, error) {
	if in.ClientName == "" {
		return nil, invalidParameter("ClientName is required.")
	}
	for _, a := range in.ReadAttributes {
		if !p.known(a) {
			return nil, invalidParameter(
				"Invalid read attributes specified while creating a client")
		}
	}
	for _, a := range in.WriteAttributes {
		if !p.known(a) || a == "sub" {
			return nil, invalidParameter(
				"Invalid write attributes specified while creating a client")
		}
	}
	for _, f := range in.ExplicitAuthFlows {
		if !slices.Contains(knownFlows, f) {
			return nil, invalidParameter("Invalid explicit auth flow " + f)
		}
	}
	v, err := newValidity(in.IDTokenValidity, in.AccessTokenValidity,
		in.RefreshTokenValidity, in.TokenValidityUnits)
	if err != nil {
		return nil, err
	}
	now := fc.now()
	c := &fakeClient{
		id: or(in.id, randomID(26, lowerDigits)), name: in.ClientName,
		read: in.ReadAttributes, write: in.WriteAttributes, flows: in.ExplicitAuthFlows,
		validity: v, preventExistence: or(in.PreventUserExistenceErrors, "LEGACY"),
		revocation: in.EnableTokenRevocation == nil || *in.EnableTokenRevocation,
		created:    now, modified: now,
	}
	if c.flows == nil {
		c.flows = []string{"ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
	}
	if in.GenerateSecret {
		c.secret = randomID(51, lowerDigits)
	}
	return c, nil
}

// allows reports whether the client may use an InitiateAuth flow. The
// legacy names (without ALLOW_) imply refresh, as in Cognito.
func (c *fakeClient) allows(flow string) bool {
	if slices.Contains(c.flows, "ALLOW_"+flow) || slices.Contains(c.flows, flow) {
		return true
	}
	legacy := slices.ContainsFunc(c.flows, func(f string) bool {
		return !strings.HasPrefix(f, "ALLOW_")
	})
	return flow == "REFRESH_TOKEN_AUTH" && legacy
}

func (c *fakeClient) toJSON(poolID string) clientJSON {
	return clientJSON{
		UserPoolID: poolID, ClientName: c.name, ClientID: c.id, ClientSecret: c.secret,
		CreationDate: epoch(c.created), LastModifiedDate: epoch(c.modified),
		ReadAttributes: c.read, WriteAttributes: c.write, ExplicitAuthFlows: c.flows,
		IDTokenValidity: c.validity.id, AccessTokenValidity: c.validity.access,
		RefreshTokenValidity: c.validity.refresh, TokenValidityUnits: c.validity.units,
		PreventUserExistenceErrors: c.preventExistence,
		EnableTokenRevocation:      c.revocation, AuthSessionValidity: 3,
	}
}

type describeClientInput struct {
	UserPoolID string `json:"UserPoolId"`
	ClientID   string `json:"ClientId"`
}

func (fc *FakeCognito) describeUserPoolClient(_ string, in *describeClientInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	c, err := p.client(in.ClientID)
	if err != nil {
		return nil, err
	}
	return map[string]any{"UserPoolClient": c.toJSON(p.id)}, nil
}
