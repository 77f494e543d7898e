package testutil

import "strings"

// maxCustomAttributes is Cognito's limit per pool.
const maxCustomAttributes = 50

type addCustomAttributesInput struct {
	UserPoolID       string `json:"UserPoolId"`
	CustomAttributes []schemaAttributeJSON
}

// addCustomAttributes extends the schema. Existing attributes cannot be
// redefined, as in Cognito, and no client gains access to the new ones.
func (fc *FakeCognito) addCustomAttributes(_ string, in *addCustomAttributesInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	if len(in.CustomAttributes) == 0 {
		return nil, invalidParameter("CustomAttributes must not be empty.")
	}
	added := map[string]customAttr{}
	for _, s := range in.CustomAttributes {
		name := customName(s.Name)
		if s.Name == "" || !alphanumericOrUnderscore(s.Name) {
			return nil, invalidParameter("Invalid custom attribute name " + s.Name + ".")
		}
		if _, dup := p.custom[name]; dup || added[name].name != "" {
			return nil, invalidParameter("Existing attribute already has name " + name + ".")
		}
		added[name] = newCustomAttr(s)
	}
	if len(p.custom)+len(added) > maxCustomAttributes {
		return nil, invalidParameter("a pool has at most 50 custom attributes")
	}
	for name, ca := range added {
		p.custom[name] = ca
	}
	p.modified = fc.now()
	return struct{}{}, nil
}

func newCustomAttr(s schemaAttributeJSON) customAttr {
	ca := customAttr{name: s.Name, dataType: or(s.AttributeDataType, "String"), mutable: true}
	if s.Mutable != nil {
		ca.mutable = *s.Mutable
	}
	return ca
}

func alphanumericOrUnderscore(s string) bool {
	for _, r := range s {
		if r != '_' && !strings.ContainsRune(mixedDigits, r) {
			return false
		}
	}
	return true
}

type updateClientInput struct {
	createClientInput
	ClientID string `json:"ClientId"`
}

// updateUserPoolClient replaces a client's settings. As in Cognito, a
// setting the request omits returns to its default rather than keeping
// its old value; the id, secret and creation date stay.
func (fc *FakeCognito) updateUserPoolClient(_ string, in *updateClientInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	old, err := p.client(in.ClientID)
	if err != nil {
		return nil, err
	}
	in.id, in.ClientName = old.id, or(in.ClientName, old.name)
	c, err := fc.newClient(p, &in.createClientInput)
	if err != nil {
		return nil, err
	}
	c.secret, c.created = old.secret, old.created
	p.clients[c.id] = c
	return map[string]any{"UserPoolClient": c.toJSON(p.id)}, nil
}
