package testutil

import (
	"errors"
	"time"
)

// ErrNewPasswordRequired is returned by SignIn for a user who must
// replace a temporary password; drive RespondToAuthChallenge through the
// SDK to complete such a sign-in.
var ErrNewPasswordRequired = errors.New("testutil: sign-in needs a new password")

// ErrNoURL is returned by SignIn on a fake that has no URL yet: tokens
// name their issuer by it.
var ErrNoURL = errors.New("testutil: fake cognito has no URL; start it first")

// Tokens are the tokens of one sign-in, as AuthenticationResult carries
// them.
type Tokens struct {
	IDToken      string
	AccessToken  string
	RefreshToken string
	// ExpiresIn is the access token's lifetime.
	ExpiresIn time.Duration
}

// SignIn signs a user in with USER_PASSWORD_AUTH, with every check
// InitiateAuth makes; it computes the SECRET_HASH itself. It saves a test
// the SDK round-trip when only the tokens matter. Failures are
// *CognitoError values, or ErrNewPasswordRequired or ErrNoURL.
func (fc *FakeCognito) SignIn(clientID, username, password string) (Tokens, error) {
	base := fc.URL()
	if base == "" {
		return Tokens{}, ErrNoURL
	}
	fc.mu.Lock()
	_, c, err := fc.clientOf(clientID)
	hash := ""
	if err == nil && c.secret != "" {
		hash = SecretHash(c.id, c.secret, username)
	}
	fc.mu.Unlock()
	if err != nil {
		return Tokens{}, err
	}
	out, err := fc.initiateAuth(base, &initiateAuthInput{
		AuthFlow: "USER_PASSWORD_AUTH", ClientID: clientID,
		AuthParameters: map[string]string{
			"USERNAME": username, "PASSWORD": password, "SECRET_HASH": hash,
		},
	})
	if err != nil {
		return Tokens{}, err
	}
	res, ok := out.(map[string]any)["AuthenticationResult"].(authResultJSON)
	if !ok {
		return Tokens{}, ErrNewPasswordRequired
	}
	return Tokens{IDToken: res.IDToken, AccessToken: res.AccessToken,
		RefreshToken: res.RefreshToken,
		ExpiresIn:    time.Duration(res.ExpiresIn) * time.Second}, nil
}
