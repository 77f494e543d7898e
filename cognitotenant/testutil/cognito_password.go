package testutil

import (
	"strings"
	"unicode"
)

// PasswordPolicy is a pool's password policy, with Cognito's field names
// and wire form. The zero value of MinimumLength and
// TemporaryPasswordValidityDays means Cognito's defaults, 8 and 7.
type PasswordPolicy struct {
	MinimumLength                 int  `json:"MinimumLength,omitempty"`
	RequireUppercase              bool `json:"RequireUppercase"`
	RequireLowercase              bool `json:"RequireLowercase"`
	RequireNumbers                bool `json:"RequireNumbers"`
	RequireSymbols                bool `json:"RequireSymbols"`
	TemporaryPasswordValidityDays int  `json:"TemporaryPasswordValidityDays,omitempty"`
}

// DefaultPasswordPolicy returns the policy Cognito gives a pool created
// without one: at least 8 characters with upper and lower case letters,
// a number and a symbol; temporary passwords valid for 7 days.
func DefaultPasswordPolicy() PasswordPolicy {
	return PasswordPolicy{
		MinimumLength: 8, RequireUppercase: true, RequireLowercase: true,
		RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7,
	}
}

func (pp PasswordPolicy) withDefaults() PasswordPolicy {
	if pp.MinimumLength == 0 {
		pp.MinimumLength = 8
	}
	if pp.TemporaryPasswordValidityDays == 0 {
		pp.TemporaryPasswordValidityDays = 7
	}
	return pp
}

// cognitoSymbols are the characters Cognito counts as symbols.
const cognitoSymbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- "

// check returns InvalidPasswordException with Cognito's wording for the
// first rule pw breaks.
func (pp PasswordPolicy) check(pw string) error {
	var upper, lower, digit, symbol bool
	for _, r := range pw {
		switch {
		case r < unicode.MaxASCII && unicode.IsUpper(r):
			upper = true
		case r < unicode.MaxASCII && unicode.IsLower(r):
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune(cognitoSymbols, r):
			symbol = true
		}
	}
	switch {
	case len([]rune(pw)) < pp.MinimumLength:
		return invalidPassword("Password not long enough")
	case pp.RequireLowercase && !lower:
		return invalidPassword("Password must have lowercase characters")
	case pp.RequireUppercase && !upper:
		return invalidPassword("Password must have uppercase characters")
	case pp.RequireNumbers && !digit:
		return invalidPassword("Password must have numeric characters")
	case pp.RequireSymbols && !symbol:
		return invalidPassword("Password must have symbol characters")
	}
	return nil
}

// temporaryPassword returns a random password that meets any policy of
// up to 99 characters, for AdminCreateUser without TemporaryPassword.
func (pp PasswordPolicy) temporaryPassword() string {
	n := max(pp.MinimumLength, 12)
	return "Aa1!" + randomID(n-4, mixedDigits)
}
