// Package auth signs users in to a Cognito user pool and manages the users
// of one tenant, through aws-sdk-go-v2's Cognito identity provider client.
//
// The package never verifies tokens: it hands Cognito's tokens to the
// caller, who presents them to the service, where cognitotenant verifies
// them like any other.
package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// DefaultTenantAttribute is the user attribute that holds a user's tenant.
const DefaultTenantAttribute = "custom:tenant_id"

// API is the part of the Cognito identity provider client the package uses;
// *cognitoidentityprovider.Client implements it.
type API interface {
	InitiateAuth(context.Context, *cip.InitiateAuthInput,
		...func(*cip.Options)) (*cip.InitiateAuthOutput, error)
	RespondToAuthChallenge(context.Context, *cip.RespondToAuthChallengeInput,
		...func(*cip.Options)) (*cip.RespondToAuthChallengeOutput, error)
	AdminCreateUser(context.Context, *cip.AdminCreateUserInput,
		...func(*cip.Options)) (*cip.AdminCreateUserOutput, error)
	AdminSetUserPassword(context.Context, *cip.AdminSetUserPasswordInput,
		...func(*cip.Options)) (*cip.AdminSetUserPasswordOutput, error)
	AdminAddUserToGroup(context.Context, *cip.AdminAddUserToGroupInput,
		...func(*cip.Options)) (*cip.AdminAddUserToGroupOutput, error)
	AdminDeleteUser(context.Context, *cip.AdminDeleteUserInput,
		...func(*cip.Options)) (*cip.AdminDeleteUserOutput, error)
	AdminListGroupsForUser(context.Context, *cip.AdminListGroupsForUserInput,
		...func(*cip.Options)) (*cip.AdminListGroupsForUserOutput, error)
	ListUsers(context.Context, *cip.ListUsersInput,
		...func(*cip.Options)) (*cip.ListUsersOutput, error)
}

// Options names the user pool and app client the Client works with.
type Options struct {
	UserPoolID string
	ClientID   string
	// ClientSecret, when set, makes the Client send SECRET_HASH on every
	// call that Cognito requires it for.
	ClientSecret string
	// TenantAttribute defaults to DefaultTenantAttribute.
	TenantAttribute string
}

// Client signs users in and manages users. It holds no per-request state
// and is safe for concurrent use.
type Client struct {
	api  API
	opts Options
}

// ErrConfig reports Options that cannot work.
var ErrConfig = errors.New("auth: invalid configuration")

// New returns a Client over api. It fails with ErrConfig when the pool or
// client id is missing.
func New(api API, opts Options) (*Client, error) {
	if api == nil || opts.UserPoolID == "" || opts.ClientID == "" {
		return nil, ErrConfig
	}
	if opts.TenantAttribute == "" {
		opts.TenantAttribute = DefaultTenantAttribute
	}
	return &Client{api: api, opts: opts}, nil
}

// secretHash returns the SECRET_HASH Cognito expects from a client with a
// secret, Base64(HMAC-SHA256(secret, username + clientID)), and "" when the
// client has none, in which case Cognito refuses the parameter.
func (c *Client) secretHash(username string) string {
	if c.opts.ClientSecret == "" {
		return ""
	}
	mac := hmac.New(sha256.New, []byte(c.opts.ClientSecret))
	mac.Write([]byte(username + c.opts.ClientID))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// withSecretHash adds SECRET_HASH to params when the client has a secret.
func (c *Client) withSecretHash(params map[string]string, username string) map[string]string {
	if h := c.secretHash(username); h != "" {
		params["SECRET_HASH"] = h
	}
	return params
}
