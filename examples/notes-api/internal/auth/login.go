package auth

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// ChallengeNewPassword is the one challenge the service answers: a user
// created by an administrator must choose a password at first sign-in.
const ChallengeNewPassword = "NEW_PASSWORD_REQUIRED"

// Tokens are the tokens of one sign-in.
type Tokens struct {
	IDToken     string
	AccessToken string
	// RefreshToken is empty after a refresh: Cognito keeps the old one.
	RefreshToken string
	// ExpiresIn is the ID and access tokens' lifetime in seconds.
	ExpiresIn int32
	TokenType string
}

// Challenge is a step Cognito asks for before it issues tokens.
type Challenge struct {
	// Name is ChallengeNewPassword.
	Name string
	// Session is Cognito's opaque session, valid for a few minutes.
	Session string
	// Username is the pool's name for the user, which the answer and its
	// SECRET_HASH must use; it may differ from what the user typed.
	Username string
}

// Result is the outcome of a sign-in step: exactly one field is set.
type Result struct {
	Tokens    *Tokens
	Challenge *Challenge
}

// Login signs a user in with USER_PASSWORD_AUTH. A user who must set a new
// password gets a Challenge to answer with RespondNewPassword. Errors wrap
// the package's sentinels; ErrInvalidCredentials covers unknown users.
func (c *Client) Login(ctx context.Context, username, password string) (Result, error) {
	out, err := c.api.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeUserPasswordAuth,
		ClientId: aws.String(c.opts.ClientID),
		AuthParameters: c.withSecretHash(map[string]string{
			"USERNAME": username,
			"PASSWORD": password,
		}, username),
	})
	if err != nil {
		return Result{}, classify("login", err)
	}
	return c.result(out.AuthenticationResult, out.ChallengeName, out.Session,
		out.ChallengeParameters, username)
}

// RespondNewPassword answers ChallengeNewPassword with the user's chosen
// password, using the Username and Session of the Challenge.
func (c *Client) RespondNewPassword(ctx context.Context, username, session,
	newPassword string) (Result, error) {
	out, err := c.api.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
		ChallengeName: types.ChallengeNameTypeNewPasswordRequired,
		ClientId:      aws.String(c.opts.ClientID),
		Session:       aws.String(session),
		ChallengeResponses: c.withSecretHash(map[string]string{
			"USERNAME":     username,
			"NEW_PASSWORD": newPassword,
		}, username),
	})
	if err != nil {
		return Result{}, classify("challenge", err)
	}
	return c.result(out.AuthenticationResult, out.ChallengeName, out.Session,
		out.ChallengeParameters, username)
}

// Refresh exchanges a refresh token for new ID and access tokens. With a
// client secret, username must be the pool's username of the token's user
// (cognito:username), because Cognito computes SECRET_HASH over it.
func (c *Client) Refresh(ctx context.Context, refreshToken, username string) (Tokens, error) {
	if c.opts.ClientSecret != "" && username == "" {
		return Tokens{}, fmt.Errorf("refresh: %w: username is required", ErrInvalidInput)
	}
	out, err := c.api.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeRefreshTokenAuth,
		ClientId: aws.String(c.opts.ClientID),
		AuthParameters: c.withSecretHash(map[string]string{
			"REFRESH_TOKEN": refreshToken,
		}, username),
	})
	if err != nil {
		return Tokens{}, classify("refresh", err)
	}
	if out.AuthenticationResult == nil {
		return Tokens{}, fmt.Errorf("refresh: %w: no tokens", ErrProvider)
	}
	return tokens(out.AuthenticationResult), nil
}

func (c *Client) result(ar *types.AuthenticationResultType, name types.ChallengeNameType,
	session *string, params map[string]string, username string) (Result, error) {
	if ar != nil {
		t := tokens(ar)
		return Result{Tokens: &t}, nil
	}
	if name != types.ChallengeNameTypeNewPasswordRequired {
		return Result{}, fmt.Errorf("%w: %s", ErrUnsupportedChallenge, name)
	}
	if id := params["USER_ID_FOR_SRP"]; id != "" {
		username = id
	}
	return Result{Challenge: &Challenge{
		Name:     ChallengeNewPassword,
		Session:  aws.ToString(session),
		Username: username,
	}}, nil
}

func tokens(ar *types.AuthenticationResultType) Tokens {
	return Tokens{
		IDToken:      aws.ToString(ar.IdToken),
		AccessToken:  aws.ToString(ar.AccessToken),
		RefreshToken: aws.ToString(ar.RefreshToken),
		ExpiresIn:    ar.ExpiresIn,
		TokenType:    aws.ToString(ar.TokenType),
	}
}
