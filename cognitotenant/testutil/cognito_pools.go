package testutil

import (
	"fmt"
	"maps"
	"slices"
)

type schemaAttributeJSON struct {
	Name              string `json:"Name"`
	AttributeDataType string `json:"AttributeDataType,omitempty"`
	Mutable           *bool  `json:"Mutable,omitempty"`
	Required          *bool  `json:"Required,omitempty"`
}

type policiesJSON struct {
	PasswordPolicy *PasswordPolicy `json:"PasswordPolicy,omitempty"`
}

type createUserPoolInput struct {
	PoolName           string
	Policies           *policiesJSON
	Schema             []schemaAttributeJSON
	UsernameAttributes []string

	id string // fixed by SeedPool; random when empty
}

type userPoolJSON struct {
	ID                     string                `json:"Id"`
	Name                   string                `json:"Name"`
	Arn                    string                `json:"Arn"`
	CreationDate           epoch                 `json:"CreationDate"`
	LastModifiedDate       epoch                 `json:"LastModifiedDate"`
	Policies               policiesJSON          `json:"Policies"`
	SchemaAttributes       []schemaAttributeJSON `json:"SchemaAttributes"`
	EstimatedNumberOfUsers int                   `json:"EstimatedNumberOfUsers"`
	MfaConfiguration       string                `json:"MfaConfiguration"`
}

func (fc *FakeCognito) createUserPool(_ string, in *createUserPoolInput) (any, error) {
	if in.PoolName == "" {
		return nil, invalidParameter("PoolName is required.")
	}
	// TODO(testutil): UsernameAttributes (email or phone as username) is
	// not modelled; refusing beats silently signing users in differently.
	if len(in.UsernameAttributes) > 0 {
		return nil, invalidParameter("the fake does not support UsernameAttributes")
	}
	p, err := fc.newPool(in)
	if err != nil {
		return nil, err
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if _, dup := fc.pools[p.id]; dup {
		return nil, cognitoErr("InternalErrorException", "pool id collision")
	}
	fc.pools[p.id] = p
	return map[string]any{"UserPool": fc.poolJSON(p)}, nil
}

// newPool builds a pool with fresh keys; key generation runs unlocked.
func (fc *FakeCognito) newPool(in *createUserPoolInput) (*fakePool, error) {
	now := fc.now()
	p := &fakePool{
		id: or(in.id, fc.region+"_"+randomID(poolIDSuffix, mixedDigits)), name: in.PoolName,
		created: now, modified: now, policy: DefaultPasswordPolicy(),
		custom:  map[string]customAttr{},
		clients: map[string]*fakeClient{}, groups: map[string]*fakeGroup{},
		users: map[string]*fakeUser{},
	}
	if in.Policies != nil && in.Policies.PasswordPolicy != nil {
		p.policy = in.Policies.PasswordPolicy.withDefaults()
	}
	for _, s := range in.Schema {
		if isStandard(s.Name) || isVerifiedFlag(s.Name) || s.Name == "sub" {
			continue
		}
		if s.Name == "" {
			return nil, invalidParameter("schema attribute name is required")
		}
		p.custom[customName(s.Name)] = newCustomAttr(s)
	}
	keys, err := NewIssuer(WithUserPool(fc.region, p.id), WithKeyBits(fc.keyBits),
		WithClock(fc.now))
	if err != nil {
		return nil, fmt.Errorf("testutil: pool keys: %w", err)
	}
	p.keys = keys
	return p, nil
}

func (fc *FakeCognito) poolJSON(p *fakePool) userPoolJSON {
	schema := []schemaAttributeJSON{}
	for _, n := range append([]string{"sub"}, standardAttributes...) {
		schema = append(schema, schemaAttributeJSON{Name: n, AttributeDataType: "String",
			Mutable: ptr(n != "sub"), Required: ptr(n == "sub")})
	}
	for _, n := range verifiedAttributes {
		schema = append(schema, schemaAttributeJSON{Name: n, AttributeDataType: "Boolean",
			Mutable: ptr(true), Required: ptr(false)})
	}
	for _, n := range slices.Sorted(maps.Keys(p.custom)) {
		ca := p.custom[n]
		schema = append(schema, schemaAttributeJSON{Name: n, AttributeDataType: ca.dataType,
			Mutable: ptr(ca.mutable), Required: ptr(false)})
	}
	policy := p.policy
	return userPoolJSON{
		ID: p.id, Name: p.name,
		Arn: fmt.Sprintf("arn:aws:cognito-idp:%s:%s:userpool/%s",
			fc.region, fc.account, p.id),
		CreationDate: epoch(p.created), LastModifiedDate: epoch(p.modified),
		Policies: policiesJSON{PasswordPolicy: &policy}, SchemaAttributes: schema,
		EstimatedNumberOfUsers: len(p.users), MfaConfiguration: "OFF",
	}
}

type poolIDInput struct {
	UserPoolID string `json:"UserPoolId"`
}

func (fc *FakeCognito) describeUserPool(_ string, in *poolIDInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	return map[string]any{"UserPool": fc.poolJSON(p)}, nil
}

type createGroupInput struct {
	UserPoolID  string `json:"UserPoolId"`
	GroupName   string
	Description string
	RoleArn     string
	Precedence  *int32
}

func (fc *FakeCognito) createGroup(_ string, in *createGroupInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	if in.GroupName == "" {
		return nil, invalidParameter("GroupName is required.")
	}
	if _, dup := p.groups[in.GroupName]; dup {
		return nil, cognitoErr("GroupExistsException", "A group with the name already exists.")
	}
	now := fc.now()
	g := &fakeGroup{name: in.GroupName, description: in.Description, roleARN: in.RoleArn,
		precedence: in.Precedence, created: now, modified: now}
	p.groups[g.name] = g
	return map[string]any{"Group": g.toJSON(p.id)}, nil
}

func ptr[T any](v T) *T { return &v }
