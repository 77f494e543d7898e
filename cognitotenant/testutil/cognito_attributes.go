package testutil

import (
	"slices"
	"strings"
)

// standardAttributes are the OpenID Connect attributes every pool has.
var standardAttributes = []string{
	"address", "birthdate", "email", "family_name", "gender", "given_name",
	"locale", "middle_name", "name", "nickname", "phone_number", "picture",
	"preferred_username", "profile", "updated_at", "website", "zoneinfo",
}

// verifiedAttributes are readable by default but written only by Cognito
// or an administrator.
var verifiedAttributes = []string{"email_verified", "phone_number_verified"}

func isStandard(name string) bool { return slices.Contains(standardAttributes, name) }

func isVerifiedFlag(name string) bool { return slices.Contains(verifiedAttributes, name) }

// known reports whether the pool's schema has the attribute.
func (p *fakePool) known(name string) bool {
	if name == "sub" || isStandard(name) || isVerifiedFlag(name) {
		return true
	}
	_, ok := p.custom[name]
	return ok
}

// canRead applies the app client's ReadAttributes. Without a list the
// client reads the standard attributes and the verified flags but no
// custom attribute (API Reference, UserPoolClientType.ReadAttributes).
func (c *fakeClient) canRead(name string) bool {
	if name == "sub" {
		return true
	}
	if c.read == nil {
		return isStandard(name) || isVerifiedFlag(name)
	}
	return slices.Contains(c.read, name)
}

// canWrite applies the app client's WriteAttributes. Without a list the
// client writes the standard attributes only; custom attributes must be
// granted, which is what keeps a user from changing their own tenant.
func (c *fakeClient) canWrite(name string) bool {
	if name == "sub" {
		return false
	}
	if c.write == nil {
		return isStandard(name)
	}
	return slices.Contains(c.write, name)
}

// checkAttributes refuses names outside the pool schema, values of
// immutable attributes after creation (creating false) and sub.
func (p *fakePool) checkAttributes(attrs []attributeJSON, creating bool) error {
	for _, a := range attrs {
		if a.Name == "sub" {
			return invalidParameter("Cannot modify the non-mutable attribute sub.")
		}
		if !p.known(a.Name) {
			return invalidParameter("Attributes did not conform to the schema: " +
				a.Name + ": Attribute does not exist in the schema.")
		}
		if ca, ok := p.custom[a.Name]; ok && !ca.mutable && !creating {
			return invalidParameter("Cannot modify the non-mutable attribute " + a.Name + ".")
		}
	}
	return nil
}

// setAttributes applies attrs to u; an empty value deletes, as Cognito.
func (u *fakeUser) setAttributes(attrs []attributeJSON) {
	for _, a := range attrs {
		if a.Value == "" {
			delete(u.attrs, a.Name)
			continue
		}
		u.attrs[a.Name] = a.Value
	}
}

// customName returns the full name of a custom attribute.
func customName(name string) string {
	if strings.HasPrefix(name, "custom:") {
		return name
	}
	return "custom:" + name
}
