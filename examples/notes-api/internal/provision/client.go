package provision

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// authFlows are the sign-in flows the notes service uses: InitiateAuth with
// USER_PASSWORD_AUTH, and REFRESH_TOKEN_AUTH for its refresh endpoint.
var authFlows = []types.ExplicitAuthFlowsType{
	types.ExplicitAuthFlowsTypeAllowUserPasswordAuth,
	types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth,
}

// readAttrs lists what the client's tokens and GetUser may show. The tenant
// must be among them, or ID tokens come without it.
func (c Config) readAttrs() []string {
	return []string{"email", "email_verified", c.tenantClaim()}
}

// writeAttrs lists what users may change about themselves with their own
// access token. The tenant is never among them: a user who can write it
// moves into any tenant at the next refresh.
func (c Config) writeAttrs() []string { return []string{"email"} }

// ensureClient finds the app client by name, creates it if absent, and
// repairs its flows and attribute permissions if they drifted.
func (p *provisioner) ensureClient(ctx context.Context) error {
	clients, err := listClients(ctx, p.api, p.res.UserPoolID)
	if err != nil {
		return err
	}
	var ids []string
	for _, c := range clients {
		if aws.ToString(c.ClientName) == p.cfg.ClientName {
			ids = append(ids, aws.ToString(c.ClientId))
		}
	}
	switch len(ids) {
	case 0:
		return p.createClient(ctx)
	case 1:
		return p.repairClient(ctx, ids[0])
	default:
		return fmt.Errorf("%w: app clients %v are all called %q",
			ErrAmbiguous, ids, p.cfg.ClientName)
	}
}

func (p *provisioner) createClient(ctx context.Context) error {
	out, err := p.api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId:                 aws.String(p.res.UserPoolID),
		ClientName:                 aws.String(p.cfg.ClientName),
		GenerateSecret:             p.cfg.ClientSecret,
		ExplicitAuthFlows:          authFlows,
		ReadAttributes:             p.cfg.readAttrs(),
		WriteAttributes:            p.cfg.writeAttrs(),
		EnableTokenRevocation:      aws.Bool(true),
		PreventUserExistenceErrors: types.PreventUserExistenceErrorTypesEnabled,
	})
	if err != nil {
		return fmt.Errorf("provision: create app client %q: %w", p.cfg.ClientName, err)
	}
	c := out.UserPoolClient
	p.res.ClientID = aws.ToString(c.ClientId)
	p.res.ClientSecret = aws.ToString(c.ClientSecret)
	p.changed("created app client %s (%s)", p.cfg.ClientName, p.res.ClientID)
	return nil
}

// repairClient brings an existing client's flows and attribute permissions
// to what the service needs, keeping every other setting.
func (p *provisioner) repairClient(ctx context.Context, id string) error {
	c, err := describeClient(ctx, p.api, p.res.UserPoolID, id)
	if err != nil {
		return err
	}
	p.res.ClientID = id
	p.res.ClientSecret = aws.ToString(c.ClientSecret)

	flows := union(c.ExplicitAuthFlows, authFlows)
	read := union(c.ReadAttributes, p.cfg.readAttrs())
	// An empty list means Cognito's default, which never includes custom
	// attributes, so removing the tenant may leave it empty.
	write := slices.DeleteFunc(slices.Clone(c.WriteAttributes),
		func(a string) bool { return a == p.cfg.tenantClaim() })
	if len(flows) == len(c.ExplicitAuthFlows) && len(read) == len(c.ReadAttributes) &&
		len(write) == len(c.WriteAttributes) {
		p.found("app client", p.cfg.ClientName)
		return nil
	}

	in := updateInput(c)
	// Emulators may leave the ids out of a description.
	in.UserPoolId, in.ClientId = aws.String(p.res.UserPoolID), aws.String(id)
	in.ExplicitAuthFlows, in.ReadAttributes, in.WriteAttributes = flows, read, write
	if _, err := p.api.UpdateUserPoolClient(ctx, in); err != nil {
		return fmt.Errorf("provision: repair app client %s: %w", id, err)
	}
	p.changed("repaired app client %s (%s): flows %v, read %v, write %v",
		p.cfg.ClientName, id, flows, read, write)
	return nil
}

// updateInput copies every setting of c, because UpdateUserPoolClient
// resets whatever the request leaves out to its default.
func updateInput(c *types.UserPoolClientType) *cip.UpdateUserPoolClientInput {
	return &cip.UpdateUserPoolClientInput{
		UserPoolId:                      c.UserPoolId,
		ClientId:                        c.ClientId,
		ClientName:                      c.ClientName,
		AccessTokenValidity:             c.AccessTokenValidity,
		IdTokenValidity:                 c.IdTokenValidity,
		RefreshTokenValidity:            c.RefreshTokenValidity,
		TokenValidityUnits:              c.TokenValidityUnits,
		AuthSessionValidity:             c.AuthSessionValidity,
		AllowedOAuthFlows:               c.AllowedOAuthFlows,
		AllowedOAuthFlowsUserPoolClient: aws.ToBool(c.AllowedOAuthFlowsUserPoolClient),
		AllowedOAuthScopes:              c.AllowedOAuthScopes,
		AnalyticsConfiguration:          c.AnalyticsConfiguration,
		CallbackURLs:                    c.CallbackURLs,
		LogoutURLs:                      c.LogoutURLs,
		DefaultRedirectURI:              c.DefaultRedirectURI,
		SupportedIdentityProviders:      c.SupportedIdentityProviders,
		EnableTokenRevocation:           c.EnableTokenRevocation,
		PreventUserExistenceErrors:      c.PreventUserExistenceErrors,
		RefreshTokenRotation:            c.RefreshTokenRotation,
		ExplicitAuthFlows:               c.ExplicitAuthFlows,
		ReadAttributes:                  c.ReadAttributes,
		WriteAttributes:                 c.WriteAttributes,

		EnablePropagateAdditionalUserContextData: c.EnablePropagateAdditionalUserContextData,
	}
}

// listClients returns every app client of the pool.
func listClients(ctx context.Context, api API, poolID string) (
	[]types.UserPoolClientDescription, error) {
	var all []types.UserPoolClientDescription
	pages := cip.NewListUserPoolClientsPaginator(api, &cip.ListUserPoolClientsInput{
		UserPoolId: aws.String(poolID),
		MaxResults: aws.Int32(60),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("provision: list app clients of %s: %w", poolID, err)
		}
		all = append(all, page.UserPoolClients...)
	}
	return all, nil
}

func describeClient(ctx context.Context, api API, poolID, id string) (
	*types.UserPoolClientType, error) {
	out, err := api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{
		UserPoolId: aws.String(poolID),
		ClientId:   aws.String(id),
	})
	if err != nil {
		return nil, fmt.Errorf("provision: describe app client %s: %w", id, err)
	}
	return out.UserPoolClient, nil
}

// union returns have followed by the members of want it lacks.
func union[T comparable](have, want []T) []T {
	out := slices.Clone(have)
	for _, w := range want {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
